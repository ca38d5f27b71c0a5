/** The Argo CD ApplicationSet (argoproj.io/v1alpha1) over the environments: a list generator, one element each. */
import type { K8sObject } from '../types.js';
import { IN_CLUSTER, syncPolicy } from './argo-common.js';
import { LABELS, type GitopsOptions } from './source.js';

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
