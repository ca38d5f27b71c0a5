/**
 * ecsBehaviour: what ECS would do with the input documents, per workload and per container,
 * computed from the ECS documentation alone (the rules live in the files beside this one, each
 * with the passage it follows). A service runs the task definition it names (family,
 * family:revision or ARN), or the only one given when it names none; a task definition no service
 * runs is a workload of its own.
 */
import { fact, type Behaviour, type ContainerBehaviour, type Facts, type WorkloadBehaviour } from '../model.js';
import { envFacts } from './env.js';
import { healthFacts } from './health.js';
import { completes, onExit, runs, runsOfAJob, startsAfter, stopTimeout } from './lifecycle.js';
import { linkFacts, logFacts, platformFacts, isWindows } from './platform.js';
import { processFacts } from './process.js';
import { str, type EcsInputs, type Obj, type ServiceDoc, type TaskDefinitionDoc } from './read.js';
import { cpuFacts, memoryCeiling, taskCpuCap, taskMemoryCap } from './resources.js';
import { rolloutFacts } from './rollout.js';
import { replicaRange, scalingFacts } from './scaling.js';
import { mountFacts } from './storage.js';
import { containerSteering, makeTask, nameOf, type EcsTask } from './task.js';
import { discoveryNames, hostPorts, loadBalancerFacts, loadBalancerTargets, portBinds } from './traffic.js';

export { readEcsInputs } from './read.js';

/** `family` of `family`, `family:3` or `arn:aws:ecs:…:task-definition/family:3`. */
export function familyOf(ref: string): string {
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:task-definition\/(.+)$/.exec(ref);
  return (arn ? arn[1]! : ref).replace(/:\d+$/, '');
}

function pairs(inputs: EcsInputs): { td: TaskDefinitionDoc; svc?: ServiceDoc }[] {
  const out: { td: TaskDefinitionDoc; svc?: ServiceDoc }[] = [];
  const used = new Set<TaskDefinitionDoc>();
  for (const svc of inputs.services) {
    const ref = str(svc.value['taskDefinition']);
    const td = ref !== undefined ? inputs.taskDefinitions.find((t) => str(t.value['family']) === familyOf(ref)) : inputs.taskDefinitions.length === 1 ? inputs.taskDefinitions[0] : undefined;
    if (!td) continue;
    out.push({ td, svc });
    used.add(td);
  }
  for (const td of inputs.taskDefinitions) if (!used.has(td)) out.push({ td });
  return out;
}

function containerFacts(task: EcsTask): ContainerBehaviour[] {
  const windows = isWindows(task);
  const mounts = mountFacts(task);
  const binds = portBinds(task);
  return task.containers.map((c, i) => {
    const name = nameOf(c);
    const facts: Facts = {
      present: fact('yes'),
      ...memoryCeiling(task, c),
      ...cpuFacts(task, c, windows),
      ...startsAfter(c),
      ...healthFacts(task, c),
      ...onExit(task, c),
      ...runs(task, c),
      ...stopTimeout(c),
      ...processFacts(c, task.inv),
      ...envFacts(task, c),
      ...mounts.get(name),
      ...binds.get(name),
      ...logFacts(c),
      ...linkFacts(c),
    };
    return { name, facts, pointer: `${task.td.pointer}/containerDefinitions/${i}` };
  });
}

function workloadFacts(task: EcsTask, scaling: readonly Obj[]): Facts {
  const lb = loadBalancerTargets(task);
  const names = discoveryNames(task);
  const host = hostPorts(task);
  return {
    ...taskMemoryCap(task),
    ...taskCpuCap(task),
    ...completes(task),
    ...runsOfAJob(task),
    ...rolloutFacts(task, replicaRange(task, scaling)),
    ...scalingFacts(task, scaling),
    ...(task.svc ? { 'ports.lb': fact(lb.join(', ') || '(none)') } : {}),
    ...(names.length ? { 'ports.names': fact(names.join('; ')) } : {}),
    'ports.host': fact(host.join(', ') || '(none)'),
    ...loadBalancerFacts(task),
    ...platformFacts(task),
  };
}

/** Facts that a steering key changes on purpose (docs/conversion.md, steering keys). */
function steeredFacts(task: EcsTask): NonNullable<WorkloadBehaviour['steered']> {
  const out: NonNullable<WorkloadBehaviour['steered']> = [];
  for (const c of task.containers) {
    const s = containerSteering(c);
    if (s.has('ecs2k8s.io/probes')) for (const f of ['readiness', 'unhealthy', 'check.actsAfterSeconds']) out.push({ container: nameOf(c), fact: f, key: 'ecs2k8s.io/probes' });
    if (s.has('ecs2k8s.io/sidecar')) for (const f of ['start.after', 'exit']) out.push({ container: nameOf(c), fact: f, key: 'ecs2k8s.io/sidecar' });
  }
  return out;
}

export function ecsBehaviour(inputs: EcsInputs): Behaviour {
  const workloads: WorkloadBehaviour[] = [];
  for (const { td, svc } of pairs(inputs)) {
    const task = makeTask(td, svc, inputs.invocation);
    const sources = [{ file: td.file, pointer: td.pointer }, ...(svc ? [{ file: svc.file, pointer: svc.pointer }] : [])];
    const w: WorkloadBehaviour = { family: str(td.value['family']) ?? '', facts: workloadFacts(task, inputs.scaling ?? []), containers: containerFacts(task), sources };
    const service = str(svc?.value['serviceName']) ?? inputs.invocation.serviceName;
    if (service !== undefined) w.service = service;
    const steered = steeredFacts(task);
    if (steered.length) w.steered = steered;
    workloads.push(w);
  }
  return { workloads };
}
