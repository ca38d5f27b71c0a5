/**
 * Metadata that every object of one service shares in an environment (its ecs2k8s.io/source and
 * ecs2k8s.io/task-definition annotations, the environment's labels) is set by one strategic
 * merge patch per service, selected by `app.kubernetes.io/instance`, rather than once per object.
 */
import type { K8sObject } from '../types.js';
import { compareStrings } from '../serialize.js';
import type { JsonMap } from './json.js';

export const INSTANCE_LABEL = 'app.kubernetes.io/instance';

export interface GroupedPatch {
  instance: string;
  labelSelector: string;
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

/**
 * `members`: every object of the environment before its patches (shared ones as the base has
 * them, with their target; the environment's own objects as they are, target = themselves).
 */
export function groupedPatches(members: readonly { before: K8sObject; target: K8sObject; shared: boolean }[]): GroupedPatch[] {
  const byInstance = new Map<string, (typeof members)[number][]>();
  for (const m of members) {
    const i = m.before.metadata.labels?.[INSTANCE_LABEL];
    if (i === undefined) continue;
    (byInstance.get(i) ?? byInstance.set(i, []).get(i)!).push(m);
  }
  const out: GroupedPatch[] = [];
  for (const instance of [...byInstance.keys()].sort(compareStrings)) {
    const group = byInstance.get(instance)!;
    const metadata: GroupedPatch['metadata'] = {};
    for (const part of ['labels', 'annotations'] as const) {
      const set: Record<string, string> = {};
      const keys = new Set(group.flatMap((m) => Object.keys(m.target.metadata[part] ?? {})));
      for (const key of [...keys].sort(compareStrings)) {
        if (part === 'labels' && key === INSTANCE_LABEL) continue;
        const value = group[0]!.target.metadata[part]?.[key];
        if (value === undefined || !group.every((m) => m.target.metadata[part]?.[key] === value)) continue;
        // Worth a shared patch when at least two of the base's objects would each need it.
        if (group.filter((m) => m.shared && m.before.metadata[part]?.[key] !== value).length < 2) continue;
        set[key] = value;
      }
      if (Object.keys(set).length > 0) metadata[part] = set;
    }
    if (metadata.labels || metadata.annotations) out.push({ instance, labelSelector: `${INSTANCE_LABEL}=${instance}`, metadata });
  }
  return out;
}

export function groupedBody(g: GroupedPatch): JsonMap {
  // kustomize needs a kind and a name in a patch that a selector aims; it uses the selected objects' own.
  return { apiVersion: 'v1', kind: 'AnyKind', metadata: { name: g.instance, ...g.metadata } };
}
