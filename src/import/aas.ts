/**
 * The only module that loads @aws-sdk/client-application-auto-scaling (dynamically, like the
 * ECS client in ./aws.ts, with the same credentials, region, endpoint, retries and timeouts):
 * the scaling of the imported services, read with three read-only calls, each paginated
 * (NextToken, a bounded number of pages, a token seen twice is an error).
 */
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { classify, clientConfig, loadSdk, rememberSessionToken, SESSION_TOKEN_STEP, type AwsOptions } from './aws.js';
import { ImportError, type AasOperation } from './errors.js';
import { credentialSecrets } from './secrets.js';
import type { Obj } from '../model/values.js';

export interface AasApi {
  /** DescribeScalableTargets for ECS services (at most 50 resource IDs per call). */
  describeScalableTargets(resourceIds: readonly string[]): Promise<Obj[]>;
  /** DescribeScalingPolicies of one ECS service. */
  describeScalingPolicies(resourceId: string): Promise<Obj[]>;
  /** DescribeScheduledActions of one ECS service. */
  describeScheduledActions(resourceId: string): Promise<Obj[]>;
  destroy(): void;
}

/** DescribeScalableTargets takes at most 50 ResourceIds. */
export const TARGETS_BATCH = 50;
/** No service has more pages than this; a server that keeps paging is cut off. */
export const MAX_PAGES = 1000;
const DIMENSION = 'ecs:service:DesiredCount';

export async function createAasApi(o: AwsOptions): Promise<AasApi> {
  const sdk = await loadSdk<typeof import('@aws-sdk/client-application-auto-scaling')>('@aws-sdk/client-application-auto-scaling');
  const secrets = credentialSecrets(o.env);
  const client: ApplicationAutoScalingClient = new sdk.ApplicationAutoScalingClient(clientConfig(o, secrets));
  client.middlewareStack.add(rememberSessionToken(secrets), SESSION_TOKEN_STEP);
  const region = async () => {
    try {
      return await client.config.region();
    } catch {
      return undefined;
    }
  };
  async function pages(op: AasOperation, subject: string, call: (token: string | undefined) => Promise<{ items: Obj[]; next: string | undefined }>): Promise<Obj[]> {
    const out: Obj[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= MAX_PAGES) throw new ImportError('aws-error', `application-autoscaling:${op} returned more than ${MAX_PAGES} pages for ${subject}: giving up`);
      let r;
      try {
        r = await call(token);
      } catch (e) {
        const profile = o.profile ?? (o.env['AWS_PROFILE'] || undefined);
        throw classify(e, { op, subject, endpoint: o.endpoint, region: await region(), maxAttempts: o.maxAttempts, env: o.env, secrets, ...(profile !== undefined && { profile }) });
      }
      out.push(...r.items);
      token = r.next || undefined;
      if (token === undefined) return out;
      if (seen.has(token)) throw new ImportError('aws-error', `application-autoscaling:${op} returned the same NextToken twice for ${subject}: giving up`);
      seen.add(token);
    }
  }
  const plain = (x: unknown) => x as unknown as Obj[];
  return {
    describeScalableTargets: (ids) =>
      pages('DescribeScalableTargets', `${ids.length} service${ids.length === 1 ? '' : 's'}`, async (NextToken) => {
        const r = await client.send(
          new sdk.DescribeScalableTargetsCommand({ ServiceNamespace: 'ecs', ResourceIds: [...ids], ScalableDimension: DIMENSION, MaxResults: 50, ...(NextToken && { NextToken }) }),
        );
        return { items: plain(r.ScalableTargets ?? []), next: r.NextToken };
      }),
    describeScalingPolicies: (id) =>
      pages('DescribeScalingPolicies', id, async (NextToken) => {
        const r = await client.send(new sdk.DescribeScalingPoliciesCommand({ ServiceNamespace: 'ecs', ResourceId: id, ScalableDimension: DIMENSION, MaxResults: 10, ...(NextToken && { NextToken }) }));
        return { items: plain(r.ScalingPolicies ?? []), next: r.NextToken };
      }),
    describeScheduledActions: (id) =>
      pages('DescribeScheduledActions', id, async (NextToken) => {
        const r = await client.send(
          new sdk.DescribeScheduledActionsCommand({ ServiceNamespace: 'ecs', ResourceId: id, ScalableDimension: DIMENSION, MaxResults: 50, ...(NextToken && { NextToken }) }),
        );
        return { items: plain(r.ScheduledActions ?? []), next: r.NextToken };
      }),
    destroy: () => client.destroy(),
  };
}
