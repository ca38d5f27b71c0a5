/**
 * The cross-field rules of the ECS API that a schema cannot say, one per module (ajv's
 * vocabularies), listed here in the order they run and report. A new rule is a new module and
 * one line in a list.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import type { ValidationContext } from '../context.js';
import { containerBasics } from './container-basics.js';
import { fargate } from './fargate.js';
import { healthChecks } from './health-checks.js';
import { memoryLimits } from './memory-limits.js';
import { plaintextCredentials } from './plaintext-credentials.js';
import { ports } from './ports.js';
import { references } from './references.js';
import type { Rule } from './rule.js';
import { serviceBasics } from './service-basics.js';
import { taskLimits } from './task-limits.js';

export { checkLoadBalancers } from './load-balancers.js';
export type { Rule } from './rule.js';

/** The rules of a task definition, in order. */
export const taskDefinitionRules: readonly Rule[] = [containerBasics, references, ports, healthChecks, taskLimits, fargate, plaintextCredentials, memoryLimits];

/** The rules of a service, in order (the rules that need its task definition run once paired: checkLoadBalancers). */
export const serviceRules: readonly Rule[] = [serviceBasics];

export function runRules(doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext = {}): void {
  for (const rule of doc.kind === 'taskDefinition' ? taskDefinitionRules : serviceRules) rule(doc, diagnostics, context);
}
