/**
 * AWS ARN formats the two sides share (AWS General Reference, "Amazon Resource Names"; Secrets
 * Manager and Systems Manager user guides): a secret or parameter reference, whoever holds it.
 */

export interface SecretRef {
  service: 'secretsmanager' | 'ssm';
  name: string;
  jsonKey?: string;
  stage?: string;
  version?: string;
  account?: string;
  region?: string;
}

/**
 * Secrets Manager ARNs end in the secret name and a hyphen with six random characters
 * ("arn:aws:secretsmanager:Region:AccountId:secret:SecretName-6RandomCharacters"); ECS appends
 * ":json-key:version-stage:version-id" to pick a JSON key or a version. Parameter ARNs end in
 * "parameter/name" (a path keeps its leading slash: parameter/a/b is /a/b).
 */
export function parseSecretRef(valueFrom: string): SecretRef {
  const sm = /^arn:aws[a-z-]*:secretsmanager:([^:]*):([^:]*):secret:([^:]+)(?::([^:]*))?(?::([^:]*))?(?::([^:]*))?$/.exec(valueFrom);
  if (sm) {
    const ref: SecretRef = { service: 'secretsmanager', name: sm[3]!.replace(/-[A-Za-z0-9]{6}$/, ''), region: sm[1]!, account: sm[2]! };
    if (sm[4]) ref.jsonKey = sm[4];
    if (sm[5]) ref.stage = sm[5];
    if (sm[6]) ref.version = sm[6];
    return ref;
  }
  const ssm = /^arn:aws[a-z-]*:ssm:([^:]*):([^:]*):parameter(\/.*)$/.exec(valueFrom);
  if (ssm) {
    const path = ssm[3]!;
    return { service: 'ssm', name: path.indexOf('/', 1) > 0 ? path : path.slice(1), region: ssm[1]!, account: ssm[2]! };
  }
  return { service: 'ssm', name: valueFrom };
}
