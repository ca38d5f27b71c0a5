/**
 * What every area converter works with: the options, the diagnostics, the task definition and
 * its service (each a document that remembers its file and pointers), the pod being built, and
 * the extra objects (Service, ServiceAccount, ExternalSecret, PV/PVC, …) the workload needs.
 */
import type { Code } from '../codes.js';
import { Diagnostics, pointerJoin } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { Options } from '../options.js';
import type { K8sObject } from '../bundle/types.js';
import type { Steering } from './steering.js';
import { serviceOf, taskDefinitionOf, type ContainerDefinition, type EcsTaskDefinition, type ServiceInput } from '../model/ecs.js';
import { isObject, type Obj } from '../model/values.js';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';

export interface ContainerPlan {
  /** The ECS container name and index in containerDefinitions. */
  ecsName: string;
  index: number;
  /** Its definition, typed (validated: src/model/ecs.ts). */
  def: ContainerDefinition;
  /** The Kubernetes container being built (keys are ordered when the pod is assembled). */
  k8s: IContainer;
  /** main: a regular container; sidecar: a native sidecar (initContainer, restartPolicy Always); init: runs to completion first. */
  role: 'main' | 'sidecar' | 'init';
  /** Seconds that containers depending on this one with HEALTHY wait at most (their startTimeout), when any does. */
  awaitedHealthy?: { startTimeout?: number };
}

export interface PodPlan {
  containers: ContainerPlan[];
  /** Pod volumes by name, in the order they were added. */
  volumes: Map<string, Omit<IVolume, 'name'>>;
  /** Pod-level fields (hostNetwork, dnsConfig, securityContext, affinity, …); containers and volumes are assembled from the plans. */
  spec: Omit<IPodSpec, 'containers'>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface WorkloadIdentity {
  /** Kubernetes name of the workload (and of its Service, ServiceAccount, …). */
  name: string;
  namespace: string;
  /** app.kubernetes.io/name (the family) and app.kubernetes.io/instance (the service). */
  appName: string;
  instance: string;
  kind: 'Deployment' | 'DaemonSet' | 'Job' | 'CronJob';
}

export class ConvertContext {
  readonly extra: K8sObject[] = [];
  readonly pod: PodPlan = { containers: [], volumes: new Map(), spec: {}, labels: {}, annotations: {} };
  /** Labels every object of this workload carries (tags, project labels, managed-by). */
  readonly commonLabels: Record<string, string> = {};
  readonly commonAnnotations: Record<string, string> = {};
  /** Labels the workload's Namespace needs (the load balancer controller's readiness-gate injection). */
  readonly namespaceLabels: Record<string, string> = {};
  /** Labels every pod carries besides the selector: the project's labels and managed-by (tags only as propagateTags says). */
  readonly podBaseLabels: Record<string, string> = {};
  /** The task definition, typed (src/model/ecs.ts): read members through it, not through `task`. */
  readonly taskDefinition: EcsTaskDefinition;
  /** The service, typed, when there is one. */
  readonly serviceDefinition: ServiceInput | undefined;

  constructor(
    readonly options: Options,
    readonly diagnostics: Diagnostics,
    readonly td: EcsDocument,
    readonly svc: EcsDocument | undefined,
    readonly id: WorkloadIdentity,
    readonly steering: Steering,
  ) {
    this.taskDefinition = taskDefinitionOf(td);
    this.serviceDefinition = svc && serviceOf(svc);
  }

  /** The ECS container definition a plan was made from, typed. */
  container(c: ContainerPlan): ContainerDefinition {
    const def = this.taskDefinition.containerDefinitions[c.index];
    if (!def) throw new Error(`internal: no containerDefinitions[${c.index}] for container ${c.ecsName}`);
    return def;
  }

  /** A pointer into the task definition's file. */
  tdPtr(...segments: (string | number)[]): string {
    return pointerJoin(this.td.pointer, ...segments);
  }

  svcPtr(...segments: (string | number)[]): string {
    return pointerJoin(this.svc?.pointer ?? '', ...segments);
  }

  containerPtr(c: ContainerPlan, ...segments: (string | number)[]): string {
    return this.tdPtr('containerDefinitions', c.index, ...segments);
  }

  warn(doc: EcsDocument, pointer: string, code: Code, message: string): void {
    this.diagnostics.warn(doc.source, pointer, code, message, 'key');
  }

  note(doc: EcsDocument, pointer: string, code: Code, message: string): void {
    this.diagnostics.info(doc.source, pointer, code, message, 'key');
  }

  error(doc: EcsDocument, pointer: string, code: Code, message: string): void {
    this.diagnostics.error(doc.source, pointer, code, message, 'key');
  }

  /** Labels that select this workload's pods: stable across task definition revisions. */
  get selector(): Record<string, string> {
    return { 'app.kubernetes.io/instance': this.id.instance, 'app.kubernetes.io/name': this.id.appName };
  }

  /** metadata for an extra object of this workload. */
  meta(name: string, options: { namespaced?: boolean; annotations?: Record<string, string> } = {}): K8sObject['metadata'] {
    const m: K8sObject['metadata'] = { name };
    if (options.namespaced !== false) m.namespace = this.id.namespace;
    m.labels = { ...this.commonLabels, ...this.selector };
    const annotations = { ...this.commonAnnotations, ...(options.annotations ?? {}) };
    if (Object.keys(annotations).length > 0) m.annotations = annotations;
    return m;
  }

  addObject(o: K8sObject): void {
    this.extra.push(o);
  }

  addVolume(name: string, volume: Omit<IVolume, 'name'>): void {
    if (!this.pod.volumes.has(name)) this.pod.volumes.set(name, { name, ...volume } as Omit<IVolume, 'name'>);
  }
}

/** Reorders an object's keys: the listed ones first in that order, the rest after in their order; drops undefined, empty lists and empty objects. */
export function ordered<T extends object>(object: T, order: readonly string[]): T {
  const o = object as Obj;
  const out: Obj = {};
  const put = (k: string) => {
    const v = o[k];
    if (v === undefined) return;
    if (Array.isArray(v) && v.length === 0) return;
    if (isObject(v) && Object.keys(v).length === 0) return;
    out[k] = v;
  };
  for (const k of order) put(k);
  for (const k of Object.keys(o)) if (!(k in out) && !order.includes(k)) put(k);
  return out as T; // the same members, in order
}
