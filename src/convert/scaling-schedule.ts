/**
 * Scheduled actions → KEDA cron triggers. An Application Auto Scaling scheduled action sets the
 * target's MinCapacity/MaxCapacity at a time and the values hold until another action changes
 * them; a KEDA cron trigger keeps at least `desiredReplicas` between `start` and `end`. So an
 * action that raises MinCapacity above the scalable target's starts a window, and the action
 * that brings it back to the target's MinCapacity (or lower) ends it. desiredReplicas is the
 * raising action's MinCapacity. MaxCapacity changes have no equivalent (KEDA's maxReplicaCount
 * is fixed) and are warned; StartTime/EndTime too.
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import { toCronSchedule } from './schedule.js';
import { triggerName, type Trigger } from './scaling-policies.js';
import { scheduledActionOf } from '../model/delivery.js';

interface Action {
  doc: EcsDocument;
  name: string;
  min?: number;
  max?: number;
  cron?: string;
  timezone: string;
}

function read(ctx: ConvertContext, doc: EcsDocument): Action {
  const v = scheduledActionOf(doc);
  const name = v.ScheduledActionName;
  const sta = v.ScalableTargetAction ?? {};
  const a: Action = { doc, name, timezone: v.Timezone ?? 'Etc/UTC' };
  const min = sta.MinCapacity;
  const max = sta.MaxCapacity;
  if (min !== undefined) a.min = min;
  if (max !== undefined) a.max = max;
  const schedule = v.Schedule ?? '';
  const ptr = `${doc.pointer}/Schedule`;
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):\d{2}\)$/.exec(schedule);
  if (at) {
    a.cron = `${Number(at[5])} ${Number(at[4])} ${Number(at[3])} ${Number(at[2])} *`;
    ctx.warn(
      doc,
      ptr,
      'scheduled-action',
      `scheduled action ${show(name)} runs once (${show(schedule)}), but a KEDA cron trigger repeats: it becomes ${show(a.cron)}, every year on that day; remove the trigger after the date`,
    );
  } else if (/^rate\(/.test(schedule)) {
    ctx.warn(doc, ptr, 'scheduled-action', `scheduled action ${show(name)} repeats at ${show(schedule)}, which sets the capacity again and again rather than opening a window: it is not converted`);
  } else {
    const r = toCronSchedule(schedule);
    if ('error' in r) ctx.warn(doc, ptr, 'scheduled-action', `scheduled action ${show(name)}: ${r.error}; it is not converted`);
    else a.cron = r.schedule;
  }
  for (const k of ['StartTime', 'EndTime'] as const) {
    if (v[k] !== undefined)
      ctx.warn(
        doc,
        `${doc.pointer}/${k}`,
        'scheduled-action',
        `scheduled action ${show(name)} has a ${k}, which a KEDA cron trigger does not take: the trigger applies at all times; remove it when the period ends`,
      );
  }
  return a;
}

/** Cron triggers for the windows the scheduled actions open, given the scalable target's MinCapacity and MaxCapacity. */
export function scheduleTriggers(ctx: ConvertContext, actions: readonly EcsDocument[], baseMin: number, baseMax: number): Trigger[] {
  const all = actions.map((doc) => read(ctx, doc)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const a of all) {
    if (a.max !== undefined && a.max !== baseMax) {
      ctx.warn(
        a.doc,
        `${a.doc.pointer}/ScalableTargetAction/MaxCapacity`,
        'scheduled-action',
        `scheduled action ${show(a.name)} sets MaxCapacity ${a.max} (the scalable target's is ${baseMax}); KEDA's maxReplicaCount is fixed, so the ceiling stays ${baseMax}`,
      );
    }
  }
  const raises = all.filter((a) => a.cron !== undefined && a.min !== undefined && a.min > baseMin);
  const resets = all.filter((a) => a.cron !== undefined && (a.min === undefined || a.min <= baseMin));
  const triggers: Trigger[] = [];
  raises.forEach((a, i) => {
    const end = resets[Math.min(i, resets.length - 1)];
    if (!end) {
      ctx.warn(
        a.doc,
        a.doc.pointer,
        'scheduled-action',
        `scheduled action ${show(a.name)} raises MinCapacity to ${a.min}, and no scheduled action brings it back to ${baseMin}: a KEDA cron trigger needs an end; it is not converted (add the action that lowers it, or raise minReplicaCount)`,
      );
      return;
    }
    if (end.timezone !== a.timezone) {
      ctx.warn(
        end.doc,
        end.doc.pointer,
        'scheduled-action',
        `scheduled actions ${show(a.name)} and ${show(end.name)} form one window but name different time zones (${a.timezone}, ${end.timezone}): the window uses ${a.timezone}`,
      );
    }
    if (resets.length > 1 && raises.length !== resets.length) {
      ctx.warn(a.doc, a.doc.pointer, 'scheduled-action', `the scheduled actions are paired into windows by name (${show(a.name)} → ${show(end.name)}): check that each window ends where it should`);
    }
    triggers.push({ name: triggerName(a.name), type: 'cron', metadata: { timezone: a.timezone, start: a.cron!, end: end.cron!, desiredReplicas: String(a.min) } });
    ctx.note(
      a.doc,
      a.doc.pointer,
      'scheduled-action',
      `scheduled actions ${show(a.name)} and ${show(end.name)} become a KEDA cron trigger: at least ${a.min} replicas from ${show(a.cron)} to ${show(end.cron)} (${a.timezone})`,
    );
  });
  return triggers;
}
