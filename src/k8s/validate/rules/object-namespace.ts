import { dns1123LabelError } from '../../syntax.js';
import { obj, type Rule } from './rule.js';

const CLUSTER_SCOPED = new Set(['v1/Namespace', 'v1/PersistentVolume', 'storage.k8s.io/v1/StorageClass']);

/** k8s-namespace: a DNS-1123 label on namespaced kinds, absent on cluster-scoped ones. */
export const objectNamespace: Rule = (o, gvk, report) => {
  const ns = obj(o.metadata)?.namespace;
  if (ns === undefined) return;
  const at = '/metadata/namespace';
  if (CLUSTER_SCOPED.has(gvk)) {
    report('k8s-namespace', at, `metadata.namespace "${String(ns)}" must not be set: ${gvk} is cluster-scoped`);
    return;
  }
  if (typeof ns !== 'string') return; // schema reports the type
  const err = dns1123LabelError(ns);
  if (err) report('k8s-namespace', at, `metadata.namespace "${ns}" ${err}`);
};
