/**
 * What diff and apply work on: Kubernetes objects, each in the namespace folder whose ApplySet it
 * joins, in apply order. They come from a bundle folder (./bundle.ts) or from ECS inputs that the
 * caller compiled in memory. Before any of them goes near a URL they are checked as the API
 * server would check them (names, namespaces), and for what would make the ApplySet lie (an
 * object in a folder of another namespace, ApplySet labels set by hand).
 */
import { compareApplyOrder } from '../bundle/layout.js';
import type { K8sObject } from '../bundle/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Code } from '../codes.js';
import { ID_LABEL, PART_OF_LABEL } from './applyset.js';
import { apiVersionProblem, nameProblem, namespaceProblem } from './names.js';

export interface Target {
  /** The namespace folder (the ApplySet it belongs to). */
  folder: string;
  object: K8sObject;
  /** Where it came from, for messages: a bundle file, or "compiled inputs". */
  source: string;
}

/** Kinds that are not namespaced whatever the folder (the cluster's discovery has the last word). */
const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'IngressClass']);

/** Problems of the targets as diagnostics (errors, exit 2): nothing is sent when there is one. */
export function checkTargets(targets: readonly Target[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const bad = (t: Target, code: Code, pointer: string, message: string) => out.push({ code, severity: 'error', file: t.source, pointer, message });
  const folders = new Set<string>();
  for (const t of targets) {
    const { kind, metadata } = t.object;
    if (!folders.has(t.folder)) {
      folders.add(t.folder);
      const p = namespaceProblem(t.folder);
      if (p) bad(t, 'bundle-invalid-name', '', `the namespace folder "${t.folder}" is not a namespace name: it ${p}`);
    }
    const ap = apiVersionProblem(t.object.apiVersion);
    if (ap) bad(t, 'bundle-invalid-name', '/apiVersion', `apiVersion "${t.object.apiVersion}" of ${kind} ${metadata.name} ${ap}`);
    if (!/^[A-Z][A-Za-z0-9]{0,62}$/.test(kind)) bad(t, 'bundle-invalid-name', '/kind', `kind "${kind}" is not a Kubernetes kind (a word starting with an uppercase letter)`);
    const np = nameProblem(kind, metadata.name);
    if (np) bad(t, 'bundle-invalid-name', '/metadata/name', `metadata.name "${metadata.name}" of ${kind} ${np}: the API server would refuse it, so nothing is sent`);
    const ns = metadata.namespace;
    if (ns !== undefined && !CLUSTER_SCOPED.has(kind)) {
      const p = namespaceProblem(ns);
      if (p) bad(t, 'bundle-invalid-name', '/metadata/namespace', `metadata.namespace "${ns}" of ${kind} ${metadata.name} ${p}`);
      else if (ns !== t.folder)
        bad(
          t,
          'bundle-wrong-namespace',
          '/metadata/namespace',
          `${kind} ${metadata.name} is in namespace ${ns} but in the folder ${t.folder}: one ApplySet holds one namespace; move the file or fix the namespace`,
        );
    }
    if (kind === 'Namespace' && metadata.name !== t.folder) {
      bad(
        t,
        'bundle-wrong-namespace',
        '/metadata/name',
        `the Namespace ${metadata.name} is in the folder ${t.folder}: a namespace folder holds only its own Namespace object (a Namespace in another folder would join that folder's ApplySet and could be pruned with it)`,
      );
    }
    for (const label of [PART_OF_LABEL, ID_LABEL]) {
      if (metadata.labels?.[label] !== undefined)
        bad(
          t,
          'bundle-applyset-label',
          `/metadata/labels/${label.replace(/\//g, '~1')}`,
          `${kind} ${metadata.name} already carries the label ${label}: ecs2k8s sets ApplySet labels itself at apply time (KEP-3659 asks tools to refuse input that has them); remove it`,
        );
    }
  }
  return out;
}

/** Apply order across the whole bundle: by kind (Namespace first … workloads last), then namespace, then name. */
export function sortTargets(targets: Target[]): Target[] {
  return [...targets].sort(
    (a, b) =>
      compareApplyOrder({ ...a.object, metadata: { ...a.object.metadata, name: '' } }, { ...b.object, metadata: { ...b.object.metadata, name: '' } }) ||
      cmp(a.folder, b.folder) ||
      compareApplyOrder(a.object, b.object),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
