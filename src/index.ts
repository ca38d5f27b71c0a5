/**
 * The public API of ecs2k8s, for programs (the CLI is built on the same functions):
 *
 *   const { entries, diagnostics } = await compile(['ecs/'], defaultOptions(), { cwd: process.cwd() });
 *   const files = renderBundle(entries, 'yaml');      // relative path → content
 *   await writeBundle('k8s', files);                  // the safe writer
 *
 * The command line as a function (`run(argv, io)`, what the bin does) is `ecs2k8s/cli`
 * (src/cli/index.ts), so that this entry does not carry the argument parser.
 */
export { compile, compileTexts, compileDocuments, type CompileResult } from './compile.js';
export { defaultOptions, applyProjectFile, type Options, type ProjectFile } from './options.js';
export { Diagnostics, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics.js';
export { CODES, K8S_ISSUE_CODES, type Code, type CodeInfo, type K8sIssueCode } from './codes.js';
export type { EcsService, EcsTaskDefinition } from './model/ecs.js';
export { readInputs, type InputText } from './load/inputs.js';
export { loadAndValidate, type LoadedFile } from './validate/index.js';
export { renderBundle, renderStream, writeBundle, checkBundle, type BundleEntry, type BundleFiles, type K8sObject, type OutputFormat } from './bundle/index.js';
export { toYaml } from './bundle/serialize.js';
export { validateK8sObject, KUBERNETES_VERSION, type OutputIssue } from './k8s/validate/index.js';
export { VERSION } from './version.js';
