/**
 * The HorizontalPodAutoscaler (autoscaling/v2) of a workload, and the Resource metric of one
 * CPU or memory target, checked against what ECS divides by (./scaling-denominator.ts).
 */
import type { K8sObject } from '../bundle/types.js';
import { show } from '../diagnostics.js';
import type { ConvertContext } from './context.js';
import type { Obj } from '../model/values.js';
import { amountQuantity, amountWords, denominator } from './scaling-denominator.js';
import type { ResourceTarget } from './scaling-policies.js';

export interface ScaleTargetRef {
  apiVersion: string;
  kind: string;
  name: string;
}

export interface ResourceMetric {
  resource: 'cpu' | 'memory';
  target: { type: 'Utilization'; averageUtilization: number } | { type: 'AverageValue'; averageValue: string };
}

/**
 * The metric for one target tracking policy. When the pod's requests are what ECS divides by,
 * averageUtilization is the policy's TargetValue; otherwise an AverageValue target keeps ECS's
 * threshold (TargetValue % of ECS's denominator, per pod), with a warning.
 */
export function resourceMetric(ctx: ConvertContext, r: ResourceTarget): ResourceMetric {
  const den = denominator(ctx, r.resource);
  const ptr = `${r.doc.pointer}/TargetTrackingScalingPolicyConfiguration/TargetValue`;
  const percent = Math.round(r.percent);
  if (percent !== r.percent) ctx.warn(r.doc, ptr, 'scaling-target', `TargetValue ${r.percent} becomes ${percent} %: Kubernetes utilization targets are whole percents`);
  if (den.agree) {
    ctx.note(
      r.doc,
      ptr,
      'scaling-target',
      `${r.resource} ${percent} % carries over as averageUtilization: the HPA divides by ${den.k8sFrom} (${amountWords(r.resource, den.k8s)}), which is what ECS divides by (${den.ecsFrom})`,
    );
    return { resource: r.resource, target: { type: 'Utilization', averageUtilization: Math.max(1, percent) } };
  }
  if (den.ecs === undefined) {
    ctx.warn(
      r.doc,
      ptr,
      'scaling-denominator',
      `ECS measures ${r.resource} utilization against ${den.ecsFrom}, so the ${percent} % target has no fixed meaning; it becomes averageUtilization ${percent} % of ${den.k8sFrom}${den.missing.length ? ', which the HPA cannot compute until every container has a request' : ''}`,
    );
    return { resource: r.resource, target: { type: 'Utilization', averageUtilization: Math.max(1, percent) } };
  }
  const amount = (den.ecs * r.percent) / 100;
  const why =
    den.k8s === undefined
      ? `${den.k8sFrom}, so the HPA could not compute a utilization at all`
      : `${den.k8sFrom} (${amountWords(r.resource, den.k8s)}), not what ECS divides by (${den.ecsFrom}), so averageUtilization ${percent} % would act at a different load`;
  ctx.warn(
    r.doc,
    ptr,
    'scaling-denominator',
    `the pod's ${r.resource} requests are ${why}: the target becomes averageValue ${amountQuantity(r.resource, amount)} per pod (${percent} % of ${amountWords(r.resource, den.ecs)}), the load at which ECS acts`,
  );
  return { resource: r.resource, target: { type: 'AverageValue', averageValue: amountQuantity(r.resource, amount) } };
}

export function buildHpa(ctx: ConvertContext, ref: ScaleTargetRef, min: number, max: number, metrics: ResourceMetric[], behavior: Obj | undefined): K8sObject {
  const spec: Obj = {
    scaleTargetRef: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name },
    minReplicas: min,
    maxReplicas: max,
    metrics: metrics.map((m) => ({ type: 'Resource', resource: { name: m.resource, target: m.target } })),
  };
  if (behavior) spec['behavior'] = behavior;
  if (metrics.length === 0) ctx.diagnostics.info(undefined, '', 'autoscaler', `the HorizontalPodAutoscaler ${show(ref.name)} has no metric`);
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: ctx.meta(ctx.id.name), spec };
}
