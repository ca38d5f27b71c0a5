/**
 * The cross-field rules of the ECS and Application Auto Scaling APIs that a schema cannot say,
 * one per module (ajv's vocabularies), listed here in the order they run and report. A new rule
 * is a new module and one line in a list.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import type { ValidationContext } from '../context.js';
import { applicationAutoScaling } from './application-auto-scaling.js';
import { containerBasics } from './container-basics.js';
import { fargate } from './fargate.js';
import { healthChecks } from './health-checks.js';
import { memoryLimits } from './memory-limits.js';
import { placeholders } from './placeholders.js';
import { plaintextCredentials } from './plaintext-credentials.js';
import { ports } from './ports.js';
import { references } from './references.js';
import type { Rule } from './rule.js';
import { serviceBasics } from './service-basics.js';
import { taskLimits } from './task-limits.js';

export { checkLoadBalancers } from './load-balancers.js';
export type { Rule } from './rule.js';

/** The rules of a task definition, in order. */
export const taskDefinitionRules: readonly Rule[] = [containerBasics, references, ports, healthChecks, taskLimits, fargate, plaintextCredentials, memoryLimits, placeholders];

/** The rules of a service, in order (the rules that need its task definition run once paired: checkLoadBalancers). */
export const serviceRules: readonly Rule[] = [serviceBasics, placeholders];

/** The rules of an Application Auto Scaling scalable target, scaling policy or scheduled action. */
export const scalingRules: readonly Rule[] = [applicationAutoScaling];

/** The rules of each document kind; a CodeDeploy deployment group and a CloudWatch alarm have none beyond their schemas. */
const RULES: Record<EcsDocument['kind'], readonly Rule[]> = {
  taskDefinition: taskDefinitionRules,
  service: serviceRules,
  scalableTarget: scalingRules,
  scalingPolicy: scalingRules,
  scheduledAction: scalingRules,
  deploymentGroup: [],
  metricAlarm: [],
};

export function runRules(doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext = {}): void {
  for (const rule of RULES[doc.kind]) rule(doc, diagnostics, context);
}
