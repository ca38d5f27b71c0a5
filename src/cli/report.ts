/** Writes diagnostics in the form asked for and decides the exit code. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyStrict, exitCodeFor } from '../report/exit.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import type { DiagnosticRules } from '../options.js';
import type { FleetInput } from '../report/fleet.js';
import { formatJson, formatSarif } from '../report/machine.js';
import { usageHint } from './usage.js';
import { formatGithub, formatText, repeatedSummary, summaryLine } from '../report/text.js';
import { EXIT, useColor, type CliIO } from './io.js';

export interface ReportOptions {
  /** html and markdown: build's migration report (src/report/html.ts, markdown.ts). */
  report?: 'text' | 'json' | 'sarif' | 'html' | 'markdown';
  reportFile?: string;
  verbose?: boolean;
  strict?: boolean;
  /** The project file's `diagnostics:` (applied before --strict). Default: none. */
  rules?: DiagnosticRules;
  /** The command, named in the hint after a usage error ("Run "ecs2k8s build --help" for usage."). */
  command?: string;
}

/** Whether a report other than text is written to stdout (then nothing else may be). */
export function reportOwnsStdout(options: ReportOptions): boolean {
  return options.report !== undefined && options.report !== 'text' && (options.reportFile === undefined || options.reportFile === '-');
}

/** What a migration report knows besides the diagnostics: the objects built, and so on. */
export type FleetContext = Omit<FleetInput, 'diagnostics' | 'files'>;

/**
 * Writes the diagnostics (text to stderr; json or sarif to stdout or --report-file) and returns
 * the exit code they give. `extra` adds members to the json report (build --check: `check`).
 */
export async function emitDiagnostics(
  io: CliIO,
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
  options: ReportOptions,
  extra?: Record<string, unknown>,
  fleet: FleetContext = { entries: [], source: (f) => f },
): Promise<number> {
  const ds = sortDiagnostics(applyStrict(diagnostics, options.strict, options.rules));
  const inActions = io.env['GITHUB_ACTIONS'] === 'true';
  if (inActions) io.stderr.write(formatGithub(ds));
  else io.stderr.write(formatText(ds, { color: useColor(io.stderr, io.env), verbose: options.verbose === true }));
  const shown = ds.filter((d) => d.severity !== 'info');
  if (options.verbose || shown.length > 1) io.stderr.write(`ecs2k8s: ${summaryLine(ds)} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
  if (!inActions) io.stderr.write(repeatedSummary(ds));
  // A usage error found while building (an --image or --env that does not parse) ends as yargs' own do.
  if (ds.some((d) => d.code === 'usage' && d.severity === 'error')) io.stderr.write(`${usageHint(options.command)}\n`);
  if (options.report !== undefined && options.report !== 'text') {
    const text = await formatReport(options.report, ds, files, extra, fleet);
    if (options.reportFile && options.reportFile !== '-') {
      try {
        writeFileSync(resolve(io.cwd, options.reportFile), text);
      } catch (e) {
        io.stderr.write(`ecs2k8s: cannot write the report to ${options.reportFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
        return EXIT.environment;
      }
    } else io.stdout.write(text);
  }
  return exitCodeFor(ds);
}

async function formatReport(
  report: 'json' | 'sarif' | 'html' | 'markdown',
  ds: Diagnostic[],
  files: readonly string[],
  extra: Record<string, unknown> | undefined,
  fleet: FleetContext,
): Promise<string> {
  if (report === 'json') return formatJson(ds, files, extra);
  if (report === 'sarif') return formatSarif(ds);
  const input: FleetInput = { ...fleet, diagnostics: ds, files };
  return report === 'html' ? (await import('../report/html.js')).formatHtml(input) : (await import('../report/markdown.js')).formatMarkdown(input);
}
