/**
 * k8sBehaviour: what Kubernetes would do with the objects of a bundle, per workload and per
 * container, computed from the Kubernetes documentation alone (the rules live in the files beside
 * this one). A workload names its ECS origin in the `ecs2k8s.io/task-definition` and
 * `ecs2k8s.io/service` annotations (SPEC §4: objects name their source), which is how the
 * comparison pairs it with the ECS side; nothing else is read from the converter.
 */
import { fact, type Behaviour, type ContainerBehaviour, type Facts, type WorkloadBehaviour } from '../model.js';
import { envFacts } from './env.js';
import { completes, jobFacts, onExit, runs, processFacts, startsAfter, stopFacts } from './lifecycle.js';
import { allContainers, cname, podView, WORKLOAD_KINDS, type PodView } from './pod.js';
import { linkFacts, logFacts, platformFacts } from './platform.js';
import { probeFacts } from './probes.js';
import type { K8sObject } from './read.js';
import { containerResources, podResourceCaps } from './resources.js';
import { rolloutFacts } from './rollout.js';
import { scalingFacts } from './scaling.js';
import { mountFacts } from './storage.js';
import { discoveryNames, hostPorts, loadBalancerFacts, portBinds } from './traffic.js';

export { readBundle } from './read.js';

export interface K8sContext {
  /** The target Kubernetes version (the project file's kubernetesVersion); default 1.36. */
  kubernetesVersion?: string;
}

function containerFacts(p: PodView, objects: readonly K8sObject[]): ContainerBehaviour[] {
  const mounts = mountFacts(p, objects);
  const binds = portBinds(p);
  const links = linkFacts(p);
  return allContainers(p).map((c) => {
    const facts: Facts = {
      present: fact('yes', p.init.includes(c) ? 'init container' : p.sidecars.includes(c) ? 'native sidecar' : 'regular container'),
      ...containerResources(p, c),
      ...startsAfter(p, c),
      ...probeFacts(p, c),
      ...onExit(p, c),
      ...runs(p, c),
      ...stopFacts(p, c),
      ...processFacts(c),
      ...envFacts(c, p.namespace, objects),
      ...mounts.get(cname(c)),
      ...binds.get(cname(c)),
      ...logFacts(),
      ...links,
    };
    return { name: cname(c), facts };
  });
}

function workloadFacts(p: PodView, objects: readonly K8sObject[]): Facts {
  return {
    ...podResourceCaps(p),
    ...completes(p),
    ...jobFacts(p),
    ...rolloutFacts(p, objects),
    ...scalingFacts(p, objects),
    ...loadBalancerFacts(p, objects),
    ...discoveryNames(p, objects),
    ...hostPorts(p),
    ...platformFacts(p),
  };
}

export function k8sBehaviour(objects: readonly K8sObject[], context: K8sContext = {}): Behaviour {
  const version = context.kubernetesVersion ?? '1.36';
  const workloads: WorkloadBehaviour[] = [];
  for (const o of objects) {
    if (!WORKLOAD_KINDS.has(o.kind)) continue;
    const p = podView(o, version);
    if (!p) continue;
    const ann = o.metadata.annotations ?? {};
    const family = (ann['ecs2k8s.io/task-definition'] ?? o.metadata.name).replace(/:\d+$/, '');
    const w: WorkloadBehaviour = { family, facts: workloadFacts(p, objects), containers: containerFacts(p, objects) };
    const service = ann['ecs2k8s.io/service'];
    if (service !== undefined) w.service = service;
    workloads.push(w);
  }
  return { workloads };
}
