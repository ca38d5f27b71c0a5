/**
 * What `--prune` deletes: objects labelled part-of this bundle's ApplySet (the label checked
 * again on each object, never trusting the server's selector alone) that the bundle no longer
 * holds, in two places:
 *
 * - the namespace folders of the bundle: members of the group-kinds the parent lists or the
 *   bundle holds, that are not in the bundle;
 * - namespaces the bundle no longer has a folder for: found by this ApplySet's parent name
 *   (`applyset-<name>`, listed cluster-wide); all their members, then the parent itself, then
 *   the Namespace — only when the parent records that this ApplySet created it and it holds
 *   nothing that is not a member (./namespaces.ts). Otherwise the Namespace is kept.
 *
 * Never deleted: objects of another ApplySet or of none, an object with an owner (its
 * controller manages it), a Namespace ecs2k8s did not create, and the Namespace of a folder
 * still in the bundle (deleting it would delete what was just applied in it).
 */
import { applySetId, isOurs, parentName, parseGroupKind, partOf, recordsCreatedNamespace, refuseParent } from './applyset.js';
import { describe, splitApiVersion, type ClusterClient, type Mapping, type Obj } from './client.js';
import { ApiError } from './errors.js';
import { membersOf } from './membership.js';
import { foreignObjects } from './namespaces.js';
import { deleteRank, keyOf, type Plan } from './plan.js';

export interface Candidate {
  object: Obj;
  mapping: Mapping;
  folder: string;
  parent?: boolean;
  /** Not deleted, and why. */
  keep?: string;
}

const metaOf = (o: Obj) => (o['metadata'] ?? {}) as { name?: string; namespace?: string; ownerReferences?: { kind?: string; name?: string }[] };

function ownerReason(o: Obj): string | undefined {
  const owners = metaOf(o).ownerReferences;
  if (!Array.isArray(owners) || owners.length === 0) return undefined;
  return `it has an owner (${owners.map((r) => `${r.kind} ${r.name}`).join(', ')}), whose controller manages it`;
}

async function inBundleFolders(client: ClusterClient, plan: Plan, note: (line: string) => void): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const f of plan.folders.values()) {
    for (const gk of [...new Set([...f.liveGroupKinds, ...f.groupKinds])].sort()) {
      const { group, kind } = parseGroupKind(gk);
      const m = await client.mappingForGroupKind(group, kind);
      if (!m) {
        note(`the ApplySet of ${f.name} lists ${gk}, which the cluster no longer serves: skipped`);
        continue;
      }
      for (const o of await client.list(m, m.namespaced ? f.name : undefined, `applyset.kubernetes.io/part-of=${f.id}`)) {
        const meta = metaOf(o);
        if (partOf(o) !== f.id || typeof meta.name !== 'string') continue;
        if (m.namespaced && meta.namespace !== f.name) continue;
        if (plan.keys.has(keyOf(String(o['apiVersion']), kind, m.namespaced ? meta.namespace : undefined, meta.name))) continue;
        let keep = ownerReason(o);
        if (kind === 'Namespace') {
          keep = plan.folders.has(meta.name)
            ? 'its namespace folder is still in the bundle: deleting the Namespace would delete everything applied in it'
            : `it carries the ApplySet label of namespace ${f.name}, but an ApplySet only ever creates its own namespace: left as it is`;
        }
        out.push({ object: o, mapping: m, folder: f.name, ...(keep && { keep }) });
      }
    }
  }
  return out;
}

/** Namespaces where this ApplySet has a parent but the bundle no longer has a folder. */
async function goneFolders(client: ClusterClient, plan: Plan, note: (line: string) => void): Promise<Candidate[]> {
  const name = parentName(plan.set);
  let parents: Obj[];
  try {
    parents = await client.list(plan.configMaps, undefined, '', { fieldSelector: `metadata.name=${name}` });
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) {
      note(`cannot list ConfigMaps in all namespaces (403 Forbidden): namespaces that left the bundle are not looked for, so nothing in them is pruned`);
      return [];
    }
    throw e;
  }
  const out: Candidate[] = [];
  for (const parent of parents) {
    const ns = metaOf(parent).namespace;
    if (typeof ns !== 'string' || plan.folders.has(ns) || metaOf(parent).name !== name) continue;
    const refusal = refuseParent(parent, ns, name);
    if (refusal || !isOurs(parent)) {
      note(`${refusal ?? `ConfigMap ${ns}/${name} is not ecs2k8s's`}: nothing in namespace ${ns} is pruned`);
      continue;
    }
    const id = applySetId(name, ns);
    const { members, unlisted } = await membersOf(client, parent, id, ns);
    if (unlisted.length > 0) note(`the ApplySet of ${ns} lists ${unlisted.join(', ')}, which the cluster no longer serves: skipped`);
    let namespaceMember: Candidate | undefined;
    for (const o of members) {
      const kind = String(o['kind']);
      const m = (await client.mapping(String(o['apiVersion']), kind)) ?? (await client.mappingForGroupKind(splitApiVersion(String(o['apiVersion'])).group, kind))!;
      if (kind === 'Namespace') {
        if (metaOf(o).name === ns) namespaceMember = { object: o, mapping: m, folder: ns };
        else out.push({ object: o, mapping: m, folder: ns, keep: `it carries the ApplySet label of namespace ${ns}, but an ApplySet only ever creates its own namespace: left as it is` });
        continue;
      }
      const keep = ownerReason(o);
      out.push({ object: o, mapping: m, folder: ns, ...(keep && { keep }) });
    }
    out.push({ object: parent, mapping: plan.configMaps, folder: ns, parent: true });
    if (namespaceMember) {
      let keep: string | undefined;
      if (!recordsCreatedNamespace(parent)) keep = 'ecs2k8s did not create it (its ApplySet parent does not record it): left as it is';
      else {
        const foreign = await foreignObjects(client, ns, id, name);
        if (foreign.length > 0) keep = `it holds objects that are not part of this ApplySet (${foreign.join(', ')}): deleting it would delete them`;
      }
      out.push({ ...namespaceMember, ...(keep && { keep }) });
    }
  }
  return out;
}

/** Everything --prune would delete (or keep, with why), in delete order: reverse apply order, parents and then Namespaces last. */
export async function pruneCandidates(client: ClusterClient, plan: Plan, note: (line: string) => void): Promise<Candidate[]> {
  const out = [...(await inBundleFolders(client, plan, note)), ...(await goneFolders(client, plan, note))];
  return out.sort((a, b) => deleteRank(String(b.object['kind']), b.parent) - deleteRank(String(a.object['kind']), a.parent) || describe(a.object).localeCompare(describe(b.object)));
}
