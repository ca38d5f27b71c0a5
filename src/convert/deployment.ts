/**
 * deploymentConfiguration and deploymentController → the rollout strategy.
 * ECS counts in whole tasks — at most floor(count × maximumPercent) run, at least
 * ceil(count × minimumHealthyPercent) stay healthy. maxUnavailable `100 − min %` rounds to the
 * same count in Kubernetes; a percent maxSurge rounds up, so where maximumPercent is not a whole
 * hundred a workload of known size gets the whole number ECS computes; an autoscaled one keeps
 * the percentage (its count moves), with a warning.
 */
import { show } from '../diagnostics.js';
import type { Obj } from '../model/values.js';
import type { ConvertContext } from './context.js';
import type { DeploymentConfiguration } from '../model/ecs.js';

/** ECS defaults for a REPLICA service. */
const DEFAULT_MAX = 200;
const DEFAULT_MIN = 100;

/**
 * `rollout`: the workload is an Argo Rollout (src/convert/rollout.ts), whose strategy replaces this one.
 * `count`: the pods (replicas, or the autoscaler's minimum); `autoscaled`: the count moves.
 */
export function rolloutStrategy(ctx: ConvertContext, rollout = false, count?: number, autoscaled = false): { strategy?: Obj; progressDeadlineSeconds?: number } {
  if (!ctx.svc) return {};
  const dc: DeploymentConfiguration = ctx.serviceDefinition?.deploymentConfiguration ?? {};
  const controller = ctx.serviceDefinition?.deploymentController?.type;
  const why = ctx.options.progressiveDelivery === 'none' ? ' (the project file sets progressiveDelivery: none)' : '';
  // With progressiveDelivery argo-rollouts, src/convert/rollout.ts speaks for CODE_DEPLOY and the progressive strategies.
  const speaks = rollout || ctx.options.progressiveDelivery !== 'none';
  if ((controller === 'CODE_DEPLOY' && !speaks) || controller === 'EXTERNAL') {
    ctx.warn(
      ctx.svc,
      ctx.svcPtr('deploymentController', 'type'),
      'deployment-controller',
      `deployment controller ${show(controller)} (blue/green outside ECS) becomes a rolling update${why}: for blue/green in Kubernetes use Argo Rollouts${controller === 'CODE_DEPLOY' ? ' (progressiveDelivery: argo-rollouts)' : ''} or Flagger`,
    );
  }
  const strat = dc.strategy;
  if (!speaks && strat && strat !== 'ROLLING' && controller !== 'EXTERNAL') {
    ctx.warn(
      ctx.svc,
      ctx.svcPtr('deploymentConfiguration', 'strategy'),
      'deployment-strategy',
      `deployment strategy ${show(strat)} becomes a rolling update${why}: Kubernetes Deployments only roll; use Argo Rollouts (progressiveDelivery: argo-rollouts) or Flagger for ${strat.toLowerCase().replace('_', '/')}`,
    );
  }
  const alarms = dc.alarms;
  if (!rollout && alarms?.enable === true && alarms.alarmNames.length > 0) {
    ctx.warn(
      ctx.svc,
      ctx.svcPtr('deploymentConfiguration', 'alarms'),
      'no-equivalent',
      '"alarms" has no Kubernetes equivalent and is not converted: CloudWatch alarm rollbacks: use Argo Rollouts analysis',
    );
  }
  if (rollout) {
    // A Rollout aborts (goes back to the stable revision) when progressDeadlineAbort is set: ECS's rollback.
    return dc.deploymentCircuitBreaker?.enable === true ? { progressDeadlineSeconds: 600 } : {};
  }
  const result: { strategy?: Obj; progressDeadlineSeconds?: number } = {};
  if (ctx.id.kind === 'DaemonSet') {
    const min = dc.minimumHealthyPercent;
    if (min !== undefined) result.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: `${Math.max(1, 100 - min)}%` } };
  } else if (ctx.id.kind === 'Deployment') {
    const max = dc.maximumPercent ?? DEFAULT_MAX;
    const min = dc.minimumHealthyPercent ?? DEFAULT_MIN;
    // maxUnavailable as a percentage rounds down in Kubernetes: count − floor(count × (100 − min) %) = ceil(count × min %), ECS's floor, for any count.
    const maxUnavailable = `${Math.max(0, Math.min(100, 100 - min))}%`;
    // maxSurge as a percentage rounds up, where ECS rounds floor(count × max %) down: exact only for whole hundreds; else the whole number ECS computes.
    const surge = Math.max(0, max - 100);
    const whole = surge % 100 !== 0 && count !== undefined && count > 0 && !autoscaled;
    let maxSurge: string | number = whole ? Math.floor((count * max) / 100) - count : `${surge}%`;
    if (!whole && surge % 100 !== 0 && count !== undefined && count > 0) {
      ctx.warn(
        ctx.svc,
        ctx.svcPtr('deploymentConfiguration', 'maximumPercent'),
        'deployment-percent',
        `maximumPercent ${max} lets floor(count × ${max} %) tasks run in ECS; the autoscaled Deployment's maxSurge ${maxSurge} rounds up: at ${count} pods ${count + Math.ceil((count * surge) / 100)} may run during a rollout where ECS allows ${Math.floor((count * max) / 100)}`,
      );
    }
    if ((maxSurge === '0%' || maxSurge === 0) && maxUnavailable === '0%') {
      maxSurge = 1;
      ctx.warn(
        ctx.svc,
        ctx.svcPtr('deploymentConfiguration'),
        'deployment-percent',
        `maximumPercent ${max} and minimumHealthyPercent ${min} leave no room to roll; Kubernetes needs one of maxSurge and maxUnavailable above zero: maxSurge is 1`,
      );
    }
    result.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
  }
  const cb = dc.deploymentCircuitBreaker;
  if (cb?.enable === true && ctx.id.kind === 'Deployment') {
    result.progressDeadlineSeconds = 600;
    const ptr = ctx.svcPtr('deploymentConfiguration', 'deploymentCircuitBreaker');
    if (cb.rollback === true) {
      ctx.warn(
        ctx.svc,
        ptr,
        'circuit-breaker',
        'the deployment circuit breaker becomes progressDeadlineSeconds: 600 (a stalled rollout is marked failed), but Kubernetes does not roll back by itself: use `kubectl rollout undo`, Argo Rollouts or Flagger',
      );
    } else {
      ctx.note(ctx.svc, ptr, 'circuit-breaker', 'the deployment circuit breaker becomes progressDeadlineSeconds: 600 (a stalled rollout is marked failed)');
    }
  }
  return result;
}
