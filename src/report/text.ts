/** Human output: `file:line:col: severity CODE: message`, coloured only when asked to. */
import type { Diagnostic } from '../diagnostics.js';

export interface TextOptions {
  color: boolean;
  /** Include informational notes (`--verbose`). */
  verbose: boolean;
}

const colors = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' } as const;

export function location(d: Diagnostic): string {
  if (!d.file) return 'ecs2k8s';
  if (d.line === undefined) return d.file;
  return `${d.file}:${d.line}:${d.column ?? 1}`;
}

export function formatText(ds: readonly Diagnostic[], options: TextOptions): string {
  let out = '';
  for (const d of ds) {
    if (d.severity === 'info' && !options.verbose) continue;
    const sev = options.color ? `${colors[d.severity]}${d.severity}\x1b[0m` : d.severity;
    out += `${location(d)}: ${sev} ${d.code}: ${oneLine(d.message)}\n`;
  }
  return out;
}

export function summaryLine(ds: readonly Diagnostic[]): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.filter((d) => d.severity === 'warning').length;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** Control characters from hostile input never reach the terminal raw. */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`). */
export function formatGithub(ds: readonly Diagnostic[]): string {
  let out = '';
  for (const d of ds) {
    if (d.severity === 'info') continue;
    const props: string[] = [];
    if (d.file && d.file !== '-') props.push(`file=${escapeProperty(d.file)}`);
    if (d.line !== undefined) props.push(`line=${d.line}`);
    if (d.column !== undefined) props.push(`col=${d.column}`);
    props.push(`title=${escapeProperty(`ecs2k8s ${d.code}`)}`);
    out += `::${d.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${escapeData(d.message)}\n`;
  }
  return out;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A code is summarised when it is shown this many times, in at least two files. */
const REPEATED = 3;
const REPEATED_SHOWN = 8;

/**
 * The warning and error codes that repeat across files, most frequent first (at most 8), as one
 * closing line: `ecs2k8s: repeated: 12 × no-equivalent in 8 files, 4 × image-placeholder in 3
 * files`; '' when none. Notes are never counted: they ask nothing of anyone.
 */
export function repeatedSummary(ds: readonly Diagnostic[]): string {
  const by = new Map<string, { count: number; files: Set<string> }>();
  for (const d of ds) {
    if (d.severity === 'info') continue;
    const e = by.get(d.code) ?? by.set(d.code, { count: 0, files: new Set() }).get(d.code)!;
    e.count++;
    e.files.add(d.file ?? '');
  }
  const rows = [...by].filter(([, e]) => e.count >= REPEATED && e.files.size >= 2).sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
  if (rows.length === 0) return '';
  const shown = rows.slice(0, REPEATED_SHOWN).map(([code, e]) => `${e.count} × ${code} in ${e.files.size} files`);
  const more = rows.length > REPEATED_SHOWN ? `, and ${rows.length - REPEATED_SHOWN} more codes` : '';
  return `ecs2k8s: repeated: ${shown.join(', ')}${more}\n`;
}
