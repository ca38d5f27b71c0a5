/**
 * Flux objects: a GitRepository (source.toolkit.fluxcd.io/v1) for the repository and a
 * Kustomization (kustomize.toolkit.fluxcd.io/v1) per folder to apply, pruning what the folder
 * no longer holds.
 */
import type { K8sObject } from '../types.js';
import { fluxRef, type GitopsOptions } from './source.js';

const LABELS = { 'app.kubernetes.io/managed-by': 'ecs2k8s' };

export function fluxGitRepository(o: GitopsOptions): K8sObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: o.name, namespace: o.namespace, labels: { ...LABELS } },
    spec: { interval: '1m', url: o.repoURL, ref: fluxRef(o.revision) },
  };
}

/** A Kustomization applying `path` (a repository path) from the GitRepository. */
export function fluxKustomization(o: GitopsOptions, name: string, path: string): K8sObject {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: o.namespace, labels: { ...LABELS } },
    spec: { interval: '10m', path: `./${path}`, prune: true, sourceRef: { kind: 'GitRepository', name: o.name } },
  };
}
