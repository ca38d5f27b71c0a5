/**
 * What diff and apply share: the REST mapping of every object (checked before anything is sent,
 * so that a kind the cluster does not serve fails the whole run up front), the ApplySet of each
 * namespace folder (its live parent, refused when another tool owns it), and the prune
 * candidates: live objects labelled part-of this ApplySet, of the group-kinds its parent lists
 * or the bundle holds, that the bundle no longer contains.
 */
import { PARENT_NAME, PART_OF_LABEL, applySetId, groupKindOf, listedGroupKinds, parentObject, parseGroupKind, refuseParent, withPartOf } from './applyset.js';
import { describe, splitApiVersion, type ClusterClient, type Mapping, type Obj } from './client.js';
import { APPLY_ORDER } from '../bundle/layout.js';
import type { Target } from './targets.js';

export interface Step {
  /** The object as sent: the bundle's object with the part-of label (and namespace) added. */
  object: Obj;
  mapping: Mapping;
  folder: string;
  /** Identity, version-agnostic: `group/Kind/namespace/name`. */
  key: string;
  /** The ApplySet parent itself. */
  parent?: boolean;
}

export interface Folder {
  name: string;
  id: string;
  parentLive: Obj | undefined;
  liveGroupKinds: string[];
  groupKinds: Set<string>;
  namespaceExists: boolean;
}

export interface Plan {
  steps: Step[];
  folders: Map<string, Folder>;
  keys: Set<string>;
}

export class PlanError extends Error {
  constructor(
    message: string,
    /** 2: the input is wrong; 3: the cluster is. */
    readonly exit: 2 | 3,
  ) {
    super(message);
  }
}

/** The plan, or the exit code after printing why there is none (the diff and apply commands share this). */
export async function planOrExit(client: ClusterClient, targets: Target[], err: (line: string) => void): Promise<Plan | number> {
  try {
    return await makePlan(client, targets);
  } catch (e) {
    if (e instanceof PlanError) {
      err(`error: ${e.message}`);
      return e.exit;
    }
    throw e;
  }
}

export function keyOf(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${splitApiVersion(apiVersion).group}/${kind}/${namespace ?? ''}/${name}`;
}

export async function makePlan(client: ClusterClient, targets: Target[]): Promise<Plan> {
  const mappings = new Map<string, Mapping | undefined>();
  const unserved = new Set<string>();
  for (const t of targets) {
    const gvk = `${t.object.apiVersion}/${t.object.kind}`;
    if (!mappings.has(gvk)) mappings.set(gvk, await client.mapping(t.object.apiVersion, t.object.kind));
    if (!mappings.get(gvk)) unserved.add(`${t.object.kind} (${t.object.apiVersion})`);
  }
  if (unserved.size > 0) {
    const crd = [...unserved].some((u) => u.includes('external-secrets.io')) ? ' (ExternalSecret needs the External Secrets Operator and its CRDs installed)' : '';
    throw new PlanError(`the cluster does not serve ${[...unserved].join(', ')}${crd}: nothing was applied`, 3);
  }
  const folders = new Map<string, Folder>();
  const cm = await client.mapping('v1', 'ConfigMap');
  const nsMapping = await client.mapping('v1', 'Namespace');
  if (!cm || !nsMapping) throw new PlanError('the cluster does not serve v1 ConfigMap/Namespace', 3);
  const steps: Step[] = [];
  const keys = new Set<string>();
  for (const t of targets) {
    const m = mappings.get(`${t.object.apiVersion}/${t.object.kind}`)!;
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
      const parentLive = await client.get(cm, t.folder, PARENT_NAME);
      const refusal = refuseParent(parentLive, t.folder);
      if (refusal) throw new PlanError(refusal, 3);
      const namespaceExists = (await client.get(nsMapping, undefined, t.folder)) !== undefined;
      f = { name: t.folder, id: applySetId(t.folder), parentLive, liveGroupKinds: listedGroupKinds(parentLive), groupKinds: new Set(), namespaceExists };
      folders.set(t.folder, f);
    }
    f.groupKinds.add(groupKindOf(t.object.apiVersion, t.object.kind));
    const key = keyOf(t.object.apiVersion, t.object.kind, m.namespaced ? t.folder : undefined, meta.name);
    keys.add(key);
    steps.push({ object: withPartOf(object, f.id), mapping: m, folder: t.folder, key });
  }
  // parents come right after the Namespaces (they live in them), before everything else
  const firstOther = steps.findIndex((s) => s.object['kind'] !== 'Namespace');
  const parents: Step[] = [...folders.values()].map((f) => ({
    object: parentObject(f.name, [...f.liveGroupKinds, ...f.groupKinds]),
    mapping: cm,
    folder: f.name,
    key: keyOf('v1', 'ConfigMap', f.name, PARENT_NAME),
    parent: true,
  }));
  steps.splice(firstOther < 0 ? steps.length : firstOther, 0, ...parents);
  return { steps, folders, keys };
}

export interface Candidate {
  object: Obj;
  mapping: Mapping;
  folder: string;
}

/** Live members of the folders' ApplySets that the bundle no longer holds, in delete order (reverse apply order). */
export async function pruneCandidates(client: ClusterClient, plan: Plan, note: (line: string) => void): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const f of plan.folders.values()) {
    const gks = [...new Set([...f.liveGroupKinds, ...f.groupKinds])].sort();
    for (const gk of gks) {
      const { group, kind } = parseGroupKind(gk);
      const m = await client.mappingForGroupKind(group, kind);
      if (!m) {
        note(`the ApplySet of ${f.name} lists ${gk}, which the cluster no longer serves: skipped`);
        continue;
      }
      const live = await client.list(m, m.namespaced ? f.name : undefined, `${PART_OF_LABEL}=${f.id}`);
      for (const o of live) {
        const meta = (o['metadata'] ?? {}) as { name?: string; namespace?: string; labels?: Record<string, string> };
        // the server's selector is not trusted blindly: only this ApplySet's members are ever deleted
        if (meta.labels?.[PART_OF_LABEL] !== f.id || typeof meta.name !== 'string') continue;
        if (m.namespaced && meta.namespace !== f.name) continue;
        const key = keyOf(String(o['apiVersion']), kind, m.namespaced ? meta.namespace : undefined, meta.name);
        if (plan.keys.has(key)) continue;
        out.push({ object: o, mapping: m, folder: f.name });
      }
    }
  }
  const rank = (k: string) => {
    const i = APPLY_ORDER.indexOf(k);
    return i < 0 ? APPLY_ORDER.length : i;
  };
  return out.sort((a, b) => rank(String(b.object['kind'])) - rank(String(a.object['kind'])) || describe(a.object).localeCompare(describe(b.object)));
}
