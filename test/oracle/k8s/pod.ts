/**
 * One workload of the bundle as the Kubernetes rules see it: its pod template, split into the
 * three kinds of containers that behave differently, with the target version's feature gates
 * applied.
 *
 * - "Init containers always run to completion. Each init container must complete successfully
 *   before the next one starts" (Init Containers, kubernetes.io).
 * - "Kubernetes implements sidecar containers as a special case of init containers; sidecar
 *   containers remain running after Pod startup ... the feature is active by default since
 *   Kubernetes v1.29" (Sidecar Containers): an init container with restartPolicy Always. Below
 *   1.29 the field is dropped and the container is a plain init container.
 * - Pod-level resources (`spec.resources`): on by default from 1.34 (SPEC §10; "Assign Pod-level
 *   CPU and memory resources", kubernetes.io); below, the field is dropped.
 * - The preStop sleep action is on by default from 1.30 (Container Lifecycle Hooks); below it is
 *   dropped.
 */
import { atLeast, isObj, list, str, type K8sObject, type Obj } from './read.js';

export interface PodView {
  object: K8sObject;
  kind: 'Deployment' | 'DaemonSet' | 'Job' | 'CronJob' | 'StatefulSet' | 'Rollout';
  namespace: string;
  /** The Job spec (for Job and CronJob). */
  job?: Obj;
  /** The pod template's labels and spec. */
  labels: Record<string, string>;
  spec: Obj;
  /** Plain init containers, in order. */
  init: Obj[];
  /** Native sidecars, in their place among the init containers. */
  sidecars: Obj[];
  /** initContainers in order (plain and sidecar), for start order. */
  initOrder: Obj[];
  regular: Obj[];
  /** The pod's restartPolicy: Always unless the template says otherwise. */
  restartPolicy: string;
  version: string;
  /** Pod-level resources (spec.resources) when the target version honours them. */
  podResources?: Obj;
}

/** Rollout: an Argo Rollouts Rollout, which runs its pod template as a Deployment does. */
export const WORKLOAD_KINDS = new Set(['Deployment', 'DaemonSet', 'Job', 'CronJob', 'StatefulSet', 'Rollout']);

export const cname = (c: Obj): string => str(c['name']) ?? '';

export function isSidecar(c: Obj, version: string): boolean {
  return c['restartPolicy'] === 'Always' && atLeast(version, 29);
}

export function podView(object: K8sObject, version: string): PodView | undefined {
  const spec = isObj(object['spec']) ? object['spec'] : {};
  let job: Obj | undefined;
  let template: unknown;
  if (object.kind === 'CronJob') {
    const jt = isObj(spec['jobTemplate']) ? spec['jobTemplate'] : {};
    job = isObj(jt['spec']) ? jt['spec'] : {};
    template = job['template'];
  } else {
    if (object.kind === 'Job') job = spec;
    template = spec['template'];
  }
  if (!isObj(template)) return undefined;
  const meta = isObj(template['metadata']) ? template['metadata'] : {};
  const podSpec = isObj(template['spec']) ? template['spec'] : {};
  const initOrder = list(podSpec['initContainers']);
  const view: PodView = {
    object,
    kind: object.kind as PodView['kind'],
    namespace: object.metadata.namespace ?? 'default',
    labels: (isObj(meta['labels']) ? meta['labels'] : {}) as Record<string, string>,
    spec: podSpec,
    initOrder,
    init: initOrder.filter((c) => !isSidecar(c, version)),
    sidecars: initOrder.filter((c) => isSidecar(c, version)),
    regular: list(podSpec['containers']),
    restartPolicy: str(podSpec['restartPolicy']) ?? 'Always',
    version,
  };
  if (job) view.job = job;
  if (atLeast(version, 34) && isObj(podSpec['resources'])) view.podResources = podSpec['resources'];
  return view;
}

export function allContainers(p: PodView): Obj[] {
  return [...p.initOrder, ...p.regular];
}

/** Whether a label selector (matchLabels or a plain map) selects the pod template's labels. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  if (!isObj(selector)) return false;
  const match = isObj(selector['matchLabels']) ? selector['matchLabels'] : 'matchExpressions' in selector ? {} : selector;
  const entries = Object.entries(match);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}
