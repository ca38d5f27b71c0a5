/**
 * Progressive delivery: a service whose deployment strategy is BLUE_GREEN, CANARY or LINEAR, or
 * whose deployment controller is CODE_DEPLOY, becomes an Argo Rollouts Rollout (replacing the
 * Deployment) when the project file's `progressiveDelivery` is `argo-rollouts` (the default;
 * `none` keeps a rolling Deployment and a warning naming the strategy).
 *
 * - CANARY / LINEAR → canary steps (./rollout-steps.ts); BLUE_GREEN and CodeDeploy's
 *   all-at-once → blueGreen with the main Service as activeService and `<name>-preview`.
 * - bakeTimeInMinutes (ECS keeps the old revision that long after the shift, to roll back
 *   at once) → scaleDownDelaySeconds, which keeps the old ReplicaSet up for that long.
 * - Behind an ALB (the Ingress from src/convert/services.ts) a canary routes by weight:
 *   trafficRouting.alb on that Ingress, stableService the main Service, canaryService
 *   `<name>-canary`. Without one, Argo approximates weights with pod counts (warned).
 * - advancedConfiguration: the alternate target group and listener rules are ECS's own
 *   plumbing for the shift; the AWS Load Balancer Controller makes its own target groups and
 *   rules from the Ingress, so a note names them and says what takes their place.
 * - deploymentConfiguration.alarms / CodeDeploy alarms → an AnalysisTemplate (./analysis.ts)
 *   for the alarms whose definitions are among the inputs; the others are warned.
 */
import type { K8sObject } from '../bundle/types.js';
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { dns1035Label } from '../k8s/names.js';
import type { ConvertContext } from './context.js';
import { isObject, type Obj } from '../model/values.js';
import { alarmAnalysis, type AlarmRef } from './analysis.js';
import { readDeploymentGroup } from './codedeploy.js';
import { canaryShifts, canarySteps, hookSteps, linearShifts, type HookSteps, type ShiftPlan } from './rollout-steps.js';
import type { DeploymentConfiguration, ServiceInput } from '../model/ecs.js';

const PROGRESSIVE = new Set(['BLUE_GREEN', 'CANARY', 'LINEAR']);

/** True when the service asks for progressive delivery (whatever the project file says). */
export function wantsProgressive(svc: ServiceInput | undefined): boolean {
  if (!svc) return false;
  const controller = svc.deploymentController?.type;
  return controller === 'CODE_DEPLOY' || (controller !== 'EXTERNAL' && PROGRESSIVE.has(svc.deploymentConfiguration?.strategy ?? ''));
}

/** The Rollout's `strategy`, or undefined for a plain Deployment. Adds the preview/canary Service. */
export function planRollout(ctx: ConvertContext, group: EcsDocument | undefined, knownAlarms: ReadonlyMap<string, EcsDocument> = new Map()): Obj | undefined {
  const svc = ctx.svc;
  const s = ctx.serviceDefinition;
  if (!svc || !s || ctx.id.kind !== 'Deployment' || !wantsProgressive(s) || ctx.options.progressiveDelivery === 'none') return undefined;
  const dc: DeploymentConfiguration = s.deploymentConfiguration ?? {};
  const dcPtr = ctx.svcPtr('deploymentConfiguration');
  const mainName = dns1035Label(ctx.id.name);
  const mainService = ctx.extra.find((o) => o.kind === 'Service' && o.metadata.name === mainName);
  const ingress = ctx.extra.find((o) => o.kind === 'Ingress' && o.metadata.name === mainName);
  const codeDeploy = s.deploymentController?.type === 'CODE_DEPLOY';
  if (!mainService) {
    ctx.warn(
      svc,
      codeDeploy ? ctx.svcPtr('deploymentController', 'type') : `${dcPtr}/strategy`,
      'rollout-traffic',
      `the service has no port mappings, so there is no Service to shift traffic between: its ${codeDeploy ? 'CodeDeploy deployment' : `strategy ${show(dc.strategy)}`} becomes a rolling update`,
    );
    return undefined;
  }
  const bake = dc.bakeTimeInMinutes;
  let shifts: ShiftPlan | undefined;
  let keepMinutes = bake;
  let manual = false;
  let autoPromoteAfter: number | undefined;
  const alarms: AlarmRef[] = [];
  if (dc.alarms?.enable === true) alarms.push({ doc: svc, ptr: `${dcPtr}/alarms`, names: dc.alarms.alarmNames, rollback: dc.alarms.rollback === true });
  if (codeDeploy) {
    const cd = readDeploymentGroup(ctx, group, svc);
    if (cd.shift.type === 'canary') shifts = { shifts: [{ weight: cd.shift.percent, bakeMinutes: cd.shift.minutes }] };
    else if (cd.shift.type === 'linear') shifts = linearShifts(ctx, svc, dcPtr, cd.shift.percent, cd.shift.minutes);
    keepMinutes = cd.keepMinutes;
    manual = cd.manualReroute;
    autoPromoteAfter = cd.rerouteAfterMinutes;
    // CodeDeploy rolls back on an alarm when autoRollbackConfiguration has DEPLOYMENT_STOP_ON_ALARM.
    if (group && cd.alarmNames.length > 0) alarms.push({ doc: group, ptr: `${group.pointer}/alarmConfiguration`, names: cd.alarmNames, rollback: cd.rollbackOnAlarm });
  } else if (dc.strategy === 'CANARY') {
    const c = dc.canaryConfiguration ?? {};
    shifts = canaryShifts(ctx, svc, `${dcPtr}/canaryConfiguration/canaryPercent`, c.canaryPercent ?? 5, c.canaryBakeTimeInMinutes ?? 10);
  } else if (dc.strategy === 'LINEAR') {
    const c = dc.linearConfiguration ?? {};
    shifts = linearShifts(ctx, svc, `${dcPtr}/linearConfiguration/stepPercent`, c.stepPercent ?? 10, c.stepBakeTimeInMinutes ?? 6);
  }
  const hooks = hookSteps(ctx, svc, dc.lifecycleHooks, `${dcPtr}/lifecycleHooks`, shifts === undefined);
  advanced(ctx);
  const keep: Obj = keepMinutes !== undefined && keepMinutes > 0 ? { scaleDownDelaySeconds: Math.round(keepMinutes * 60) } : {};
  const analysis = alarmAnalysis(ctx, alarms, knownAlarms);
  if (!shifts) {
    // ECS watches the alarms through the bake time, after the switch: Argo's post-promotion analysis, while the old revision is kept.
    if (analysis) keep['postPromotionAnalysis'] = analysis;
    return blueGreen(ctx, mainService.spec as Obj, mainName, hooks, manual, autoPromoteAfter, keep);
  }
  if (manual) hooks.start.unshift({ pause: {} });
  // A background analysis runs from the first step to the end, as ECS watches the alarms during the whole deployment.
  if (analysis) keep['analysis'] = analysis;
  return canary(ctx, mainService.spec as Obj, mainName, ingress, shifts, hooks, keep);
}

function copyService(ctx: ConvertContext, spec: Obj, name: string, role: string): void {
  const { type: _type, ...rest } = spec;
  ctx.addObject({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: ctx.meta(name, { annotations: { 'ecs2k8s.io/rollout-role': role } }),
    spec: { ...structuredClone(rest), ...(spec['clusterIP'] === 'None' && { clusterIP: 'None' }) },
  });
}

/** Where a service says how it deploys: deploymentController for CODE_DEPLOY, else deploymentConfiguration. */
function strategyPtr(ctx: ConvertContext): string {
  return ctx.serviceDefinition?.deploymentController?.type === 'CODE_DEPLOY' ? ctx.svcPtr('deploymentController') : ctx.svcPtr('deploymentConfiguration');
}

function blueGreen(ctx: ConvertContext, spec: Obj, mainName: string, hooks: HookSteps, manual: boolean, autoPromoteAfter: number | undefined, keep: Obj): Obj {
  const preview = dns1035Label(`${mainName}-preview`);
  copyService(ctx, spec, preview, 'preview');
  const bg: Obj = { activeService: mainName, previewService: preview };
  if (manual || hooks.prePromotion) bg['autoPromotionEnabled'] = false;
  else if (autoPromoteAfter !== undefined) bg['autoPromotionSeconds'] = Math.round(autoPromoteAfter * 60);
  Object.assign(bg, keep);
  ctx.note(
    ctx.svc!,
    strategyPtr(ctx),
    'rollout',
    `blue/green becomes an Argo Rollouts blueGreen strategy: the Service ${show(mainName)} carries production traffic, ${show(preview)} reaches the new revision before the switch${bg['autoPromotionEnabled'] === false ? '; the switch waits for `kubectl argo rollouts promote`' : ''}${keep['scaleDownDelaySeconds'] !== undefined ? `; the old revision is kept ${String(keep['scaleDownDelaySeconds'])} s after the switch (bake time)` : ''}`,
  );
  return { blueGreen: bg };
}

function canary(ctx: ConvertContext, spec: Obj, mainName: string, ingress: K8sObject | undefined, shifts: ShiftPlan, hooks: HookSteps, keep: Obj): Obj {
  const canaryName = dns1035Label(`${mainName}-canary`);
  copyService(ctx, spec, canaryName, 'canary');
  const c: Obj = { canaryService: canaryName, stableService: mainName };
  if (ingress) {
    const port = ingressPort((ingress as unknown as Obj)['spec']);
    c['trafficRouting'] = { alb: { ingress: mainName, servicePort: port } };
  } else {
    ctx.warn(
      ctx.svc!,
      strategyPtr(ctx),
      'rollout-traffic',
      'the service has no ALB (Ingress), so Argo Rollouts shifts traffic by pod counts: a weight of 10 % on 3 replicas is 1 pod of 4, not 10 % of requests; give the service an ALB target group for exact weights',
    );
  }
  Object.assign(c, keep);
  c['steps'] = canarySteps(shifts, hooks);
  ctx.note(
    ctx.svc!,
    strategyPtr(ctx),
    'rollout',
    `the traffic shift becomes Argo Rollouts canary steps: ${shifts.shifts.map((s) => `${s.weight} %${s.bakeMinutes > 0 ? ` for ${s.bakeMinutes} min` : ''}`).join(', ')}, then 100 %${ingress ? `, routed by the ALB through the Ingress ${show(mainName)}` : ''}`,
  );
  return { canary: c };
}

function ingressPort(spec: unknown): number {
  const rules = isObject(spec) && Array.isArray(spec['rules']) ? spec['rules'] : [];
  const path = (rules[0] as { http?: { paths?: { backend?: { service?: { port?: { number?: number } } } }[] } } | undefined)?.http?.paths?.[0];
  return path?.backend?.service?.port?.number ?? 80;
}

/** advancedConfiguration of the load balancers: what carries over, in a note. */
function advanced(ctx: ConvertContext): void {
  for (const [i, lb] of (ctx.serviceDefinition?.loadBalancers ?? []).entries()) {
    const a = lb.advancedConfiguration;
    if (!a) continue;
    const parts = [
      a.alternateTargetGroupArn && `the alternate target group ${show(a.alternateTargetGroupArn)} (the AWS Load Balancer Controller makes the canary's target group itself)`,
      a.productionListenerRule && 'the production listener rule (the Ingress carries production traffic)',
      a.testListenerRule && 'the test listener rule (test traffic reaches the preview or canary Service; add an Ingress rule for it to reach it through the ALB)',
      a.roleArn && 'the role ECS uses to change the listeners (the controller uses its own)',
    ].filter(Boolean);
    if (parts.length > 0)
      ctx.note(
        ctx.svc!,
        ctx.svcPtr('loadBalancers', i, 'advancedConfiguration'),
        'rollout-traffic',
        `advancedConfiguration is ECS's own plumbing for shifting traffic; not carried: ${parts.join('; ')}`,
      );
  }
}
