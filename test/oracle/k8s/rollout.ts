/**
 * Replicas, rollouts and evictions in Kubernetes, in whole pods (kubernetes.io: Deployments —
 * "Max Surge", "Max Unavailable"; "Specifying a Disruption Budget for your Application").
 */
import { fact, type Facts } from '../model.js';
import { selects, type PodView } from './pod.js';
import { isObj, num, str, type K8sObject, type Obj } from './read.js';
import { replicaRange } from './scaling.js';

/** An int-or-percent of `total`, rounded as told. */
function absolute(v: unknown, total: number, round: (n: number) => number, dflt: number): number {
  if (typeof v === 'number') return v;
  const m = typeof v === 'string' ? /^(\d+)%$/.exec(v) : null;
  return m ? round((total * Number(m[1])) / 100) : dflt;
}

export function rolloutFacts(p: PodView, objects: readonly K8sObject[]): Facts {
  if (p.kind !== 'Deployment' && p.kind !== 'StatefulSet' && p.kind !== 'Rollout') return {};
  const spec = isObj(p.object['spec']) ? p.object['spec'] : {};
  // An autoscaler owns the count: the range it keeps, and the counts below at its minimum.
  const range = replicaRange(p, objects);
  const d = range ? range.min : (num(spec['replicas']) ?? 1);
  const out: Facts = { replicas: range ? fact(`${range.min}..${range.max}`, 'autoscaled') : fact(d) };
  const strategy: Obj = isObj(spec['strategy']) ? spec['strategy'] : {};
  if (p.kind === 'Rollout') {
    // Argo Rollouts: a blue/green runs the preview ReplicaSet in full beside the active one; a canary
    // with traffic routing keeps the stable ReplicaSet in full while the canary grows to 100 %.
    out['rollout.minHealthy'] = fact(d, 'the stable/active ReplicaSet stays whole');
    out['rollout.maxRunning'] = fact(2 * d, 'both ReplicaSets at the end of the shift');
  } else if (str(strategy['type']) === 'Recreate') {
    // "All existing Pods are killed before new ones are created when .spec.strategy.type==Recreate."
    out['rollout.minHealthy'] = fact(0, 'Recreate');
    out['rollout.maxRunning'] = fact(d, 'Recreate');
  } else if (p.kind === 'Deployment') {
    // "maxSurge ... The absolute number is calculated from the percentage by rounding up. The
    // default value is 25%"; "maxUnavailable ... The absolute number is calculated from percentage
    // by rounding down. The default value is 25%"; the two cannot both be 0 — when percentages
    // round both to 0, the controller lets one pod be unavailable.
    const ru: Obj = isObj(strategy['rollingUpdate']) ? strategy['rollingUpdate'] : {};
    const surge = absolute(ru['maxSurge'] ?? '25%', d, Math.ceil, 0);
    let unavailable = absolute(ru['maxUnavailable'] ?? '25%', d, Math.floor, 0);
    if (surge === 0 && unavailable === 0) unavailable = 1;
    out['rollout.minHealthy'] = fact(Math.max(0, d - unavailable), `${d} − maxUnavailable ${unavailable}`);
    out['rollout.maxRunning'] = fact(d + surge, `${d} + maxSurge ${surge}`);
  }
  out['disruption.floor'] = fact(disruptionFloor(p, objects, d));
  return out;
}

/**
 * "minAvailable ... maxUnavailable ... can be expressed as integers or as a percentage ... Kubernetes
 * rounds up to the nearest integer"; a budget that leaves no eviction allowed blocks node drains
 * ("A maxUnavailable of 0% or 0 or a minAvailable of 100% or equal to the number of replicas ...
 * can block nodes from being drained"). Without a budget, a drain may evict every pod.
 */
function disruptionFloor(p: PodView, objects: readonly K8sObject[], d: number): string {
  const pdb = objects.find((o) => o.kind === 'PodDisruptionBudget' && (o.metadata.namespace ?? 'default') === p.namespace && selects((o['spec'] as Obj | undefined)?.['selector'], p.labels));
  if (!pdb) return `0 of ${d}`;
  const spec = isObj(pdb['spec']) ? pdb['spec'] : {};
  const floor = spec['minAvailable'] !== undefined ? absolute(spec['minAvailable'], d, Math.ceil, 0) : d - absolute(spec['maxUnavailable'], d, Math.ceil, d);
  return floor >= d && d > 0 ? 'blocks every eviction' : `${Math.max(0, floor)} of ${d}`;
}
