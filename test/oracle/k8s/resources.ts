/**
 * Memory and CPU in Kubernetes ("Resource Management for Pods and Containers", "Effective Pod
 * requests and limits", "Assign Pod-level CPU and memory resources", kubernetes.io).
 *
 * - A container's memory limit is enforced ("If a container allocates more memory than its limit,
 *   it becomes a candidate for termination"); so is the pod-level limit, for all its containers
 *   together ("a pod's resource usage is restricted by limits, which can also be set at the
 *   pod-level"). With neither, a container may use what the node has.
 * - The pod as a whole: "init containers run one at a time, while sidecar containers keep running
 *   during and after initialization": the effective limit is the larger of the sum over regular
 *   and sidecar containers and, for each init container, its limit plus the sidecars started
 *   before it — defined only when every container has a limit.
 * - A CPU request is a share of the node under contention (cpu.weight/shares from the request); "If
 *   you specify a limit for a resource, but do not specify any request ... Kubernetes copies the
 *   limit you specified and uses it as the requested value".
 */
import { fact, type Facts } from '../model.js';
import { allContainers, type PodView } from './pod.js';
import { cpuMillicores, isObj, memoryMiB, type Obj } from './read.js';

const res = (o: Obj | undefined, kind: 'limits' | 'requests', what: 'memory' | 'cpu'): unknown => {
  const r = o && isObj(o['resources']) ? o['resources'] : o;
  const k = r && isObj(r[kind]) ? r[kind] : undefined;
  return k?.[what];
};
const containerRes = (c: Obj, kind: 'limits' | 'requests', what: 'memory' | 'cpu'): unknown => res(isObj(c['resources']) ? c['resources'] : undefined, kind, what);
const podRes = (p: PodView, kind: 'limits' | 'requests', what: 'memory' | 'cpu'): unknown => res(p.podResources, kind, what);

export const mib = (n: number): string => `${Number.isInteger(n) ? n : Math.round(n * 10) / 10}Mi`;
export const milli = (n: number): string => `${Math.round(n)}m`;

/** The effective pod limit of one resource, when every container sets one. */
function effectiveLimit(p: PodView, read: (c: Obj) => number | undefined): number | undefined {
  const all = allContainers(p);
  if (all.length === 0 || all.some((c) => read(c) === undefined)) return undefined;
  const sidecarSum = p.sidecars.reduce((s, c) => s + read(c)!, 0);
  let peak = sidecarSum + p.regular.reduce((s, c) => s + read(c)!, 0);
  let started = 0;
  for (const c of p.initOrder) {
    if (p.sidecars.includes(c)) started += read(c)!;
    else peak = Math.max(peak, read(c)! + started);
  }
  return peak;
}

export function containerResources(p: PodView, c: Obj): Facts {
  const memLimits = [memoryMiB(containerRes(c, 'limits', 'memory')), memoryMiB(podRes(p, 'limits', 'memory'))].filter((x): x is number => x !== undefined);
  const cpuLimits = [cpuMillicores(containerRes(c, 'limits', 'cpu')), cpuMillicores(podRes(p, 'limits', 'cpu'))].filter((x): x is number => x !== undefined);
  const request = cpuMillicores(containerRes(c, 'requests', 'cpu')) ?? cpuMillicores(containerRes(c, 'limits', 'cpu'));
  return {
    'memory.ceiling': memLimits.length ? fact(mib(Math.min(...memLimits))) : fact('none'),
    'cpu.share': request !== undefined ? fact(milli(request)) : fact('unset'),
    'cpu.ceiling': cpuLimits.length ? fact(milli(Math.min(...cpuLimits))) : fact('none'),
  };
}

export function podResourceCaps(p: PodView): Facts {
  const cap = (what: 'memory' | 'cpu', parse: (q: unknown) => number | undefined, show: (n: number) => string): string => {
    const pod = parse(podRes(p, 'limits', what));
    const eff = effectiveLimit(p, (c) => parse(containerRes(c, 'limits', what)));
    const all = [pod, eff].filter((x): x is number => x !== undefined);
    return all.length ? show(Math.min(...all)) : 'none';
  };
  return { 'memory.task': fact(cap('memory', memoryMiB, mib)), 'cpu.task': fact(cap('cpu', cpuMillicores, milli)) };
}
