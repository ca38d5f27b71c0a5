/**
 * Start order, exits, completion and stopping in ECS (Amazon ECS Developer Guide, task definition
 * parameters: essential, dependsOn, stopTimeout, restartPolicy; ContainerDependency in the ECS API
 * reference; RunTask and services).
 */
import { fact, type Facts } from '../model.js';
import { int, isObj, list, str, type Obj } from './read.js';
import { directDependencies, isEssential, nameOf, type EcsTask } from './task.js';

/** "after a:COND, b:COND", sorted; "immediately" when it waits for nothing. */
export function startsAfter(c: Obj): Facts {
  const deps = [...directDependencies(c)].map(([n, cond]) => `${n}:${cond}`).sort();
  const explicit = new Set(list(c['dependsOn']).map((d) => str(d['containerName'])));
  const implied = [...directDependencies(c).keys()].filter((n) => !explicit.has(n));
  return { 'start.after': fact(deps.length ? deps.join(', ') : 'immediately', implied.length ? `links or volumesFrom: ${implied.join(', ')}` : undefined) };
}

/**
 * What happens when the container's process exits.
 * - essential: "If the essential parameter of a container is marked as true, and that container
 *   fails or stops for any reason, all other containers that are part of the task are stopped."
 *   In a service the scheduler then starts a replacement task ("restarted"); a task run on its own
 *   ends ("ends-task").
 * - not essential: "its failure doesn't affect the rest of the containers in a task": it stays
 *   exited, unless its restart policy is enabled ("When you enable a restart policy for a
 *   container, Amazon ECS can restart the container if it exits, without needing to replace the
 *   task", ContainerRestartPolicy).
 */
export function onExit(task: EcsTask, c: Obj): Facts {
  const restartPolicy = isObj(c['restartPolicy']) && c['restartPolicy']['enabled'] === true;
  if (isEssential(c)) {
    return task.mode === 'standalone' || task.mode === 'scheduled'
      ? { exit: fact('ends-task', 'essential: the task stops with it') }
      : { exit: fact('restarted', 'essential: the task stops and the service replaces it') };
  }
  return { exit: restartPolicy ? fact('restarted', 'restartPolicy enabled') : fact('stays-exited', 'not essential: the task goes on without it') };
}

/**
 * How long the container is meant to run: once, before the containers that wait for its COMPLETE
 * or SUCCESS ("This can be useful for nonessential containers that run a script and then exit");
 * until it exits, for an essential container of a task run on its own (the task ends with it);
 * otherwise for the task's life (nothing in the task definition says it ever exits).
 */
export function runs(task: EcsTask, c: Obj): Facts {
  if (task.once.has(nameOf(c))) return { runs: fact('once, before the others', 'others wait for it to complete') };
  if (isEssential(c) && (task.mode === 'standalone' || task.mode === 'scheduled')) return { runs: fact('until it exits') };
  return { runs: fact('for the task life') };
}

/**
 * stop.killAfterSeconds: "stopTimeout: Time duration (in seconds) to wait before the container is
 * forcefully killed if it doesn't exit normally on its own ... if the parameter is not specified,
 * the default value of 30 seconds is used" (Fargate; on EC2 the agent's ECS_CONTAINER_STOP_TIMEOUT,
 * whose default is 30 seconds too).
 */
export function stopTimeout(c: Obj): Facts {
  const t = int(c['stopTimeout']);
  return { 'stop.killAfterSeconds': fact(t ?? 30, t === undefined ? 'default 30' : 'stopTimeout') };
}

/**
 * Whether the workload ever completes. A service never does: "the service scheduler launches
 * another instance of your task definition to replace" a stopped task. A task run on its own stops
 * when an essential container exits (the rule above), so it completes when the first of them does.
 */
export function completes(task: EcsTask): Facts {
  if (task.mode === 'service' || task.mode === 'daemon') return { completes: fact('never', 'a service replaces stopped tasks') };
  const essentials = task.containers.filter(isEssential).map(nameOf).sort();
  return { completes: fact(essentials.length === 1 ? `when ${essentials[0]} exits` : `when any of ${essentials.join(', ')} exits`) };
}

/**
 * A task run on its own is not retried: RunTask starts it once, and a stopped task stays stopped
 * (only a service replaces tasks). A scheduled task starts a new task at every occurrence of the
 * schedule, whether or not the previous one is still running (EventBridge Scheduler and rules
 * have no concurrency control of their own).
 */
export function runsOfAJob(task: EcsTask): Facts {
  if (task.mode !== 'standalone' && task.mode !== 'scheduled') return {};
  const out: Facts = { 'job.retries': fact(0, 'RunTask does not retry a stopped task') };
  if (task.mode === 'scheduled') out['job.overlap'] = fact('allowed', 'every occurrence starts a task');
  return out;
}
