/**
 * A service's Application Auto Scaling → one autoscaler for its workload: a
 * HorizontalPodAutoscaler (autoscaling/v2) when every policy is target tracking on CPU or
 * memory, else a KEDA ScaledObject that carries those as cpu/memory triggers beside its
 * aws-cloudwatch and cron triggers (never two autoscalers on one workload: they would fight
 * over its replicas). The workload then has no `replicas` (the autoscaler owns it).
 *
 * Several policies become several metrics: the HPA takes the largest recommendation, as ECS
 * scales out when any policy asks and in only when all (with scale-in enabled) agree.
 * DisableScaleIn on every policy → scaleDown selectPolicy Disabled; the largest
 * ScaleInCooldown → the scale-down stabilisation window (approximated).
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import type { Obj } from '../model/values.js';
import { buildHpa, resourceMetric, type ScaleTargetRef } from './hpa.js';
import { buildScaledObject } from './keda.js';
import type { ServiceScaling } from './scaling-pair.js';
import { planPolicies, type PolicyPlan } from './scaling-policies.js';
import { scheduleTriggers } from './scaling-schedule.js';
import { scalableTargetOf } from '../model/delivery.js';

export interface ScalingResult {
  /** The autoscaler's kind, when one was emitted (then the workload has no replicas). */
  kind?: 'HorizontalPodAutoscaler' | 'ScaledObject';
  min?: number;
  max?: number;
}

/** `alarms`: the CloudWatch metric alarms among the inputs, by name (a step scaling policy's metric is its alarm's). */
export function convertScaling(ctx: ConvertContext, scaling: ServiceScaling | undefined, ref: ScaleTargetRef, alarms: ReadonlyMap<string, EcsDocument> = new Map()): ScalingResult {
  const target = scaling?.target;
  if (!scaling || !target) return {};
  const v = scalableTargetOf(target);
  const ptr = target.pointer;
  suspended(ctx, scaling);
  if (ctx.id.kind !== 'Deployment') {
    ctx.warn(target, ptr, 'scaling-policy', `the service becomes a ${ctx.id.kind}, which an autoscaler cannot scale: its scaling is not converted`);
    return {};
  }
  let min = v.MinCapacity;
  const max = v.MaxCapacity;
  if (min === undefined || max === undefined) {
    ctx.warn(
      target,
      ptr,
      'scaling-policy',
      'the scalable target has no MinCapacity or MaxCapacity (RegisterScalableTarget may leave them to an earlier registration): give both, so the replica range is known; the service is not autoscaled',
    );
    return {};
  }
  const policies = planPolicies(ctx, scaling.policies, alarms);
  const cron = scheduleTriggers(ctx, scaling.scheduled, min, max);
  if (policies.tracking === 0 && policies.triggers.length === 0 && cron.length === 0) {
    ctx.note(
      target,
      ptr,
      'scaling-policy',
      `the scalable target (${min} to ${max} tasks) has no policy or scheduled action that converts: no autoscaler is emitted and the workload keeps its replicas`,
    );
    return {};
  }
  const keda = policies.triggers.length > 0 || cron.length > 0;
  if (min === 0 && (!keda || policies.resources.length > 0)) {
    ctx.warn(
      target,
      `${ptr}/MinCapacity`,
      'scaling-policy',
      'MinCapacity 0 lets ECS stop every task; an autoscaler on CPU or memory needs at least one pod to measure (the HPA rejects minReplicas 0 without the HPAScaleToZero feature gate): the minimum is 1',
    );
    min = 1;
  }
  const metrics = policies.resources.map((r) => resourceMetric(ctx, r));
  const behavior = behaviour(ctx, policies, target);
  if (!keda) {
    ctx.addObject(buildHpa(ctx, ref, min, max, metrics, behavior));
    ctx.note(
      target,
      ptr,
      'autoscaler',
      `the scalable target and its ${policies.tracking} polic${policies.tracking === 1 ? 'y' : 'ies'} become the HorizontalPodAutoscaler ${show(ctx.id.name)} (${min} to ${max} replicas); the workload has no replicas of its own`,
    );
    return { kind: 'HorizontalPodAutoscaler', min, max };
  }
  for (const o of buildScaledObject(ctx, ref, min, max, metrics, [...policies.triggers, ...cron], behavior)) ctx.addObject(o);
  ctx.note(
    target,
    ptr,
    'autoscaler',
    `the scalable target, its policies and scheduled actions become the KEDA ScaledObject ${show(ctx.id.name)} (${min} to ${max} replicas; KEDA creates and owns the HPA); the workload has no replicas of its own`,
  );
  return { kind: 'ScaledObject', min, max };
}

function behaviour(ctx: ConvertContext, p: PolicyPlan, target: ServiceScaling['target'] & object): Obj | undefined {
  if (p.tracking === 0) return undefined;
  const scaleDown: Obj = { stabilizationWindowSeconds: Math.min(3600, p.scaleInCooldown) };
  const first = p.resources[0]?.doc ?? target;
  if (p.scaleInDisabled === p.tracking) {
    scaleDown['selectPolicy'] = 'Disabled';
    ctx.note(
      first,
      first.pointer,
      'scale-in',
      'every target tracking policy has DisableScaleIn: scale-down is disabled (behavior.scaleDown.selectPolicy: Disabled); only scheduled actions or a person lower the replicas',
    );
  } else if (p.scaleInDisabled > 0) {
    ctx.warn(
      first,
      first.pointer,
      'scale-in',
      `${p.scaleInDisabled} of ${p.tracking} target tracking policies disable scale-in: ECS then scales in when the others agree, but the HPA scales in only when every metric agrees, so it scales in later than ECS`,
    );
  }
  ctx.warn(
    first,
    first.pointer,
    'scaling-cooldown',
    `cooldowns are approximated: ScaleInCooldown ${p.scaleInCooldown}s becomes the scale-down stabilisation window (the HPA scales down to the highest recommendation of that window, where ECS waits that long after each scale-in)${p.scaleOutCooldowns.length ? `; ScaleOutCooldown (${p.scaleOutCooldowns.join(', ')}s) has no equivalent: the HPA scales out at once on every sync (15 s), as target tracking does for a first scale-out` : ''}`,
  );
  return { scaleDown };
}

/** SuspendedState: a note on what is paused in ECS, and that it is not carried. */
function suspended(ctx: ConvertContext, scaling: ServiceScaling): void {
  const t = scaling.target!;
  const s = scalableTargetOf(t).SuspendedState;
  if (!s) return;
  const paused = (['DynamicScalingInSuspended', 'DynamicScalingOutSuspended', 'ScheduledScalingSuspended'] as const).filter((k) => s[k] === true);
  if (paused.length === 0) return;
  const words: Record<string, string> = {
    DynamicScalingInSuspended: 'policies do not scale in',
    DynamicScalingOutSuspended: 'policies do not scale out',
    ScheduledScalingSuspended: 'scheduled actions do not run',
  };
  ctx.note(
    t,
    `${t.pointer}/SuspendedState`,
    'scaling-suspended',
    `scaling is suspended on this target (${paused.map((k) => words[k]).join('; ')}), usually for a while (a deployment, an incident); the autoscaler is emitted active: pause it in Kubernetes with the annotation autoscaling.keda.sh/paused (KEDA) or by deleting the HPA`,
  );
}
