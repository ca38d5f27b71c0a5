/**
 * Modules a build of ECS JSON does not use, initialised on first use: the `yaml` library (../yaml.ts),
 * the compiled validators of the input schemas (a document that plainly conforms does not need
 * them: model/conforms.ts), the strict Kubernetes schemas that walk reads, the input schemas of Application Auto Scaling, CodeDeploy and
 * CloudWatch documents, and the project file's schema and validator. Creating their objects and initialising their code was part of
 * every start (docs/performance.md); a build now does it only when it reads such a document or
 * a project file.
 *
 * From src/ (tests, type checks) these are plain imports. The bundles replace this module
 * (scripts/lazy-modules.mjs) with the same functions around `require()` calls, which esbuild
 * bundles and runs on the first call.
 */
import * as yamlLibrary from 'yaml';
import scalableTargetSchema from '../schemas/aas-scalable-target.schema.json' with { type: 'json' };
import scalingPolicySchema from '../schemas/aas-scaling-policy.schema.json' with { type: 'json' };
import scheduledActionSchema from '../schemas/aas-scheduled-action.schema.json' with { type: 'json' };
import deploymentGroupSchema from '../schemas/codedeploy-deployment-group.schema.json' with { type: 'json' };
import metricAlarmSchema from '../schemas/cloudwatch-metric-alarm.schema.json' with { type: 'json' };
import configSchema from '../schemas/ecs2k8s-config.schema.json' with { type: 'json' };
import k8sSchema from '../schemas/k8s/kubernetes-strict.schema.json' with { type: 'json' };
import gitopsSchema from '../schemas/k8s/gitops-strict.schema.json' with { type: 'json' };
import * as ecsValidators from './validate/generated/ecs-validators.js';
import * as aasValidators from './validate/generated/aas-validators.js';
import * as codedeployValidators from './validate/generated/codedeploy-validators.js';
import * as cloudwatchValidators from './validate/generated/cloudwatch-validators.js';
import * as configValidator from './load/generated/config-validator.js';

export const lazy = {
  yaml: () => yamlLibrary,
  scalableTargetSchema: () => scalableTargetSchema,
  scalingPolicySchema: () => scalingPolicySchema,
  scheduledActionSchema: () => scheduledActionSchema,
  deploymentGroupSchema: () => deploymentGroupSchema,
  metricAlarmSchema: () => metricAlarmSchema,
  configSchema: () => configSchema,
  k8sSchema: () => k8sSchema,
  gitopsSchema: () => gitopsSchema,
  ecsValidators: () => ecsValidators,
  aasValidators: () => aasValidators,
  codedeployValidators: () => codedeployValidators,
  cloudwatchValidators: () => cloudwatchValidators,
  configValidator: () => configValidator,
};
