/**
 * The public API of ecs2k8s, for programs (the CLI is built on the same functions):
 *
 *   const { entries, diagnostics } = await compile(['ecs/'], defaultOptions(), { cwd: process.cwd() });
 *   const files = renderBundle(entries, 'yaml');      // relative path → content
 *   await writeBundle('k8s', files);                  // the safe writer
 *
 * The command line as a function (`run(argv, io)`, what the bin does) is `ecs2k8s/cli`
 * (src/cli/index.ts), so that this entry does not carry the argument parser.
 *
 * Environments, Helm and GitOps are renderers over the same entries (docs/gitops.md):
 *
 *   const envs = await compileEnvironments([{ name: 'dev', inputs: ['ecs/dev'] }, …], defaultOptions(), { cwd });
 *   renderOverlays(envs.environments, 'yaml');         // base/ and overlays/<env>/
 *   renderHelm(entries);                               // <namespace>/Chart.yaml, values.yaml, templates/…
 *   renderGitops(gitopsOptions, files, environments);  // gitops/…, validated
 */
export { compile, compileTexts, compileDocuments, type CompileResult } from './compile.js';
export {
  build,
  inspectOutput,
  renderResult,
  resolveBuildOptions,
  type BuildFlags,
  type BuildFormat,
  type BuildRequest,
  type BuildResult,
  type ImageOverride,
  type Rendered,
  type ResolvedBuild,
} from './build/index.js';
export { applyStrict, exitCodeFor, failsBuild, EXIT, type ExitCode } from './report/exit.js';
export { defaultOptions, applyProjectFile, type Options, type ProjectFile } from './options.js';
export { Diagnostics, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics.js';
export { CODES, K8S_ISSUE_CODES, type Code, type CodeInfo, type K8sIssueCode } from './codes.js';
export type { EcsService, EcsTaskDefinition } from './model/ecs.js';
export { readInputs, type InputText } from './load/inputs.js';
export { loadAndValidate, type LoadedFile } from './validate/index.js';
export { renderBundle, renderStream, writeBundle, checkBundle, type BundleEntry, type BundleFiles, type K8sObject, type OutputFormat } from './bundle/index.js';
export { toYaml } from './bundle/serialize.js';
export { compileEnvironments, environmentOptions, type EnvironmentSpec, type EnvironmentOptions, type EnvironmentsResult, type EnvironmentResult } from './environments.js';
export { renderOverlays, type EnvironmentBuild } from './bundle/overlays.js';
export { renderHelm } from './bundle/helm/render.js';
export { renderGitops, type GitopsEnvironment, type GitopsResult } from './bundle/gitops/render.js';
export { resolveGitops, type GitopsOptions, type GitopsSettings } from './bundle/gitops/source.js';
export { validateK8sObject, KUBERNETES_VERSION, type OutputIssue } from './k8s/validate/index.js';
export { validateK8sBundle, type BundleIssue } from './k8s/validate/bundle-rules.js';
export { VERSION } from './version.js';
