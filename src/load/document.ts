/**
 * What every input file is unwrapped into (./shapes.ts, ./aas-shapes.ts): documents of one kind
 * each, in the request shape, with where they came from.
 */
import type { DocumentSource } from './source.js';

/** The ECS documents: a task definition and a service. */
export type EcsKind = 'taskDefinition' | 'service';
/** The Application Auto Scaling documents (the names the readers of infrastructure code use too). */
export type ScalingKind = 'scalableTarget' | 'scalingPolicy' | 'scheduledAction';
/** Every document kind: ECS, Application Auto Scaling, a CodeDeploy deployment group and a CloudWatch metric alarm. */
export type DocumentKind = EcsKind | ScalingKind | 'deploymentGroup' | 'metricAlarm';

export interface EcsDocument {
  kind: DocumentKind;
  source: DocumentSource;
  /** Pointer of the document inside its file: '' or '/taskDefinition' or '/services/2'. */
  pointer: string;
  value: Record<string, unknown>;
  /** Tags that DescribeTaskDefinition returns beside the definition, at `/tags`. */
  outerTags?: unknown;
  /**
   * The environment a reader translated this document for (Copilot's `environments:`): a build
   * compiles each environment's documents on its own, with the untagged ones, into base + overlays.
   */
  environment?: string;
  /** The namespace a reader puts the workload in when no ECS cluster names one (a Copilot job's `<app>-<env>`). */
  namespace?: string;
}
