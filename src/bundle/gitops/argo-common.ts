/**
 * What the Argo CD objects (argoproj.io/v1alpha1) share: the in-cluster destination and the sync
 * policy: automatic, pruning what the folder no longer holds, undoing drift
 * (Argo CD's automated sync with prune and selfHeal).
 */
export const IN_CLUSTER = 'https://kubernetes.default.svc';

export function syncPolicy(): Record<string, unknown> {
  return { automated: { prune: true, selfHeal: true } };
}
