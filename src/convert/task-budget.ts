/**
 * The task-level cpu and memory (SPEC §10, "Memory and CPU ceilings"). In ECS they are the hard
 * limit of the task as a whole: a container without a hard `memory` of its own may use the whole
 * budget, shared only with the containers running beside it, and no container may use more CPU
 * than the task cpu.
 *
 * - Target with pod-level resources (1.34, src/convert/features.ts): the budget becomes the pod's
 *   `spec.resources` (requests = limits = the budget, as ECS reserves it); containers keep only
 *   what they set themselves. Nothing is invented per container.
 * - Older targets (and Windows pods, which take no pod-level resources): every container gets the
 *   budget as its limit (never less than ECS enforces) and a request that shares what the
 *   containers' own amounts leave among the containers running at the same time (init
 *   containers run before the others and take no share); a warning names the pod total that is
 *   then allowed when several containers run together.
 */
import { show } from '../diagnostics.js';
import { parseTaskCpu, parseTaskMemory } from '../validate/task-size.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import { olderForm, supports, versionOf } from './features.js';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';

/** Resource name → quantity, as a container's (and the pod's) requests and limits hold them. */
type Quantities = NonNullable<IResourceRequirements['limits']>;

export interface Res {
  requests: Quantities;
  limits: Quantities;
}

/** The container's requests and limits, both present while the pod is built (src/convert/resources.ts drops the empty ones). */
export function res(c: ContainerPlan): Res {
  const r = c.k8s.resources ?? { requests: {}, limits: {} };
  r.requests ??= {};
  r.limits ??= {};
  c.k8s.resources = r;
  return r as Res;
}

/** 512 units → "500m"; 1024 → "1"; 10 → "10m". */
export function cpuQuantity(units: number): string {
  const milli = Math.max(1, Math.round((units * 1000) / 1024));
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function memQuantity(mib: number): string {
  return `${Math.max(1, Math.round(mib))}Mi`;
}

interface Resource {
  key: 'cpu' | 'memory';
  budget: number;
  /** ECS units: cpu units or MiB. */
  quantity: (n: number) => string;
  /** What a container reserves of its own (its request), in ECS units. */
  own: (c: ContainerPlan) => number | undefined;
  /** A container's own hard limit (memory only: container cpu is a share on Linux). */
  hard: (c: ContainerPlan) => number | undefined;
}

function resources(ctx: ConvertContext): Resource[] {
  const out: Resource[] = [];
  const cpu = parseTaskCpu(ctx.taskDefinition.cpu);
  const memory = parseTaskMemory(ctx.taskDefinition.memory);
  // Container cpu is a share on Linux; on Windows it is an absolute quota ("cpu", task definition parameters).
  const windowsQuota = isWindows(ctx);
  if (cpu !== undefined && cpu > 0) out.push({ key: 'cpu', budget: cpu, quantity: cpuQuantity, own: (c) => c.def.cpu || undefined, hard: (c) => (windowsQuota ? c.def.cpu || undefined : undefined) });
  if (memory !== undefined && memory > 0) {
    const hard = (c: ContainerPlan) => positive(c.def.memory);
    out.push({
      key: 'memory',
      budget: memory,
      quantity: memQuantity,
      own: (c) => (hard(c) !== undefined ? Math.min(c.def.memoryReservation ?? hard(c)!, hard(c)!) : positive(c.def.memoryReservation)),
      hard,
    });
  }
  return out;
}

const positive = (n: number | undefined): number | undefined => (n !== undefined && n > 0 ? n : undefined);

function isWindows(ctx: ConvertContext): boolean {
  return (ctx.taskDefinition.runtimePlatform?.operatingSystemFamily ?? '').startsWith('WINDOWS');
}

export function taskBudget(ctx: ConvertContext): void {
  const list = resources(ctx);
  if (list.length === 0 || ctx.pod.containers.length === 0) return;
  const { cpu, memory } = ctx.taskDefinition;
  const ptr = cpu !== undefined ? ctx.tdPtr('cpu') : ctx.tdPtr('memory');
  const budget = `cpu ${show(cpu ?? '—')}, memory ${show(memory ?? '—')}`;
  for (const r of list) clampHard(ctx, r);
  if (supports(ctx, 'podResources') && !isWindows(ctx)) {
    podLevel(ctx, list);
    ctx.note(
      ctx.td,
      ptr,
      'task-resources',
      `the task-level budget (${budget}) becomes the pod's resources (spec.resources ${list.map((r) => `${r.key} ${r.quantity(r.budget)}`).join(', ')}): the containers share it as in ECS, each within its own limit`,
    );
    return;
  }
  const why = isWindows(ctx) ? 'Windows pods take no pod-level resources' : olderForm(ctx, 'podResources');
  const totals: string[] = [];
  const shares: string[] = [];
  for (const r of list) {
    const total = containerLevel(ctx, r, shares);
    // cpu in millicores, as the pod's limits add up (2 containers × "1" → 2000m).
    const show = (n: number) => (r.key === 'cpu' ? `${Math.round((n * 1000) / 1024)}m` : r.quantity(n));
    if (total > r.budget) totals.push(`${r.key} ${show(total)} (ECS caps the task at ${show(r.budget)})`);
  }
  const shared = shares.length ? `; the requests share it among the containers that run together: ${shares.join('; ')}` : '';
  const message = `the task-level budget (${budget}) is the limit of every container that sets no hard limit of its own, as in ECS${shared}`;
  if (totals.length === 0) ctx.note(ctx.td, ptr, 'task-resources', message);
  else
    ctx.warn(
      ctx.td,
      ptr,
      'target-version',
      `${message}; but the pod as a whole is not capped at the budget: its containers together may use up to ${totals.join(', ')} — ${why}; with ${versionOf('podResources')} the budget becomes the pod's own limit`,
    );
}

/** A container's own amount above the task budget: ECS stops it at the budget, and a pod-level limit must not be below a container's. */
function clampHard(ctx: ConvertContext, r: Resource): void {
  for (const c of ctx.pod.containers) {
    const hard = r.hard(c);
    const q = res(c);
    if ((r.own(c) ?? 0) > r.budget && q.requests[r.key] !== undefined) q.requests[r.key] = r.quantity(r.budget);
    if (hard === undefined || hard <= r.budget || q.limits[r.key] === undefined) continue;
    q.limits[r.key] = r.quantity(r.budget);
    ctx.note(
      ctx.td,
      ctx.containerPtr(c, r.key),
      'task-resources',
      `${show(c.ecsName)} sets ${r.key} ${hard}, more than the task's ${r.budget}: its limit is the task's ${r.quantity(r.budget)}, which is what ECS enforces`,
    );
  }
}

/** The budget as the pod's requests and limits; the containers' own requests must fit in it. */
function podLevel(ctx: ConvertContext, list: Resource[]): void {
  const requests: Quantities = {};
  const limits: Quantities = {};
  for (const r of list) {
    const aggregate = aggregateRequests(ctx.pod.containers, (c) => (r.own(c) !== undefined ? Math.min(r.own(c)!, r.budget) : 0));
    limits[r.key] = r.quantity(r.budget);
    requests[r.key] = r.quantity(Math.max(r.budget, aggregate));
    if (aggregate > r.budget) {
      limits[r.key] = r.quantity(aggregate);
      ctx.warn(
        ctx.td,
        ctx.tdPtr(r.key),
        'task-resources',
        `the containers reserve ${r.quantity(aggregate)} of ${r.key} together, more than the task's ${r.quantity(r.budget)} (ECS refuses such a task definition): the pod's limit is raised to ${r.quantity(aggregate)}`,
      );
    }
  }
  ctx.pod.spec.resources = { limits, requests };
}

/** Kubernetes' effective request: the larger of the regular containers and sidecars together, and each init container with the sidecars started before it. */
function aggregateRequests(containers: ContainerPlan[], size: (c: ContainerPlan) => number): number {
  let peak = containers.filter((c) => c.role !== 'init').reduce((s, c) => s + size(c), 0);
  let started = 0;
  for (const c of containers) {
    if (c.role === 'sidecar') started += size(c);
    else if (c.role === 'init') peak = Math.max(peak, size(c) + started);
  }
  return peak;
}

/**
 * Older form: each container without a hard limit of its own gets the budget as its limit (cpu:
 * every container, the task cpu caps them all); requests share what the own amounts leave among
 * the containers running together. Returns the pod's effective limit.
 */
function containerLevel(ctx: ConvertContext, r: Resource, shares: string[]): number {
  const containers = ctx.pod.containers;
  const together = containers.filter((c) => c.role !== 'init');
  const without = together.filter((c) => r.own(c) === undefined);
  const left = r.budget - together.reduce((s, c) => s + Math.min(r.own(c) ?? 0, r.budget), 0);
  const each = without.length > 0 ? Math.max(1, Math.floor(left / without.length)) : 0;
  const sidecarRequests = containers.filter((c) => c.role === 'sidecar').reduce((s, c) => s + (r.own(c) ?? each), 0);
  for (const c of containers) {
    const q = res(c);
    if (q.limits[r.key] === undefined) q.limits[r.key] = r.quantity(Math.min(r.hard(c) ?? r.budget, r.budget));
    if (q.requests[r.key] !== undefined) continue;
    // An init container runs alone with the sidecars started before it: it may reserve what they leave.
    const share = c.role === 'init' ? Math.max(1, r.budget - sidecarRequests) : each;
    q.requests[r.key] = r.quantity(share);
    shares.push(`${c.ecsName}: ${r.key} ${r.quantity(share)}`);
  }
  return effectiveLimit(containers, (c) => Math.min(r.hard(c) ?? r.budget, r.budget));
}

/** Kubernetes' effective limit when every container has one: as aggregateRequests. */
function effectiveLimit(containers: ContainerPlan[], limit: (c: ContainerPlan) => number): number {
  return aggregateRequests(containers, limit);
}
