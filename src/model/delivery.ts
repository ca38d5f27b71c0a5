/**
 * Typed views of the validated delivery documents beside a service: Application Auto Scaling
 * targets, policies and scheduled actions, CloudWatch metric alarms, CodeDeploy deployment groups.
 * As for the ECS documents (./ecs.ts), validation proves what the generated types say, and
 * conversion runs only on documents that validated without an error; the one cast from a
 * document's value to its type lives here. Describe-only members stay `unknown`.
 */
import type { EcsDocument } from '../load/shapes.js';
import type { DocumentKind } from '../load/document.js';
import type { AasScalableTarget, AasScalingPolicy, AasScheduledAction } from './generated/aas.js';
import type { CloudWatchMetricAlarm } from './generated/cloudwatch.js';
import type { CodeDeployDeploymentGroup } from './generated/codedeploy.js';

export type { AasScalableTarget, AasScalingPolicy, AasScheduledAction, CloudWatchMetricAlarm, CodeDeployDeploymentGroup };
export type { TargetTrackingScalingPolicyConfiguration, PredefinedMetricSpecification } from './generated/aas.js';
export type { Metric as CloudWatchMetric } from './generated/cloudwatch.js';

/** The value of a document of one of `kinds`, as its type. */
function valueOf<T>(doc: EcsDocument, ...kinds: DocumentKind[]): T {
  if (!kinds.includes(doc.kind)) throw new Error(`internal: ${doc.source.file}${doc.pointer} is a ${doc.kind}, not a ${kinds.join(' or ')}`);
  return doc.value as unknown as T;
}

export const scalableTargetOf = (doc: EcsDocument): AasScalableTarget => valueOf(doc, 'scalableTarget');
export const scalingPolicyOf = (doc: EcsDocument): AasScalingPolicy => valueOf(doc, 'scalingPolicy');
export const scheduledActionOf = (doc: EcsDocument): AasScheduledAction => valueOf(doc, 'scheduledAction');
export const metricAlarmOf = (doc: EcsDocument): CloudWatchMetricAlarm => valueOf(doc, 'metricAlarm');
export const deploymentGroupOf = (doc: EcsDocument): CodeDeployDeploymentGroup => valueOf(doc, 'deploymentGroup');

/** A scalable target, scaling policy or scheduled action: the members all three carry. */
export const scalingDocumentOf = (doc: EcsDocument): Pick<AasScalableTarget, 'ServiceNamespace' | 'ScalableDimension' | 'ResourceId'> =>
  valueOf(doc, 'scalableTarget', 'scalingPolicy', 'scheduledAction');
