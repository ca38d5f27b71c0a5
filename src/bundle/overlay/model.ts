/**
 * What `kubectl kustomize overlays/<env>` gives, for the overlays ecs2k8s writes: the base's
 * objects and the overlay's own, then (kustomize 5's order of built-in transformers) the patches
 * in their listed order, `namespace:`, `replicas:`, `images:`. The planner checks every overlay
 * it writes against this model; test/overlays.test.ts checks the model against the real kubectl.
 */
import type { K8sObject } from '../types.js';
import { applySmp } from './smp.js';
import { applyJsonPatch, type JsonPatchOp } from './jsonpatch.js';
import { rewriteImage, type ImageEntry } from './images.js';
import { clone, isMap, type Json, type JsonMap } from './json.js';
import { CLUSTER_SCOPED } from './schema.js';

/** A JSON 6902 patch's target (kustomize requires one). */
export interface PatchTarget {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace?: string;
}

export type OverlayPatch =
  /** A strategic merge patch: for the object its body names, or for every object the label selector matches. */
  { type: 'smp'; body: JsonMap; labelSelector?: string } | { type: 'json6902'; ops: JsonPatchOp[]; target: PatchTarget };

export interface ReplicaEntry {
  name: string;
  count: number;
}

export interface OverlayModel {
  /** Objects only this environment has. */
  resources: K8sObject[];
  patches: OverlayPatch[];
  namespace?: string;
  replicas: ReplicaEntry[];
  images: ImageEntry[];
}

/** Kinds whose spec.replicas kustomize's `replicas:` sets (its default field specs). */
export const REPLICA_KINDS: ReadonlySet<string> = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.lastIndexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function labelsMatch(o: K8sObject, selector: string): boolean {
  const labels = o.metadata.labels ?? {};
  return selector.split(',').every((term) => {
    const eq = term.indexOf('=');
    return labels[term.slice(0, eq)] === term.slice(eq + 1);
  });
}

function smpTargets(objects: K8sObject[], p: Extract<OverlayPatch, { type: 'smp' }>): K8sObject[] {
  if (p.labelSelector !== undefined) return objects.filter((o) => labelsMatch(o, p.labelSelector!));
  const meta = p.body['metadata'] as JsonMap;
  const found = objects.filter(
    (o) => o.apiVersion === p.body['apiVersion'] && o.kind === p.body['kind'] && o.metadata.name === meta['name'] && (meta['namespace'] === undefined || o.metadata.namespace === meta['namespace']),
  );
  if (found.length !== 1) throw new Error(`the patch for ${String(p.body['kind'])} ${String(meta['name'])} matches ${found.length} objects`);
  return found;
}

function jsonTargets(objects: K8sObject[], t: PatchTarget): K8sObject[] {
  const found = objects.filter((o) => {
    const gv = splitApiVersion(o.apiVersion);
    return gv.group === t.group && gv.version === t.version && o.kind === t.kind && o.metadata.name === t.name && (t.namespace === undefined || o.metadata.namespace === t.namespace);
  });
  if (found.length !== 1) throw new Error(`the JSON patch for ${t.kind} ${t.name} matches ${found.length} objects`);
  return found;
}

function rewriteImages(node: Json, images: readonly ImageEntry[]): void {
  if (Array.isArray(node)) {
    for (const x of node) rewriteImages(x, images);
    return;
  }
  if (!isMap(node)) return;
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
      for (const c of v) {
        if (isMap(c) && typeof c['image'] === 'string') c['image'] = images.reduce((img, e) => rewriteImage(img, e), c['image']);
      }
    }
    rewriteImages(v, images);
  }
}

/** The objects the overlay renders to, in no particular order. */
export function renderModel(base: readonly K8sObject[], overlay: OverlayModel): K8sObject[] {
  let objects = [...base, ...overlay.resources].map((o) => clone(o));
  for (const p of overlay.patches) {
    const hit = new Set(p.type === 'smp' ? smpTargets(objects, p) : jsonTargets(objects, p.target));
    objects = objects.map((o) => {
      if (!hit.has(o)) return o;
      const json = o as unknown as JsonMap;
      return (p.type === 'smp' ? applySmp(json, stripIdentity(p), o.kind) : applyJsonPatch(json, p.ops)) as unknown as K8sObject;
    });
  }
  for (const o of objects) {
    if (overlay.namespace === undefined) break;
    if (o.kind === 'Namespace') o.metadata.name = overlay.namespace;
    else if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = overlay.namespace;
  }
  for (const r of overlay.replicas) {
    for (const o of objects) {
      if (!REPLICA_KINDS.has(o.kind) || o.metadata.name !== r.name) continue;
      const spec = isMap(o['spec']) ? (o['spec'] as JsonMap) : (o['spec'] = {} as JsonMap);
      (spec as JsonMap)['replicas'] = r.count;
    }
  }
  if (overlay.images.length > 0) for (const o of objects) rewriteImages(o as unknown as Json, overlay.images);
  return objects;
}

/** A patch body without the fields that only say which object it is for (they are equal, or the selector chose). */
function stripIdentity(p: Extract<OverlayPatch, { type: 'smp' }>): JsonMap {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = p.body;
  const { name: _n, namespace: _ns, ...meta } = (metadata ?? {}) as JsonMap;
  return Object.keys(meta).length > 0 ? { ...rest, metadata: meta } : rest;
}
