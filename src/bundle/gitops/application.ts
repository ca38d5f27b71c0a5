/** The Argo CD Application (argoproj.io/v1alpha1) for one folder of the output. */
import type { K8sObject } from '../types.js';
import { IN_CLUSTER, syncPolicy } from './argo-common.js';
import { LABELS, type GitopsOptions } from './source.js';

/** One Application: `path` in the repository, synced to the cluster Argo CD runs in. */
export function argoApplication(o: GitopsOptions, name: string, path: string, namespace: string | undefined): K8sObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace: o.namespace, labels: { ...LABELS } },
    spec: {
      project: 'default',
      source: { repoURL: o.repoURL, targetRevision: o.revision, path },
      destination: { server: IN_CLUSTER, ...(namespace !== undefined && { namespace }) },
      syncPolicy: syncPolicy(),
    },
  };
}
