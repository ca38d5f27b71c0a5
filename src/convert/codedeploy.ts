/**
 * A CODE_DEPLOY service's deployment group (`aws deploy get-deployment-group`) → how traffic
 * shifts. CodeDeploy deploys ECS services blue/green only; its deployment configuration says
 * how production traffic moves to the replacement task set: all at once, canary (a percentage,
 * then the rest after some minutes) or linear (equal steps every some minutes). The predefined
 * ECS configurations are known by name (AWS CodeDeploy user guide, deployment configurations
 * on an ECS compute platform); a custom one is not in the deployment group, so it is warned
 * and treated as all at once.
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import { deploymentGroupOf } from '../model/delivery.js';

export type Shift = { type: 'allAtOnce' } | { type: 'canary'; percent: number; minutes: number } | { type: 'linear'; percent: number; minutes: number };

export const CODEDEPLOY_ECS_CONFIGS: Record<string, Shift> = {
  'CodeDeployDefault.ECSAllAtOnce': { type: 'allAtOnce' },
  'CodeDeployDefault.ECSCanary10Percent5Minutes': { type: 'canary', percent: 10, minutes: 5 },
  'CodeDeployDefault.ECSCanary10Percent15Minutes': { type: 'canary', percent: 10, minutes: 15 },
  'CodeDeployDefault.ECSLinear10PercentEvery1Minutes': { type: 'linear', percent: 10, minutes: 1 },
  'CodeDeployDefault.ECSLinear10PercentEvery3Minutes': { type: 'linear', percent: 10, minutes: 3 },
};

export interface CodeDeployPlan {
  shift: Shift;
  /** Minutes the original task set is kept after the switch (terminationWaitTimeInMinutes). */
  keepMinutes?: number;
  /** Traffic waits for a person (deploymentReadyOption STOP_DEPLOYMENT). */
  manualReroute: boolean;
  /** Minutes before traffic is rerouted on its own (CONTINUE_DEPLOYMENT with a wait). */
  rerouteAfterMinutes?: number;
  alarmNames: string[];
  /** autoRollbackConfiguration rolls back when an alarm fires (DEPLOYMENT_STOP_ON_ALARM). */
  rollbackOnAlarm: boolean;
}

export function readDeploymentGroup(ctx: ConvertContext, group: EcsDocument | undefined, svc: EcsDocument): CodeDeployPlan {
  if (!group) {
    ctx.warn(
      svc,
      ctx.svcPtr('deploymentController', 'type'),
      'deployment-controller',
      'the service deploys through CodeDeploy, whose deployment configuration is in the deployment group, not in the service: it becomes an all-at-once blue/green Rollout; pass `aws deploy get-deployment-group` output to carry the canary or linear shift',
    );
    return { shift: { type: 'allAtOnce' }, manualReroute: false, alarmNames: [], rollbackOnAlarm: false };
  }
  const v = deploymentGroupOf(group);
  const name = v.deploymentConfigName ?? 'CodeDeployDefault.ECSAllAtOnce';
  let shift = CODEDEPLOY_ECS_CONFIGS[name];
  if (!shift) {
    ctx.warn(
      group,
      `${group.pointer}/deploymentConfigName`,
      'deployment-config',
      `the deployment configuration ${show(name)} is not one of CodeDeploy's predefined ECS configurations, and its traffic shift is not in the deployment group: it becomes all at once; write the canary steps by hand (or use ${Object.keys(
        CODEDEPLOY_ECS_CONFIGS,
      )
        .map((k) => show(k))
        .join(', ')})`,
    );
    shift = { type: 'allAtOnce' };
  } else {
    ctx.note(
      group,
      `${group.pointer}/deploymentConfigName`,
      'deployment-config',
      `the deployment configuration ${show(name)} is ${shift.type === 'allAtOnce' ? 'an all-at-once switch' : `${shift.type} ${shift.percent} % ${shift.type === 'canary' ? 'then the rest after' : 'every'} ${shift.minutes} minute${shift.minutes === 1 ? '' : 's'}`}`,
    );
  }
  const rb = v.autoRollbackConfiguration ?? {};
  const rollbackOnAlarm = rb.enabled === true && (rb.events ?? []).includes('DEPLOYMENT_STOP_ON_ALARM');
  const plan: CodeDeployPlan = { shift, manualReroute: false, alarmNames: [], rollbackOnAlarm };
  const bg = v.blueGreenDeploymentConfiguration ?? {};
  const wait = bg.terminateBlueInstancesOnDeploymentSuccess?.terminationWaitTimeInMinutes;
  if (wait !== undefined) plan.keepMinutes = wait;
  const ready = bg.deploymentReadyOption ?? {};
  if (ready.actionOnTimeout === 'STOP_DEPLOYMENT') plan.manualReroute = true;
  const after = ready.waitTimeInMinutes;
  if (ready.actionOnTimeout === 'CONTINUE_DEPLOYMENT' && after !== undefined && after > 0) plan.rerouteAfterMinutes = after;
  const alarms = v.alarmConfiguration ?? {};
  if (alarms.enabled === true && alarms.alarms) {
    plan.alarmNames = alarms.alarms.flatMap((a) => (a.name !== undefined ? [a.name] : []));
  }
  return plan;
}
