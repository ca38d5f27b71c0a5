/**
 * What the project file's `diagnostics:` and `--strict` make of diagnostics, in this order:
 * `ignore` drops the warnings and notes of its codes (an error is never dropped: it stays, and
 * says that it was listed); `error` makes the warnings and notes of its codes errors; then
 * `--strict` makes every remaining warning an error. Used by the CLI and the Action alike.
 */
import type { Diagnostic } from './diagnostics.js';
import type { DiagnosticRules } from './options.js';

export function applyRules(ds: readonly Diagnostic[], rules: DiagnosticRules | undefined, strict: boolean | undefined): Diagnostic[] {
  const ignore = new Set(rules?.ignore ?? []);
  const promote = new Set(rules?.error ?? []);
  const out: Diagnostic[] = [];
  for (const d of ds) {
    if (ignore.has(d.code)) {
      if (d.severity !== 'error') continue;
      out.push({ ...d, message: `${d.message} (diagnostics.ignore lists ${d.code}, but an error is never ignored)` });
      continue;
    }
    if (promote.has(d.code) || (strict && d.severity === 'warning')) out.push(d.severity === 'error' ? d : { ...d, severity: 'error' });
    else out.push(d);
  }
  return out;
}
