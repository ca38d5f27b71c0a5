/**
 * File names of imported definitions: `services/<serviceName>.json` and
 * `taskdefs/<family>-<revision>.json`, made safe whatever the API returns.
 *
 * A name keeps ASCII letters, digits, '_' and '-' (everything ECS allows in service and family
 * names); any other character, and a leading '-', becomes '_', so no name can hold a path
 * separator, start with '.' or '-', or be '.' or '..'. Names are cut to 200 characters. A name that had to change, or that would
 * clash with another one on a case-insensitive file system, gets '-' and the first 10 hex digits
 * of the SHA-256 of the original name, so that two definitions never share a file.
 */
import { createHash } from 'node:crypto';

const MAX_STEM = 200;

function shortHash(s: string): string {
  return createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 10);
}

function stemOf(name: string): { stem: string; changed: boolean } {
  // A leading '-' would read as an option in a shell.
  let stem = name.replace(/[^A-Za-z0-9_-]/gu, '_').replace(/^-/, '_');
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM);
  if (stem === '') stem = '_';
  return { stem, changed: stem !== name };
}

/**
 * File stems (no extension) for a set of names, each unique ignoring case. Deterministic: the
 * same set of names always gives the same stems.
 */
export function fileStems(names: readonly string[]): Map<string, string> {
  const stems = new Map<string, { stem: string; changed: boolean }>();
  const byFolded = new Map<string, string[]>();
  for (const n of new Set(names)) {
    const s = stemOf(n);
    stems.set(n, s);
    const key = s.stem.toLowerCase();
    (byFolded.get(key) ?? byFolded.set(key, []).get(key)!).push(n);
  }
  const out = new Map<string, string>();
  for (const [n, s] of stems) {
    const clash = (byFolded.get(s.stem.toLowerCase())?.length ?? 0) > 1;
    out.set(n, s.changed || clash ? `${s.stem}-${shortHash(n)}` : s.stem);
  }
  return out;
}
