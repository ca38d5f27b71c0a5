/** Flux's GitRepository (source.toolkit.fluxcd.io/v1): the repository the output is committed to, polled every minute. */
import type { K8sObject } from '../types.js';
import { fluxRef, LABELS, type GitopsOptions } from './source.js';

export function fluxGitRepository(o: GitopsOptions): K8sObject {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'GitRepository',
    metadata: { name: o.name, namespace: o.namespace, labels: { ...LABELS } },
    spec: { interval: '1m', url: o.repoURL, ref: fluxRef(o.revision) },
  };
}
