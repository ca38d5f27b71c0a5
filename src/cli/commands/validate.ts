/**
 * `ecs2k8s validate <inputs…>`: each file on its own; exit 0 without errors, 2 with. Of the
 * project file, only `diagnostics:` applies (what the team ignores and what it makes errors).
 *
 * `--convert` also converts the files as `build` does (the project file's settings apply; nothing
 * is written) and reports what build would report, so that a pre-commit hook given only the
 * staged files fails when build would. Files are given alone, so pairing is not required: a
 * service whose task definition is not among them is validated, not converted (a note says so).
 */
import { dirname } from 'node:path';
import { compileTexts } from '../../compile.js';
import { Diagnostics, type Diagnostic } from '../../diagnostics.js';
import { applyProjectFile, defaultOptions } from '../../options.js';
import { loadProjectFile } from '../../load/config.js';
import { readInputs } from '../../load/inputs.js';
import { loadInputs } from '../../validate/index.js';
import type { CliIO } from '../io.js';
import { emitDiagnostics, type ReportOptions } from '../report.js';

export interface ValidateArgs extends ReportOptions {
  inputs: string[];
  maxInputSize: number;
  /** The project file (default: ./ecs2k8s.yaml when present). */
  config?: string;
  /** Also convert, as build does, and report its diagnostics. Default false. */
  convert?: boolean;
}

/** What pairing reports: for files validated one by one, a missing partner is not an error. */
const PAIRING = new Set<string>(['unpaired-service', 'scaling-unpaired']);

function unpairedNote(x: Diagnostic): Diagnostic {
  return { ...x, severity: 'info', message: `not converted: ${x.message} (validate --convert takes the files as given; build needs the partner file)` };
}

export async function validateCommand(args: ValidateArgs, io: CliIO): Promise<number> {
  const diagnostics = new Diagnostics();
  const project = await loadProjectFile(args.config, io.cwd, diagnostics);
  if (diagnostics.hasErrors()) return emitDiagnostics(io, diagnostics.items, [], { ...args, command: 'validate' });
  if (args.inputs.length === 0) {
    // Never a silent pass: nothing to read is a usage error, not a clean result.
    diagnostics.add({ code: 'no-inputs', severity: 'error', message: 'no input to validate: name files, directories, or - for standard input' });
  }
  const texts = await readInputs(args.inputs, diagnostics, { maxInputBytes: args.maxInputSize, stdin: io.stdin, cwd: io.cwd });
  const rules = project?.value.diagnostics && { ignore: project.value.diagnostics.ignore ?? [], error: project.value.diagnostics.error ?? [] };
  const report = { ...args, command: 'validate', ...(rules && { rules }) };
  if (args.convert) {
    // build's pipeline (its validation included), on the files as given.
    const options = project ? { ...applyProjectFile(defaultOptions(), project.value, project), projectRoot: dirname(project.path) } : defaultOptions();
    const converted = compileTexts(texts, options, { cwd: io.cwd });
    const all = [...diagnostics.items, ...converted.diagnostics.map((x) => (PAIRING.has(x.code) ? unpairedNote(x) : x))];
    return emitDiagnostics(io, all, converted.files, report);
  }
  const skipped = new Set<string>();
  loadInputs(texts, diagnostics, {}, { options: {}, cwd: io.cwd }, skipped);
  return emitDiagnostics(
    io,
    diagnostics.items,
    texts.map((t) => t.file).filter((f) => !skipped.has(f)),
    report,
  );
}
