/** The failures of `ecs2k8s import`: each is one line on stderr and exit code 3. */

export type EcsOperation = 'ListServices' | 'DescribeServices' | 'DescribeTaskDefinition';

/** Every permission import needs (all read-only). */
export const PERMISSIONS = ['ecs:ListServices', 'ecs:DescribeServices', 'ecs:DescribeTaskDefinition'] as const;

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
