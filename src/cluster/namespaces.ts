/**
 * Whether a namespace holds anything that is not a member of an ApplySet: before ecs2k8s
 * deletes a Namespace (which deletes everything in it), every namespaced kind the cluster lists
 * is searched for objects without this ApplySet's part-of label. Not counted: objects with an
 * owner (Pods, ReplicaSets, EndpointSlices: they go with their owner), Events, and what
 * Kubernetes puts in every namespace (the `default` ServiceAccount, the `kube-root-ca.crt`
 * ConfigMap, their token Secrets). Anything else, a PersistentVolumeClaim that a StatefulSet
 * made included, keeps the Namespace.
 */
import { ID_LABEL, PART_OF_LABEL } from './applyset.js';
import { describe, type ClusterClient, type Obj } from './client.js';
import { ApiError } from './errors.js';

const SKIPPED_KINDS = new Set(['Event']);

function builtIn(o: Obj): boolean {
  const meta = (o['metadata'] ?? {}) as { name?: string; ownerReferences?: unknown[]; annotations?: Record<string, string> };
  if (Array.isArray(meta.ownerReferences) && meta.ownerReferences.length > 0) return true;
  if (o['kind'] === 'ServiceAccount' && meta.name === 'default') return true;
  if (o['kind'] === 'ConfigMap' && meta.name === 'kube-root-ca.crt') return true;
  return o['kind'] === 'Secret' && o['type'] === 'kubernetes.io/service-account-token' && meta.annotations?.['kubernetes.io/service-account.name'] === 'default';
}

/**
 * Why `namespace` may not be deleted: up to `max` objects in it that are not members of ApplySet
 * `id` (its parent `parent` aside), or the kinds that could not be listed (a 403 means ecs2k8s
 * cannot see what is there, so it keeps the namespace). Empty when it holds nothing else.
 */
export async function foreignObjects(client: ClusterClient, namespace: string, id: string, parent: string, max = 3): Promise<string[]> {
  const found: string[] = [];
  for (const m of await client.namespacedMappings()) {
    if (SKIPPED_KINDS.has(m.kind)) continue;
    let items;
    try {
      items = await client.list(m, namespace, `${PART_OF_LABEL}!=${id},${ID_LABEL}!=${id}`, { limit: 500 });
    } catch (e) {
      if (e instanceof ApiError && [403, 404, 405].includes(e.status)) {
        found.push(`${m.plural} it cannot list (${e.status})`);
        if (found.length >= max) return found;
        continue;
      }
      throw e;
    }
    for (const o of items) {
      const meta = (o['metadata'] ?? {}) as { name?: string; labels?: Record<string, string> };
      if (meta.labels?.[PART_OF_LABEL] === id || (m.kind === 'ConfigMap' && meta.name === parent) || builtIn(o)) continue;
      found.push(describe(o));
      if (found.length >= max) return found;
    }
  }
  return found;
}
