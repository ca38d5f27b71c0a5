/**
 * What diff and apply share, decided before anything is written:
 *
 * - the REST mapping of every object (a kind the cluster does not serve fails the run up front);
 * - per namespace folder, the ApplySet parent (refused when another tool owns it) and the
 *   namespace: missing (this run creates it, and the parent records that), ours (the parent
 *   records that this ApplySet created it) or foreign (it existed before: never applied, never
 *   labelled, never pruned);
 * - the live copy of every object, which tells created / configured / unchanged apart and which
 *   ApplySet the object belongs to now (./membership.ts: an object of another bundle or tool
 *   stops the run).
 */
import { APPLY_ORDER } from '../bundle/layout.js';
import { applySetId, groupKindOf, listedGroupKinds, parentName, parentObject, recordsCreatedNamespace, refuseParent, withPartOf, type ApplySetName } from './applyset.js';
import type { ClusterClient, Mapping, Obj } from './client.js';
import { checkMembership, type Absorbed } from './membership.js';
import { keyOf, PlanError, type Folder, type NamespaceState, type Step } from './steps.js';
import type { Target } from './targets.js';

export { keyOf, PlanError, type Folder, type Step } from './steps.js';

export interface Plan {
  set: ApplySetName;
  steps: Step[];
  folders: Map<string, Folder>;
  keys: Set<string>;
  /** ecs2k8s ApplySets whose every object this bundle holds: their objects move here. */
  absorbed: Absorbed[];
  configMaps: Mapping;
  namespaces: Mapping;
}

const FOREIGN_NAMESPACE = 'it existed before and ecs2k8s did not create it: left as it is, outside the ApplySet (never labelled, never pruned)';

async function mappings(client: ClusterClient, targets: readonly Target[]): Promise<Map<string, Mapping>> {
  const out = new Map<string, Mapping>();
  const unserved = new Set<string>();
  for (const t of targets) {
    const gvk = `${t.object.apiVersion}/${t.object.kind}`;
    if (out.has(gvk)) continue;
    const m = await client.mapping(t.object.apiVersion, t.object.kind);
    if (m) out.set(gvk, m);
    else unserved.add(`${t.object.kind} (${t.object.apiVersion})`);
  }
  if (unserved.size > 0) {
    const crd = [...unserved].some((u) => u.includes('external-secrets.io')) ? ' (ExternalSecret needs the External Secrets Operator and its CRDs installed)' : '';
    throw new PlanError(`the cluster does not serve ${[...unserved].join(', ')}${crd}: nothing was applied`, 3);
  }
  return out;
}

export async function makePlan(client: ClusterClient, targets: readonly Target[], set: ApplySetName, note: (line: string) => void): Promise<Plan> {
  const byGvk = await mappings(client, targets);
  const configMaps = await client.mapping('v1', 'ConfigMap');
  const namespaces = await client.mapping('v1', 'Namespace');
  if (!configMaps || !namespaces) throw new PlanError('the cluster does not serve v1 ConfigMap/Namespace', 3);
  const folders = new Map<string, Folder>();
  const steps: Step[] = [];
  const keys = new Set<string>();
  const liveNamespaces = new Map<string, Obj | undefined>();
  for (const t of targets) {
    const m = byGvk.get(`${t.object.apiVersion}/${t.object.kind}`)!;
    const object = structuredClone(t.object) as unknown as Obj;
    const meta = object['metadata'] as { namespace?: string; name: string };
    if (m.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== t.folder) {
        throw new PlanError(`${t.source}: ${t.object.kind} ${meta.name} is in namespace ${meta.namespace} but in the folder ${t.folder}; one ApplySet holds one namespace`, 2);
      }
      meta.namespace = t.folder;
    } else delete meta.namespace;
    let f = folders.get(t.folder);
    if (!f) {
      const parent = parentName(set);
      const parentLive = await client.get(configMaps, t.folder, parent);
      const refusal = refuseParent(parentLive, t.folder, parent);
      if (refusal) throw new PlanError(refusal, 3);
      const nsLive = await client.get(namespaces, undefined, t.folder);
      liveNamespaces.set(t.folder, nsLive);
      const namespace: NamespaceState = !nsLive ? 'missing' : recordsCreatedNamespace(parentLive) ? 'ours' : 'foreign';
      f = { name: t.folder, parent, id: applySetId(parent, t.folder), parentLive, liveGroupKinds: listedGroupKinds(parentLive), groupKinds: new Set(), namespace };
      folders.set(t.folder, f);
    }
    const key = keyOf(t.object.apiVersion, t.object.kind, m.namespaced ? t.folder : undefined, meta.name);
    keys.add(key);
    const live =
      t.object.kind === 'Namespace' && meta.name === t.folder ? liveNamespaces.get(t.folder) : m.namespaced && f.namespace === 'missing' ? undefined : await client.get(m, meta.namespace, meta.name);
    steps.push({ object: withPartOf(object, f.id), mapping: m, folder: t.folder, key, ...(live && { live }) });
  }

  const absorbed = await checkMembership(client, { set, steps, folders, keys, configMaps }, note);
  for (const a of absorbed) {
    // an ApplySet taken over whole hands over its record of creating the namespace
    const f = folders.get(a.folder)!;
    if (f.namespace === 'foreign' && recordsCreatedNamespace(a.parent)) f.namespace = 'ours';
  }
  for (const s of steps) {
    const f = folders.get(s.folder)!;
    if (s.object['kind'] === 'Namespace' && f.namespace === 'foreign') s.keep = FOREIGN_NAMESPACE;
    else f.groupKinds.add(groupKindOf(String(s.object['apiVersion']), String(s.object['kind'])));
  }

  // parents come right after the Namespaces (they live in them), before everything else
  const firstOther = steps.findIndex((s) => s.object['kind'] !== 'Namespace');
  const parents: Step[] = [...folders.values()].map((f) => ({
    object: parentObject(set, f.name, [...f.liveGroupKinds, ...f.groupKinds], f.namespace !== 'foreign'),
    mapping: configMaps,
    folder: f.name,
    key: keyOf('v1', 'ConfigMap', f.name, f.parent),
    parent: true,
    ...(f.parentLive && { live: f.parentLive }),
  }));
  steps.splice(firstOther < 0 ? steps.length : firstOther, 0, ...parents);
  return { set, steps, folders, keys, absorbed, configMaps, namespaces };
}

/** Reverse apply order (what is deleted first), for pruning. */
export function deleteRank(kind: string, parent = false): number {
  if (kind === 'Namespace') return 0;
  if (parent) return 1;
  const i = APPLY_ORDER.indexOf(kind);
  return 2 + (i < 0 ? APPLY_ORDER.length : i);
}
