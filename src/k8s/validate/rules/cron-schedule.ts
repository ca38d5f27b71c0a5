import { cronScheduleErrors } from '../../cron.js';
import { str, obj, type Rule } from './rule.js';

/** k8s-cron-schedule: see cronScheduleErrors. */
export const cronSchedule: Rule = (o, gvk, report) => {
  if (gvk !== 'batch/v1/CronJob') return;
  const schedule = str(obj(o.spec)?.schedule);
  if (schedule === undefined) return;
  for (const message of cronScheduleErrors(schedule)) report('k8s-cron-schedule', '/spec/schedule', message);
};
