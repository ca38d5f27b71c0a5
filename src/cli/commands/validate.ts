/** `ecs2k8s validate <inputs…>`: each file on its own; exit 0 without errors, 2 with. */
import { Diagnostics } from '../../diagnostics.js';
import { readInputs } from '../../load/inputs.js';
import { loadAndValidate } from '../../validate/index.js';
import type { CliIO } from '../io.js';
import { emitDiagnostics, type ReportOptions } from '../report.js';

export interface ValidateArgs extends ReportOptions {
  inputs: string[];
  maxInputSize: number;
}

export async function validateCommand(args: ValidateArgs, io: CliIO): Promise<number> {
  const diagnostics = new Diagnostics();
  if (args.inputs.length === 0) {
    // Never a silent pass: nothing to read is a usage error, not a clean result.
    diagnostics.add({ code: 'no-inputs', severity: 'error', message: 'no input to validate: name files, directories, or - for standard input' });
  }
  const texts = await readInputs(args.inputs, diagnostics, { maxInputBytes: args.maxInputSize, stdin: io.stdin, cwd: io.cwd });
  for (const t of texts) loadAndValidate(t, diagnostics);
  return emitDiagnostics(io, diagnostics.items, texts.map((t) => t.file), args);
}
