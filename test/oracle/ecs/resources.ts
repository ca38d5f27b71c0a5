/**
 * Memory and CPU in ECS, from the Amazon ECS Developer Guide, "Task definition parameters"
 * (container definitions: memory, memoryReservation, cpu; task size: cpu, memory).
 */
import { fact, type Facts } from '../model.js';
import { int, type Obj } from './read.js';
import { nameOf, waitsFor, type EcsTask } from './task.js';

/**
 * memory: "The amount (in MiB) of memory to present to the container. If your container attempts to
 * exceed the memory specified here, the container is killed." memoryReservation: "The soft limit ...
 * your container can consume more memory when it needs to, up to either the hard limit specified
 * with the memory parameter (if applicable), or all of the available memory on the container
 * instance". Task memory: "The hard limit (in MiB) of memory to present to the task" — every
 * container without its own hard limit may use the whole task budget (shared with whatever else
 * runs at that moment).
 */
export function memoryCeiling(task: EcsTask, c: Obj): Facts {
  const own = int(c['memory']);
  if (own !== undefined && own > 0) {
    const capped = task.taskMemory !== undefined ? Math.min(own, task.taskMemory) : own;
    return { 'memory.ceiling': fact(`${capped}Mi`, 'its own hard limit (memory)') };
  }
  if (task.taskMemory !== undefined) return { 'memory.ceiling': fact(`${task.taskMemory}Mi`, 'no memory of its own: the task budget, shared with the containers running beside it') };
  return { 'memory.ceiling': fact('none', 'no hard limit (memoryReservation is a soft limit) and no task budget') };
}

/**
 * The most the whole task may use: the task memory when set; otherwise, if every container has a
 * hard limit, the largest sum of the limits of containers that run at the same time (a container
 * others wait for with COMPLETE/SUCCESS has exited before they start); otherwise none.
 */
export function taskMemoryCap(task: EcsTask): Facts {
  const limits = task.containers.map((c) => int(c['memory']));
  const allHard = limits.every((l) => l !== undefined && l > 0);
  const peak = allHard ? peakTogether(task, (c) => int(c['memory']) ?? 0) : undefined;
  if (task.taskMemory !== undefined) {
    const cap = peak !== undefined ? Math.min(peak, task.taskMemory) : task.taskMemory;
    return { 'memory.task': fact(`${cap}Mi`, 'task memory') };
  }
  return { 'memory.task': peak !== undefined ? fact(`${peak}Mi`, 'the sum of the hard limits of the containers that run together') : fact('none') };
}

/** The largest sum of `size` over containers that can run at the same time. */
export function peakTogether(task: EcsTask, size: (c: Obj) => number): number {
  const longRunning = task.containers.filter((c) => !task.once.has(nameOf(c)));
  let peak = longRunning.reduce((s, c) => s + size(c), 0);
  for (const name of task.once) {
    const x = task.byName.get(name);
    if (!x) continue;
    // While x runs, only the containers that do not wait for it (directly or not) run beside it.
    const beside = longRunning.filter((c) => !waitsFor(task, nameOf(c)).has(name));
    peak = Math.max(peak, size(x) + beside.reduce((s, c) => s + size(c), 0));
  }
  return peak;
}

/** 1024 CPU units are one vCPU ("cpu: The number of cpu units reserved for the container ... 1,024 CPU units for every vCPU"). */
export const unitsToMillicores = (units: number): number => Math.round((units * 1000) / 1024);

/**
 * cpu (container): "The number of cpu units reserved for the container ... Linux containers share
 * unallocated CPU units with other containers on the container instance with the same ratio as
 * their allocated amount" — a relative share, the equivalent of a CPU request. On Windows
 * "the CPU limit is enforced as an absolute limit, or a quota". Task cpu: "The hard limit of CPU
 * units to present for the task" — the ceiling of every container in it.
 */
export function cpuFacts(task: EcsTask, c: Obj, windows: boolean): Facts {
  const units = int(c['cpu']);
  const out: Facts = {
    'cpu.share': units !== undefined && units > 0 ? fact(`${unitsToMillicores(units)}m`, `${units} CPU units`) : fact('unset', 'no cpu of its own'),
  };
  const ceilings: number[] = [];
  if (task.taskCpu !== undefined) ceilings.push(unitsToMillicores(task.taskCpu));
  if (windows && units !== undefined && units > 0) ceilings.push(unitsToMillicores(units));
  out['cpu.ceiling'] = ceilings.length > 0 ? fact(`${Math.min(...ceilings)}m`, task.taskCpu !== undefined ? 'task cpu' : 'Windows cpu quota') : fact('none');
  return out;
}

export function taskCpuCap(task: EcsTask): Facts {
  return { 'cpu.task': task.taskCpu !== undefined ? fact(`${unitsToMillicores(task.taskCpu)}m`, 'task cpu') : fact('none') };
}
