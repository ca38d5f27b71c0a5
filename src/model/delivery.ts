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
export type { StepScalingPolicyConfiguration, TargetTrackingScalingPolicyConfiguration, PredefinedMetricSpecification, CustomizedMetricSpecification } from './generated/aas.js';

function valueOf<T>(doc: EcsDocument, kind: DocumentKind): T {
  if (doc.kind !== kind) throw new Error(`internal: ${doc.source.file}${doc.pointer} is a ${doc.kind}, not a ${kind}`);
  return doc.value as unknown as T;
}

export const scalableTargetOf = (doc: EcsDocument): AasScalableTarget => valueOf(doc, 'scalableTarget');
export const scalingPolicyOf = (doc: EcsDocument): AasScalingPolicy => valueOf(doc, 'scalingPolicy');
export const scheduledActionOf = (doc: EcsDocument): AasScheduledAction => valueOf(doc, 'scheduledAction');
export const metricAlarmOf = (doc: EcsDocument): CloudWatchMetricAlarm => valueOf(doc, 'metricAlarm');
export const deploymentGroupOf = (doc: EcsDocument): CodeDeployDeploymentGroup => valueOf(doc, 'deploymentGroup');

/** A scalable target, scaling policy or scheduled action: the members all three carry. */
export function scalingDocumentOf(doc: EcsDocument): Pick<AasScalableTarget, 'ServiceNamespace' | 'ScalableDimension' | 'ResourceId'> {
  if (doc.kind !== 'scalableTarget' && doc.kind !== 'scalingPolicy' && doc.kind !== 'scheduledAction')
    throw new Error(`internal: ${doc.source.file}${doc.pointer} is a ${doc.kind}, not a scaling document`);
  return doc.value as unknown as AasScalableTarget;
}
