/**
 * Start order, exits, completion and stopping in Kubernetes (kubernetes.io: Init Containers,
 * Sidecar Containers, Pod Lifecycle, Jobs, CronJob, Container Lifecycle Hooks, "Define a Command
 * and Arguments for a Container").
 */
import { describeProcess, fact, type Facts } from '../model.js';
import { cname, type PodView } from './pod.js';
import { atLeast, isObj, num, str, strings, type Obj } from './read.js';

/**
 * Init containers start one after the other, each when the previous plain one has exited 0 ("Each
 * init container must complete successfully before the next one starts") and the previous sidecar
 * has started — after its startup probe succeeded when it has one ("the kubelet ... waits for the
 * sidecar's startupProbe to succeed before starting the next init container"). Regular containers
 * start, together, after all init containers ("If any init container fails ... the app containers
 * do not start") and sidecars.
 */
export function startsAfter(p: PodView, c: Obj): Facts {
  const idx = p.initOrder.indexOf(c);
  const before = idx >= 0 ? p.initOrder.slice(0, idx) : p.initOrder;
  const deps = before.map((d) => `${cname(d)}:${p.sidecars.includes(d) ? (isObj(d['startupProbe']) ? 'HEALTHY' : 'START') : 'SUCCESS'}`).sort();
  return { 'start.after': fact(deps.length ? deps.join(', ') : 'immediately') };
}

/**
 * When the process exits: a plain init container has done its work; a sidecar "can be started,
 * stopped, or restarted without affecting the main application container" — it is restarted;
 * a regular container follows the pod's restartPolicy ("Always" in Deployments and DaemonSets); in
 * a Job (Never / OnFailure) the pod ends when its regular containers have all exited.
 */
export function onExit(p: PodView, c: Obj): Facts {
  if (p.init.includes(c)) return { exit: fact('stays-exited', 'an init container') };
  if (p.sidecars.includes(c)) return { exit: fact('restarted', 'a native sidecar') };
  if (p.restartPolicy === 'Always') return { exit: fact('restarted', 'restartPolicy Always') };
  return { exit: p.regular.length === 1 ? fact('ends-task', 'the only regular container of a Job') : fact('stays-exited', 'the pod waits for the other regular containers') };
}

/** How long the container runs: plain init containers once, before the others; sidecars and a Deployment's containers for the pod's life; a Job's regular containers until they exit. */
export function runs(p: PodView, c: Obj): Facts {
  if (p.init.includes(c)) return { runs: fact('once, before the others') };
  if (p.sidecars.includes(c) || p.restartPolicy === 'Always') return { runs: fact('for the task life') };
  return { runs: fact('until it exits') };
}

/**
 * "terminationGracePeriodSeconds ... The grace period is the duration in seconds after the
 * processes running in the pod are sent a termination signal and the time when the processes are
 * forcibly halted"; "The Pod's termination grace period countdown begins before the PreStop hook
 * is executed" — SIGTERM comes after the preStop hook, SIGKILL at the end of the grace period.
 * Default 30 seconds.
 */
export function preStopSeconds(p: PodView, c: Obj): number {
  const lc = isObj(c['lifecycle']) ? c['lifecycle'] : {};
  const ps = isObj(lc['preStop']) ? lc['preStop'] : undefined;
  if (!ps) return 0;
  if (isObj(ps['sleep']) && atLeast(p.version, 30)) return num(ps['sleep']['seconds']) ?? 0;
  if (isObj(ps['exec'])) {
    const m = /\bsleep\s+(\d+)/.exec(strings(ps['exec']['command']).join(' '));
    if (m) return Number(m[1]);
  }
  return 0;
}

export function stopFacts(p: PodView, c: Obj): Facts {
  const grace = num(p.spec['terminationGracePeriodSeconds']) ?? 30;
  const pause = preStopSeconds(p, c);
  return { 'stop.killAfterSeconds': fact(Math.max(0, grace - pause), pause ? `grace ${grace} − preStop ${pause}` : `grace ${grace}`) };
}

/**
 * Kubernetes' command/args rules: "If you do not supply command or args for a Container, the
 * defaults defined in the Docker image are used. If you supply a command but no args for a
 * Container, only the supplied command is used. The default EntryPoint and the default Cmd defined
 * in the Docker image are ignored. If you supply only args for a Container, the default Entrypoint
 * defined in the Docker image is run with the args that you supplied."
 */
export function processFacts(c: Obj): Facts {
  const command = strings(c['command']);
  const args = strings(c['args']);
  const process = command.length > 0 ? describeProcess(command, args) : describeProcess('image', args.length > 0 ? args : 'image');
  return { process: fact(process), image: fact(str(c['image']) ?? '(none)') };
}

/**
 * A Deployment, DaemonSet or StatefulSet never completes. A Job's pod succeeds when its regular
 * containers have all exited successfully; sidecars do not hold it ("sidecar containers ... do
 * not block the Job from completing").
 */
export function completes(p: PodView): Facts {
  if (p.kind !== 'Job' && p.kind !== 'CronJob') return { completes: fact('never') };
  const names = p.regular.map(cname).sort();
  return { completes: fact(names.length === 1 ? `when ${names[0]} exits` : `when all of ${names.join(', ')} have exited`) };
}

/**
 * "backoffLimit ... The back-off limit is set by default to 6" (Jobs); concurrencyPolicy "Allow
 * (default): The CronJob allows concurrently running Jobs; Forbid: ... if it is time for a new Job
 * run and the previous Job run hasn't finished yet, the CronJob skips the new Job run; Replace:
 * ... replaces the currently running Job run with a new Job run" (CronJob).
 */
export function jobFacts(p: PodView): Facts {
  if (!p.job) return {};
  const out: Facts = { 'job.retries': fact(num(p.job['backoffLimit']) ?? 6) };
  if (p.kind === 'CronJob') {
    const spec = isObj(p.object['spec']) ? p.object['spec'] : {};
    const policy = str(spec['concurrencyPolicy']) ?? 'Allow';
    out['job.overlap'] = fact(policy === 'Forbid' ? 'skipped while one runs' : policy === 'Replace' ? 'replaces the running one' : 'allowed', `concurrencyPolicy ${policy}`);
  }
  return out;
}
