/**
 * Where the pod can run, where its logs go, and which extra names resolve in it (kubernetes.io:
 * "Assigning Pods to Nodes", well-known labels kubernetes.io/os and kubernetes.io/arch; Logging
 * Architecture; "Adding entries to Pod /etc/hosts with HostAliases").
 */
import { fact, type Facts } from '../model.js';
import type { PodView } from './pod.js';
import { isObj, list, str, strings, type Obj } from './read.js';

/** The values a required node affinity allows for a label, if it names the label. */
function affinityValues(spec: Obj, label: string): string[] {
  const aff = isObj(spec['affinity']) && isObj(spec['affinity']['nodeAffinity']) ? spec['affinity']['nodeAffinity'] : {};
  const req = isObj(aff['requiredDuringSchedulingIgnoredDuringExecution']) ? aff['requiredDuringSchedulingIgnoredDuringExecution'] : {};
  return list(req['nodeSelectorTerms']).flatMap((t) =>
    list(t['matchExpressions'])
      .filter((e) => e['key'] === label && e['operator'] === 'In')
      .flatMap((e) => strings(e['values'])),
  );
}

/** Without a selector a pod may land on any node; the oracle reads that as Linux (the usual node pool) and any arch. */
export function platformFacts(p: PodView): Facts {
  const sel = isObj(p.spec['nodeSelector']) ? p.spec['nodeSelector'] : {};
  const os = str(sel['kubernetes.io/os']) ?? affinityValues(p.spec, 'kubernetes.io/os')[0] ?? 'linux';
  const arch = str(sel['kubernetes.io/arch']) ?? affinityValues(p.spec, 'kubernetes.io/arch')[0] ?? 'any';
  return { os: fact(os, sel['kubernetes.io/os'] ? 'nodeSelector' : undefined), arch: fact(arch) };
}

/**
 * "The easiest and most adopted logging method for containerized applications is writing to
 * standard output and standard error streams" — a node-level agent collects them; nothing in a
 * pod routes one container's logs through another.
 */
export function logFacts(): Facts {
  return { 'logs.routing': fact('stdout, collected by the cluster') };
}

/** hostAliases add names to every container's /etc/hosts; containers of a pod also reach each other on localhost. */
export function linkFacts(p: PodView): Facts {
  const names = list(p.spec['hostAliases']).flatMap((h) => strings(h['hostnames']));
  return { 'links.resolves': fact([...new Set(names)].sort().join(', ') || '(none)') };
}
