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
  const texts = await readInputs(args.inputs, diagnostics, { maxInputBytes: args.maxInputSize, stdin: io.stdin });
  for (const t of texts) loadAndValidate(t, diagnostics);
  return emitDiagnostics(io, diagnostics.items, texts.map((t) => t.file), args);
}
