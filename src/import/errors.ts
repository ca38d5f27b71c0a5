/** The failures of `ecs2k8s import`: each is one line on stderr and exit code 3. */

export type EcsOperation = 'ListServices' | 'DescribeServices' | 'DescribeTaskDefinition';
/** The Application Auto Scaling calls (src/import/aas.ts). */
export type AasOperation = 'DescribeScalableTargets' | 'DescribeScalingPolicies' | 'DescribeScheduledActions';

/** Every permission import needs (all read-only). */
export const PERMISSIONS = ['ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'] as const;
/** The permissions for the services' scaling (without them, import notes that scaling was not read and goes on). */
export const AAS_PERMISSIONS = ['application-autoscaling:DescribeScalableTargets', 'application-autoscaling:DescribeScalingPolicies', 'application-autoscaling:DescribeScheduledActions'] as const;

/** The IAM permission of an operation. */
export function permissionOf(op: EcsOperation | AasOperation): string {
  return op.startsWith('DescribeScal') || op === 'DescribeScheduledActions' ? `application-autoscaling:${op}` : `ecs:${op}`;
}

export type ImportErrorCode =
  | 'aws-no-credentials'
  | 'aws-credentials-rejected'
  | 'aws-no-region'
  | 'aws-profile-not-found'
  | 'aws-access-denied'
  | 'aws-throttled'
  | 'aws-cluster-not-found'
  | 'aws-service-not-found'
  | 'aws-unreachable'
  | 'aws-sdk-missing'
  | 'aws-error';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}
