/**
 * cpu, memory, memoryReservation, task-level budgets, ephemeralStorage and GPUs → resources.
 * ECS cpu units: 1024 = one vCPU = 1000m. ECS container cpu is a share, not a cap, so it
 * becomes a request only; memory is a hard limit (limits.memory) and memoryReservation the
 * soft one (requests.memory).
 */
import { show } from '../diagnostics.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import { cpuQuantity, memQuantity, res, taskBudget } from './task-budget.js';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';

export { cpuQuantity, memQuantity };

export function convertResources(ctx: ConvertContext): void {
  const containers = ctx.pod.containers;
  for (const c of containers) {
    const { cpu, memory, memoryReservation: reservation } = c.def;
    if (cpu !== undefined && cpu > 0) res(c).requests['cpu'] = cpuQuantity(cpu);
    if (memory !== undefined) res(c).limits['memory'] = memQuantity(memory);
    if (reservation !== undefined) res(c).requests['memory'] = memQuantity(reservation);
    else if (memory !== undefined) res(c).requests['memory'] = memQuantity(memory);
    gpus(ctx, c);
  }
  taskBudget(ctx);
  ephemeral(ctx);
  for (const c of containers) {
    const r = c.k8s.resources;
    if (!r) continue;
    const out: IResourceRequirements = {};
    if (r.limits && Object.keys(r.limits).length) out.limits = sortKeys(r.limits);
    if (r.requests && Object.keys(r.requests).length) out.requests = sortKeys(r.requests);
    if (Object.keys(out).length) c.k8s.resources = out;
    else delete c.k8s.resources;
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function ephemeral(ctx: ConvertContext): void {
  const gib = ctx.taskDefinition.ephemeralStorage?.sizeInGiB;
  if (gib === undefined) return;
  const target = ctx.pod.containers.find((c) => c.role === 'main' && c.def.essential !== false) ?? ctx.pod.containers.find((c) => c.role === 'main');
  if (!target) return;
  res(target).requests['ephemeral-storage'] = `${gib}Gi`;
  ctx.note(ctx.td, ctx.tdPtr('ephemeralStorage'), 'ephemeral-storage', `ephemeralStorage ${gib} GiB is requested by container ${show(target.ecsName)} (ECS sizes it per task)`);
}

function gpus(ctx: ConvertContext, c: ContainerPlan): void {
  for (const [j, r] of (c.def.resourceRequirements ?? []).entries()) {
    const { type, value } = r;
    const ptr = ctx.containerPtr(c, 'resourceRequirements', j);
    const count = value !== undefined && /^\d+$/.test(value) ? value : undefined;
    if (type === 'GPU' || type === 'NeuronDevice') {
      if (count === undefined) {
        ctx.warn(ctx.td, ptr, 'resource-requirement', `resourceRequirements ${show(type)} has no whole-number value (${show(value)}): it is skipped`);
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
