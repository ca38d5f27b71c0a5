/**
 * What a chart's values.yaml holds, found in the objects of one namespace: per workload its
 * replicas, and per container its image (repository, tag, digest), resources and plain
 * environment values; per Ingress its annotations and rule hosts; per HorizontalPodAutoscaler
 * or KEDA ScaledObject its bounds (under the workload it scales). Each is a reference from a field of an object to a
 * path in the values; the defaults are the objects' own values, so the chart renders them as is.
 */
import type { K8sObject } from '../types.js';
import { splitImage } from '../overlay/images.js';
import { isMap, type Json, type JsonMap } from '../overlay/json.js';
import { POD_SPEC_PATH } from '../overlay/schema.js';

/**
 * `value`: the field reads the values; `image`: repository[:tag][@digest] from image values;
 * `namespace`: the release's namespace; `optional`: a member written only when its value (by
 * default '') is set.
 */
export type RefKind = 'value' | 'image' | 'namespace' | 'optional';

/** One templated field: where it is in the object, and what replaces it. */
export interface ValueRef {
  /** Path of the field in the object (map keys and list positions). */
  field: (string | number)[];
  kind: RefKind;
  /** Path in .Values ('namespace' refs have none). */
  values: string[];
}

export interface ChartValues {
  values: JsonMap;
  /** Per object (same order as given), its templated fields. */
  refs: ValueRef[][];
}

/**
 * Where the pod spec sits in each workload kind a chart gives values for: kustomize's workload
 * kinds, and an Argo Rollout (its spec is a Deployment's, strategy aside).
 */
export const WORKLOAD_POD_SPEC: Readonly<Record<string, readonly string[]>> = { ...POD_SPEC_PATH, Rollout: ['spec', 'template', 'spec'] };

/** The replica bounds of each autoscaler kind, as its spec names them. */
const AUTOSCALER_BOUNDS: Readonly<Record<string, readonly string[]>> = {
  HorizontalPodAutoscaler: ['minReplicas', 'maxReplicas'],
  ScaledObject: ['minReplicaCount', 'maxReplicaCount'],
};

/** Keys that a template's `index` can name safely (printable ASCII). */
const SAFE_KEY = /^[ -~]+$/;

function put(values: JsonMap, path: readonly string[], v: Json): void {
  let m = values;
  for (const k of path.slice(0, -1)) m = (isMap(m[k]) ? m[k] : (m[k] = {})) as JsonMap;
  m[path[path.length - 1]!] = v;
}

function at(o: unknown, path: readonly (string | number)[]): unknown {
  let v = o;
  for (const k of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[k as string];
  return v;
}

/** The image as repository, tag and digest, when joining them gives the image back. */
export function imageValues(image: string): JsonMap {
  const p = splitImage(image);
  const joined = p.name + (p.tag ? `:${p.tag}` : '') + (p.digest ? `@${p.digest}` : '');
  if (joined !== image) return { repository: image, tag: '' };
  return { repository: p.name, tag: p.tag, ...(p.digest && { digest: p.digest }) };
}

function workloadRefs(o: K8sObject, key: string, values: JsonMap, refs: ValueRef[]): void {
  const root = ['workloads', key];
  const replicas = at(o, ['spec', 'replicas']);
  if (typeof replicas === 'number') {
    put(values, [...root, 'replicas'], replicas);
    refs.push({ field: ['spec', 'replicas'], kind: 'value', values: [...root, 'replicas'] });
  }
  const pod = WORKLOAD_POD_SPEC[o.kind]!;
  for (const list of ['initContainers', 'containers']) {
    const cs = at(o, [...pod, list]);
    if (!Array.isArray(cs)) continue;
    cs.forEach((c: unknown, i: number) => {
      if (!isMap(c) || typeof c['name'] !== 'string' || !SAFE_KEY.test(c['name'])) return;
      const field = [...pod, list, i];
      const croot = [...root, 'containers', c['name']];
      if (typeof c['image'] === 'string') {
        put(values, [...croot, 'image'], imageValues(c['image']));
        refs.push({ field: [...field, 'image'], kind: 'image', values: [...croot, 'image'] });
      }
      if (isMap(c['resources'])) {
        put(values, [...croot, 'resources'], c['resources']);
        refs.push({ field: [...field, 'resources'], kind: 'value', values: [...croot, 'resources'] });
      }
      const env = Array.isArray(c['env']) ? c['env'] : [];
      const names = env.map((e) => (isMap(e) ? e['name'] : undefined));
      env.forEach((e, j) => {
        if (!isMap(e) || typeof e['name'] !== 'string' || typeof e['value'] !== 'string' || !SAFE_KEY.test(e['name'])) return;
        if (names.indexOf(e['name']) !== j) return;
        put(values, [...croot, 'env', e['name']], e['value']);
        refs.push({ field: [...field, 'env', j, 'value'], kind: 'value', values: [...croot, 'env', e['name']] });
      });
    });
  }
}

function ingressRefs(o: K8sObject, values: JsonMap, refs: ValueRef[]): void {
  const root = ['ingresses', o.metadata.name];
  if (o.metadata.annotations) {
    put(values, [...root, 'annotations'], o.metadata.annotations);
    refs.push({ field: ['metadata', 'annotations'], kind: 'value', values: [...root, 'annotations'] });
  }
  const rules = at(o, ['spec', 'rules']);
  if (!Array.isArray(rules) || !rules.every(isMap) || rules.length === 0) return;
  if (rules.length === 1) {
    // One rule (what ecs2k8s writes): `host`, '' (no host, any host) unless the rule has one.
    const host = rules[0]!['host'];
    put(values, [...root, 'host'], typeof host === 'string' ? host : '');
    refs.push({ field: ['spec', 'rules', 0, 'host'], kind: typeof host === 'string' ? 'value' : 'optional', values: [...root, 'host'] });
    return;
  }
  const hosts = rules.map((r) => (typeof r['host'] === 'string' ? r['host'] : undefined));
  if (!hosts.every((h) => h !== undefined)) return;
  put(values, [...root, 'hosts'], hosts as string[]);
  hosts.forEach((_, i) => refs.push({ field: ['spec', 'rules', i, 'host'], kind: 'value', values: [...root, 'hosts', String(i)] }));
}

function autoscalerRefs(o: K8sObject, values: JsonMap, refs: ValueRef[]): void {
  const target = at(o, ['spec', 'scaleTargetRef', 'name']);
  if (typeof target !== 'string') return;
  for (const k of AUTOSCALER_BOUNDS[o.kind] ?? []) {
    const v = at(o, ['spec', k]);
    if (typeof v !== 'number') continue;
    put(values, ['workloads', target, 'autoscaling', k], v);
    refs.push({ field: ['spec', k], kind: 'value', values: ['workloads', target, 'autoscaling', k] });
  }
}

/** The values of a chart and the templated fields of each of its objects. */
export function chartValues(objects: readonly K8sObject[], namespace: string): ChartValues {
  const values: JsonMap = {};
  const isWorkload = (o: K8sObject) => WORKLOAD_POD_SPEC[o.kind] !== undefined && o.kind !== 'ReplicaSet';
  const names = objects.filter(isWorkload).map((o) => o.metadata.name);
  // Workloads are keyed by name; two of different kinds with one name by `<kind>-<name>`.
  const keyOf = (o: K8sObject) => (names.filter((n) => n === o.metadata.name).length > 1 ? `${o.kind.toLowerCase()}-${o.metadata.name}` : o.metadata.name);
  const refs = objects.map((o) => {
    const r: ValueRef[] = [];
    if (o.metadata.namespace === namespace) r.push({ field: ['metadata', 'namespace'], kind: 'namespace', values: [] });
    if (o.kind === 'PersistentVolume' && at(o, ['spec', 'claimRef', 'namespace']) === namespace) r.push({ field: ['spec', 'claimRef', 'namespace'], kind: 'namespace', values: [] });
    if (isWorkload(o)) workloadRefs(o, keyOf(o), values, r);
    if (o.kind === 'Ingress') ingressRefs(o, values, r);
    if (AUTOSCALER_BOUNDS[o.kind]) autoscalerRefs(o, values, r);
    return r;
  });
  return { values, refs };
}
