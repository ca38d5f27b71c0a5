/**
 * Argo CD objects (argoproj.io/v1alpha1): an Application for one folder, or an ApplicationSet
 * whose list generator has one element per environment. Both sync automatically, prune what
 * the folder no longer holds and undo drift (Argo CD's automated sync with prune and selfHeal).
 */
import type { K8sObject } from '../types.js';
import type { GitopsOptions } from './source.js';

const IN_CLUSTER = 'https://kubernetes.default.svc';
const LABELS = { 'app.kubernetes.io/managed-by': 'ecs2k8s' };

function syncPolicy(): Record<string, unknown> {
  return { automated: { prune: true, selfHeal: true } };
}

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

/**
 * One ApplicationSet over the environments: Application `<name>-<env>` for
 * `<overlays>/<env>` each. Go templates with missingkey=error, so a typo fails loudly.
 */
export function argoApplicationSet(o: GitopsOptions, overlaysPath: string, envs: readonly { name: string; namespace?: string }[]): K8sObject {
  const withNamespace = envs.every((e) => e.namespace !== undefined);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: o.name, namespace: o.namespace, labels: { ...LABELS } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements: envs.map((e) => ({ env: e.name, ...(withNamespace && { namespace: e.namespace }) })) } }],
      template: {
        metadata: { name: `${o.name}-{{.env}}`, labels: { ...LABELS } },
        spec: {
          project: 'default',
          source: { repoURL: o.repoURL, targetRevision: o.revision, path: `${overlaysPath}/{{.env}}` },
          destination: { server: IN_CLUSTER, ...(withNamespace && { namespace: '{{.namespace}}' }) },
          syncPolicy: syncPolicy(),
        },
      },
    },
  };
}
