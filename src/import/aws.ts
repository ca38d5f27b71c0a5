/**
 * The only module that loads @aws-sdk/client-ecs (dynamically, so that `validate` and `build`
 * never pay for it; scripts/build.mjs keeps it external). Three read-only calls, and the mapping
 * of every failure a user meets to one clear line (ImportError).
 *
 * Credentials, region and profile come from the SDK's default chain (environment, shared config
 * and credentials files, SSO, credential_process, web identity, container and instance
 * metadata); `profile`, `region` and `endpoint` are passed only when given. Retries: the SDK's
 * standard retry mode (exponential backoff with jitter, throttling errors included).
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { ImportError, PERMISSIONS, permissionOf, type AasOperation, type EcsOperation } from './errors.js';
import { profileNames } from './profiles.js';
import { credentialSecrets } from './secrets.js';
import type { Redactor } from '../cluster/redact.js';
import { importExternal } from '../external.js';

export interface AwsOptions {
  region?: string;
  profile?: string;
  endpoint?: string;
  /** Attempts per call, the first included (standard retry mode). */
  maxAttempts: number;
  /** The environment, to scrub secrets out of messages (never printed otherwise). */
  env: Record<string, string | undefined>;
  /** Receives the SDK's warnings, each as one line. */
  onWarning?: (line: string) => void;
}

export interface DescribeServicesResult {
  services: Record<string, unknown>[];
  failures: { arn?: string; reason?: string; detail?: string }[];
}

export interface DescribeTaskDefinitionResult {
  taskDefinition: Record<string, unknown>;
  tags: unknown[];
}

export interface EcsApi {
  /** Every service ARN of the cluster (ListServices, following nextToken); `onPage` after each page. */
  listServiceArns(cluster: string, onPage?: (pages: number, services: number) => void): Promise<string[]>;
  /** DescribeServices (with TAGS) for at most 10 names or ARNs. */
  describeServices(cluster: string, services: readonly string[]): Promise<DescribeServicesResult>;
  /** DescribeTaskDefinition (with TAGS). */
  describeTaskDefinition(taskDefinition: string): Promise<DescribeTaskDefinitionResult>;
  /** The region the calls go to, when one is configured. */
  region(): Promise<string | undefined>;
  destroy(): void;
}

/** ListServices page size: the most the API allows. */
export const LIST_PAGE_SIZE = 100;
/**
 * Most ListServices pages followed: 1,000 pages of 100 is 100,000 services, twenty times the
 * default quota of 5,000 services per cluster. An endpoint that hands out a new nextToken for
 * ever (a broken proxy or mock) stops here instead of running until killed.
 */
export const MAX_LIST_PAGES = 1_000;
/** DescribeServices takes at most 10 services per call. */
export const DESCRIBE_BATCH = 10;
/** Without a connection in this time the endpoint counts as unreachable (the attempt is retried). */
const CONNECTION_TIMEOUT_MS = 5_000;
/** A response that takes longer than this counts as lost (the attempt is retried). */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * The configuration every AWS SDK client of import shares: credentials chain, region, endpoint,
 * retries, timeouts, one-line warnings with every credential in `secrets` blotted out.
 */
export function clientConfig(o: AwsOptions, secrets: Redactor) {
  return {
    ...(o.region !== undefined && { region: o.region }),
    ...(o.profile !== undefined && { profile: o.profile }),
    ...(o.endpoint !== undefined && { endpoint: o.endpoint }),
    maxAttempts: o.maxAttempts,
    retryMode: 'standard',
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    // The SDK's own warnings (several lines on the console otherwise) become one-line notes.
    logger: {
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: (...parts: unknown[]) => o.onWarning?.(sdkWarning(parts.map(String).join(' '), o.env, secrets)),
      error: () => undefined,
    },
  };
}

/**
 * A middleware that adds the session token each signed request carries, whatever credential
 * source gave it, to `secrets` (add it to every client: `client.middlewareStack.add(…,
 * SESSION_TOKEN_STEP)`).
 */
export function rememberSessionToken(secrets: Redactor) {
  return <A extends { request: unknown }, R>(next: (args: A) => Promise<R>) =>
    async (args: A): Promise<R> => {
      const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers ?? {};
      for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === 'x-amz-security-token') secrets.add(v);
      return next(args);
    };
}
export const SESSION_TOKEN_STEP = { step: 'deserialize', name: 'ecs2k8sRememberSessionToken', priority: 'low' } as const;

/** Loads an AWS SDK client package; a failure is the one-line aws-sdk-missing error. */
export async function loadSdk<T>(pkg: '@aws-sdk/client-ecs' | '@aws-sdk/client-application-auto-scaling'): Promise<T> {
  // The SDK warns on stderr, in several lines, that its releases from 2027 need Node 22; ecs2k8s
  // pins its SDK version, so the warning would only get in the way of one-line errors.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  try {
    return await importExternal<T>(pkg);
  } catch (e) {
    throw new ImportError('aws-sdk-missing', `cannot load ${pkg} (${(e as Error).message.split('\n')[0]}): reinstall ecs2k8s with its dependencies`);
  }
}

/**
 * A profile (--profile or AWS_PROFILE) that neither shared file has fails here, saying so: later
 * it would fail on whatever the SDK misses first (often the region).
 */
export async function checkProfile(o: AwsOptions): Promise<void> {
  const named = o.profile ?? (o.env['AWS_PROFILE'] || undefined);
  if (named === undefined || named === 'default') return;
  const { names, files } = await profileNames(o.env);
  if (names.includes(named)) return;
  const known = names.length > 0 ? `the profiles there: ${names.map((n) => JSON.stringify(n)).join(', ')}` : 'neither file names a profile';
  throw new ImportError(
    'aws-profile-not-found',
    `the AWS profile ${JSON.stringify(named)} (${o.profile !== undefined ? '--profile' : 'AWS_PROFILE'}) is in neither ${files.join(' nor ')} (${known}): check the name, or create it with aws configure --profile ${named}`,
  );
}

export async function createEcsApi(o: AwsOptions): Promise<EcsApi> {
  const sdk = await loadSdk<typeof import('@aws-sdk/client-ecs')>('@aws-sdk/client-ecs');
  await checkProfile(o);
  const secrets = credentialSecrets(o.env);
  const client: ECSClient = new sdk.ECSClient(clientConfig(o, secrets));
  client.middlewareStack.add(rememberSessionToken(secrets), SESSION_TOKEN_STEP);
  const region = async (): Promise<string | undefined> => {
    try {
      return await client.config.region();
    } catch {
      return undefined;
    }
  };
  const fail = async (op: EcsOperation, e: unknown, subject: string): Promise<never> => {
    const profile = o.profile ?? (o.env['AWS_PROFILE'] || undefined);
    throw classify(e, { op, subject, endpoint: o.endpoint, region: await region(), maxAttempts: o.maxAttempts, env: o.env, secrets, ...(profile !== undefined && { profile }) });
  };
  return {
    async listServiceArns(cluster, onPage) {
      const arns: string[] = [];
      const seen = new Set<string>();
      let nextToken: string | undefined;
      const seenTokens = new Set<string>();
      let pages = 0;
      do {
        if (++pages > MAX_LIST_PAGES) {
          throw new ImportError(
            'aws-error',
            `ecs:ListServices gave a new nextToken for ${MAX_LIST_PAGES} pages (${arns.length} services) of cluster ${JSON.stringify(cluster)}, more than a cluster holds (the default quota is 5,000 services): giving up; name the services with --service, or check the endpoint and any proxy`,
          );
        }
        let out;
        try {
          out = await client.send(new sdk.ListServicesCommand({ cluster, maxResults: LIST_PAGE_SIZE, ...(nextToken !== undefined && { nextToken }) }));
        } catch (e) {
          return fail('ListServices', e, `cluster ${JSON.stringify(cluster)}`);
        }
        const page = out.serviceArns ?? [];
        const fresh = page.filter((a) => !seen.has(a));
        // a page of services seen before, with yet another token: the listing goes round in circles
        if (page.length > 0 && fresh.length === 0 && out.nextToken) {
          throw new ImportError(
            'aws-error',
            `ecs:ListServices returned the same services again under a new nextToken (page ${pages}) for cluster ${JSON.stringify(cluster)}: giving up; check the endpoint and any proxy`,
          );
        }
        for (const a of fresh) seen.add(a);
        arns.push(...fresh);
        onPage?.(pages, arns.length);
        nextToken = out.nextToken || undefined;
        // A token seen before would loop forever: the API never does that, a broken proxy might.
        if (nextToken !== undefined) {
          if (seenTokens.has(nextToken)) throw new ImportError('aws-error', `ecs:ListServices returned the same nextToken twice for cluster ${JSON.stringify(cluster)}: giving up`);
          seenTokens.add(nextToken);
        }
      } while (nextToken !== undefined);
      return arns;
    },
    async describeServices(cluster, services) {
      try {
        const out = await client.send(new sdk.DescribeServicesCommand({ cluster, services: [...services], include: ['TAGS'] }));
        return {
          services: (out.services ?? []) as unknown as Record<string, unknown>[],
          failures: (out.failures ?? []).map((f) => ({
            ...(f.arn !== undefined && { arn: f.arn }),
            ...(f.reason !== undefined && { reason: f.reason }),
            ...(f.detail !== undefined && { detail: f.detail }),
          })),
        };
      } catch (e) {
        return fail('DescribeServices', e, `cluster ${JSON.stringify(cluster)}`);
      }
    },
    async describeTaskDefinition(taskDefinition) {
      try {
        const out = await client.send(new sdk.DescribeTaskDefinitionCommand({ taskDefinition, include: ['TAGS'] }));
        if (!out.taskDefinition) throw new ImportError('aws-error', `ecs:DescribeTaskDefinition returned no task definition for ${taskDefinition}`);
        return { taskDefinition: out.taskDefinition as unknown as Record<string, unknown>, tags: out.tags ?? [] };
      } catch (e) {
        if (e instanceof ImportError) throw e;
        return fail('DescribeTaskDefinition', e, `task definition ${taskDefinition}`);
      }
    },
    region,
    destroy: () => client.destroy(),
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  'SlowDown',
]);
const REJECTED_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'IncompleteSignature',
  'MissingAuthenticationTokenException',
]);

export interface Context {
  op: EcsOperation | AasOperation;
  subject: string;
  endpoint: string | undefined;
  region: string | undefined;
  maxAttempts: number;
  env: Record<string, string | undefined>;
  /** Every credential known (credentialSecrets): blotted out of every message. */
  secrets?: Redactor;
  /** The profile in use (--profile or AWS_PROFILE), to name it. */
  profile?: string;
}

function sdkWarning(text: string, env: Record<string, string | undefined>, secrets?: Redactor): string {
  if (/multiple credential sources detected/i.test(text)) {
    return 'both a profile (--profile or AWS_PROFILE) and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are set: the profile is used';
  }
  return `AWS SDK: ${oneLine(text, env, secrets)}`;
}

/** One line, at most 300 characters, with every known credential blotted out (the environment's at least). */
export function oneLine(s: string, env: Record<string, string | undefined>, secrets: Redactor = credentialSecrets(env)): string {
  let t = secrets.redact(s.replace(/\s+/g, ' ').trim());
  for (const k of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) {
    const v = env[k];
    if (v && v.length >= 4) t = t.split(v).join('[redacted]');
  }
  return t.length > 300 ? `${t.slice(0, 297)}...` : t;
}

function errnoCode(e: unknown, depth = 0): string | undefined {
  if (typeof e !== 'object' || e === null || depth > 5) return undefined;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  return errnoCode((e as { cause?: unknown }).cause, depth + 1);
}

/** Maps an SDK failure to an ImportError: one line that says what to do, never credentials. */
export function classify(e: unknown, c: Context): ImportError {
  if (e instanceof ImportError) return e;
  const err = (typeof e === 'object' && e !== null ? e : { message: String(e) }) as { name?: string; message?: string; $metadata?: { attempts?: number; httpStatusCode?: number } };
  const name = err.name ?? 'Error';
  const message = oneLine(err.message ?? '', c.env, c.secrets);
  const attempts = err.$metadata?.attempts ?? c.maxAttempts;
  const permission = permissionOf(c.op);
  const regionText = c.region ? ` in region ${c.region}` : '';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /could not load credentials/i.test(message)) {
    const detail = /could not load credentials from any providers/i.test(message) ? '' : ` (${message})`;
    const forProfile = c.profile !== undefined ? ` for the profile ${JSON.stringify(c.profile)}` : '';
    return new ImportError(
      'aws-no-credentials',
      `no usable AWS credentials${forProfile}${detail}: set AWS_PROFILE or --profile (after aws sso login for SSO profiles), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; ecs2k8s looks where the AWS CLI looks`,
    );
  }
  if (/region is missing/i.test(message) || name === 'RegionMissingError') {
    return new ImportError('aws-no-region', 'no AWS region: pass --region, set AWS_REGION, or set region in the profile (~/.aws/config)');
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'UnauthorizedOperation' || (err.$metadata?.httpStatusCode === 403 && !REJECTED_CREDENTIALS.has(name))) {
    return new ImportError(
      'aws-access-denied',
      `access denied to ${permission} on ${c.subject}${regionText}: allow ${permission} for these credentials (import needs ${PERMISSIONS.join(', ')})${message ? `; AWS says: ${message}` : ''}`,
    );
  }
  if (REJECTED_CREDENTIALS.has(name)) {
    return new ImportError(
      'aws-credentials-rejected',
      `AWS rejected the credentials on ${permission} (${name}${message ? `: ${message}` : ''}): check that they are current and belong to the account you mean (aws sts get-caller-identity)`,
    );
  }
  if (THROTTLING.has(name) || err.$metadata?.httpStatusCode === 429) {
    return new ImportError(
      'aws-throttled',
      `AWS throttled ${permission} on ${c.subject} and still did after ${attempts} attempts: try again later, or allow more attempts with AWS_MAX_ATTEMPTS (now ${c.maxAttempts})`,
    );
  }
  if (name === 'ClusterNotFoundException') {
    return new ImportError(
      'aws-cluster-not-found',
      `${c.subject.replace(/^cluster/, 'the cluster')} does not exist${regionText}${c.endpoint ? ` at ${c.endpoint}` : ''}: check --cluster, and --region / --profile (ECS clusters are per region and account)`,
    );
  }
  if (name === 'ServiceNotFoundException') {
    return new ImportError('aws-service-not-found', `a service named on ${c.subject} does not exist${regionText}: check --service`);
  }
  const net = errnoCode(e);
  if (net !== undefined || name === 'TimeoutError' || name === 'AbortError') {
    const target = c.endpoint ?? `the ECS endpoint${regionText}`;
    return new ImportError(
      'aws-unreachable',
      `cannot reach ${target} (${net ?? name}) after ${attempts} attempt${attempts === 1 ? '' : 's'}: check ${c.endpoint ? '--endpoint-url' : '--region'}, the network, and any proxy`,
    );
  }
  return new ImportError('aws-error', `${permission} on ${c.subject} failed: ${name}${message ? `: ${message}` : ''}`);
}
