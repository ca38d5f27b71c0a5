/**
 * Plans a base and one overlay per environment from each environment's own build: the base
 * holds what all environments share, each overlay only what differs, as `namespace:`,
 * `replicas:`, `images:`, strategic merge patches (core kinds) and JSON 6902 patches (custom
 * resources, and what a strategic merge cannot say), plus the objects only that environment has.
 * Every overlay is checked against the model of kustomize (model.ts) before it is returned.
 */
import type { BundleEntry, K8sObject } from '../types.js';
import { compareApplyOrder } from '../layout.js';
import { compareStrings } from '../serialize.js';
import { commonObject } from './common.js';
import { containersOf } from './containers.js';
import { groupedBody, groupedPatches } from './grouped.js';
import { chooseImageEntries, rewriteAll } from './image-entries.js';
import { clone, deepEqual, type JsonMap } from './json.js';
import { jsonDiff } from './jsonpatch.js';
import { REPLICA_KINDS, renderModel, splitApiVersion, type OverlayModel, type OverlayPatch, type ReplicaEntry } from './model.js';
import { applySmp, smpDiff } from './smp.js';
import { CLUSTER_SCOPED, SMP_KINDS } from './schema.js';

/** One environment's build. */
export interface EnvironmentBuild {
  name: string;
  entries: readonly BundleEntry[];
}

/** A patch and what it is about (for its file name). */
export interface PlannedPatch {
  patch: OverlayPatch;
  /** `<kind>-<name>` of the object, or `objects-<instance>` for a grouped patch. */
  stem: string;
  /** The base folder (namespace) of the object; '' when the base has no namespace folders. */
  folder: string;
}

export interface PlannedOverlay {
  name: string;
  model: OverlayModel;
  patches: PlannedPatch[];
  /** The objects only this environment has, with their folder. */
  resources: BundleEntry[];
}

export interface OverlayPlan {
  /** True when the base keeps namespaces (one folder per namespace when there are several), false when it has none. */
  namespaced: boolean;
  base: BundleEntry[];
  overlays: PlannedOverlay[];
}

const isNamespaced = (o: K8sObject) => !CLUSTER_SCOPED.has(o.kind);

/** The base drops namespaces when each environment has exactly one, and they are not all the same. */
function singleNamespaces(envs: readonly EnvironmentBuild[]): string[] | undefined {
  const each = envs.map((e) => [...new Set(e.entries.map((x) => x.namespace))]);
  if (!each.every((s) => s.length === 1)) return undefined;
  const names = each.map((s) => s[0]!);
  return new Set(names).size > 1 ? names : undefined;
}

interface Version {
  folder: string;
  /** The object as the overlay starts from it (no namespace when the base has none). */
  object: K8sObject;
  /** The object exactly as the environment's build has it. */
  target: K8sObject;
}

function versionsOf(env: EnvironmentBuild, dropNamespace: boolean, folders: boolean): Map<string, Version> {
  const out = new Map<string, Version>();
  for (const { namespace, object } of env.entries) {
    const o = clone(object);
    if (dropNamespace && isNamespaced(o)) delete o.metadata.namespace;
    const folder = folders ? namespace : '';
    out.set(`${o.apiVersion}|${o.kind}|${folder}|${o.metadata.name}`, { folder, object: o, target: object });
  }
  return out;
}

export function planOverlays(environments: readonly EnvironmentBuild[]): OverlayPlan {
  const envs = [...environments].sort((a, b) => compareStrings(a.name, b.name));
  const namespaces = singleNamespaces(envs);
  // Folders per namespace only where the base keeps several namespaces.
  const folders = namespaces === undefined && new Set(envs.flatMap((e) => e.entries.map((x) => x.namespace))).size > 1;
  const versions = envs.map((e) => versionsOf(e, namespaces !== undefined, folders));
  const sharedKeys = [...versions[0]!.keys()].filter((k) => versions.every((v) => v.has(k))).sort(compareStrings);
  const base = new Map<string, BundleEntry>();
  for (const k of sharedKeys) {
    const vs = versions.map((v) => v.get(k)!);
    base.set(k, {
      namespace: vs[0]!.folder,
      object: commonObject(
        vs.map((v) => v.object as unknown as JsonMap),
        vs[0]!.object.kind,
      ) as unknown as K8sObject,
    });
  }
  const baseObjects = [...base.values()].map((b) => b.object);
  const overlays = envs.map((env, i) => planOne(env.name, versions[i]!, base, baseObjects, namespaces?.[i]));
  return { namespaced: namespaces === undefined, base: [...base.values()].sort((a, b) => compareStrings(a.namespace, b.namespace) || compareApplyOrder(a.object, b.object)), overlays };
}

function planOne(name: string, versions: Map<string, Version>, base: Map<string, BundleEntry>, baseObjects: K8sObject[], namespace: string | undefined): PlannedOverlay {
  const locals = [...versions].filter(([k]) => !base.has(k)).map(([, v]) => v);
  const shared = [...base].map(([k, b]) => ({ key: k, before: b.object, folder: b.namespace, version: versions.get(k)! }));
  const model: OverlayModel = { resources: locals.map((l) => l.object), patches: [], replicas: [], images: [], ...(namespace !== undefined && { namespace }) };
  const patches: PlannedPatch[] = [];

  // One patch per service for the metadata all its objects share.
  const members = [...shared.map((s) => ({ before: s.before, target: s.version.target, shared: true })), ...locals.map((l) => ({ before: l.object, target: l.target, shared: false }))];
  for (const g of groupedPatches(members)) {
    const patch: OverlayPatch = { type: 'smp', body: groupedBody(g), labelSelector: g.labelSelector };
    model.patches.push(patch);
    patches.push({ patch, stem: `objects-${g.instance}`, folder: '' });
  }
  const mids = new Map(shared.map((s) => [s.key, renderModel([s.before], { ...emptyModel(), patches: model.patches })[0]!]));

  model.replicas = chooseReplicas(
    shared.map((s) => ({ mid: mids.get(s.key)!, target: s.version.target })),
    locals.map((l) => l.object),
    baseObjects,
  );
  model.images = chooseImageEntries(
    shared.map((s) => ({ mid: mids.get(s.key)!, target: s.version.target })),
    model.resources,
  );

  for (const s of shared) {
    const mid = mids.get(s.key)!;
    const want = preTransform(mid, s.version.object, model);
    patches.push(...objectPatches(mid, want, s.folder));
  }
  model.patches = patches.map((p) => p.patch);
  verify(name, baseObjects, model, versions);
  return {
    name,
    model,
    patches,
    resources: locals.map((l) => ({ namespace: l.folder, object: l.object })).sort((a, b) => compareStrings(a.namespace, b.namespace) || compareApplyOrder(a.object, b.object)),
  };
}

function emptyModel(): OverlayModel {
  return { resources: [], patches: [], replicas: [], images: [] };
}

/** `replicas:` entries for the shared workloads whose count differs, where the name is unambiguous. */
function chooseReplicas(shared: { mid: K8sObject; target: K8sObject }[], locals: K8sObject[], baseObjects: K8sObject[]): ReplicaEntry[] {
  const all = [...baseObjects, ...locals].filter((o) => REPLICA_KINDS.has(o.kind));
  const out: ReplicaEntry[] = [];
  for (const { mid, target } of shared) {
    if (!REPLICA_KINDS.has(mid.kind)) continue;
    const before = (mid['spec'] as JsonMap | undefined)?.['replicas'];
    const count = (target['spec'] as JsonMap | undefined)?.['replicas'];
    if (before !== undefined || typeof count !== 'number') continue;
    if (all.filter((o) => o.metadata.name === mid.metadata.name).length !== 1) continue;
    out.push({ name: mid.metadata.name, count });
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}

/** What the patches must produce so that `replicas:` and `images:` (applied after them) give `object`. */
function preTransform(mid: K8sObject, object: K8sObject, model: OverlayModel): K8sObject {
  const want = clone(object);
  if (model.replicas.some((r) => r.name === mid.metadata.name) && REPLICA_KINDS.has(mid.kind)) {
    const spec = want['spec'] as JsonMap;
    const before = (mid['spec'] as JsonMap | undefined)?.['replicas'];
    if (before === undefined) delete spec['replicas'];
    else spec['replicas'] = before;
  }
  const before = new Map(containersOf(mid).map((c) => [c.slot, c.container['image'] as string]));
  for (const c of containersOf(want)) {
    const m = before.get(c.slot);
    if (m !== undefined && rewriteAll(m, model.images) === c.container['image']) c.container['image'] = m;
  }
  return want;
}

/** A strategic merge patch (core kinds) and, for what it cannot say, a JSON 6902 patch. */
function objectPatches(mid: K8sObject, want: K8sObject, folder: string): PlannedPatch[] {
  const from = mid as unknown as JsonMap;
  const to = want as unknown as JsonMap;
  const stem = `${mid.kind.toLowerCase()}-${mid.metadata.name}`;
  const out: PlannedPatch[] = [];
  let after = from;
  if (SMP_KINDS.has(mid.kind)) {
    const smp = smpDiff(from, to, mid.kind);
    if (smp !== undefined) {
      after = applySmp(from, smp, mid.kind);
      const { metadata, ...rest } = smp;
      const id: JsonMap = { name: mid.metadata.name, ...(mid.metadata.namespace !== undefined && { namespace: mid.metadata.namespace }) };
      const body: JsonMap = { apiVersion: mid.apiVersion, kind: mid.kind, metadata: { ...id, ...((metadata as JsonMap | undefined) ?? {}) }, ...rest };
      out.push({ patch: { type: 'smp', body }, stem, folder });
    }
  }
  const ops = jsonDiff(after, to);
  if (ops.length > 0) {
    const { group, version } = splitApiVersion(mid.apiVersion);
    out.push({
      patch: { type: 'json6902', ops, target: { group, version, kind: mid.kind, name: mid.metadata.name, ...(mid.metadata.namespace !== undefined && { namespace: mid.metadata.namespace }) } },
      stem: `${stem}.json6902`,
      folder,
    });
  }
  return out;
}

/** The overlay must give exactly the environment's own objects; anything else is a bug here. */
function verify(env: string, baseObjects: K8sObject[], model: OverlayModel, versions: Map<string, Version>): void {
  const rendered = renderModel(baseObjects, model);
  const want = [...versions.values()].map((v) => v.target);
  const key = (o: K8sObject) => `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;
  const got = new Map(rendered.map((o) => [key(o), o]));
  const problems = want.filter((o) => !deepEqual(got.get(key(o)), o)).map(key);
  if (rendered.length !== want.length) problems.push(`${rendered.length} objects instead of ${want.length}`);
  if (problems.length > 0) throw new Error(`internal error: the overlay for environment ${JSON.stringify(env)} would not reproduce its build (${problems.join(', ')})`);
}
