/**
 * CronJob schedules. Kubernetes takes five-field cron (and @hourly-style macros); ECS scheduled
 * tasks run on EventBridge expressions, `cron(min hour dom month dow year)` and
 * `rate(N minutes|hours|days)`, which people paste as they are. Those are converted, with a note.
 */
import { cronScheduleErrors } from '../k8s/cron.js';

export type ScheduleResult = { schedule: string; note?: string } | { error: string };

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

export function toCronSchedule(input: string): ScheduleResult {
  const r = convert(input);
  if ('error' in r) return r;
  // Whatever form it came in, the result must be a schedule the CronJob controller accepts.
  const problem = cronScheduleErrors(r.schedule)[0];
  return problem === undefined
    ? r
    : { error: `${JSON.stringify(input)} is not a valid schedule (${problem}): write five-field cron with minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6` };
}

function convert(input: string): ScheduleResult {
  const s = input.trim();
  if (MACROS.has(s)) return { schedule: s };
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(s);
  if (rate) return fromRate(Number(rate[1]), rate[2]!.toLowerCase(), s);
  const cron = /^cron\((.*)\)$/i.exec(s);
  if (cron) return fromEventBridgeCron(cron[1]!.trim(), s);
  const fields = s.split(/\s+/);
  if (fields.length === 5 && fields.every((f) => /^[\d*/,\-A-Za-z?]+$/.test(f))) {
    return { schedule: fields.map((f) => (f === '?' ? '*' : f)).join(' ') };
  }
  return { error: `${JSON.stringify(input)} is not a schedule: write five-field cron ("*/5 * * * *"), a macro such as @daily, or an EventBridge cron(...) / rate(...) expression` };
}

function fromRate(n: number, unit: string, original: string): ScheduleResult {
  if (n < 1) return { error: `${original}: the rate must be at least 1` };
  const note = `${original} becomes a fixed cron schedule aligned to the clock (EventBridge counts from when the rule was created)`;
  if (unit.startsWith('minute')) {
    if (n === 1) return { schedule: '* * * * *', note };
    if (n < 60 && 60 % n === 0) return { schedule: `*/${n} * * * *`, note };
    if (n % 60 === 0) return fromRate(n / 60, 'hours', original);
    if (n < 60) return { schedule: `*/${n} * * * *`, note: `${note}; ${n} does not divide an hour, so the last run of each hour is followed sooner` };
  }
  if (unit.startsWith('hour')) {
    if (n === 1) return { schedule: '0 * * * *', note };
    if (n < 24) return { schedule: `0 */${n} * * *`, note };
    if (n % 24 === 0) return fromRate(n / 24, 'days', original);
  }
  if (unit.startsWith('day')) {
    if (n === 1) return { schedule: '0 0 * * *', note };
    if (n <= 31) return { schedule: `0 0 */${n} * *`, note: `${note}; day steps restart each month` };
  }
  return { error: `${original} has no cron equivalent: write the schedule as five-field cron` };
}

/** EventBridge: minutes hours day-of-month month day-of-week year; day-of-week 1–7 is SUN–SAT. */
function fromEventBridgeCron(body: string, original: string): ScheduleResult {
  const f = body.split(/\s+/);
  if (f.length !== 6) return { error: `${original} needs six fields (minutes hours day-of-month month day-of-week year)` };
  const [min, hour, dom, month, dow, year] = f as [string, string, string, string, string, string];
  if ([dom, dow].some((x) => /[LW#]/.test(x))) return { error: `${original} uses L, W or #, which Kubernetes cron does not have: write the schedule as five-field cron` };
  const shift = (v: string) => v.replace(/\d+/g, (d) => String((Number(d) + 6) % 7));
  const fields = [min, hour, dom === '?' ? '*' : dom, month, dow === '?' ? '*' : shift(dow)];
  const notes = [`${original} becomes ${JSON.stringify(fields.join(' '))}`];
  if (year !== '*') notes.push(`the year field ${JSON.stringify(year)} is dropped`);
  notes.push('EventBridge runs in UTC: the CronJob sets timeZone Etc/UTC');
  return { schedule: fields.join(' '), note: notes.join('; ') };
}
