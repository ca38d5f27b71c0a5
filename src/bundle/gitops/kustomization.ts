/** Flux's Kustomization (kustomize.toolkit.fluxcd.io/v1): one folder of the output, applied from the GitRepository, pruned. */
import type { K8sObject } from '../types.js';
import { LABELS, type GitopsOptions } from './source.js';

/** A Kustomization applying `path` (a repository path) from the GitRepository. */
export function fluxKustomization(o: GitopsOptions, name: string, path: string): K8sObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: o.namespace, labels: { ...LABELS } },
    spec: { interval: '10m', path: `./${path}`, prune: true, sourceRef: { kind: 'GitRepository', name: o.name } },
  };
}
