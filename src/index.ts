/** The public API of ecs2k8s. */
export { Diagnostics, sortDiagnostics, type Diagnostic, type Severity } from './diagnostics.js';
export { readInputs, type InputText } from './load/inputs.js';
export { loadAndValidate, type LoadedFile } from './validate/index.js';
export { run } from './cli/run.js';
export { VERSION } from './version.js';
