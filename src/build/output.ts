/**
 * The output folder before a build replaces it: with `check`, how it differs from what the build
 * rendered (src/bundle/check.ts); either way, what a person edited there since the last build,
 * as diagnostics (hand-edited), so that it is said before anything is replaced. Writing is
 * src/bundle/write.ts's `writeBundle`, the one writer.
 */
import { checkBundle, findHandEdits, type BundleFiles, type CheckResult } from '../bundle/index.js';
import { handEditDiagnostics } from '../bundle/hand-edits.js';
import type { Diagnostic } from '../diagnostics.js';

export interface InspectedOutput {
  /** With `check`: the comparison with the folder. */
  check?: CheckResult;
  /** hand-edited diagnostics for files a person changed, named under `outLabel`. */
  diagnostics: Diagnostic[];
}

/** Throws BundleWriteError when the folder cannot be read (a symbolic link, I/O). */
export async function inspectOutput(outDir: string, outLabel: string, files: BundleFiles, check: boolean): Promise<InspectedOutput> {
  const compared = check ? await checkBundle(outDir, files) : undefined;
  const edits = compared ?? (await findHandEdits(outDir, files));
  return { ...(compared && { check: compared }), diagnostics: handEditDiagnostics(edits, outLabel, check) };
}
