/**
 * cpu, memory, memoryReservation, task-level budgets, ephemeralStorage and GPUs → resources.
 * ECS cpu units: 1024 = one vCPU = 1000m. ECS container cpu is a share, not a cap, so it
 * becomes a request only; memory is a hard limit (limits.memory) and memoryReservation the
 * soft one (requests.memory).
 */
import { show } from '../diagnostics.js';
import { parseTaskCpu, parseTaskMemory } from '../validate/task-size.js';
import { num, objs, str, type Obj } from '../model/values.js';
import type { ContainerPlan, ConvertContext } from './context.js';

/** 512 units → "500m"; 1024 → "1"; 10 → "10m". */
export function cpuQuantity(units: number): string {
  const milli = Math.max(1, Math.round((units * 1000) / 1024));
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

export function memQuantity(mib: number): string {
  return `${Math.max(1, Math.round(mib))}Mi`;
}

interface Res {
  requests: Obj;
  limits: Obj;
}

function res(c: ContainerPlan): Res {
  const r = (c.k8s['resources'] as Res | undefined) ?? { requests: {}, limits: {} };
  c.k8s['resources'] = r;
  return r;
}

export function convertResources(ctx: ConvertContext): void {
  const containers = ctx.pod.containers;
  for (const c of containers) {
    const cpu = num(c.def['cpu']);
    if (cpu !== undefined && cpu > 0) res(c).requests['cpu'] = cpuQuantity(cpu);
    const memory = num(c.def['memory']);
    const reservation = num(c.def['memoryReservation']);
    if (memory !== undefined) res(c).limits['memory'] = memQuantity(memory);
    if (reservation !== undefined) res(c).requests['memory'] = memQuantity(reservation);
    else if (memory !== undefined) res(c).requests['memory'] = memQuantity(memory);
    gpus(ctx, c);
  }
  taskBudget(ctx);
  ephemeral(ctx);
  for (const c of containers) {
    const r = c.k8s['resources'] as Res | undefined;
    if (!r) continue;
    const out: Obj = {};
    if (Object.keys(r.limits).length) out['limits'] = sortKeys(r.limits);
    if (Object.keys(r.requests).length) out['requests'] = sortKeys(r.requests);
    if (Object.keys(out).length) c.k8s['resources'] = out;
    else delete c.k8s['resources'];
  }
}

function sortKeys(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Task-level cpu/memory: shared evenly by the containers that set none of their own. */
function taskBudget(ctx: ConvertContext): void {
  const containers = ctx.pod.containers;
  const taskCpu = parseTaskCpu(ctx.task['cpu']);
  const taskMem = parseTaskMemory(ctx.task['memory']);
  const shares: string[] = [];
  // cpu: a container with cpu 0 or none takes a share; memory: one with neither memory nor memoryReservation.
  shareBudget(containers, taskCpu, (c) => num(c.def['cpu']) || undefined, (c, each) => {
    res(c).requests['cpu'] = cpuQuantity(each);
    shares.push(`${c.ecsName}: cpu ${cpuQuantity(each)}`);
  });
  shareBudget(containers, taskMem, (c) => num(c.def['memory']) ?? num(c.def['memoryReservation']), (c, each) => {
    res(c).limits['memory'] = memQuantity(each);
    res(c).requests['memory'] = memQuantity(each);
    shares.push(`${c.ecsName}: memory ${memQuantity(each)}`);
  });
  if (shares.length > 0) {
    const ptr = ctx.task['cpu'] !== undefined ? ctx.tdPtr('cpu') : ctx.tdPtr('memory');
    // One container takes the whole budget as it is; several share it, which is an approximation.
    const report = ctx.pod.containers.length === 1 ? ctx.note.bind(ctx) : ctx.warn.bind(ctx);
    report(ctx.td, ptr, 'task-resources', `the task-level budget (cpu ${show(ctx.task['cpu'] ?? '—')}, memory ${show(ctx.task['memory'] ?? '—')}) is shared by the containers that set none of their own: ${shares.join('; ')}`);
  }
}

/** Shares what a task budget leaves after the containers' own amounts evenly among the containers without one. */
function shareBudget(containers: ContainerPlan[], budget: number | undefined, own: (c: ContainerPlan) => number | undefined, assign: (c: ContainerPlan, each: number) => void): void {
  if (budget === undefined || budget <= 0) return;
  const without = containers.filter((c) => own(c) === undefined);
  const left = budget - containers.reduce((sum, c) => sum + (own(c) ?? 0), 0);
  if (without.length === 0 || left <= 0) return;
  const each = Math.floor(left / without.length);
  if (each > 0) for (const c of without) assign(c, each);
}

function ephemeral(ctx: ConvertContext): void {
  const es = ctx.task['ephemeralStorage'];
  if (typeof es !== 'object' || es === null) return;
  const gib = num((es as Obj)['sizeInGiB']);
  if (gib === undefined) return;
  const target = ctx.pod.containers.find((c) => c.role === 'main' && c.def['essential'] !== false) ?? ctx.pod.containers.find((c) => c.role === 'main');
  if (!target) return;
  res(target).requests['ephemeral-storage'] = `${gib}Gi`;
  ctx.note(ctx.td, ctx.tdPtr('ephemeralStorage'), 'ephemeral-storage', `ephemeralStorage ${gib} GiB is requested by container ${show(target.ecsName)} (ECS sizes it per task)`);
}

function gpus(ctx: ConvertContext, c: ContainerPlan): void {
  for (const [r, j] of objs(c.def['resourceRequirements'])) {
    const type = str(r['type']);
    const value = str(r['value']) ?? (typeof r['value'] === 'number' ? String(r['value']) : undefined);
    const ptr = ctx.containerPtr(c, 'resourceRequirements', j);
    const count = value !== undefined && /^\d+$/.test(value) ? value : undefined;
    if (type === 'GPU' || type === 'NeuronDevice') {
      if (count === undefined) {
        ctx.warn(ctx.td, ptr, 'resource-requirement', `resourceRequirements ${show(type)} has no whole-number value (${show(r['value'])}): it is skipped`);
        continue;
      }
      const name = type === 'GPU' ? 'nvidia.com/gpu' : 'aws.amazon.com/neuron';
      res(c).limits[name] = count;
      if (type === 'NeuronDevice') ctx.warn(ctx.td, ptr, 'resource-requirement', `NeuronDevice ${count} becomes limits aws.amazon.com/neuron: the Neuron device plugin must run on the nodes`);
    } else {
      ctx.warn(ctx.td, ptr, 'no-equivalent', `resourceRequirements ${show(type)} has no Kubernetes equivalent (Elastic Inference is retired): it is skipped`);
    }
  }
}
