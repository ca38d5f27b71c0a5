/**
 * What ECS does around a load balancer and around stops, rebuilt for the AWS Load Balancer
 * Controller (target type ip) and the kubelet (SPEC §10, "Traffic"):
 *
 * - ECS waits for target health before it stops old tasks: the pods get the controller's readiness
 *   gate, injected in namespaces labelled `elbv2.k8s.aws/pod-readiness-gate-inject: enabled`.
 * - ECS deregisters a task from its target groups and drains it before SIGTERM: the target
 *   containers pause in preStop (the sleep action from 1.30, `sleep` from the image before) while
 *   the controller deregisters them, and the grace period covers that pause plus the stop timeout.
 * - minimumHealthyPercent also bounds draining in ECS: a PodDisruptionBudget carries it, never one
 *   that forbids every eviction.
 */
import { show } from '../diagnostics.js';
import { isObject, num, type Obj } from '../model/values.js';
import type { ContainerPlan, ConvertContext } from './context.js';

/** Seconds a stopping target pauses before SIGTERM, while the controller deregisters it (EKS best practice: 10–20 s). */
export const DRAIN_PAUSE_SECONDS = 15;
/** The ECS stop timeout without stopTimeout (ECS_CONTAINER_STOP_TIMEOUT, Fargate's default). */
export const ECS_STOP_TIMEOUT = 30;
export const READINESS_GATE_LABEL = 'elbv2.k8s.aws/pod-readiness-gate-inject';

/** The target version's minor (1.x); a version that does not parse counts as the newest. */
export function targetMinor(ctx: ConvertContext): number {
  const m = /^1\.(\d+)/.exec(ctx.options.kubernetesVersion);
  return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}

/**
 * The containers an ALB Ingress or NLB Service sends to (target type ip): readiness gates on the
 * namespace, a preStop pause and a grace period that covers it. `ptr`: the service's loadBalancers.
 */
export function drainTargets(ctx: ConvertContext, targets: ContainerPlan[], front: string): void {
  if (!ctx.svc || targets.length === 0) return;
  const ptr = ctx.svcPtr('loadBalancers');
  if (ctx.id.namespace === 'default') {
    ctx.warn(
      ctx.svc,
      ptr,
      'load-balancer',
      `rollouts wait for target health in ECS; in Kubernetes only with the load balancer controller's readiness gate, injected in namespaces labelled ${READINESS_GATE_LABEL}=enabled — the namespace "default" is not in the bundle: run \`kubectl label namespace default ${READINESS_GATE_LABEL}=enabled\`, or build into a namespace of its own (--namespace)`,
    );
  } else {
    ctx.namespaceLabels[READINESS_GATE_LABEL] = 'enabled';
  }
  const sleepAction = targetMinor(ctx) >= 30;
  const seen = new Set<ContainerPlan>();
  for (const c of targets) {
    if (seen.has(c)) continue;
    seen.add(c);
    const lifecycle: Obj = isObject(c.k8s.lifecycle) ? (c.k8s.lifecycle as Obj) : {};
    if (lifecycle['preStop'] !== undefined) continue;
    lifecycle['preStop'] = sleepAction ? { sleep: { seconds: DRAIN_PAUSE_SECONDS } } : { exec: { command: ['sleep', String(DRAIN_PAUSE_SECONDS)] } };
    c.k8s.lifecycle = lifecycle;
  }
  const stop = num(ctx.pod.spec.terminationGracePeriodSeconds) ?? ECS_STOP_TIMEOUT;
  const grace = stop + DRAIN_PAUSE_SECONDS;
  ctx.pod.spec.terminationGracePeriodSeconds = grace;
  const names = [...seen].map((c) => show(c.ecsName)).join(', ');
  if (!sleepAction) {
    ctx.warn(
      ctx.svc,
      ptr,
      'load-balancer',
      `ECS drains a task from ${front} before it stops it: ${names} pause ${DRAIN_PAUSE_SECONDS}s in preStop with the image's own \`sleep\` (the sleep action needs Kubernetes 1.30; kubernetesVersion is ${ctx.options.kubernetesVersion}): an image without \`sleep\` (distroless, scratch) fails the hook and gets SIGTERM while still registered`,
    );
  }
  ctx.note(
    ctx.svc,
    ptr,
    'load-balancer',
    `ECS deregisters and drains a task before it stops it: ${names} pause ${DRAIN_PAUSE_SECONDS}s in preStop while ${front} deregisters the pod, and terminationGracePeriodSeconds is ${grace} (the pause + the ${stop}s stop timeout); ECS waits the target group's whole deregistration delay (300s by default), so requests longer than that pause may still be cut`,
  );
}

/**
 * minimumHealthyPercent → a PodDisruptionBudget. ECS keeps ceil(count × min %) tasks running while
 * an instance drains and, when that is all of them, starts the replacements first; Kubernetes
 * evicts before it replaces, and a budget keeping every pod blocks node drains: then it keeps all
 * but one (maxUnavailable 1). `count`: the replicas, or the autoscaler's minimum.
 */
export function disruptionBudget(ctx: ConvertContext, count: number | undefined): void {
  if (!ctx.svc || ctx.id.kind !== 'Deployment' || count === undefined || count < 1) return;
  const given = ctx.serviceDefinition?.deploymentConfiguration?.minimumHealthyPercent;
  const min = given ?? 100;
  if (min <= 0) return;
  const floor = Math.ceil((count * min) / 100);
  const ptr = given !== undefined ? ctx.svcPtr('deploymentConfiguration', 'minimumHealthyPercent') : ctx.svcPtr('desiredCount');
  const why = given !== undefined ? `minimumHealthyPercent ${min}` : 'minimumHealthyPercent (100 by default)';
  const add = (spec: Obj) => ctx.addObject({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: ctx.meta(ctx.id.name), spec: { ...spec, selector: { matchLabels: ctx.selector } } });
  if (floor < count) {
    // A percentage rounds up, as ECS does, at any count (environments and autoscaling change it).
    add({ minAvailable: `${min}%` });
    return;
  }
  // maxUnavailable 1 at any count: with one pod it protects nothing (a drain may evict it), and never blocks a drain.
  add({ maxUnavailable: 1 });
  if (count === 1) {
    ctx.warn(
      ctx.svc,
      ptr,
      'disruption-budget',
      `${why} keeps the only task running while ECS drains its instance (it starts the replacement first); Kubernetes evicts before it replaces, and a PodDisruptionBudget keeping 1 of 1 would block every node drain: the budget allows one eviction, so a drain stops the pod until its replacement is ready — run 2 replicas to keep serving`,
    );
    return;
  }
  ctx.warn(
    ctx.svc,
    ptr,
    'disruption-budget',
    `${why} keeps all ${count} tasks running while ECS drains an instance (it starts the replacements first); Kubernetes evicts before it replaces, and a budget keeping ${count} of ${count} would block every node drain: the PodDisruptionBudget lets one pod be evicted at a time (${count - 1} of ${count} stay)`,
  );
}
