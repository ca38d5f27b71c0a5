/** The exit codes of every command and of the GitHub Action's cluster stage (README "Exit codes"), and the policy that gives them. */
import { isEnvironmentCode } from '../codes.js';
import { applyRules } from '../diagnostic-rules.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DiagnosticRules } from '../options.js';

export const EXIT = {
  ok: 0,
  /** Differences found (`diff`, `build --check`). */
  differences: 1,
  /** Invalid input or usage. */
  invalid: 2,
  /** Environment failure: I/O, cluster unreachable, API error. */
  environment: 3,
  /** A bug in ecs2k8s itself. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The one exit policy of every command, the Action and the library: the project file's
 * `diagnostics:` rules (ignore, error), then --strict (every warning counts as an error).
 */
export function applyStrict(ds: readonly Diagnostic[], strict: boolean | undefined, rules?: DiagnosticRules): Diagnostic[] {
  return applyRules(ds, rules, strict);
}

/** 0 without errors; 3 when an error is the environment's (I/O, the cluster), else 2. Give it diagnostics after {@link applyStrict}. */
export function exitCodeFor(ds: readonly Diagnostic[]): ExitCode {
  const errors = ds.filter((d) => d.severity === 'error');
  if (errors.length === 0) return EXIT.ok;
  return errors.some((d) => isEnvironmentCode(d.code)) ? EXIT.environment : EXIT.invalid;
}

/** Whether these diagnostics fail a build under the rules and --strict. */
export function failsBuild(ds: readonly Diagnostic[], strict: boolean | undefined, rules?: DiagnosticRules): boolean {
  return exitCodeFor(applyStrict(ds, strict, rules)) !== EXIT.ok;
}
