/**
 * Probes ("Liveness, Readiness, and Startup Probes", kubernetes.io):
 * - readiness: "If the readiness probe returns a failed state, Kubernetes removes the pod from all
 *   matching service endpoints"; a sidecar's readiness probe counts for the pod too ("If a
 *   readinessProbe is specified for this init container, its result will be used to determine the
 *   ready state of the Pod", Sidecar Containers). Plain init containers take no probes.
 * - liveness: "If a container fails its liveness probe repeatedly, the kubelet restarts the
 *   container."
 * - startup: "If such a probe is configured, it disables liveness and readiness checks until it
 *   succeeds ... If the startup probe fails, the kubelet kills the container".
 * - An exec probe runs its command directly, "not executed within a shell" (Container.command):
 *   an empty first argument, a first argument holding spaces (a whole shell line as one file
 *   name) or Docker's own CMD / CMD-SHELL / NONE words cannot be executed, so such a probe always
 *   fails.
 * Defaults: periodSeconds 10, failureThreshold 3, initialDelaySeconds 0.
 */
import { fact, type Facts } from '../model.js';
import type { PodView } from './pod.js';
import { isObj, num, strings, type Obj } from './read.js';

export function probeCanRun(probe: Obj): boolean {
  if (!isObj(probe['exec'])) return true;
  const argv = strings(probe['exec']['command']);
  const first = argv[0];
  return first !== undefined && first !== '' && !/\s/.test(first) && !['CMD', 'CMD-SHELL', 'NONE'].includes(first);
}

const probe = (c: Obj, kind: string): Obj | undefined => (isObj(c[kind]) ? c[kind] : undefined);
const budget = (p: Obj): number => (num(p['initialDelaySeconds']) ?? 0) + (num(p['failureThreshold']) ?? 3) * (num(p['periodSeconds']) ?? 10);

export function probeFacts(p: PodView, c: Obj): Facts {
  if (p.init.includes(c)) return { readiness: fact('no', 'an init container'), unhealthy: fact('nothing', 'an init container') };
  const readiness = probe(c, 'readinessProbe');
  const liveness = probe(c, 'livenessProbe');
  const startup = probe(c, 'startupProbe');
  const out: Facts = {};
  if (startup && !probeCanRun(startup)) out['readiness'] = fact('never-ready', 'the startup probe cannot run');
  else if (readiness) out['readiness'] = probeCanRun(readiness) ? fact('gates', 'readinessProbe') : fact('never-ready', 'the readiness probe cannot run');
  else out['readiness'] = fact('no');
  if (liveness) out['unhealthy'] = probeCanRun(liveness) ? fact('restarted', 'livenessProbe') : fact('restarted-forever', 'the liveness probe cannot run');
  else if (startup && !probeCanRun(startup)) out['unhealthy'] = fact('restarted-forever', 'the startup probe cannot run');
  else out['unhealthy'] = fact('nothing', startup ? 'only a startup probe' : 'no liveness probe');
  if (liveness || startup) out['check.actsAfterSeconds'] = fact(budget(startup ?? liveness!), startup ? 'startup probe budget' : 'liveness probe budget');
  return out;
}
