/**
 * Turns what the ECS API describes into the files `validate` and `build` read: a
 * RegisterTaskDefinition request (+ `tags`, + `revision`) per task definition revision and a
 * CreateService request per service. Pure: no SDK, no I/O.
 *
 * - Which members are read-only comes from the generated schemas (readOnlyMembers), never from a
 *   hand list, so a regenerated schema moves the line by itself.
 * - `revision` is the one read-only member kept: it is how `build` pairs a service's
 *   `family:revision` with the exact revision when a cluster runs several revisions of a family.
 * - Describe-only members with a request equivalent are translated (clusterArn → cluster,
 *   roleArn → role, taskDefinition ARN → family:revision, PRIMARY deployment or task set →
 *   the request's top-level members); the rest are dropped.
 * - Keys are sorted alphabetically at every depth (code-unit order), arrays keep their order;
 *   the text is JSON with two-space indentation and a final newline.
 */
import { readOnlyMembers, schemas, serviceMembers, taskDefinitionMembers } from '../model/schemas.js';
import { isObject } from '../model/values.js';
import { ImportError } from './errors.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** The read-only member kept in task definition files (see above). */
export const KEPT_READ_ONLY = new Set(['revision']);

const TD_READ_ONLY = readOnlyMembers(schemas.taskDefinition);
const SVC_READ_ONLY = readOnlyMembers(schemas.service);

/** Request members of CreateService that a describe output carries only inside the PRIMARY deployment or task set. */
const FROM_PRIMARY = [
  'taskDefinition',
  'platformVersion',
  'networkConfiguration',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
  'loadBalancers',
  'serviceRegistries',
] as const;

/**
 * A JSON value with every object's keys sorted; undefined and null members dropped (the API never
 * sends null; the SDK may leave undefined), Dates as ISO strings, non-finite numbers dropped.
 */
export function canonical(v: unknown): Json | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) return v.map(canonical).filter((x): x is Json => x !== undefined);
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const k of Object.keys(v).sort(compareKeys)) {
      if (k === '$metadata') continue;
      const c = canonical(v[k]);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return undefined; // functions, symbols, bigints: not JSON
}

/** Plain code-unit order (not locale order): the same on every machine. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file text of a document: canonical JSON, two-space indentation, LF, final newline. */
export function toFileText(doc: JsonObject): string {
  return JSON.stringify(canonical(doc), null, 2) + '\n';
}

export interface ImportedTaskDefinition {
  family: string;
  revision: number;
  arn: string | undefined;
  doc: JsonObject;
}

/** DescribeTaskDefinition output (`taskDefinition` + `tags`) → a RegisterTaskDefinition request with `tags` and `revision`. */
export function normaliseTaskDefinition(taskDefinition: Record<string, unknown>, tags: unknown): ImportedTaskDefinition {
  const family = taskDefinition['family'];
  const revision = taskDefinition['revision'];
  if (typeof family !== 'string' || family === '') throw new ImportError('aws-error', 'ecs:DescribeTaskDefinition returned a task definition without family');
  if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 1)
    throw new ImportError('aws-error', `ecs:DescribeTaskDefinition returned the task definition ${JSON.stringify(family)} without revision`);
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(taskDefinition)) {
    if (!taskDefinitionMembers.has(k)) continue; // not in the model this ecs2k8s was built from
    if (TD_READ_ONLY.has(k) && !KEPT_READ_ONLY.has(k)) continue;
    doc[k] = v;
  }
  if (Array.isArray(tags) && tags.length > 0) doc['tags'] = tags;
  const arn = typeof taskDefinition['taskDefinitionArn'] === 'string' ? taskDefinition['taskDefinitionArn'] : undefined;
  return { family, revision, arn, doc: (canonical(doc) ?? {}) as JsonObject };
}

const CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/;
const TASK_DEFINITION_ARN = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:task-definition\/(.+:\d+)$/;
/** The service-linked role ECS uses when CreateService names none; naming it is redundant. */
const SERVICE_LINKED_ROLE = /^arn:aws[a-z-]*:iam::\d*:role\/aws-service-role\/ecs\.amazonaws\.com\//;

/** A cluster name from a name or a cluster ARN. */
export function clusterNameOf(clusterOrArn: string): string {
  return CLUSTER_ARN.exec(clusterOrArn)?.[1] ?? clusterOrArn;
}

/** `family:revision` from a task definition ARN (or the value itself when it is not an ARN). */
export function taskDefinitionRefOf(ref: string): string {
  return TASK_DEFINITION_ARN.exec(ref)?.[1] ?? ref;
}

export interface ImportedService {
  serviceName: string;
  /** The task definition ARN (or reference) the service runs, as described. */
  taskDefinitionArn: string | undefined;
  doc: JsonObject;
}

/**
 * One service of a DescribeServices response → a CreateService request.
 * @param refOf maps a task definition ARN to `family:revision` (from the described task definitions).
 */
export function normaliseService(service: Record<string, unknown>, cluster: string, refOf: (arn: string) => string | undefined): ImportedService {
  const serviceName = service['serviceName'];
  if (typeof serviceName !== 'string' || serviceName === '') throw new ImportError('aws-error', 'ecs:DescribeServices returned a service without serviceName');
  const doc: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(service)) {
    if (!serviceMembers.has(k) || SVC_READ_ONLY.has(k)) continue;
    doc[k] = v;
  }
  // Describe-only members with a request equivalent.
  const clusterArn = service['clusterArn'];
  doc['cluster'] = typeof clusterArn === 'string' && clusterArn !== '' ? clusterNameOf(clusterArn) : clusterNameOf(cluster);
  const roleArn = service['roleArn'];
  if (typeof roleArn === 'string' && roleArn !== '' && !SERVICE_LINKED_ROLE.test(roleArn)) doc['role'] = roleArn;
  const primary = primaryOf(service);
  if (primary) {
    for (const k of FROM_PRIMARY) if (doc[k] === undefined && primary[k] !== undefined) doc[k] = primary[k];
    // A service has a launch type or a capacity provider strategy, never both.
    if (doc['launchType'] === undefined && doc['capacityProviderStrategy'] === undefined) {
      if (primary['capacityProviderStrategy'] !== undefined) doc['capacityProviderStrategy'] = primary['capacityProviderStrategy'];
      else if (primary['launchType'] !== undefined) doc['launchType'] = primary['launchType'];
    }
  }
  if (Array.isArray(doc['capacityProviderStrategy']) && doc['capacityProviderStrategy'].length > 0) delete doc['launchType'];
  else if (Array.isArray(doc['capacityProviderStrategy'])) delete doc['capacityProviderStrategy'];
  const td = doc['taskDefinition'];
  const taskDefinitionArn = typeof td === 'string' && td !== '' ? td : undefined;
  if (taskDefinitionArn !== undefined) doc['taskDefinition'] = refOf(taskDefinitionArn) ?? taskDefinitionRefOf(taskDefinitionArn);
  // CreateService refuses desiredCount for a DAEMON service; describe always reports one.
  if (doc['schedulingStrategy'] === 'DAEMON') delete doc['desiredCount'];
  if (Array.isArray(doc['tags']) && doc['tags'].length === 0) delete doc['tags'];
  return { serviceName, taskDefinitionArn, doc: (canonical(doc) ?? {}) as JsonObject };
}

/** The PRIMARY deployment (ECS controller) or, failing that, the PRIMARY task set (CODE_DEPLOY, EXTERNAL). */
function primaryOf(service: Record<string, unknown>): Record<string, unknown> | undefined {
  for (const list of [service['deployments'], service['taskSets']]) {
    if (!Array.isArray(list)) continue;
    const p = list.find((x): x is Record<string, unknown> => isObject(x) && x['status'] === 'PRIMARY');
    if (p) return p;
  }
  return undefined;
}
