/**
 * Which ApplySet each live object of the bundle belongs to now, and whether this bundle may
 * take it (KEP-3659: an object is a member of at most one ApplySet, and tools refuse to change
 * ApplySets they do not own). An object may join this bundle's ApplySet when it is:
 *
 * - in no ApplySet (created by hand, or by an ecs2k8s older than ApplySets), or in this one;
 * - in ecs2k8s 0.1's ApplySet of its namespace (`applyset-ecs2k8s`, one per namespace whatever
 *   the bundle): the migration, see docs/diff-apply.md;
 * - in another ecs2k8s ApplySet every object of which this bundle holds (an earlier name of
 *   this same bundle, a derived name whose workloads grew): that ApplySet is absorbed whole and
 *   its emptied parent removed after the apply.
 *
 * Anything else (an ApplySet that holds objects this bundle does not, another tool's, one whose
 * parent cannot be found) stops the run before anything is written: two bundles holding one
 * object would label it back and forth, and one of them would prune what the other still needs.
 */
import { applySetId, isOurs, LEGACY_NAME, listedGroupKinds, parentName, parseGroupKind, partOf, PART_OF_LABEL, ID_LABEL, type ApplySetName } from './applyset.js';
import { describe, type ClusterClient, type Mapping, type Obj } from './client.js';
import { keyOf, PlanError, type Folder, type Step } from './steps.js';

export interface Absorbed {
  id: string;
  folder: string;
  /** The live parent ConfigMap of the absorbed ApplySet. */
  parent: Obj;
  /** Its members (all of them in this bundle). */
  members: Obj[];
}

interface Context {
  set: ApplySetName;
  steps: Step[];
  folders: Map<string, Folder>;
  keys: Set<string>;
  configMaps: Mapping;
}

type Verdict = { move: string; absorbed?: Absorbed } | { refuse: string };

/** The members of an ApplySet, from the group-kinds its parent lists. */
export async function membersOf(client: ClusterClient, parent: Obj, id: string, namespace: string): Promise<{ members: Obj[]; unlisted: string[] }> {
  const members: Obj[] = [];
  const unlisted: string[] = [];
  for (const gk of listedGroupKinds(parent)) {
    const { group, kind } = parseGroupKind(gk);
    const m = await client.mappingForGroupKind(group, kind);
    if (!m) {
      unlisted.push(gk);
      continue;
    }
    for (const o of await client.list(m, m.namespaced ? namespace : undefined, `${PART_OF_LABEL}=${id}`)) if (partOf(o) === id) members.push(o);
  }
  return { members, unlisted };
}

const metaOf = (o: Obj) => (o['metadata'] ?? {}) as { name?: string; namespace?: string };

async function judge(client: ClusterClient, ctx: Context, folder: string, id: string): Promise<Verdict> {
  if (id === applySetId(parentName({ name: LEGACY_NAME }), folder)) {
    return { move: `ecs2k8s 0.1's ApplySet of namespace ${folder} (ConfigMap ${folder}/${parentName({ name: LEGACY_NAME })})` };
  }
  const parents = (await client.list(ctx.configMaps, folder, `${ID_LABEL}=${id}`)).filter((p) => (p['metadata'] as Obj | undefined)?.['labels'] !== undefined);
  const parent = parents.find((p) => applySetId(String(metaOf(p).name), folder) === id);
  if (!parent) return { refuse: `an ApplySet whose parent ecs2k8s does not find in namespace ${folder} (another tool's, such as kubectl's Secret parents)` };
  const where = `ConfigMap ${folder}/${String(metaOf(parent).name)}`;
  if (!isOurs(parent)) return { refuse: `the ApplySet of ${where}, which belongs to another tool` };
  const { members, unlisted } = await membersOf(client, parent, id, folder);
  const outside = members.filter((o) => !ctx.keys.has(keyOf(String(o['apiVersion']), String(o['kind']), metaOf(o).namespace, String(metaOf(o).name))));
  if (outside.length > 0 || unlisted.length > 0) {
    const shown = outside.slice(0, 3).map(describe).join(', ') + (outside.length > 3 ? ` and ${outside.length - 3} more` : '') || `kinds the cluster no longer serves (${unlisted.join(', ')})`;
    return { refuse: `the ApplySet of ${where}, which also holds ${shown} that this bundle does not` };
  }
  return { move: `the ApplySet of ${where} (this bundle holds all of its objects)`, absorbed: { id, folder, parent, members } };
}

/** Marks the steps that move in, returns the ApplySets absorbed whole; throws PlanError (exit 3) for an object this bundle may not take. */
export async function checkMembership(client: ClusterClient, ctx: Context, note: (line: string) => void): Promise<Absorbed[]> {
  const verdicts = new Map<string, Verdict>();
  const refused: string[] = [];
  for (const s of ctx.steps) {
    const f = ctx.folders.get(s.folder)!;
    const id = partOf(s.live);
    if (id === undefined || id === f.id) continue;
    // a Namespace that ecs2k8s did not create is left alone: whose ApplySet labelled it does not matter
    if (s.object['kind'] === 'Namespace' && f.namespace === 'foreign') continue;
    const k = `${s.folder}\n${id}`;
    let v = verdicts.get(k);
    if (!v) {
      v = await judge(client, ctx, s.folder, id);
      verdicts.set(k, v);
      if ('move' in v) note(`objects of this bundle in ${s.folder} move to its ApplySet ${ctx.set.name} from ${v.move}`);
    }
    if ('move' in v) s.movesFrom = v.move;
    else refused.push(`${describe(s.object)} belongs to ${v.refuse}`);
  }
  if (refused.length > 0) {
    const shown = refused.slice(0, 5).join('; ') + (refused.length > 5 ? `; and ${refused.length - 5} more` : '');
    throw new PlanError(
      `${shown}: two bundles (or tools) hold the same object, and ecs2k8s will not take it from the other (its prune would delete what the other still needs). Remove it from one of them, or pass --applyset with that ApplySet's name if it is this bundle's. Nothing was applied`,
      3,
    );
  }
  return [...verdicts.values()].flatMap((v) => ('absorbed' in v && v.absorbed ? [v.absorbed] : []));
}
