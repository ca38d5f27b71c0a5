/**
 * `ecs2k8s validate <inputs…>`: each file on its own; exit 0 without errors, 2 with. Of the
 * project file, only `diagnostics:` applies (what the team ignores and what it makes errors).
 */
import { Diagnostics } from '../../diagnostics.js';
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
  const skipped = new Set<string>();
  loadInputs(texts, diagnostics, {}, { options: {}, cwd: io.cwd }, skipped);
  const rules = project?.value.diagnostics && { ignore: project.value.diagnostics.ignore ?? [], error: project.value.diagnostics.error ?? [] };
  return emitDiagnostics(io, diagnostics.items, texts.map((t) => t.file).filter((f) => !skipped.has(f)), { ...args, command: 'validate', ...(rules && { rules }) });
}
