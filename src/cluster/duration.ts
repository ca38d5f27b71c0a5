/** Durations as kubectl takes them (--timeout, --request-timeout), for the command line and the Action. */
/** Go-style durations as kubectl takes them: 90s, 5m, 1m30s, 500ms, 1h; a bare number is seconds. */
export function parseDuration(v: unknown): number {
  const s = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    end = re.lastIndex;
  }
  if (s === '' || end !== s.length) throw new Error(`invalid duration ${JSON.stringify(v)}: write for example 90s, 5m or 1m30s`);
  return Math.round(total);
}
