/**
 * A Scheduled Job's schedule (`on.schedule`) as the steering tag `ecs2k8s.io/schedule` of its
 * task definition, which the pipeline turns into a CronJob (src/convert/schedule.ts reads cron,
 * the @hourly-style macros and EventBridge rate()/cron()). Copilot's `@every DURATION` becomes
 * a rate(); `none` (run only by `copilot job run`) becomes a Job, with a warning.
 */
import { show } from '../../../diagnostics.js';
import { parseDuration, type Manifest } from './manifest.js';

export function jobTags(m: Manifest): { key: string; value: string }[] {
  const tags: { key: string; value: string }[] = [];
  const schedule = m.str('/on/schedule');
  if (m.has('/timeout')) m.warn('/timeout', 'copilot-not-applied', `timeout ${show(m.get('/timeout'))} is not carried: set the CronJob's jobTemplate.spec.activeDeadlineSeconds by hand`);
  if (m.has('/retries'))
    m.warn(
      '/retries',
      'copilot-not-applied',
      `retries ${show(m.get('/retries'))} is not carried: the CronJob's Job runs its pod once (backoffLimit 0, as ECS runs a task once); set jobTemplate.spec.backoffLimit by hand`,
    );
  if (schedule === undefined) {
    tags.push({ key: 'ecs2k8s.io/workload', value: 'cronjob' });
    return tags;
  }
  if (schedule.trim().toLowerCase() === 'none') {
    m.warn(
      '/on/schedule',
      'copilot-not-applied',
      'the schedule "none" means the job runs only when started by hand (copilot job run): it becomes a Job, which runs once when applied; delete it after, or make it a CronJob with suspend: true',
    );
    tags.push({ key: 'ecs2k8s.io/workload', value: 'job' });
    return tags;
  }
  const every = /^@every\s+(.+)$/i.exec(schedule.trim());
  if (every) {
    const s = parseDuration(every[1]);
    if (s !== undefined && s >= 60 && s % 60 === 0) {
      const minutes = s / 60;
      tags.push({ key: 'ecs2k8s.io/schedule', value: minutes % 1440 === 0 ? `rate(${minutes / 1440} days)` : minutes % 60 === 0 ? `rate(${minutes / 60} hours)` : `rate(${minutes} minutes)` });
      return tags;
    }
    m.warn('/on/schedule', 'copilot-manifest', `${show(schedule)} is not a whole number of minutes: a CronJob runs at most once a minute; write a cron expression`);
    tags.push({ key: 'ecs2k8s.io/workload', value: 'cronjob' });
    return tags;
  }
  tags.push({ key: 'ecs2k8s.io/schedule', value: schedule });
  return tags;
}
