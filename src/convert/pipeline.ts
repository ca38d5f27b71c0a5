/**
 * The converter sequence of one workload (a task definition and its service): one ordered list,
 * CONVERTER_STEPS, each step naming the earlier steps whose output it reads (and what it reads).
 * test/converter-order.test.ts checks that every step comes after the ones it reads, and that
 * moving a step before one it reads changes the output.
 */
import type { K8sObject } from '../bundle/types.js';
import { show, type Diagnostics } from '../diagnostics.js';
import type { SourceNamer } from '../load/root.js';
import type { EcsDocument } from '../load/shapes.js';
import type { Obj } from '../model/values.js';
import { str } from '../model/values.js';
import type { Options } from '../options.js';
import { checkLoadBalancers } from '../validate/rules/index.js';
import { convertContainers } from './containers.js';
import { ConvertContext, type WorkloadIdentity } from './context.js';
import { convertIam } from './iam.js';
import { identity } from './identity.js';
import { impliedOrder } from './implied-order.js';
import { convertLogging } from './logging.js';
import { convertMetadata } from './metadata.js';
import { convertNetworking, type PortInfo } from './networking.js';
import { replicasOf, scheduleOf, type FlagUse } from './overrides.js';
import type { Pair } from './pairing.js';
import { convertPlacement } from './placement.js';
import { convertProbes } from './probes.js';
import { convertResources } from './resources.js';
import { planRollout } from './rollout.js';
import type { ServiceScaling } from './scaling-pair.js';
import { convertScaling, type ScalingResult } from './scaling.js';
import { toCronSchedule } from './schedule.js';
import { convertSecrets } from './secrets.js';
import { convertSecurity } from './security.js';
import { convertServices } from './services.js';
import { readSteering } from './steering.js';
import { disruptionBudget } from './traffic.js';
import { reportUnmapped } from './unmapped.js';
import { convertVolumes } from './volumes.js';
import { buildWorkload } from './workload.js';

/** What every workload of a compile shares. */
export interface PairEnv {
  options: Options;
  d: Diagnostics;
  /** Names each input file in the `ecs2k8s.io/source` annotation. */
  source: SourceNamer;
  /** Which flags applied to which workloads (reported once, after all of them). */
  flags: FlagUse;
  /** Each service's scaling target, policies, scheduled actions and deployment group. */
  scaling: ReadonlyMap<EcsDocument, ServiceScaling>;
  /** The CloudWatch metric alarms among the inputs, by name. */
  alarms: ReadonlyMap<string, EcsDocument>;
}

/** One workload in the making: the context the converters fill, and what steps hand on besides it. */
export interface Work {
  ctx: ConvertContext;
  pair: Pair;
  env: PairEnv;
  delivery: ServiceScaling | undefined;
  ports: PortInfo[];
  rollout?: Obj;
  autoscaler: ScalingResult;
  replicas?: number;
  /** The replicas, or the autoscaler's minimum. */
  count?: number;
  schedule?: string;
  workload?: K8sObject;
}

export interface ConverterStep {
  name: string;
  /** The earlier steps whose output this one reads: step name → what it reads. */
  reads: Readonly<Record<string, string>>;
  run(w: Work): void;
}

/** The converters in the order they run. */
export const CONVERTER_STEPS: readonly ConverterStep[] = [
  {
    name: 'containers',
    // First: it makes ctx.pod.containers (the plans: Kubernetes name, image, command, args, env,
    // workingDir, stdin/tty; role main/sidecar/init; awaitedHealthy), ordered init and sidecars first,
    // and pod.spec.hostAliases for links.
    reads: {},
    run: ({ ctx }) => convertContainers(ctx),
  },
  {
    name: 'impliedOrder',
    reads: { containers: 'the plans and their roles (only main containers start together)' },
    run: ({ ctx }) => impliedOrder(ctx),
  },
  {
    name: 'workloadFlags',
    reads: { containers: 'the ECS names of the plans (which containers an override flag may name)' },
    run: ({ ctx, env, pair }) =>
      env.flags.workload(
        ctx.id.name,
        ctx.id.kind,
        pair.svc === undefined,
        ctx.pod.containers.map((c) => c.ecsName),
      ),
  },
  {
    name: 'metadata',
    // Writes commonLabels/commonAnnotations (which ctx.meta puts on every extra object), podBaseLabels, pod labels and annotations.
    reads: { containers: "the plans, in pod order (each one's dockerLabels; the first value of a label is kept)" },
    run: ({ ctx, env }) => convertMetadata(ctx, env.source),
  },
  {
    name: 'resources',
    // Writes each plan's k8s.resources and pod.spec.resources (a task-level budget).
    reads: { containers: 'the plans and their roles (ephemeral storage goes to the first essential main container; the task budget weighs init containers and sidecars apart)' },
    run: ({ ctx }) => convertResources(ctx),
  },
  {
    name: 'probes',
    reads: { containers: "the plans' roles (no probes on an init container, no startup probe on a sidecar) and awaitedHealthy (a HEALTHY dependency's startTimeout makes a startup probe)" },
    run: ({ ctx }) => convertProbes(ctx),
  },
  {
    name: 'secrets',
    reads: { containers: "each plan's k8s.env (the environment), to which the secrets are added", metadata: 'the common labels and annotations ctx.meta puts on the ExternalSecret' },
    run: ({ ctx }) => convertSecrets(ctx),
  },
  {
    name: 'volumes',
    reads: { containers: 'the plans (volumesFrom repeats the mounts of the container it names)', metadata: 'the common labels and annotations ctx.meta puts on PersistentVolumes and claims' },
    run: ({ ctx }) => convertVolumes(ctx),
  },
  {
    name: 'security',
    reads: { containers: 'the plans (each gets its securityContext; stopTimeout → terminationGracePeriodSeconds)' },
    run: ({ ctx }) => convertSecurity(ctx),
  },
  {
    name: 'logging',
    reads: { containers: 'the plans (the FireLens log router among them)' },
    run: ({ ctx }) => convertLogging(ctx),
  },
  {
    name: 'networking',
    // Writes each plan's k8s.ports and returns the ports (for the Services).
    reads: { containers: "the plans' roles (an init container's ports are not served) and pod.spec.hostAliases, which links made and extraHosts extend" },
    run: (w) => {
      w.ports = convertNetworking(w.ctx);
    },
  },
  {
    name: 'placement',
    reads: { containers: 'the plans (images, paths and commands that show a Windows task)' },
    run: ({ ctx }) => convertPlacement(ctx),
  },
  {
    name: 'iam',
    reads: { metadata: 'the common labels and annotations ctx.meta puts on the ServiceAccount' },
    run: ({ ctx }) => convertIam(ctx),
  },
  {
    name: 'services',
    // Writes the Services and Ingress into ctx.extra, a preStop drain pause on the targeted plans, the namespace labels.
    reads: {
      networking: 'the ports it returned',
      containers: 'the plans a load balancer targets (each gets a preStop drain pause)',
      metadata: 'the common labels and annotations ctx.meta puts on Services and Ingresses',
    },
    run: ({ ctx, ports }) => convertServices(ctx, ports),
  },
  {
    name: 'unmapped',
    // Reads only the input documents: members no converter maps are reported.
    reads: {},
    run: ({ pair, env, delivery }) => {
      reportUnmapped(pair.td, env.d);
      if (pair.svc) reportUnmapped(pair.svc, env.d);
      for (const doc of delivery ? [delivery.target, ...delivery.policies, ...delivery.scheduled, delivery.deploymentGroup] : []) if (doc) reportUnmapped(doc, env.d);
    },
  },
  {
    name: 'rollout',
    reads: {
      services: 'the main Service and Ingress in ctx.extra, which a canary or blue/green rollout splits',
      metadata: 'the common labels and annotations ctx.meta puts on its Services and AnalysisTemplates',
    },
    run: (w) => {
      w.rollout = planRollout(w.ctx, w.delivery?.deploymentGroup, w.env.alarms);
    },
  },
  {
    name: 'scaling',
    reads: {
      rollout: 'whether the scale target is a Rollout or a Deployment',
      resources: "the pod's and the plans' requests, which a utilisation target is measured against",
      containers: 'the plans and their roles (init containers count for no requests)',
      metadata: 'the common labels and annotations ctx.meta puts on the autoscaler',
    },
    run: (w) => {
      const { ctx } = w;
      const ref = w.rollout ? { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: ctx.id.name } : { apiVersion: 'apps/v1', kind: 'Deployment', name: ctx.id.name };
      w.autoscaler = convertScaling(ctx, w.delivery, ref, w.env.alarms);
      // An autoscaled workload has no replicas: its autoscaler owns them (and --replicas says so).
      if (w.autoscaler.kind) w.env.flags.autoscaled(ctx.id.name, w.autoscaler.kind);
    },
  },
  {
    name: 'replicas',
    reads: { scaling: 'whether an autoscaler owns the replicas, and its minimum (the count a disruption budget keeps)' },
    run: (w) => {
      const { ctx, pair, env } = w;
      w.replicas = w.autoscaler.kind ? undefined : replicasOf(ctx.id.kind, pair.svc, ctx.steering, env.options, env.d);
      w.count = w.autoscaler.kind ? w.autoscaler.min : w.replicas;
    },
  },
  {
    name: 'schedule',
    // Reads only the inputs and the flags: a CronJob's schedule.
    reads: {},
    run: (w) => {
      const { ctx, pair, env } = w;
      const raw = ctx.id.kind === 'CronJob' ? scheduleOf(pair.svc, pair.td, ctx.steering, env.options, env.d) : undefined;
      if (raw && raw.value === undefined) {
        env.d.error(pair.td.source, pair.td.pointer, 'missing-schedule', `a CronJob needs a schedule: pass --schedule "CRON" or set the tag ${show('ecs2k8s.io/schedule')}`);
      } else if (raw?.value !== undefined) {
        const r = toCronSchedule(raw.value);
        if ('error' in r) env.d.error(raw.doc.source, raw.pointer, 'invalid-schedule', `${raw.label}: ${r.error}`);
        else {
          w.schedule = r.schedule;
          if (r.note) env.d.info(raw.doc.source, raw.pointer, 'schedule-converted', r.note);
        }
      }
    },
  },
  {
    name: 'disruptionBudget',
    reads: { replicas: 'the count: the replicas, or the autoscaler minimum', metadata: 'the common labels and annotations ctx.meta puts on the PodDisruptionBudget' },
    run: ({ ctx, count }) => disruptionBudget(ctx, count),
  },
  {
    name: 'workload',
    // Last: it assembles the pod template and the workload object from what the steps above built.
    reads: {
      containers: 'the plans (the containers, init containers and native sidecars)',
      metadata: 'podBaseLabels and the pod labels and annotations',
      resources: "the plans' k8s.resources and pod.spec.resources",
      probes: "the plans' probes",
      secrets: "the plans' env and pod.spec.imagePullSecrets",
      volumes: 'pod.volumes and the plans’ volumeMounts',
      security: "the plans' and the pod's securityContext",
      networking: "the plans' ports and pod.spec (hostNetwork, dnsConfig, hostname)",
      placement: 'pod.spec nodeSelector, affinity, topologySpreadConstraints',
      iam: 'pod.spec.serviceAccountName',
      services: "the plans' preStop drain pause",
      rollout: 'the rollout strategy (an Argo Rollout instead of a Deployment)',
      replicas: 'the replicas and the count',
      schedule: "a CronJob's schedule",
    },
    run: (w) => {
      w.workload = buildWorkload(w.ctx, w.replicas, w.schedule, w.rollout, w.count);
    },
  },
];

/** One workload converted: the workload object first, then the objects it needs. */
export interface ConvertedPair {
  id: WorkloadIdentity;
  objects: K8sObject[];
  /** Labels the workload's Namespace needs. */
  namespaceLabels: Record<string, string>;
}

/** Converts one task definition (and its service) with the steps in order (`steps`: for tests). */
export function convertPair(pair: Pair, env: PairEnv, steps: readonly ConverterStep[] = CONVERTER_STEPS): ConvertedPair {
  const { options, d } = env;
  if (pair.svc) checkLoadBalancers(pair.svc, pair.td, d);
  const steering = readSteering(pair.td, pair.svc, d);
  const id = identity(pair, options, d, steering);
  if (!(pair.svc && str(pair.svc.value['serviceName'])) && options.serviceName !== undefined) env.flags.serviceNameUsed = true;
  const ctx = new ConvertContext(options, d, pair.td, pair.svc, id, steering);
  const work: Work = { ctx, pair, env, delivery: pair.svc ? env.scaling.get(pair.svc) : undefined, ports: [], autoscaler: {} };
  for (const step of steps) step.run(work);
  return { id, objects: [...(work.workload ? [work.workload] : []), ...ctx.extra], namespaceLabels: ctx.namespaceLabels };
}
