/**
 * The rules an API server enforces in Go code and the OpenAPI schema does not carry
 * (k8s.io/kubernetes pkg/apis/core/validation, apimachinery validation.Is*): one pure function
 * per module over a plain JSON object, listed here in the order their findings are reported
 * (ajv's vocabularies). Each finding has a stable code (K8S_ISSUE_CODES in src/codes.ts), a JSON
 * Pointer into the object and a message naming the field, the value and what is wrong.
 *
 * Two rules are for kinds that ecs2k8s does not emit yet: podDisruptionBudget (the equivalence
 * work emits PodDisruptionBudgets from minimumHealthyPercent) and horizontalPodAutoscaler
 * (Application Auto Scaling becomes HorizontalPodAutoscalers). Both kinds are in the generated
 * validators already.
 */
import type { Obj } from '../../../model/values.js';
import { configKeys } from './config-keys.js';
import { containerNames } from './container-names.js';
import { containerPorts } from './container-ports.js';
import { containerResources } from './container-resources.js';
import { cronSchedule } from './cron-schedule.js';
import { envNames } from './env-names.js';
import { horizontalPodAutoscaler } from './horizontal-pod-autoscaler.js';
import { ingressPaths } from './ingress-paths.js';
import { initContainerFields } from './init-container-fields.js';
import { metadataLabels } from './metadata-labels.js';
import { noNulls } from './no-nulls.js';
import { objectName } from './object-name.js';
import { objectNamespace } from './object-namespace.js';
import { podDisruptionBudget } from './pod-disruption-budget.js';
import { probes } from './probes.js';
import { restartPolicy } from './restart-policy.js';
import type { Report, Rule, RuleIssue } from './rule.js';
import { selectorMatchesTemplate } from './selector-matches-template.js';
import { servicePorts } from './service-ports.js';
import { volumes } from './volumes.js';

export type { Rule, RuleIssue } from './rule.js';

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  noNulls,
  objectName,
  objectNamespace,
  metadataLabels,
  selectorMatchesTemplate,
  restartPolicy,
  initContainerFields,
  containerNames,
  containerPorts,
  volumes,
  envNames,
  probes,
  containerResources,
  servicePorts,
  configKeys,
  cronSchedule,
  podDisruptionBudget,
  horizontalPodAutoscaler,
  ingressPaths,
];

/** Runs every rule on an object of a known kind ("apps/v1/Deployment"). */
export function checkRules(o: Obj, gvk: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report: Report = (code, pointer, message) => issues.push({ code, pointer, message });
  for (const rule of RULES) rule(o, gvk, report);
  return issues;
}
