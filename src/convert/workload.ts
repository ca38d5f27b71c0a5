/**
 * Assembles the pod template and the workload object (Deployment, DaemonSet, Job, CronJob)
 * from what the area converters built.
 */
import type { K8sObject } from '../bundle/types.js';
import { show } from '../diagnostics.js';
import type { Obj } from '../model/values.js';
import { ordered, type ConvertContext } from './context.js';
import { rolloutStrategy } from './deployment.js';

const CONTAINER_ORDER = [
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'volumeMounts',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'lifecycle',
  'restartPolicy',
  'securityContext',
  'stdin',
  'tty',
] as const;

const POD_ORDER = [
  'serviceAccountName',
  'automountServiceAccountToken',
  'hostNetwork',
  'dnsPolicy',
  'hostPID',
  'hostIPC',
  'shareProcessNamespace',
  'hostname',
  'initContainers',
  'containers',
  'resources',
  'volumes',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'securityContext',
  'nodeSelector',
  'affinity',
  'topologySpreadConstraints',
  'dnsConfig',
  'hostAliases',
  'imagePullSecrets',
] as const;

function podTemplate(ctx: ConvertContext, restartPolicy?: string): Obj {
  const spec: Obj = { ...ctx.pod.spec };
  const init = ctx.pod.containers.filter((c) => c.role !== 'main').map((c) => ordered(c.k8s, CONTAINER_ORDER));
  const main = ctx.pod.containers.filter((c) => c.role === 'main').map((c) => ordered(c.k8s, CONTAINER_ORDER));
  if (init.length > 0) spec['initContainers'] = init;
  spec['containers'] = main;
  if (ctx.pod.volumes.size > 0) spec['volumes'] = [...ctx.pod.volumes.values()];
  if (restartPolicy) spec['restartPolicy'] = restartPolicy;
  const metadata: Obj = { labels: { ...ctx.podBaseLabels, ...ctx.pod.labels, ...ctx.selector } };
  if (Object.keys(ctx.pod.annotations).length > 0) metadata['annotations'] = { ...ctx.pod.annotations };
  return { metadata, spec: ordered(spec, POD_ORDER) };
}

/**
 * `replicas` undefined: an autoscaler owns the count, so the manifest leaves it out.
 * `rollout`: the strategy of an Argo Rollouts Rollout (src/convert/rollout.ts), which then replaces the Deployment.
 * `count`: the pods the rollout bounds are counted at (the replicas, or the autoscaler's minimum).
 */
export function buildWorkload(ctx: ConvertContext, replicas: number | undefined, schedule?: string, rollout?: Obj, count = replicas): K8sObject {
  const { kind, name } = ctx.id;
  const metadata = ctx.meta(name);
  if (kind === 'Deployment' && rollout) {
    const { progressDeadlineSeconds } = rolloutStrategy(ctx, true);
    const abort = progressDeadlineSeconds !== undefined && ctx.serviceDefinition?.deploymentConfiguration?.deploymentCircuitBreaker?.rollback === true ? true : undefined;
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata,
      spec: ordered({ replicas, selector: { matchLabels: ctx.selector }, strategy: rollout, progressDeadlineSeconds, progressDeadlineAbort: abort, template: podTemplate(ctx) }, []),
    };
  }
  if (kind === 'Deployment') {
    const { strategy, progressDeadlineSeconds } = rolloutStrategy(ctx, false, count, replicas === undefined);
    return {
      apiVersion: 'apps/v1',
      kind,
      metadata,
      spec: ordered({ replicas, selector: { matchLabels: ctx.selector }, strategy, progressDeadlineSeconds, template: podTemplate(ctx) }, []),
    };
  }
  if (kind === 'DaemonSet') {
    const { strategy } = rolloutStrategy(ctx);
    return { apiVersion: 'apps/v1', kind, metadata, spec: ordered({ selector: { matchLabels: ctx.selector }, updateStrategy: strategy, template: podTemplate(ctx) }, []) };
  }
  const restarting = ctx.pod.containers.find((c) => c.def.restartPolicy?.enabled === true);
  const restart = restarting ? 'OnFailure' : 'Never';
  if (restarting) {
    ctx.warn(
      ctx.td,
      ctx.containerPtr(restarting, 'restartPolicy'),
      'job-retries',
      `${show(restarting.ecsName)} has a restart policy: the Job's pod restarts its failed containers in place (restartPolicy OnFailure, every regular container) and the Job fails after backoffLimit 6 restarts; ECS restarts only that container, without a limit`,
    );
  }
  const jobSpec = { backoffLimit: restart === 'Never' ? 0 : 6, template: podTemplate(ctx, restart) };
  if (kind === 'Job') return { apiVersion: 'batch/v1', kind, metadata, spec: jobSpec };
  // ECS scheduled tasks run on EventBridge, which keeps UTC; a CronJob without timeZone follows the controller's clock.
  // EventBridge starts a task at every occurrence, whether the last one still runs or not: concurrencyPolicy Allow.
  return { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: schedule ?? '', timeZone: 'Etc/UTC', concurrencyPolicy: 'Allow', jobTemplate: { spec: jobSpec } } };
}
