/**
 * Scaling and traffic shifting of an ECS service (issue 15), from the Application Auto Scaling
 * and CodeDeploy documents given beside it:
 * - the replica range: a scalable target for `service/<cluster>/<service>` (ServiceNamespace ecs,
 *   "ResourceId ... service/my-cluster/my-service") with any policy or scheduled action scales the
 *   service between MinCapacity and MaxCapacity;
 * - `scaling.in`: "DisableScaleIn ... If the value is true, scale in is disabled and the target
 *   tracking policy won't remove capacity" — never when every target tracking policy says so;
 * - `rollout.weights`: the share of production traffic on the new revision over a deployment, in
 *   minutes from when the new revision is up: CANARY "shifts canaryPercent ... then the remaining
 *   traffic after canaryBakeTimeInMinutes"; LINEAR "shifts stepPercent at each step, waiting
 *   stepBakeTimeInMinutes"; BLUE_GREEN one switch; CodeDeploy's predefined ECS configurations by
 *   name; a PAUSE hook waits for ContinueServiceDeployment ("waits"), one whose timeout action is
 *   CONTINUE waits that long; bakeTimeInMinutes (CodeDeploy: terminationWaitTimeInMinutes) keeps
 *   the old revision after the shift.
 */
import { fact, type Facts } from '../model.js';
import { int, isObj, list, str, strings, type Obj } from './read.js';
import type { EcsTask } from './task.js';

export interface ReplicaRange {
  min: number;
  max: number;
}

const CODEDEPLOY: Record<string, { canary?: [number, number]; linear?: [number, number] }> = {
  'CodeDeployDefault.ECSAllAtOnce': {},
  'CodeDeployDefault.ECSCanary10Percent5Minutes': { canary: [10, 5] },
  'CodeDeployDefault.ECSCanary10Percent15Minutes': { canary: [10, 15] },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': { linear: [10, 1] },
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': { linear: [10, 3] },
};

function resourceId(task: EcsTask): string | undefined {
  const svc = task.svc?.value;
  const name = str(svc?.['serviceName']);
  if (!svc || !name) return undefined;
  const cluster = (str(svc['cluster']) ?? 'default').replace(/^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\//, '');
  return `service/${cluster}/${name}`;
}

function mine(task: EcsTask, docs: readonly Obj[]): Obj[] {
  const id = resourceId(task);
  return id === undefined ? [] : docs.filter((d) => d['ServiceNamespace'] === 'ecs' && d['ScalableDimension'] === 'ecs:service:DesiredCount' && d['ResourceId'] === id);
}

/** The range the service's count moves in, when Application Auto Scaling scales it. */
export function replicaRange(task: EcsTask, docs: readonly Obj[]): ReplicaRange | undefined {
  const own = mine(task, docs);
  const target = own.find((d) => d['PolicyName'] === undefined && d['ScheduledActionName'] === undefined);
  const min = int(target?.['MinCapacity']);
  const max = int(target?.['MaxCapacity']);
  if (min === undefined || max === undefined) return undefined;
  return own.some((d) => d['PolicyName'] !== undefined || d['ScheduledActionName'] !== undefined) ? { min, max } : undefined;
}

const pct = (n: number) => `${Math.round(n * 100) / 100}%`;
const min = (n: number) => `${Math.round(n * 100) / 100}m`;

function series(steps: [number, number][]): string {
  return steps.map(([at, p]) => `${pct(p)}@${min(at)}`).join(' ');
}

export function scalingFacts(task: EcsTask, docs: readonly Obj[]): Facts {
  const out: Facts = {};
  const range = replicaRange(task, docs);
  if (range) {
    const tracking = mine(task, docs)
      .map((p) => p['TargetTrackingScalingPolicyConfiguration'])
      .filter(isObj);
    const never = tracking.length > 0 && tracking.every((c) => c['DisableScaleIn'] === true);
    out['scaling.in'] = fact(never ? 'never' : 'allowed', never ? 'every target tracking policy has DisableScaleIn' : undefined);
  }
  const w = weights(task, docs);
  if (w) out['rollout.weights'] = fact(w);
  return out;
}

function weights(task: EcsTask, docs: readonly Obj[]): string | undefined {
  const svc = task.svc?.value;
  if (!svc || task.mode !== 'service') return undefined;
  const dc: Obj = isObj(svc['deploymentConfiguration']) ? svc['deploymentConfiguration'] : {};
  const hooks = list(dc['lifecycleHooks']);
  const controller = isObj(svc['deploymentController']) ? str(svc['deploymentController']['type']) : undefined;
  const timedBeforeShift = hooks
    .filter(
      (h) =>
        h['targetType'] === 'PAUSE' && isObj(h['timeoutConfiguration']) && h['timeoutConfiguration']['action'] === 'CONTINUE' && strings(h['lifecycleStages']).includes('PRE_PRODUCTION_TRAFFIC_SHIFT'),
    )
    .reduce((n, h) => n + (int((h['timeoutConfiguration'] as Obj)['timeoutInMinutes']) ?? 0), 0);
  let waits = hooks.some(
    (h) => (str(h['targetType']) ?? 'AWS_LAMBDA') === 'AWS_LAMBDA' || (h['targetType'] === 'PAUSE' && !(isObj(h['timeoutConfiguration']) && h['timeoutConfiguration']['action'] === 'CONTINUE')),
  );
  let keep = int(dc['bakeTimeInMinutes']) ?? 0;
  let steps: [number, number][];
  const canary = (p: number, bake: number): [number, number][] => [
    [timedBeforeShift, p],
    [2 * timedBeforeShift + bake, 100],
  ];
  const linear = (p: number, bake: number): [number, number][] => {
    const s: [number, number][] = [];
    let t = 0;
    for (let k = 1; k * p < 100; k++) {
      t += timedBeforeShift;
      s.push([t, k * p]);
      t += bake;
    }
    s.push([t + timedBeforeShift, 100]);
    return s;
  };
  if (controller === 'CODE_DEPLOY') {
    const group = docs.find((d) => list(d['ecsServices']).some((e) => e['serviceName'] === svc['serviceName']));
    const cfg = CODEDEPLOY[str(group?.['deploymentConfigName']) ?? 'CodeDeployDefault.ECSAllAtOnce'] ?? {};
    steps = cfg.canary ? canary(...cfg.canary) : cfg.linear ? linear(...cfg.linear) : [[0, 100]];
    const bg: Obj = isObj(group?.['blueGreenDeploymentConfiguration']) ? (group!['blueGreenDeploymentConfiguration'] as Obj) : {};
    keep = int((bg['terminateBlueInstancesOnDeploymentSuccess'] as Obj | undefined)?.['terminationWaitTimeInMinutes']) ?? 0;
    waits = (bg['deploymentReadyOption'] as Obj | undefined)?.['actionOnTimeout'] === 'STOP_DEPLOYMENT';
  } else if (controller === 'EXTERNAL') {
    return undefined;
  } else if (dc['strategy'] === 'CANARY') {
    const c: Obj = isObj(dc['canaryConfiguration']) ? dc['canaryConfiguration'] : {};
    steps = canary(typeof c['canaryPercent'] === 'number' ? c['canaryPercent'] : 5, typeof c['canaryBakeTimeInMinutes'] === 'number' ? c['canaryBakeTimeInMinutes'] : 10);
  } else if (dc['strategy'] === 'LINEAR') {
    const c: Obj = isObj(dc['linearConfiguration']) ? dc['linearConfiguration'] : {};
    steps = linear(typeof c['stepPercent'] === 'number' ? c['stepPercent'] : 10, typeof c['stepBakeTimeInMinutes'] === 'number' ? c['stepBakeTimeInMinutes'] : 6);
  } else if (dc['strategy'] === 'BLUE_GREEN') {
    steps = [[0, 100]];
  } else {
    return undefined;
  }
  return `${series(steps)}${waits ? ', waits for a person' : ''}, old revision kept ${min(keep)}`;
}
