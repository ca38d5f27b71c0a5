/**
 * Lays Kubernetes objects out as a bundle: one folder per namespace with one file per object and a
 * kustomization.yaml listing them in apply order, and a root kustomization.yaml listing the
 * folders. A pure function of its input set: the order of the entries does not matter.
 */
import { assertSafeNamespace, assertSafePath, SEGMENT } from './paths.js';
import { BundlePathClash, UnsafeBundlePath } from './errors.js';
import { compareStrings, normaliseObject, toJson, toYaml } from './serialize.js';
import type { BundleEntry, BundleFiles, K8sObject, OutputFormat } from './types.js';

/** Kinds in the order they are applied; every other kind comes after them. */
export const APPLY_ORDER: readonly string[] = [
  'Namespace',
  'StorageClass',
  'ServiceAccount',
  'Secret',
  'ExternalSecret',
  'ConfigMap',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Service',
  'Ingress',
  'AnalysisTemplate',
  'Deployment',
  'Rollout',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'HorizontalPodAutoscaler',
  'TriggerAuthentication',
  'ScaledObject',
  'PodDisruptionBudget',
];

export const KUSTOMIZATION = 'kustomization.yaml';

function kindRank(kind: string): number {
  const i = APPLY_ORDER.indexOf(kind);
  return i < 0 ? APPLY_ORDER.length : i;
}

/** Apply order: known kinds by APPLY_ORDER, other kinds after them by kind; then by name. */
export function compareApplyOrder(a: K8sObject, b: K8sObject): number {
  return kindRank(a.kind) - kindRank(b.kind) || compareStrings(a.kind, b.kind) || compareStrings(a.metadata.name, b.metadata.name) || compareStrings(a.apiVersion, b.apiVersion);
}

/** `<kind-lowercase>-<name>.<ext>`, e.g. `deployment-web.yaml`. */
export function objectFileName(object: K8sObject, format: OutputFormat): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.${format}`;
}

const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** Kind and name must each be safe on their own, so `<kind>-<name>` is one unambiguous segment. */
function assertSafeObjectName(object: K8sObject): void {
  const { kind } = object;
  const name: unknown = object.metadata?.name;
  const shown = `${String(kind)}/${String(name)}`;
  if (typeof kind !== 'string' || !KIND.test(kind)) throw new UnsafeBundlePath(shown, 'kind must be letters and digits');
  if (typeof name !== 'string' || !SEGMENT.test(name)) {
    throw new UnsafeBundlePath(shown, "metadata.name must be lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
  }
}

interface Placed {
  namespace: string;
  file: string;
  path: string;
  object: K8sObject;
}

/** Entries grouped by namespace (sorted), each group in apply order; checks paths and clashes. */
function place(entries: readonly BundleEntry[], format: OutputFormat): Map<string, Placed[]> {
  const byPath = new Map<string, Placed>();
  for (const { namespace, object } of entries) {
    assertSafeNamespace(namespace);
    assertSafeObjectName(object);
    const file = objectFileName(object, format);
    const path = `${namespace}/${file}`;
    assertSafePath(path);
    if (byPath.has(path)) throw new BundlePathClash(path);
    byPath.set(path, { namespace, file, path, object });
  }
  const groups = new Map<string, Placed[]>();
  for (const ns of [...new Set([...byPath.values()].map((p) => p.namespace))].sort(compareStrings)) {
    groups.set(ns, []);
  }
  for (const p of byPath.values()) groups.get(p.namespace)?.push(p);
  for (const list of groups.values()) list.sort((a, b) => compareApplyOrder(a.object, b.object));
  return groups;
}

function kustomization(resources: string[]): string {
  return toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources });
}

/**
 * The bundle as files: `<ns>/<kind>-<name>.<yaml|json>`, `<ns>/kustomization.yaml`, and
 * `kustomization.yaml` at the root. Map keys are inserted in sorted path order.
 * @throws UnsafeBundlePath, BundlePathClash
 */
export function renderBundle(entries: readonly BundleEntry[], format: OutputFormat): BundleFiles {
  const groups = place(entries, format);
  const files: BundleFiles = new Map();
  const serialise = format === 'json' ? toJson : toYaml;
  const unsorted = new Map<string, string>();
  for (const [ns, list] of groups) {
    for (const p of list) unsorted.set(p.path, serialise(p.object));
    unsorted.set(`${ns}/${KUSTOMIZATION}`, kustomization(list.map((p) => p.file)));
  }
  unsorted.set(KUSTOMIZATION, kustomization([...groups.keys()]));
  for (const path of [...unsorted.keys()].sort(compareStrings)) files.set(path, unsorted.get(path) as string);
  return files;
}

/**
 * The bundle as one stream: YAML documents separated by `---`, or a JSON `List`; namespaces
 * sorted, each in apply order. An empty YAML stream is ''.
 * @throws UnsafeBundlePath, BundlePathClash
 */
export function renderStream(entries: readonly BundleEntry[], format: OutputFormat): string {
  const objects = [...place(entries, format).values()].flat().map((p) => p.object);
  if (format === 'json') {
    const list = { apiVersion: 'v1', kind: 'List', items: objects.map((o) => normaliseObject(o)) };
    return JSON.stringify(list, null, 2) + '\n';
  }
  return objects.map((o) => `---\n${toYaml(o)}`).join('');
}
