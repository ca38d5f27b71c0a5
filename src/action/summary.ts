/** The markdown the action appends to `$GITHUB_STEP_SUMMARY`. */
import type { Diagnostic } from '../diagnostics.js';
import { location } from '../report/text.js';

export interface SummaryInput {
  /** What happened: the bundle was written, checked, or not built because of errors. */
  outcome: 'written' | 'checked' | 'failed';
  /** The output folder, relative to the workspace. */
  out: string;
  /** Objects per namespace folder. */
  namespaces: Map<string, number>;
  /** Every diagnostic shown (no informational notes), strictness applied. */
  diagnostics: readonly Diagnostic[];
  /** Whether the bundle on disk changed (written) or differs (checked). */
  changed: boolean;
  /** Counts of files, for a written bundle. */
  files?: { written: number; unchanged: number; removed: number };
  /** The unified diff of a stale check. */
  diff?: string;
  /** What `diff` or `apply` against the cluster printed, when asked for, with its closing summary and failure. */
  cluster?: { command: 'diff' | 'apply'; code: number; stdout: string; stderr: string; summary?: string; failure?: string };
  /** A failure that is not a diagnostic (an unusable input, an I/O error). */
  failure?: string;
}

/** Most diagnostics listed in the summary; the annotations carry them all. */
const MAX_LISTED = 50;
/** Largest diff shown in the summary (GitHub caps a step summary at 1 MiB). */
const MAX_DIFF = 64 * 1024;

/** Escapes text for a markdown paragraph or table cell: nothing in it becomes markup or HTML. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1');
}

/** Inline code that holds any text: the fence is longer than any run of backticks inside. */
function code(s: string): string {
  const t = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatSummary(s: SummaryInput): string {
  const errors = s.diagnostics.filter((d) => d.severity === 'error');
  const warnings = s.diagnostics.filter((d) => d.severity === 'warning');
  const objects = [...s.namespaces.values()].reduce((a, b) => a + b, 0);
  const lines: string[] = [];
  let heading: string;
  if (s.outcome === 'failed') heading = `ecs2k8s: ${code(s.out)} not built`;
  else if (s.outcome === 'checked') heading = s.changed ? `ecs2k8s: the bundle in ${code(s.out)} is out of date` : `ecs2k8s: the bundle in ${code(s.out)} is up to date`;
  else heading = s.changed ? `ecs2k8s: bundle written to ${code(s.out)}` : `ecs2k8s: the bundle in ${code(s.out)} is unchanged`;
  lines.push(`### ${heading}`, '');
  if (s.failure) lines.push(`**Error:** ${escapeMarkdown(s.failure)}`, '');
  let status = `**${plural(objects, 'object')}** in ${plural(s.namespaces.size, 'namespace')}, ${plural(warnings.length, 'warning')}, ${plural(errors.length, 'error')}.`;
  if (s.outcome === 'written') {
    status += ` Bundle changed: **${s.changed ? 'yes' : 'no'}**`;
    if (s.files) status += ` (${s.files.written} written, ${s.files.unchanged} unchanged, ${s.files.removed} removed)`;
    status += '.';
  } else if (s.outcome === 'checked') {
    status += ` Bundle changed: **${s.changed ? 'yes' : 'no'}**${s.changed ? ' (run `ecs2k8s build` without `--check` and commit the result)' : ''}.`;
  } else {
    status += ' Nothing was written.';
  }
  lines.push(status, '');
  if (s.namespaces.size > 0) {
    lines.push('| Namespace | Objects |', '| --- | ---: |');
    for (const [ns, n] of [...s.namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) lines.push(`| ${code(ns)} | ${n} |`);
    lines.push('');
  }
  const listed = [...errors, ...warnings];
  if (listed.length > 0) {
    lines.push(`| | Where | Code | Message |`, '| --- | --- | --- | --- |');
    for (const d of listed.slice(0, MAX_LISTED)) {
      const icon = d.severity === 'error' ? ':x:' : ':warning:';
      lines.push(`| ${icon} | ${d.file ? code(location(d)) : ''} | ${code(d.code)} | ${escapeMarkdown(d.message)} |`);
    }
    if (listed.length > MAX_LISTED) lines.push('', `… and ${listed.length - MAX_LISTED} more (see the annotations).`);
    lines.push('');
  }
  if (s.diff) {
    const cut = s.diff.length > MAX_DIFF;
    const shown = cut ? s.diff.slice(0, MAX_DIFF) : s.diff;
    const longest = Math.max(2, ...[...shown.matchAll(/`{3,}/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    lines.push('<details><summary>What would change</summary>', '', `${fence}diff`, shown.replace(/\n$/, ''), fence, cut ? '\n(cut; the step log has the whole diff)\n' : '', '</details>', '');
  }
  if (s.cluster) {
    const { command, code: exit, stdout } = s.cluster;
    const title =
      command === 'apply' ? (exit === 0 ? 'Applied to the cluster' : 'Apply failed') : exit === 0 ? 'The cluster matches the bundle' : exit === 1 ? 'What would change in the cluster' : 'Diff failed';
    lines.push(`### ${title}`, '');
    if (s.cluster.failure) lines.push(`**Error:** ${escapeMarkdown(s.cluster.failure)}`, '');
    else if (s.cluster.summary) lines.push(escapeMarkdown(s.cluster.summary), '');
    const text = stdout.length > MAX_DIFF ? `${stdout.slice(0, MAX_DIFF)}\n(cut; the step log has all of it)` : stdout;
    if (text.trim() !== '') {
      const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
      const fence = '`'.repeat(longest + 1);
      lines.push(`${fence}${command === 'diff' ? 'diff' : ''}`, text.replace(/\n$/, ''), fence, '');
    }
  }
  return `${lines.join('\n')}\n`;
}
