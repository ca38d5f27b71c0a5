/**
 * The build layer under the CLI, the GitHub Action and the library: options resolved once
 * (./options.ts), compile, the exit policy (src/report/exit.ts), the renderer picked
 * (./render.ts), and the output folder inspected before the one writer replaces it
 * (./output.ts). Callers only turn the results into their own reports.
 */
import { compile, type CompileProgress, type CompileResult } from '../compile.js';
import type { Options } from '../options.js';
import { failsBuild } from '../report/exit.js';
import { renderResult, type BuildFormat, type Rendered } from './render.js';

export { resolveBuildOptions, type BuildFlags, type ImageOverride, type ResolvedBuild } from './options.js';
export { renderEnvironments, renderResult, type BuildFormat, type Rendered } from './render.js';
export { inspectOutput, type InspectedOutput } from './output.js';

export interface BuildRequest {
  /** Default yaml. */
  format?: BuildFormat;
  /** Every warning counts as an error (after the options' `diagnostics:` rules). Default false. */
  strict?: boolean;
  /** Render the files (false: compile only, for --stdout's stream). Default true. */
  render?: boolean;
}

export interface BuildResult extends CompileResult {
  /** Whether the diagnostics fail the build under the rules and `strict`. */
  failing: boolean;
  /** The files, unless the build failed or `render` was false. */
  rendered?: Rendered;
}

/** Compiles `paths` and, when that succeeds, renders the files in `request.format`. Never writes. */
export async function build(
  paths: readonly string[],
  options: Options,
  env: { cwd: string; stdin?: NodeJS.ReadableStream; maxInputBytes?: number; progress?: CompileProgress },
  request: BuildRequest = {},
): Promise<BuildResult> {
  const result = await compile(paths, options, env);
  const failing = failsBuild(result.diagnostics, request.strict, options.diagnostics);
  if (failing || request.render === false) return { ...result, failing };
  return { ...result, failing, rendered: await renderResult(result, request.format ?? 'yaml') };
}
