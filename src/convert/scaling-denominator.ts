/**
 * What a utilization target divides by, on each side, for the pod layout actually emitted.
 *
 * ECS (Amazon ECS service utilization metrics): a service's CPU (memory) utilization is the CPU
 * units (MiB) its tasks use over the CPU units (MiB) "specified in the task definition" times
 * the number of tasks: the task-level `cpu` / `memory` when set, otherwise the containers'
 * reservations (container `cpu`; `memoryReservation`, else `memory`) summed.
 *
 * Kubernetes (HorizontalPodAutoscaler, Resource metrics, target type Utilization): the pods'
 * usage over their requests: the pod-level `spec.resources.requests` when the pod has them
 * (pod-level resources, beta and on by default from 1.34), otherwise the sum of the requests of
 * the containers that run alongside each other (regular containers and native sidecars; init
 * containers that run to completion are not running when the metric is read). A container
 * without a request makes the utilization undefined, and the HPA does not act on that metric.
 *
 * The two agree when the denominators are equal; then averageUtilization carries the target
 * as it is. When they differ, an AverageValue target (the same absolute amount per pod ECS
 * aims at) keeps ECS's threshold whatever the requests are.
 */
import type { ConvertContext } from './context.js';
import { isObject } from '../model/values.js';
import { parseTaskCpu, parseTaskMemory } from '../validate/task-size.js';

export type ScaledResource = 'cpu' | 'memory';

export interface Denominator {
  resource: ScaledResource;
  /** ECS's denominator, in millicores (cpu) or MiB (memory); undefined when the task sets none. */
  ecs: number | undefined;
  /** Where ECS's figure comes from, in words. */
  ecsFrom: string;
  /** The HPA's denominator for the emitted pod, same unit; undefined when a container has no request. */
  k8s: number | undefined;
  k8sFrom: string;
  /** Containers without a request for the resource (the HPA cannot compute utilization then). */
  missing: string[];
  agree: boolean;
}

/** Parses the quantities the compiler writes ("500m", "2", "512Mi", "1Gi") into millicores or MiB. */
export function parseQuantity(q: unknown, resource: ScaledResource): number | undefined {
  if (typeof q === 'number') return resource === 'cpu' ? q * 1000 : q / (1024 * 1024);
  if (typeof q !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti)?$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? '';
  if (resource === 'cpu') return unit === 'm' ? n : unit === '' ? n * 1000 : undefined;
  const factor: Record<string, number> = { '': 1 / (1024 * 1024), Ki: 1 / 1024, Mi: 1, Gi: 1024, Ti: 1024 * 1024 };
  return factor[unit] !== undefined ? n * factor[unit]! : undefined;
}

function ecsDenominator(ctx: ConvertContext, resource: ScaledResource): { value: number | undefined; from: string } {
  if (resource === 'cpu') {
    const task = parseTaskCpu(ctx.taskDefinition.cpu);
    if (task !== undefined && task > 0) return { value: (task * 1000) / 1024, from: `the task's cpu ${task} units` };
    const sum = ctx.pod.containers.reduce((s, c) => s + (c.def.cpu ?? 0), 0);
    return sum > 0 ? { value: (sum * 1000) / 1024, from: `the containers' cpu, ${sum} units in all` } : { value: undefined, from: 'no cpu (neither the task nor its containers reserve any)' };
  }
  const task = parseTaskMemory(ctx.taskDefinition.memory);
  if (task !== undefined && task > 0) return { value: task, from: `the task's memory ${task} MiB` };
  const sum = ctx.pod.containers.reduce((s, c) => s + (c.def.memoryReservation ?? c.def.memory ?? 0), 0);
  return sum > 0 ? { value: sum, from: `the containers' memory reservations, ${sum} MiB in all` } : { value: undefined, from: 'no memory (neither the task nor its containers reserve any)' };
}

function k8sDenominator(ctx: ConvertContext, resource: ScaledResource): { value: number | undefined; from: string; missing: string[] } {
  const podResources = ctx.pod.spec.resources;
  const podRequest = isObject(podResources) && isObject(podResources['requests']) ? parseQuantity(podResources['requests'][resource], resource) : undefined;
  if (podRequest !== undefined) return { value: podRequest, from: 'the pod-level request', missing: [] };
  let sum = 0;
  const missing: string[] = [];
  for (const c of ctx.pod.containers) {
    if (c.role === 'init') continue;
    const requests = c.k8s.resources?.requests;
    const q = parseQuantity(requests?.[resource], resource);
    if (q === undefined) missing.push(String(c.k8s.name));
    else sum += q;
  }
  const count = ctx.pod.containers.filter((c) => c.role !== 'init').length;
  return missing.length > 0
    ? { value: undefined, from: `the container requests (${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} none)`, missing }
    : { value: sum, from: `the sum of ${count} container request${count === 1 ? '' : 's'}`, missing };
}

export function denominator(ctx: ConvertContext, resource: ScaledResource): Denominator {
  const e = ecsDenominator(ctx, resource);
  const k = k8sDenominator(ctx, resource);
  // Within 1 %: the per-container shares of a budget are whole units, so a few may be lost to division.
  const agree = e.value !== undefined && k.value !== undefined && Math.abs(e.value - k.value) <= e.value * 0.01;
  return { resource, ecs: e.value, ecsFrom: e.from, k8s: k.value, k8sFrom: k.from, missing: k.missing, agree };
}

/** An absolute per-pod amount as a quantity: millicores → "358m", MiB → "819Mi". */
export function amountQuantity(resource: ScaledResource, amount: number): string {
  return resource === 'cpu' ? `${Math.max(1, Math.round(amount))}m` : `${Math.max(1, Math.round(amount))}Mi`;
}

/** The amount in words for messages: "250m" or "512 MiB". */
export function amountWords(resource: ScaledResource, amount: number | undefined): string {
  if (amount === undefined) return 'unknown';
  return resource === 'cpu' ? `${Math.round(amount)}m` : `${Math.round(amount)} MiB`;
}
