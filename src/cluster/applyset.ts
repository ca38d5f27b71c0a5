/**
 * ApplySets (KEP-3659): the identity of a bundle in the cluster. One ApplySet name per bundle
 * (`--applyset NAME`, else the project file's `applyset`, else derived from the bundle), and in
 * each namespace folder of the bundle a parent, the ConfigMap `applyset-<name>` (a ConfigMap
 * rather than kubectl's default Secret: it holds no secret, and reading it needs no access to
 * Secrets):
 *
 *   labels:      applyset.kubernetes.io/id: applyset-<base64url(sha256("applyset-<name>.<namespace>.ConfigMap."))>-v1
 *   annotations: applyset.kubernetes.io/tooling: ecs2k8s/<version>
 *                applyset.kubernetes.io/contains-group-kinds: Deployment.apps,Namespace,Service,…
 *                ecs2k8s.io/created-namespace: "true"   (only when this ApplySet created the namespace)
 *
 * Every object applied from that folder carries `applyset.kubernetes.io/part-of: <id>`, added
 * in memory at apply time (the bundle on disk never carries it). Two bundles have two names, so
 * two ids, so neither ever lists, labels or prunes the other's objects.
 */
import { createHash } from 'node:crypto';
import { VERSION } from '../version.js';
import { splitApiVersion, type Obj } from './client.js';

export const ID_LABEL = 'applyset.kubernetes.io/id';
export const PART_OF_LABEL = 'applyset.kubernetes.io/part-of';
export const TOOLING_ANNOTATION = 'applyset.kubernetes.io/tooling';
export const GROUP_KINDS_ANNOTATION = 'applyset.kubernetes.io/contains-group-kinds';
/** On a parent: this ApplySet created the namespace the parent lives in (so it may prune it). */
export const CREATED_NAMESPACE_ANNOTATION = 'ecs2k8s.io/created-namespace';
export const TOOLING = `ecs2k8s/${VERSION}`;

/** ecs2k8s 0.1's ApplySet, one per namespace whatever the bundle: the parent `applyset-ecs2k8s`. */
export const LEGACY_NAME = 'ecs2k8s';

export interface ApplySetName {
  name: string;
  /** Where the name came from, for messages. */
  from: '--applyset' | 'the project file' | 'the bundle';
}

export function parentName(set: { name: string }): string {
  return `applyset-${set.name}`;
}

/** The KEP's ID: base64url (no padding) of sha256 of `<name>.<namespace>.<kind>.<group>`. */
export function applySetId(parent: string, namespace: string, kind = 'ConfigMap', group = ''): string {
  const hash = createHash('sha256').update(`${parent}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
}

// Rollout: an Argo Rollouts Rollout, the workload of a service with progressive delivery.
const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'Rollout', 'Job', 'CronJob']);

/**
 * The name derived from a bundle: `bundle-` and 10 hex digits of sha256 over its workloads
 * (`folder/Kind/name`, sorted; every object when it has none). Two bundles with different
 * workloads never share it; a bundle whose workloads change gets a new one, which is why
 * `--prune` asks for a name that is given (see docs/diff-apply.md).
 */
export function derivedName(targets: readonly { folder: string; object: { kind: string; metadata: { name: string } } }[]): ApplySetName {
  const pick = targets.some((t) => WORKLOADS.has(t.object.kind)) ? targets.filter((t) => WORKLOADS.has(t.object.kind)) : targets;
  const keys = [...new Set(pick.map((t) => `${t.folder}/${t.object.kind}/${t.object.metadata.name}`))].sort();
  return { name: `bundle-${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 10)}`, from: 'the bundle' };
}

/** `Kind.group`, or `Kind` for the core group (schema.GroupKind.String()). */
export function groupKindOf(apiVersion: string, kind: string): string {
  const { group } = splitApiVersion(apiVersion);
  return group ? `${kind}.${group}` : kind;
}

export function parseGroupKind(gk: string): { group: string; kind: string } {
  const i = gk.indexOf('.');
  return i < 0 ? { group: '', kind: gk } : { group: gk.slice(i + 1), kind: gk.slice(0, i) };
}

export function parentObject(set: ApplySetName, namespace: string, groupKinds: Iterable<string>, createdNamespace: boolean): Obj {
  const name = parentName(set);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace,
      labels: { [ID_LABEL]: applySetId(name, namespace), 'app.kubernetes.io/managed-by': 'ecs2k8s' },
      annotations: {
        [TOOLING_ANNOTATION]: TOOLING,
        [GROUP_KINDS_ANNOTATION]: [...new Set(groupKinds)].sort().join(','),
        ...(createdNamespace && { [CREATED_NAMESPACE_ANNOTATION]: 'true' }),
      },
    },
  };
}

const metaOf = (o: Obj | undefined) => (o?.['metadata'] ?? {}) as { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

/** Why a live parent may not be used by ecs2k8s, or undefined when it may. */
export function refuseParent(live: Obj | undefined, namespace: string, name: string): string | undefined {
  if (!live) return undefined;
  const meta = metaOf(live);
  const id = meta.labels?.[ID_LABEL];
  const tooling = meta.annotations?.[TOOLING_ANNOTATION];
  const where = `ConfigMap ${namespace}/${name}`;
  const want = applySetId(name, namespace);
  if (id === undefined) return `${where} exists and is not an ApplySet parent (no ${ID_LABEL} label): ecs2k8s will not take it over; rename or delete it, or choose another --applyset`;
  if (id !== want) return `${where} carries the ApplySet id ${id}, not ${want}: refusing to use it`;
  if (tooling === undefined) return `${where} has no ${TOOLING_ANNOTATION} annotation: refusing to manage an ApplySet whose tool is unknown`;
  if (!isOurs(live)) return `the ApplySet ${where} belongs to another tool (${TOOLING_ANNOTATION}: ${tooling}): ecs2k8s does not change or prune it; choose another --applyset`;
  return undefined;
}

/** Whether a parent is ecs2k8s's (its tooling annotation). */
export function isOurs(parent: Obj | undefined): boolean {
  return metaOf(parent).annotations?.[TOOLING_ANNOTATION]?.startsWith('ecs2k8s/') === true;
}

/** Whether a parent records that its ApplySet created the namespace it lives in. */
export function recordsCreatedNamespace(parent: Obj | undefined): boolean {
  return metaOf(parent).annotations?.[CREATED_NAMESPACE_ANNOTATION] === 'true';
}

/** The group-kinds a live parent lists. */
export function listedGroupKinds(live: Obj | undefined): string[] {
  const ann = metaOf(live).annotations?.[GROUP_KINDS_ANNOTATION];
  return ann
    ? ann
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}

/** The ApplySet an object belongs to (its part-of label), or undefined. */
export function partOf(obj: Obj | undefined): string | undefined {
  return metaOf(obj).labels?.[PART_OF_LABEL];
}

/** A copy of obj with the part-of label (the bundle's own object is never changed). */
export function withPartOf(obj: Obj, id: string): Obj {
  const copy = structuredClone(obj);
  const meta = (copy['metadata'] ??= {}) as { labels?: Record<string, string> };
  meta.labels = { ...meta.labels, [PART_OF_LABEL]: id };
  return copy;
}
