/**
 * Picks the renderer of a compiled build: a plain bundle (yaml or json), Helm charts, or — when
 * the inputs had environments of their own (Copilot's) — a base and overlays. The renderers
 * live in src/bundle/; this file only picks them, for the CLI, the Action and the library alike.
 */
import { renderBundle, type BundleEntry, type BundleFiles } from '../bundle/index.js';
import type { GitopsEnvironment } from '../bundle/gitops/render.js';
import { renderOverlays, type EnvironmentBuild } from '../bundle/overlays.js';
import type { CompileResult } from '../compile.js';

export type BuildFormat = 'yaml' | 'json' | 'helm';

export interface Rendered {
  files: BundleFiles;
  /** Per environment (for --gitops), when the output is a base and overlays. */
  environments?: GitopsEnvironment[];
}

const onlyNamespace = (entries: readonly BundleEntry[]) => {
  const ns = new Set(entries.map((e) => e.namespace));
  return ns.size === 1 ? [...ns][0] : undefined;
};

/** Environments as a base and overlays (`--env`, the project file's, or a reader's). */
export function renderEnvironments(environments: readonly EnvironmentBuild[], format: 'yaml' | 'json'): Rendered {
  return {
    files: renderOverlays(environments, format),
    environments: environments.map((e) => ({ name: e.name, ...(onlyNamespace(e.entries) !== undefined && { namespace: onlyNamespace(e.entries) }) })),
  };
}

/** The files of a compile that succeeded, in `format`. */
export async function renderResult(result: CompileResult, format: BuildFormat): Promise<Rendered> {
  // A reader's environments (Copilot's): written as a base and overlays, as --env builds are.
  if (result.environments && format !== 'helm') return renderEnvironments(result.environments, format);
  if (format === 'helm') return { files: (await import('../bundle/helm/render.js')).renderHelm(result.entries) };
  return { files: renderBundle(result.entries, format) };
}
