/**
 * Replicas, rollouts and draining of an ECS service, in whole tasks (DeploymentConfiguration in the
 * ECS API reference; Amazon ECS Developer Guide, "Deploy Amazon ECS services by replacing tasks").
 * Computed only when a service document is given: a task definition alone has no ECS rollout.
 */
import { fact, type Facts } from '../model.js';
import { int, isObj, str, type Obj } from './read.js';
import type { ReplicaRange } from './scaling.js';
import type { EcsTask } from './task.js';

/** `range`: Application Auto Scaling moves the count within it; the counts below are at its minimum. */
export function rolloutFacts(task: EcsTask, range?: ReplicaRange): Facts {
  const svc = task.svc?.value;
  if (!svc || task.mode !== 'service') return {};
  const steered = int(task.steering.get('ecs2k8s.io/replicas'));
  const d = range ? range.min : (steered ?? int(svc['desiredCount']) ?? task.inv.replicas ?? 1);
  const out: Facts = {
    replicas: range ? fact(`${range.min}..${range.max}`, 'MinCapacity..MaxCapacity of the scalable target') : fact(d, steered !== undefined ? 'ecs2k8s.io/replicas' : 'desiredCount'),
  };
  const dc: Obj = isObj(svc['deploymentConfiguration']) ? svc['deploymentConfiguration'] : {};
  const controller = isObj(svc['deploymentController']) ? str(svc['deploymentController']['type']) : undefined;
  const strategy = str(dc['strategy']);
  if (controller === 'EXTERNAL') return out; // a third party decides: nothing to compare
  // "minimumHealthyPercent represents a lower limit on the number of your service's tasks that must
  // remain in the RUNNING state during a deployment, as a percentage of the desiredCount (rounded
  // up to the nearest integer)"; "maximumPercent ... an upper limit on the number of your service's
  // tasks that are allowed in the RUNNING or PENDING state during a deployment, as a percentage of
  // the desiredCount (rounded down to the nearest integer)". Defaults for REPLICA: 100 % and 200 %.
  const minPct = int(dc['minimumHealthyPercent']) ?? 100;
  const maxPct = int(dc['maximumPercent']) ?? 200;
  const minHealthy = Math.ceil((d * minPct) / 100);
  const maxRunning = Math.floor((d * maxPct) / 100);
  // The same lower bound holds "while any container instances are in the DRAINING state" (for
  // blue/green services too): draining an instance keeps minHealthy tasks running; when that is all
  // of them, ECS starts the replacements first (within maximumPercent) and stops the old tasks after.
  out['disruption.floor'] = fact(minHealthy >= d && d > 0 ? `${d} of ${d}, replacements started first` : `${minHealthy} of ${d}`, 'minimumHealthyPercent applies to draining too');
  if (controller === 'CODE_DEPLOY' || strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY') {
    // Blue/green: the new task set is started in full beside the old one, traffic moves, then the old
    // set stops ("CodeDeploy ... reroutes the production traffic from the original task set to the
    // replacement task set"): all d stay healthy, 2d run at the peak.
    out['rollout.minHealthy'] = fact(d, 'blue/green keeps the old tasks until traffic moved');
    out['rollout.maxRunning'] = fact(2 * d, 'blue/green runs both task sets');
    return out;
  }
  out['rollout.minHealthy'] = fact(minHealthy, `ceil(${d} × ${minPct} %)`);
  out['rollout.maxRunning'] = fact(maxRunning, `floor(${d} × ${maxPct} %)`);
  return out;
}
