/**
 * ApplySets (KEP-3659), one per namespace of the bundle. The parent is a ConfigMap named
 * `applyset-ecs2k8s` in that namespace (a ConfigMap rather than kubectl's default Secret: it
 * holds no secret, and reading it needs no access to Secrets):
 *
 *   labels:      applyset.kubernetes.io/id: applyset-<base64url(sha256("<name>.<namespace>.ConfigMap."))>-v1
 *   annotations: applyset.kubernetes.io/tooling: ecs2k8s/<version>
 *                applyset.kubernetes.io/contains-group-kinds: Deployment.apps,Namespace,Service,…
 *
 * Every object applied in that namespace folder (its Namespace and PersistentVolumes included)
 * carries `applyset.kubernetes.io/part-of: <id>`. The labels are added in memory at apply time;
 * the bundle on disk never carries them.
 */
import { createHash } from 'node:crypto';
import { VERSION } from '../version.js';
import { splitApiVersion, type Obj } from './client.js';

export const PARENT_NAME = 'applyset-ecs2k8s';
export const ID_LABEL = 'applyset.kubernetes.io/id';
export const PART_OF_LABEL = 'applyset.kubernetes.io/part-of';
export const TOOLING_ANNOTATION = 'applyset.kubernetes.io/tooling';
export const GROUP_KINDS_ANNOTATION = 'applyset.kubernetes.io/contains-group-kinds';
export const TOOLING = `ecs2k8s/${VERSION}`;

/** The KEP's ID: base64url (no padding) of sha256 of `<name>.<namespace>.<kind>.<group>`. */
export function applySetId(namespace: string, name = PARENT_NAME, kind = 'ConfigMap', group = ''): string {
  const hash = createHash('sha256').update(`${name}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
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

export function parentObject(namespace: string, groupKinds: Iterable<string>): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: PARENT_NAME,
      namespace,
      labels: { [ID_LABEL]: applySetId(namespace), 'app.kubernetes.io/managed-by': 'ecs2k8s' },
      annotations: { [TOOLING_ANNOTATION]: TOOLING, [GROUP_KINDS_ANNOTATION]: [...new Set(groupKinds)].sort().join(',') },
    },
  };
}

/** Why a live parent may not be used by ecs2k8s, or undefined when it may. */
export function refuseParent(live: Obj | undefined, namespace: string): string | undefined {
  if (!live) return undefined;
  const meta = (live['metadata'] ?? {}) as { labels?: Record<string, string>; annotations?: Record<string, string> };
  const id = meta.labels?.[ID_LABEL];
  const tooling = meta.annotations?.[TOOLING_ANNOTATION];
  const where = `ConfigMap ${namespace}/${PARENT_NAME}`;
  if (id === undefined) return `${where} exists and is not an ApplySet parent (no ${ID_LABEL} label): ecs2k8s will not take it over; rename or delete it`;
  if (id !== applySetId(namespace)) return `${where} carries the ApplySet id ${id}, not ${applySetId(namespace)}: refusing to use it`;
  if (tooling === undefined) return `${where} has no ${TOOLING_ANNOTATION} annotation: refusing to manage an ApplySet whose tool is unknown`;
  if (!tooling.startsWith('ecs2k8s/')) return `the ApplySet ${where} belongs to another tool (${TOOLING_ANNOTATION}: ${tooling}): ecs2k8s does not change or prune it`;
  return undefined;
}

/** The group-kinds a live parent lists. */
export function listedGroupKinds(live: Obj | undefined): string[] {
  const ann = ((live?.['metadata'] ?? {}) as { annotations?: Record<string, string> }).annotations?.[GROUP_KINDS_ANNOTATION];
  return ann ? ann.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

/** A copy of obj with the part-of label (the bundle's own object is never changed). */
export function withPartOf(obj: Obj, id: string): Obj {
  const copy = structuredClone(obj);
  const meta = (copy['metadata'] ??= {}) as { labels?: Record<string, string> };
  meta.labels = { ...meta.labels, [PART_OF_LABEL]: id };
  return copy;
}
