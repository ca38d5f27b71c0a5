/**
 * The public API of ecs2k8s, for programs (the CLI is built on the same functions):
 *
 *   const { entries, diagnostics } = await compile(['ecs/'], defaultOptions(), { cwd: process.cwd() });
 *   const files = renderBundle(entries, 'yaml');      // relative path → content
 *   await writeBundle('k8s', files);                  // the safe writer
 */
export { compile, compileTexts, compileDocuments, type CompileResult } from './compile.js';
export { defaultOptions, applyProjectFile, type Options, type ProjectFile } from './options.js';
export { Diagnostics, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics.js';
export { readInputs, type InputText } from './load/inputs.js';
export { loadAndValidate, type LoadedFile } from './validate/index.js';
export { renderBundle, renderStream, writeBundle, checkBundle, type BundleEntry, type BundleFiles, type K8sObject, type OutputFormat } from './bundle/index.js';
export { toYaml } from './bundle/serialize.js';
export { validateK8sObject, KUBERNETES_VERSION, type OutputIssue } from './k8s/validate/index.js';
export { validateK8sBundle, type BundleIssue } from './k8s/validate/bundle-rules.js';
export { run } from './cli/run.js';
export { VERSION } from './version.js';
