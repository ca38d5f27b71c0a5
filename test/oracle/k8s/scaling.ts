/**
 * Scaling and traffic shifting in Kubernetes (issue 15):
 * - the replica range of a workload a HorizontalPodAutoscaler ("minReplicas ... maxReplicas") or
 *   a KEDA ScaledObject (minReplicaCount, default 0; maxReplicaCount, default 100) scales through
 *   its scaleTargetRef;
 * - `scaling.in`: never when the behaviour's scaleDown selectPolicy is Disabled ("selectPolicy:
 *   Disabled ... disables scaling in that direction");
 * - `rollout.weights`: an Argo Rollouts canary's steps ("setWeight ... the percentage of traffic";
 *   "pause: {} ... paused indefinitely until manually resumed"; a pause with a duration waits that
 *   long; after the last step the Rollout goes to 100 %), a blue/green's one switch (waiting for a
 *   person when autoPromotionEnabled is false); scaleDownDelaySeconds (default 30) keeps the old
 *   ReplicaSet after the shift; a Deployment rolls (`rolling`).
 */
import { fact, type Facts } from '../model.js';
import type { PodView } from './pod.js';
import { isObj, num, str, type K8sObject, type Obj } from './read.js';

export interface ReplicaRange {
  min: number;
  max: number;
}

function autoscaler(p: PodView, objects: readonly K8sObject[]): K8sObject | undefined {
  return objects.find((o) => {
    if (o.kind !== 'HorizontalPodAutoscaler' && o.kind !== 'ScaledObject') return false;
    if ((o.metadata.namespace ?? 'default') !== p.namespace) return false;
    const ref = isObj(o['spec']) && isObj((o['spec'] as Obj)['scaleTargetRef']) ? ((o['spec'] as Obj)['scaleTargetRef'] as Obj) : {};
    return ref['name'] === p.object.metadata.name && (str(ref['kind']) ?? 'Deployment') === p.kind;
  });
}

export function replicaRange(p: PodView, objects: readonly K8sObject[]): ReplicaRange | undefined {
  const a = autoscaler(p, objects);
  if (!a) return undefined;
  const spec = a['spec'] as Obj;
  return a.kind === 'HorizontalPodAutoscaler'
    ? { min: num(spec['minReplicas']) ?? 1, max: num(spec['maxReplicas']) ?? 1 }
    : { min: num(spec['minReplicaCount']) ?? 0, max: num(spec['maxReplicaCount']) ?? 100 };
}

function minutes(d: unknown): number {
  if (typeof d === 'number') return d / 60;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(String(d ?? ''));
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 's' ? 1 / 60 : m[2] === 'h' ? 60 : 1);
}

const pct = (n: number) => `${Math.round(n * 100) / 100}%`;
const min = (n: number) => `${Math.round(n * 100) / 100}m`;

export function scalingFacts(p: PodView, objects: readonly K8sObject[]): Facts {
  const out: Facts = {};
  const a = autoscaler(p, objects);
  if (a) {
    const spec = a['spec'] as Obj;
    const behavior = a.kind === 'HorizontalPodAutoscaler' ? spec['behavior'] : ((spec['advanced'] as Obj | undefined)?.['horizontalPodAutoscalerConfig'] as Obj | undefined)?.['behavior'];
    const down = isObj(behavior) && isObj(behavior['scaleDown']) ? behavior['scaleDown'] : {};
    out['scaling.in'] = fact(down['selectPolicy'] === 'Disabled' ? 'never' : 'allowed');
  }
  if (p.kind === 'Deployment') out['rollout.weights'] = fact('rolling');
  if (p.kind !== 'Rollout') return out;
  const strategy: Obj = isObj((p.object['spec'] as Obj)['strategy']) ? ((p.object['spec'] as Obj)['strategy'] as Obj) : {};
  const steps: [number, number][] = [];
  let waits = false;
  let keep = 0.5;
  if (isObj(strategy['blueGreen'])) {
    const bg = strategy['blueGreen'];
    waits = bg['autoPromotionEnabled'] === false;
    steps.push([minutes(bg['autoPromotionSeconds']), 100]);
    keep = (num(bg['scaleDownDelaySeconds']) ?? 30) / 60;
  } else if (isObj(strategy['canary'])) {
    const c = strategy['canary'];
    let t = 0;
    for (const s of Array.isArray(c['steps']) ? c['steps'] : []) {
      if (!isObj(s)) continue;
      if (typeof s['setWeight'] === 'number') steps.push([t, s['setWeight']]);
      else if (isObj(s['pause'])) {
        if (s['pause']['duration'] === undefined) waits = true;
        else t += minutes(s['pause']['duration']);
      }
    }
    if (steps.at(-1)?.[1] !== 100) steps.push([t, 100]);
    keep = (num(c['scaleDownDelaySeconds']) ?? 30) / 60;
  } else return out;
  out['rollout.weights'] = fact(`${steps.map(([at, w]) => `${pct(w)}@${min(at)}`).join(' ')}${waits ? ', waits for a person' : ''}, old revision kept ${min(keep)}`);
  return out;
}
