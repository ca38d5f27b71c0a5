/**
 * The Namespace objects of a bundle: one per namespace the workloads use ("default" is always
 * there and never emitted), with the project's labels and those the workloads need on it.
 */
import type { EcsDocument } from '../load/shapes.js';
import type { PlacedEntry } from '../k8s/validate/placed.js';
import type { Options } from '../options.js';

/** `nsLabels`: labels the workloads of a namespace need on it (the load balancer controller's readiness-gate injection). */
export function addNamespaces(entries: PlacedEntry[], options: Options, nsLabels: ReadonlyMap<string, Record<string, string>>): void {
  const seen = new Map<string, EcsDocument>();
  for (const e of entries) if (!seen.has(e.entry.namespace)) seen.set(e.entry.namespace, e.origin);
  for (const [ns, origin] of seen) {
    if (ns === 'default') continue; // always there; never emitted
    entries.push({
      entry: { namespace: ns, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ...options.labels, ...nsLabels.get(ns), 'app.kubernetes.io/managed-by': 'ecs2k8s' } } } },
      origin,
    });
  }
}
