/**
 * `build --keep-going --out DIR`: writes every service that builds; a failed one keeps the files
 * an earlier build wrote for it (found by their `ecs2k8s.io/source`), and is listed at the end.
 * Exit 2 when any failed (3 when one failed because an input could not be read).
 */
import { BundleWriteError, findHandEdits, renderBundle, writeBundle, type BundleEntry } from '../../bundle/index.js';
import { handEditDiagnostics } from '../../bundle/hand-edits.js';
import { readPreviousObjects, type PreviousObject } from '../../bundle/previous.js';
import type { Diagnostic } from '../../diagnostics.js';
import { compileKeepGoing, type FailedInput } from '../../keep-going.js';
import type { Options } from '../../options.js';
import { resolve } from 'node:path';
import { sourceNamer } from '../../load/root.js';
import { EXIT, type CliIO } from '../io.js';
import { emitDiagnostics, reportOwnsStdout, type ReportOptions } from '../report.js';
import { applyStrict, exitCodeFor } from '../../report/exit.js';

const key = (namespace: string, o: { kind: string; metadata: { name: string } }) => `${namespace}/${o.kind}/${o.metadata.name}`;

/** The previous objects of the failed inputs, and the Namespaces they need that the new build lacks. */
export function keptObjects(previous: readonly PreviousObject[], failed: readonly FailedInput[], built: readonly BundleEntry[]): PreviousObject[] {
  const sources = new Set(failed.map((f) => f.source));
  const taken = new Set(built.map((e) => key(e.namespace, e.object)));
  const kept = previous.filter((p) => p.object.kind !== 'Namespace' && p.sources.some((s) => sources.has(s)) && !taken.has(key(p.namespace, p.object)));
  const namespaces = new Set(kept.map((p) => p.namespace));
  const builtNamespaces = new Set(built.filter((e) => e.object.kind === 'Namespace').map((e) => e.object.metadata.name));
  const ns = previous.filter((p) => p.object.kind === 'Namespace' && namespaces.has(p.object.metadata.name) && !builtNamespaces.has(p.object.metadata.name));
  return [...kept, ...ns];
}

/** What of build's arguments --keep-going uses. */
export interface KeepGoingArgs {
  inputs: string[];
  out?: string;
  format: 'yaml' | 'json' | 'helm';
  strict?: boolean;
  maxInputSize: number;
}

export async function buildKeepGoing(args: KeepGoingArgs, io: CliIO, options: Options, early: Diagnostic[], report: ReportOptions): Promise<number> {
  const out = args.out ?? '';
  const outDir = resolve(io.cwd, out);
  const format = args.format === 'json' ? 'json' : 'yaml';
  try {
    const previous = await readPreviousObjects(outDir);
    const result = await compileKeepGoing(args.inputs, options, {
      cwd: io.cwd,
      ...(io.stdin && { stdin: io.stdin }),
      maxInputBytes: args.maxInputSize,
      failing: (d) => applyStrict([d], args.strict, options.diagnostics)[0]?.severity === 'error',
      previousGroups: previous.map((p) => p.sources),
    });
    const diagnostics = [...early, ...result.diagnostics];
    if (result.fatal) return await emitDiagnostics(io, diagnostics, result.files, report);
    const source = await sourceNamer(result.files, io.cwd, options.projectRoot);
    const kept = keptObjects(previous, result.failed, result.entries);
    const files = renderBundle([...result.entries, ...kept.map((p) => ({ namespace: p.namespace, object: p.object }))], format);
    for (const p of kept) if (files.has(p.path)) files.set(p.path, p.content);
    const edits = await findHandEdits(outDir, files);
    const failedReport = result.failed.map((f) => ({ file: f.file, ...(f.name !== undefined && { name: f.name }), errors: f.errors, ...(f.because.length > 0 && { because: f.because }) }));
    const all = [...diagnostics, ...handEditDiagnostics(edits, out, false)];
    const fleet = { entries: result.entries, source, failed: result.failed, out };
    const code = await emitDiagnostics(io, all, result.files, report, { keepGoing: { failed: failedReport, kept: kept.map((p) => p.path).sort() } }, fleet);
    if (code === EXIT.environment && result.failed.length === 0) return code;
    const written = await writeBundle(outDir, files);
    const human = reportOwnsStdout(report) ? io.stderr : io.stdout;
    const built = result.entries.filter((e) => e.object.kind !== 'Namespace').length;
    human.write(`ecs2k8s: ${built} objects built → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
    if (result.failed.length === 0) return code;
    io.stderr.write(failedList(result.failed, result.files.length, kept.length));
    return exitCodeFor(applyStrict(all, args.strict, options.diagnostics)) === EXIT.environment ? EXIT.environment : EXIT.invalid;
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  }
}

/** The closing list: which inputs failed, and why. */
export function failedList(failed: readonly FailedInput[], inputs: number, kept: number): string {
  const lines = failed.map((f) => {
    const what = f.name !== undefined ? ` (${f.name})` : '';
    const why = f.because.length > 0 ? `failed once ${f.because.join(', ')} ${f.because.length === 1 ? 'was' : 'were'} left out` : `${f.errors} error${f.errors === 1 ? '' : 's'}`;
    return `  ${f.file}${what}: ${why}\n`;
  });
  const keptText = kept > 0 ? `; ${kept} file${kept === 1 ? '' : 's'} of their previous build kept` : '';
  return `ecs2k8s: --keep-going: ${failed.length} of ${inputs} input${inputs === 1 ? '' : 's'} failed and ${failed.length === 1 ? 'was' : 'were'} not built${keptText}:\n${lines.join('')}`;
}
