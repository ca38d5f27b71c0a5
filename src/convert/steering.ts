/**
 * Steering keys: container `dockerLabels` and service/task `tags` whose key starts with
 * `ecs2k8s.io/` change the output for that one workload. They are never copied to the output.
 */
import type { Diagnostics } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { pointerJoin, show } from '../diagnostics.js';
import { suggest } from '../model/suggest.js';
import { objs, str, type Obj } from '../model/values.js';

export const STEERING_PREFIX = 'ecs2k8s.io/';

export interface SteeringKey {
  /** container: applies to the container whose dockerLabels set it (a tag sets it for all containers); workload: the whole workload. */
  scope: 'container' | 'workload';
  values: string;
  description: string;
  /** Validates a value; returns an error message or undefined. */
  check: (v: string) => string | undefined;
}

const oneOf =
  (...allowed: string[]) =>
  (v: string) =>
    allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`;
/** A replica count: Kubernetes holds it in 32 bits. */
const positiveInt = (v: string) => (!/^\d+$/.test(v) ? 'must be a whole number' : Number(v) > 2_147_483_647 ? 'must be at most 2147483647' : undefined);
const anything = () => undefined;

/** The documented steering keys (README and docs/conversion.md are generated from this table). */
export const STEERING_KEYS: Record<string, SteeringKey> = {
  'ecs2k8s.io/workload': {
    scope: 'workload',
    values: 'deployment | daemonset | job | cronjob',
    description: 'Kind of workload for this task definition or service.',
    check: oneOf('deployment', 'daemonset', 'job', 'cronjob'),
  },
  'ecs2k8s.io/schedule': { scope: 'workload', values: 'cron expression', description: 'Schedule of a CronJob (implies `ecs2k8s.io/workload: cronjob`).', check: anything },
  'ecs2k8s.io/replicas': { scope: 'workload', values: 'integer', description: 'Replicas, overriding desiredCount.', check: positiveInt },
  'ecs2k8s.io/service-type': {
    scope: 'workload',
    values: 'ClusterIP | NodePort | LoadBalancer | Headless | None',
    description: 'Type of the Service made from the port mappings; None emits no Service.',
    check: oneOf('ClusterIP', 'NodePort', 'LoadBalancer', 'Headless', 'None'),
  },
  'ecs2k8s.io/load-balancer': {
    scope: 'workload',
    values: 'alb | nlb',
    description: "How the service's load balancer is expressed: alb → Ingress, nlb → Service type LoadBalancer.",
    check: oneOf('alb', 'nlb'),
  },
  'ecs2k8s.io/ingress-class': { scope: 'workload', values: 'name', description: 'IngressClass of the Ingress.', check: anything },
  'ecs2k8s.io/probes': {
    scope: 'container',
    values: 'comma list of liveness, readiness, startup; or none',
    description: "Which probes a container's healthCheck becomes (default: liveness,readiness, plus startup when startPeriod is set).",
    check: (v) => (v.split(',').every((p) => ['liveness', 'readiness', 'startup', 'none'].includes(p.trim())) ? undefined : 'must list liveness, readiness, startup, or be none'),
  },
  'ecs2k8s.io/sidecar': { scope: 'container', values: 'true | false', description: 'Makes this container a native sidecar (initContainer with restartPolicy Always).', check: oneOf('true', 'false') },
  'ecs2k8s.io/service-account': { scope: 'workload', values: 'name', description: 'Use this existing ServiceAccount instead of creating one.', check: anything },
};

export interface SteeringValue {
  value: string;
  doc: EcsDocument;
  pointer: string;
}

/** Steering of one workload; container-level keys are looked up with the container's index. */
export class Steering {
  private readonly workload = new Map<string, SteeringValue>();
  private readonly perContainer = new Map<number, Map<string, SteeringValue>>();

  get(key: string, container?: number): SteeringValue | undefined {
    if (container !== undefined) {
      const v = this.perContainer.get(container)?.get(key);
      if (v) return v;
    }
    return this.workload.get(key);
  }

  set(key: string, value: SteeringValue, container?: number): void {
    if (container === undefined) {
      this.workload.set(key, value);
    } else {
      let m = this.perContainer.get(container);
      if (!m) this.perContainer.set(container, (m = new Map()));
      m.set(key, value);
      // A workload-scoped key in a container's labels steers the workload (as kompose's labels do), unless a tag already did.
      if (STEERING_KEYS[key]?.scope === 'workload' && !this.workload.has(key)) this.workload.set(key, value);
    }
  }
}

function register(s: Steering, d: Diagnostics, doc: EcsDocument, pointer: string, key: string, value: unknown, container?: number): void {
  const spec = STEERING_KEYS[key];
  if (!spec) {
    const hint = suggest(key, Object.keys(STEERING_KEYS));
    d.warn(
      doc.source,
      pointer,
      'unknown-steering-key',
      `${show(key)} is not a steering key${hint ? `: did you mean "${hint}"?` : ` (keys: ${Object.keys(STEERING_KEYS).join(', ')})`}; it is ignored`,
      'key',
    );
    return;
  }
  const v = typeof value === 'string' ? value.trim() : undefined;
  const problem = v === undefined ? 'must be a string' : spec.check(v);
  if (problem !== undefined || v === undefined) {
    d.error(doc.source, pointer, 'invalid-steering-value', `${key} is ${show(value)}, but it ${problem}`);
    return;
  }
  s.set(key, { value: v, doc, pointer }, container);
}

/** Reads steering keys from task tags, service tags and container dockerLabels. */
export function readSteering(td: EcsDocument, svc: EcsDocument | undefined, d: Diagnostics): Steering {
  const s = new Steering();
  const fromTags = (doc: EcsDocument, tags: unknown, base: string) => {
    for (const [t, i] of objs(tags)) {
      const k = str(t['key']);
      if (k?.startsWith(STEERING_PREFIX)) register(s, d, doc, pointerJoin(base, i, 'value'), k, t['value']);
    }
  };
  fromTags(td, td.value['tags'], pointerJoin(td.pointer, 'tags'));
  if (td.outerTags !== undefined) fromTags(td, td.outerTags, '/tags');
  if (svc) fromTags(svc, svc.value['tags'], pointerJoin(svc.pointer, 'tags'));
  for (const [c, i] of objs(td.value['containerDefinitions'])) {
    const labels = c['dockerLabels'];
    if (typeof labels !== 'object' || labels === null) continue;
    for (const [k, v] of Object.entries(labels as Obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (k.startsWith(STEERING_PREFIX)) register(s, d, td, pointerJoin(td.pointer, 'containerDefinitions', i, 'dockerLabels', k), k, v, i);
    }
  }
  return s;
}
