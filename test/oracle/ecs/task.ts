/**
 * One ECS workload as the rules see it: a task definition, the service that runs it (if any), how
 * it is run, and the few derived sets every rule needs.
 */
import { int, isObj, list, steeringTags, str, strings, type Invocation, type Obj, type ServiceDoc, type TaskDefinitionDoc } from './read.js';

/**
 * How ECS runs the task:
 * - service: a REPLICA service (or a task definition built without one: the SPEC default is one
 *   long-running copy); stopped tasks are replaced by the service scheduler;
 * - daemon: a DAEMON service, one task per container instance;
 * - standalone: RunTask, a task that ends when an essential container exits (a Job);
 * - scheduled: RunTask on a schedule (EventBridge; a CronJob).
 */
export type RunMode = 'service' | 'daemon' | 'standalone' | 'scheduled';

export interface EcsTask {
  td: TaskDefinitionDoc;
  svc?: ServiceDoc;
  inv: Invocation;
  mode: RunMode;
  containers: Obj[];
  byName: Map<string, Obj>;
  /** awsvpc, bridge, host, none, or default (Windows NAT, which behaves like bridge here). */
  networkMode: string;
  fargate: boolean;
  /** Task-level memory in MiB and cpu in units, when the task definition sets them. */
  taskMemory?: number;
  taskCpu?: number;
  steering: Map<string, string>;
  /** Containers that others wait for with COMPLETE or SUCCESS: they run once, before those start. */
  once: Set<string>;
}

export const nameOf = (c: Obj): string => str(c['name']) ?? '';

/** "essential: If this parameter is omitted, a container is assumed to be essential." (ContainerDefinition, ECS API reference) */
export const isEssential = (c: Obj): boolean => c['essential'] !== false;

/**
 * Task size strings: "Task memory ... can be expressed as an integer using MiB, for example 1024, or
 * as a string using GB, for example 1GB or 1 GB"; "Task CPU ... as an integer using CPU units, for
 * example 1024, or as a string using vCPUs, for example 1 vCPU" (Amazon ECS Developer Guide, task
 * definition parameters: task size).
 */
export function parseTaskMemory(v: unknown): number | undefined {
  const n = int(v);
  if (n !== undefined) return n;
  const m = typeof v === 'string' ? /^\s*([\d.]+)\s*GB\s*$/i.exec(v) : null;
  return m ? Math.round(Number(m[1]) * 1024) : undefined;
}

export function parseTaskCpu(v: unknown): number | undefined {
  const n = int(v);
  if (n !== undefined) return n;
  const m = typeof v === 'string' ? /^\s*([\d.]+)\s*vCPU\s*$/i.exec(v) : null;
  return m ? Math.round(Number(m[1]) * 1024) : undefined;
}

function runMode(svc: ServiceDoc | undefined, inv: Invocation, steering: Map<string, string>): RunMode {
  if (svc) return svc.value['schedulingStrategy'] === 'DAEMON' ? 'daemon' : 'service';
  const wanted = steering.get('ecs2k8s.io/workload') ?? (steering.has('ecs2k8s.io/schedule') ? 'cronjob' : undefined) ?? (inv.schedule !== undefined ? 'cronjob' : inv.workload);
  if (wanted === 'job') return 'standalone';
  if (wanted === 'cronjob') return 'scheduled';
  if (wanted === 'daemonset') return 'daemon';
  return 'service';
}

export function makeTask(td: TaskDefinitionDoc, svc: ServiceDoc | undefined, inv: Invocation): EcsTask {
  const containers = list(td.value['containerDefinitions']);
  const steering = steeringTags(td, svc);
  const fargate = strings(td.value['requiresCompatibilities']).includes('FARGATE') || str(svc?.value['launchType']) === 'FARGATE';
  // "networkMode ... If no network mode is specified, the default is bridge" (Linux EC2); Fargate requires awsvpc.
  const networkMode = str(td.value['networkMode']) ?? (fargate ? 'awsvpc' : 'bridge');
  const once = new Set<string>();
  for (const c of containers) {
    for (const d of list(c['dependsOn'])) {
      const cond = str(d['condition']);
      const dep = str(d['containerName']);
      if (dep !== undefined && (cond === 'COMPLETE' || cond === 'SUCCESS')) once.add(dep);
    }
  }
  const task: EcsTask = {
    td,
    inv,
    mode: runMode(svc, inv, steering),
    containers,
    byName: new Map(containers.map((c) => [nameOf(c), c])),
    networkMode,
    fargate,
    steering,
    once,
  };
  if (svc) task.svc = svc;
  const mem = parseTaskMemory(td.value['memory']);
  const cpu = parseTaskCpu(td.value['cpu']);
  if (mem !== undefined) task.taskMemory = mem;
  if (cpu !== undefined) task.taskCpu = cpu;
  return task;
}

/** A container's dockerLabels that steer the conversion. */
export function containerSteering(c: Obj): Map<string, string> {
  const out = new Map<string, string>();
  const labels = c['dockerLabels'];
  if (isObj(labels)) for (const [k, v] of Object.entries(labels)) if (k.startsWith('ecs2k8s.io/') && typeof v === 'string') out.set(k, v);
  return out;
}

/** Names this container (transitively) waits for before it starts (dependsOn, links, volumesFrom). */
export function waitsFor(task: EcsTask, name: string, seen = new Set<string>()): Set<string> {
  const c = task.byName.get(name);
  if (!c || seen.has(name)) return seen;
  for (const dep of directDependencies(c).keys()) {
    if (!seen.has(dep)) {
      seen.add(dep);
      waitsFor(task, dep, seen);
    }
  }
  return seen;
}

/**
 * The containers this one starts after, with the condition. dependsOn as written; links and
 * volumesFrom as START: "START - This condition emulates the behavior of links and volumes today.
 * It validates that a dependent container is started before permitting other containers to start."
 * (ContainerDependency, ECS API reference.)
 */
export function directDependencies(c: Obj): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of list(c['dependsOn'])) {
    const dep = str(d['containerName']);
    if (dep !== undefined) out.set(dep, str(d['condition']) ?? 'START');
  }
  for (const l of strings(c['links'])) {
    const dep = l.split(':')[0]!;
    if (!out.has(dep)) out.set(dep, 'START');
  }
  for (const v of list(c['volumesFrom'])) {
    const dep = str(v['sourceContainer']);
    if (dep !== undefined && !out.has(dep)) out.set(dep, 'START');
  }
  return out;
}
