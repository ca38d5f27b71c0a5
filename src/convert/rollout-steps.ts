/**
 * Traffic shifting as ECS does it → Argo Rollouts canary steps. ECS CANARY shifts canaryPercent
 * of production traffic, bakes canaryBakeTimeInMinutes, then shifts the rest; LINEAR shifts
 * stepPercent more at each step and bakes stepBakeTimeInMinutes between steps (Amazon ECS
 * developer guide, canary and linear deployments). Argo steps: setWeight, then pause with a
 * duration; after the last step the Rollout goes to 100 %. Weights are whole percents in Argo:
 * fractional ones are rounded (cumulatively for LINEAR), with a warning.
 *
 * Lifecycle hooks: a PAUSE hook waits for ContinueServiceDeployment, which is an indefinite
 * Argo pause (`pause: {}`, resumed by `kubectl argo rollouts promote`): exact. A Lambda hook
 * becomes the same pause, approximated (the Lambda's verdict is not asked): warned.
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import type { Obj } from '../model/values.js';
import type { DeploymentLifecycleHook } from '../model/ecs.js';

export interface ShiftPlan {
  /** Cumulative weights, each with the bake time after it (minutes). */
  shifts: { weight: number; bakeMinutes: number }[];
}

export type HookPlace = 'start' | 'beforeShift' | 'afterShift' | 'end';

const PLACE: Record<string, HookPlace> = {
  RECONCILE_SERVICE: 'start',
  PRE_SCALE_UP: 'start',
  POST_SCALE_UP: 'start',
  TEST_TRAFFIC_SHIFT: 'start',
  POST_TEST_TRAFFIC_SHIFT: 'start',
  PRE_PRODUCTION_TRAFFIC_SHIFT: 'beforeShift',
  PRODUCTION_TRAFFIC_SHIFT: 'afterShift',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'end',
};

export function duration(minutes: number): string {
  return Number.isInteger(minutes) ? `${minutes}m` : `${Math.round(minutes * 60)}s`;
}

/** The weights ECS would route to the new revision, step by step. */
export function canaryShifts(ctx: ConvertContext, svc: EcsDocument, ptr: string, percent: number, bake: number): ShiftPlan {
  const w = Math.min(99, Math.max(1, Math.round(percent)));
  if (w !== percent) ctx.warn(svc, ptr, 'rollout-weight', `canary weight ${percent} % becomes ${w} %: Argo Rollouts weights are whole percents from 1 to 99 before the final shift`);
  return { shifts: [{ weight: w, bakeMinutes: bake }] };
}

export function linearShifts(ctx: ConvertContext, svc: EcsDocument, ptr: string, step: number, bake: number): ShiftPlan {
  const shifts: ShiftPlan['shifts'] = [];
  if (!(step > 0)) return { shifts };
  let rounded = false;
  for (let k = 1; k * step < 100 - 1e-9 && shifts.length < 100; k++) {
    const exact = k * step;
    const weight = Math.round(exact);
    if (weight !== exact) rounded = true;
    if (weight >= 100 || (shifts.length > 0 && weight <= shifts[shifts.length - 1]!.weight)) continue;
    shifts.push({ weight, bakeMinutes: bake });
  }
  if (rounded) ctx.warn(svc, ptr, 'rollout-weight', `linear steps of ${step} % become the whole weights ${shifts.map((s) => s.weight).join(', ')} %: Argo Rollouts weights are whole percents`);
  return { shifts };
}

export interface HookSteps {
  start: Obj[];
  beforeShift: Obj[];
  afterShift: Obj[];
  end: Obj[];
  /** True when any hook is placed before production traffic moves (for blue/green: no auto promotion). */
  prePromotion: boolean;
}

/** deploymentConfiguration.lifecycleHooks → pause steps at the matching places. */
export function hookSteps(ctx: ConvertContext, svc: EcsDocument, hooks: readonly DeploymentLifecycleHook[] | undefined, base: string, blueGreen: boolean): HookSteps {
  const out: HookSteps = { start: [], beforeShift: [], afterShift: [], end: [], prePromotion: false };
  for (const [i, h] of (hooks ?? []).entries()) {
    const ptr = `${base}/${i}`;
    const type = h.targetType ?? 'AWS_LAMBDA';
    const onTimeout = h.timeoutConfiguration?.action;
    const minutes = h.timeoutConfiguration?.timeoutInMinutes;
    const step: Obj = { pause: type === 'PAUSE' && onTimeout === 'CONTINUE' && minutes !== undefined ? { duration: duration(minutes) } : {} };
    for (const stage of h.lifecycleStages ?? []) {
      const place = PLACE[stage];
      if (!place) continue;
      if (blueGreen) {
        if (place === 'start' || place === 'beforeShift') out.prePromotion = true;
        else
          ctx.warn(
            svc,
            ptr,
            'lifecycle-hook',
            `the ${show(stage)} hook has no place in an Argo blue/green rollout (nothing runs after the switch but analysis): it is not converted; add a postPromotionAnalysis by hand`,
          );
        continue;
      }
      out[place].push(step);
    }
    if (type === 'PAUSE') {
      ctx.note(
        svc,
        ptr,
        'lifecycle-hook',
        `the PAUSE hook becomes an Argo pause${blueGreen ? ' before promotion (autoPromotionEnabled: false)' : ''}: resume with \`kubectl argo rollouts promote\`, as ContinueServiceDeployment resumes ECS${onTimeout === 'ROLLBACK' ? '; its timeout rolls ECS back, while Argo waits: abort by hand (`kubectl argo rollouts abort`)' : ''}`,
      );
    } else {
      ctx.warn(
        svc,
        ptr,
        'lifecycle-hook',
        `the Lambda hook ${show(h['hookTargetArn'])} becomes a pause${blueGreen ? ' before promotion' : ''} (approximated: Argo does not call the Lambda): run its check and promote (\`kubectl argo rollouts promote\`), or replace the pause with an AnalysisTemplate (a Job metric that invokes the function)`,
      );
    }
  }
  return out;
}

/**
 * Canary steps from the shifts and hooks: [start pauses] (before, setWeight, after, pause bake)*
 * and, when a hook waits around the final shift or after it, (before, setWeight 100, after, end):
 * ECS runs the shift hooks at every shift, the last one to 100 % included.
 */
export function canarySteps(plan: ShiftPlan, hooks: HookSteps): Obj[] {
  const steps: Obj[] = [...hooks.start];
  for (const s of plan.shifts) {
    steps.push(...hooks.beforeShift, { setWeight: s.weight }, ...hooks.afterShift);
    if (s.bakeMinutes > 0) steps.push({ pause: { duration: duration(s.bakeMinutes) } });
  }
  if (hooks.beforeShift.length + hooks.afterShift.length + hooks.end.length > 0) steps.push(...hooks.beforeShift, { setWeight: 100 }, ...hooks.afterShift, ...hooks.end);
  return steps;
}
