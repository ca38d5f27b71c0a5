/**
 * Output validation of a whole bundle: the cross-object rules (bundle-rules.ts) and each
 * object's schema and API-server rules (index.ts). Any issue is a bug in ecs2k8s, reported on the
 * input the object comes from.
 */
import type { K8sObject } from '../../bundle/types.js';
import { show, type Diagnostics } from '../../diagnostics.js';
import { validateK8sBundle } from './bundle-rules.js';
import { validateK8sObject } from './index.js';
import type { PlacedEntry } from './placed.js';

export function validateOutput(entries: PlacedEntry[], d: Diagnostics): void {
  for (const issue of validateK8sBundle(entries.map((e) => e.entry.object))) {
    const { entry, origin } = entries[issue.index]!;
    d.error(
      origin.source,
      origin.pointer,
      'invalid-output',
      `the emitted ${entry.object.kind} ${show(entry.object.metadata.name)} refers to what the bundle lacks (${issue.code} at ${issue.pointer}): ${issue.message}; this is a bug in ecs2k8s, please report it`,
    );
  }
  for (const { entry, origin } of entries) {
    for (const issue of validateK8sObject(entry.object as K8sObject)) {
      d.error(
        origin.source,
        origin.pointer,
        'invalid-output',
        `the emitted ${entry.object.kind} ${show(entry.object.metadata.name)} would be rejected by the API server (${issue.code} at ${issue.pointer || '/'}): ${issue.message}; this is a bug in ecs2k8s or an input it cannot express, please report it`,
      );
    }
  }
}
