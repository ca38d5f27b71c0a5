/**
 * Name collisions: two inputs whose names sanitise to the same Kubernetes object are an error
 * (naming both); Namespace objects are kept once.
 */
import { show, type Diagnostics } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import type { PlacedEntry } from './placed.js';

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass']);

export function checkCollisions(entries: PlacedEntry[], d: Diagnostics): void {
  const seen = new Map<string, EcsDocument>();
  for (const { entry, origin } of entries) {
    const o = entry.object;
    const key = CLUSTER_SCOPED.has(o.kind) ? `${o.kind}/${o.metadata.name}` : `${o.metadata.namespace}/${o.kind}/${o.metadata.name}`;
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, origin);
    } else if (o.kind !== 'Namespace') {
      const where = (x: EcsDocument) => `${x.source.file}${x.pointer ? `#${x.pointer}` : ''}`;
      d.error(
        origin.source,
        origin.pointer,
        'name-collision',
        `${o.kind} ${show(o.metadata.name)}${o.metadata.namespace ? ` in namespace ${show(o.metadata.namespace)}` : ''} would come from both ${where(prev)} and ${where(origin)} (their names sanitise to the same Kubernetes name): rename one, or build them into different namespaces`,
      );
    }
  }
  // Remove duplicate Namespace objects (one per folder is enough).
  const nsSeen = new Set<string>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const o = entries[i]!.entry.object;
    if (o.kind !== 'Namespace') continue;
    if (nsSeen.has(o.metadata.name)) entries.splice(i, 1);
    nsSeen.add(o.metadata.name);
  }
}
