/**
 * Equivalence facts for scaling and progressive delivery, for the equivalence oracle (SPEC §10):
 * what ECS would do, read from the ECS inputs by the rules of the AWS documentation, and what
 * Kubernetes would do, read from the bundle by the rules of the Kubernetes, KEDA and Argo
 * Rollouts documentation. Nothing here imports the converter.
 *
 * Facts per service (keyed `namespace/name` on the Kubernetes side, `cluster/service` on ECS's,
 * which the oracle pairs by the service name):
 * - replicas: the range the count may take ([desiredCount, desiredCount] without autoscaling);
 * - scaleIn: whether demand can lower the count ('never' when every target tracking policy sets
 *   DisableScaleIn / the HPA's scaleDown selectPolicy is Disabled);
 * - traffic: the share of production traffic on the new revision over a deployment, as
 *   (minute, percent) steps, minutes from when the new revision is up (indefinite waits count
 *   0); `manual` when a step waits for a person (PAUSE hook / `pause: {}`);
 *   blue/green is one switch to 100 %; undefined for a rolling update;
 * - keepOldMinutes: how long the old revision stays up after the shift (ECS bake time /
 *   Argo scaleDownDelaySeconds).
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TrafficStep {
  /** Minutes since the new revision is up (indefinite waits count 0). */
  minute: number;
  percent: number;
}

export interface DeliveryFacts {
  replicas: [number, number];
  scaleIn: 'allowed' | 'never';
  traffic?: TrafficStep[];
  manual: boolean;
  keepOldMinutes: number;
}

/** CodeDeploy's predefined ECS deployment configurations (CodeDeploy user guide). */
const CODEDEPLOY: Record<string, { canary?: [number, number]; linear?: [number, number] }> = {
  'CodeDeployDefault.ECSAllAtOnce': {},
  'CodeDeployDefault.ECSCanary10Percent5Minutes': { canary: [10, 5] },
  'CodeDeployDefault.ECSCanary10Percent15Minutes': { canary: [10, 15] },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': { linear: [10, 1] },
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': { linear: [10, 3] },
};

function unwrap(doc: Obj): Obj[] {
  for (const k of ['ScalableTargets', 'ScalingPolicies', 'ScheduledActions', 'services']) if (Array.isArray(doc[k])) return doc[k];
  if (doc['deploymentGroupInfo']) return [doc['deploymentGroupInfo']];
  return [doc];
}

function canaryTraffic(percent: number, bake: number): TrafficStep[] {
  return [{ minute: 0, percent }, { minute: bake, percent: 100 }];
}

function linearTraffic(step: number, bake: number): TrafficStep[] {
  const out: TrafficStep[] = [];
  let minute = 0;
  for (let k = 1; k * step < 100; k++, minute += bake) out.push({ minute, percent: k * step });
  out.push({ minute, percent: 100 });
  return out;
}

/** ECS facts of every service among the ECS input documents (already parsed JSON files). */
export function ecsFacts(files: readonly Obj[]): Map<string, DeliveryFacts> {
  const docs = files.flatMap(unwrap);
  const out = new Map<string, DeliveryFacts>();
  for (const s of docs.filter((d) => typeof d['serviceName'] === 'string' && d['taskDefinition'] !== undefined)) {
    const cluster = String(s['cluster'] ?? 'default').replace(/^arn:.*:cluster\//, '');
    const id = `service/${cluster}/${s['serviceName']}`;
    const mine = docs.filter((d) => d['ResourceId'] === id && d['ServiceNamespace'] === 'ecs');
    const target = mine.find((d) => d['MinCapacity'] !== undefined && d['PolicyName'] === undefined && d['ScheduledActionName'] === undefined);
    const tracking = mine.filter((d) => d['TargetTrackingScalingPolicyConfiguration']);
    const desired = typeof s['desiredCount'] === 'number' ? s['desiredCount'] : 1;
    const autoscaled = target !== undefined && (tracking.length > 0 || mine.some((d) => d['ScheduledActionName'] !== undefined));
    const replicas: [number, number] = autoscaled ? [target['MinCapacity'], target['MaxCapacity']] : [desired, desired];
    const scaleIn = tracking.length > 0 && tracking.every((p) => p['TargetTrackingScalingPolicyConfiguration']['DisableScaleIn'] === true) ? 'never' : 'allowed';
    const dc: Obj = s['deploymentConfiguration'] ?? {};
    const hooks: Obj[] = dc['lifecycleHooks'] ?? [];
    let traffic: TrafficStep[] | undefined;
    let keep = dc['bakeTimeInMinutes'] ?? 0;
    let manual = hooks.some((h) => h['targetType'] === 'PAUSE' && h['timeoutConfiguration']?.['action'] !== 'CONTINUE') || hooks.some((h) => (h['targetType'] ?? 'AWS_LAMBDA') === 'AWS_LAMBDA');
    if (s['deploymentController']?.['type'] === 'CODE_DEPLOY') {
      const group = docs.find((d) => Array.isArray(d['ecsServices']) && d['ecsServices'].some((e: Obj) => e['serviceName'] === s['serviceName'] && (e['clusterName'] ?? 'default') === cluster));
      const cfg = CODEDEPLOY[group?.['deploymentConfigName'] ?? 'CodeDeployDefault.ECSAllAtOnce'] ?? {};
      traffic = cfg.canary ? canaryTraffic(...cfg.canary) : cfg.linear ? linearTraffic(...cfg.linear) : [{ minute: 0, percent: 100 }];
      keep = group?.['blueGreenDeploymentConfiguration']?.['terminateBlueInstancesOnDeploymentSuccess']?.['terminationWaitTimeInMinutes'] ?? 0;
      manual = group?.['blueGreenDeploymentConfiguration']?.['deploymentReadyOption']?.['actionOnTimeout'] === 'STOP_DEPLOYMENT';
    } else if (dc['strategy'] === 'CANARY') {
      const c = dc['canaryConfiguration'] ?? {};
      traffic = canaryTraffic(c['canaryPercent'] ?? 5, c['canaryBakeTimeInMinutes'] ?? 10);
    } else if (dc['strategy'] === 'LINEAR') {
      const c = dc['linearConfiguration'] ?? {};
      traffic = linearTraffic(c['stepPercent'] ?? 10, c['stepBakeTimeInMinutes'] ?? 6);
      // A PAUSE hook before each shift that continues after its timeout adds that time to each step.
      const wait = hooks.filter((h) => h['targetType'] === 'PAUSE' && h['timeoutConfiguration']?.['action'] === 'CONTINUE' && (h['lifecycleStages'] ?? []).includes('PRE_PRODUCTION_TRAFFIC_SHIFT')).reduce((n, h) => n + (h['timeoutConfiguration']['timeoutInMinutes'] ?? 0), 0);
      traffic = traffic.map((t, i) => ({ ...t, minute: t.minute + wait * (i + 1) }));
    } else if (dc['strategy'] === 'BLUE_GREEN') {
      traffic = [{ minute: 0, percent: 100 }];
    } else {
      keep = 0;
    }
    out.set(String(s['serviceName']), { replicas, scaleIn, ...(traffic && { traffic }), manual: traffic ? manual : false, keepOldMinutes: keep });
  }
  return out;
}

function minutes(d: string | undefined): number {
  const m = /^(\d+)(s|m|h)$/.exec(d ?? '');
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === 's' ? n / 60 : m[2] === 'h' ? n * 60 : n;
}

/** Kubernetes facts of every workload of a bundle (parsed objects). */
export function k8sFacts(objects: readonly Obj[]): Map<string, DeliveryFacts> {
  const out = new Map<string, DeliveryFacts>();
  for (const w of objects.filter((o) => o['kind'] === 'Deployment' || o['kind'] === 'Rollout')) {
    const name = w['metadata']['name'];
    const ns = w['metadata']['namespace'];
    const scaler = objects.find((o) => (o['kind'] === 'HorizontalPodAutoscaler' || o['kind'] === 'ScaledObject') && o['metadata']['namespace'] === ns && o['spec']['scaleTargetRef']['name'] === name);
    const spec = scaler?.['spec'];
    const replicas: [number, number] = !spec ? [w['spec']['replicas'] ?? 1, w['spec']['replicas'] ?? 1] : scaler['kind'] === 'HorizontalPodAutoscaler' ? [spec['minReplicas'] ?? 1, spec['maxReplicas']] : [spec['minReplicaCount'] ?? 0, spec['maxReplicaCount'] ?? 100];
    const behavior = scaler?.['kind'] === 'HorizontalPodAutoscaler' ? spec['behavior'] : spec?.['advanced']?.['horizontalPodAutoscalerConfig']?.['behavior'];
    const scaleIn = behavior?.['scaleDown']?.['selectPolicy'] === 'Disabled' ? 'never' : 'allowed';
    const strategy = w['kind'] === 'Rollout' ? w['spec']['strategy'] : undefined;
    let traffic: TrafficStep[] | undefined;
    let manual = false;
    let keep = 0;
    if (strategy?.['blueGreen']) {
      traffic = [{ minute: 0, percent: 100 }];
      manual = strategy['blueGreen']['autoPromotionEnabled'] === false;
      keep = (strategy['blueGreen']['scaleDownDelaySeconds'] ?? 30) / 60;
    } else if (strategy?.['canary']) {
      traffic = [];
      let minute = 0;
      for (const step of strategy['canary']['steps'] ?? []) {
        if (step['setWeight'] !== undefined) traffic.push({ minute, percent: step['setWeight'] });
        else if (step['pause']?.['duration'] === undefined && step['pause']) manual = true;
        else if (step['pause']) minute += minutes(step['pause']['duration']);
      }
      if (traffic.at(-1)?.percent !== 100) traffic.push({ minute, percent: 100 });
      keep = (strategy['canary']['scaleDownDelaySeconds'] ?? 30) / 60;
    }
    out.set(String(name), { replicas, scaleIn, ...(traffic && { traffic }), manual, keepOldMinutes: traffic ? keep : 0 });
  }
  return out;
}

/** Where the two sides differ, in words (weights within 1 point and times within a second agree). */
export function compareFacts(ecs: Map<string, DeliveryFacts>, k8s: Map<string, DeliveryFacts>): string[] {
  const out: string[] = [];
  for (const [name, e] of ecs) {
    const k = k8s.get(name);
    if (!k) {
      out.push(`${name}: no workload in the bundle`);
      continue;
    }
    if (e.replicas.join() !== k.replicas.join()) out.push(`${name}: replicas ${e.replicas.join('..')} in ECS, ${k.replicas.join('..')} in Kubernetes`);
    if (e.scaleIn !== k.scaleIn) out.push(`${name}: scale-in ${e.scaleIn} in ECS, ${k.scaleIn} in Kubernetes`);
    const show = (t?: TrafficStep[]) => (t ? t.map((s) => `${s.percent}%@${s.minute}m`).join(' ') : 'rolling');
    const same = e.traffic === undefined ? k.traffic === undefined : k.traffic !== undefined && e.traffic.length === k.traffic.length && e.traffic.every((s, i) => Math.abs(s.percent - k.traffic![i]!.percent) <= 1 && Math.abs(s.minute - k.traffic![i]!.minute) < 1 / 60);
    if (!same) out.push(`${name}: traffic ${show(e.traffic)} in ECS, ${show(k.traffic)} in Kubernetes`);
    if (e.manual !== k.manual) out.push(`${name}: ${e.manual ? 'waits' : 'does not wait'} for a person in ECS, ${k.manual ? 'waits' : 'does not wait'} in Kubernetes`);
    if (e.traffic && k.traffic && Math.abs(e.keepOldMinutes - k.keepOldMinutes) >= 1 / 60 && e.keepOldMinutes > 0) out.push(`${name}: the old revision stays ${e.keepOldMinutes} min in ECS, ${k.keepOldMinutes} min in Kubernetes`);
  }
  return out;
}
