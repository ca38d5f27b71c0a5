/**
 * Container health checks in ECS, from "Determine Amazon ECS task health using container health
 * checks" (Amazon ECS Developer Guide) and HealthCheck (ECS API reference); what a check command
 * means is Docker's HEALTHCHECK (Docker Engine API, HealthConfig.Test: `["NONE"]` disables,
 * `["CMD", args...]` execs the arguments, `["CMD-SHELL", command]` runs it with the default
 * shell; there is no other form, so a command without one of these runs no check).
 */
import { fact, type Facts } from '../model.js';
import { int, isObj, strings, type Obj } from './read.js';
import { isEssential, type EcsTask } from './task.js';

/** Whether Docker runs the container's check at all. */
export function runsCheck(c: Obj): boolean {
  const hc = c['healthCheck'];
  if (!isObj(hc)) return false;
  const cmd = strings(hc['command']);
  return (cmd[0] === 'CMD' || cmd[0] === 'CMD-SHELL') && cmd.length > 1;
}

/**
 * - readiness (services only): "HEALTHY-All essential containers within the task have passed their
 *   health checks ... The container health check status of nonessential containers [does] not
 *   have an effect on the health status of a task" (HealthCheck, ECS API reference), and the
 *   service counts a task towards its healthy tasks only when it is healthy ("If a task has one or
 *   more essential containers with a health check defined, the service scheduler will wait for
 *   the task to reach a healthy status", DeploymentConfiguration.minimumHealthyPercent).
 * - unhealthy: "For tasks that are part of a service, if the task reports as unhealthy then the
 *   task will be stopped and the service scheduler will replace it"; "If a task is run manually,
 *   and not as part of a service, the task will continue its lifecycle regardless of its health
 *   status" (HealthCheck). A replaced task and a restarted container both bring it back: the
 *   oracle calls both "restarted".
 * - check.actsAfterSeconds: how long a check may fail from the start before ECS acts:
 *   healthCheckGracePeriodSeconds ("the period of time ... that the Amazon ECS service scheduler
 *   ignores unhealthy Elastic Load Balancing, VPC Lattice, and container health checks after a task
 *   has first started", CreateService) against startPeriod + retries × interval ("startPeriod: The
 *   optional grace period ... before failed health checks count towards the maximum number of
 *   retries"; defaults interval 30, retries 3, startPeriod off).
 */
export function healthFacts(task: EcsTask, c: Obj): Facts {
  const service = task.mode === 'service' || task.mode === 'daemon';
  const checked = runsCheck(c);
  const gates = service && isEssential(c) && checked;
  const out: Facts = {};
  if (service) {
    out['readiness'] = gates ? fact('gates', 'an essential container with a health check') : fact('no', checked ? 'not essential: its health does not count' : 'no health check that Docker runs');
  }
  out['unhealthy'] = gates
    ? fact('restarted', 'the service replaces an unhealthy task')
    : fact('nothing', !checked ? 'no health check that Docker runs' : !isEssential(c) ? 'not essential' : 'a task run outside a service lives on');
  if (gates) {
    const hc = c['healthCheck'] as Obj;
    const grace = int(task.svc?.value['healthCheckGracePeriodSeconds']) ?? 0;
    const until = (int(hc['startPeriod']) ?? 0) + (int(hc['retries']) ?? 3) * (int(hc['interval']) ?? 30);
    out['check.actsAfterSeconds'] = fact(Math.max(grace, until), `max(grace ${grace}, startPeriod + retries × interval = ${until})`);
  }
  return out;
}
