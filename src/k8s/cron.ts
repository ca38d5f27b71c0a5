/**
 * CronJob schedules as the CronJob controller parses them (robfig/cron): five fields or a macro.
 * Output validation (./validate/rules/cron-schedule.ts) and conversion (convert/schedule.ts) share it.
 */
const CRON_MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const CRON_FIELDS: [string, number, number, string[]][] = [
  ['minute', 0, 59, []],
  ['hour', 0, 23, []],
  ['day of month', 1, 31, []],
  ['month', 1, 12, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']],
  ['day of week', 0, 6, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']],
];

function cronFieldError(field: string, [label, min, max, names]: [string, number, number, string[]], allowQ: boolean): string | null {
  const value = (t: string): number | null => {
    const i = names.indexOf(t.toUpperCase());
    if (i >= 0) return i + min;
    return /^[0-9]+$/.test(t) ? Number(t) : null;
  };
  for (const part of field.split(',')) {
    const [range = '', step, extra] = part.split('/');
    if (extra !== undefined || (step !== undefined && !/^[0-9]+$/.test(step))) return `${label} "${field}" has a bad step`;
    if (step !== undefined && Number(step) === 0) return `${label} "${field}" has step 0`;
    if (range === '*' || (allowQ && range === '?')) continue;
    const [a = '', b, more] = range.split('-');
    if (more !== undefined) return `${label} "${field}" has a bad range`;
    const lo = value(a);
    const hi = b === undefined ? lo : value(b);
    if (lo === null || hi === null) return `${label} "${field}" is not a number${names.length ? ' or name' : ''}`;
    // robfig/cron (used by the CronJob controller) accepts day of week 0-6 only.
    if (lo < min || hi > max || lo > hi) return `${label} "${field}" is outside ${min}-${max}`;
  }
  return null;
}

/**
 * What the CronJob controller (robfig/cron) would reject in a schedule: 5 fields (minute hour
 * day-of-month month day-of-week) or a macro. [] when it is fine. Conversion uses it too, so that a
 * schedule the user gave is an input error (invalid-schedule), not an output bug.
 */
export function cronScheduleErrors(schedule: string): string[] {
  const s = schedule.trim();
  if (/^(CRON_)?TZ=/.test(s)) return [`schedule "${schedule}" must not contain TZ or CRON_TZ; use spec.timeZone`];
  if (s.startsWith('@')) {
    return !CRON_MACROS.has(s) && !/^@every \S+$/.test(s) ? [`schedule "${schedule}" is not a known macro (@yearly, @monthly, @weekly, @daily, @hourly, @every <duration>)`] : [];
  }
  const fields = s.split(/\s+/);
  if (fields.length !== 5) return [`schedule "${schedule}" has ${fields.length} fields; it must have 5 (minute hour day-of-month month day-of-week)`];
  const errors: string[] = [];
  fields.forEach((f, i) => {
    const spec = CRON_FIELDS[i];
    const err = spec && cronFieldError(f, spec, i === 2 || i === 4);
    if (err) errors.push(`schedule "${schedule}": ${err}`);
  });
  return errors;
}
