/**
 * Environments (dev, staging, prod, …): each one compiled on its own, with the shared options
 * and its own, into the entries that src/bundle/overlays.ts lays out as a base and overlays.
 * Where the environments come from does not matter here: `--env NAME=PATHS`, the project file's
 * `environments:`, or a reader's documents (Copilot's per-environment overrides).
 */
import type { BundleEntry } from './bundle/types.js';
import { compileDocuments, compileTexts } from './compile.js';
import { sourceNamer } from './load/root.js';
import type { EcsDocument } from './load/shapes.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { readInputs, type InputText } from './load/inputs.js';
import type { EnvironmentOptions, Options, ProjectEnvironments } from './options.js';

export type { EnvironmentOptions, ProjectEnvironments } from './options.js';

/** What one environment changes in the shared options. Every member is optional (default: the shared option). */

/** One environment: a DNS-1123 label name, and its inputs as paths or as texts already read. */
export interface EnvironmentSpec {
  name: string;
  /** Files, directories and `-`, relative to the working directory. */
  inputs?: readonly string[];
  /** Texts in memory (instead of, or after, `inputs`). */
  texts?: readonly InputText[];
  /**
   * ECS documents a reader already made (with their sources, e.g. Copilot's per-environment
   * overrides): compiled as they are, instead of `inputs` and `texts`.
   */
  documents?: EcsDocument[];
  options?: EnvironmentOptions;
}

export interface EnvironmentResult {
  name: string;
  entries: BundleEntry[];
  /** The input files read for this environment. */
  files: string[];
}

export interface EnvironmentsResult {
  environments: EnvironmentResult[];
  /** Every environment's diagnostics, in environment order. */
  diagnostics: Diagnostic[];
  files: string[];
}

/** The options one environment is compiled with. */
export function environmentOptions(shared: Options, e: EnvironmentOptions = {}): Options {
  const o: Options = { ...shared, images: { ...shared.images, ...e.images }, labels: { ...shared.labels, ...e.labels } };
  if (e.namespace !== undefined) o.namespaceOverride = e.namespace;
  if (e.replicas !== undefined) o.replicas = e.replicas;
  return o;
}

/** Compiles every environment; entries are empty for one that has errors (diagnostics say why). */
export async function compileEnvironments(
  specs: readonly EnvironmentSpec[],
  shared: Options,
  env: { cwd: string; stdin?: NodeJS.ReadableStream; maxInputBytes?: number },
): Promise<EnvironmentsResult> {
  const environments: EnvironmentResult[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const spec of specs) {
    const options = { ...environmentOptions(shared, spec.options), environment: spec.name };
    const d = new Diagnostics();
    if (spec.documents) {
      const files = [...new Set(spec.documents.map((x) => x.source.file))];
      const entries = compileDocuments(spec.documents, options, d, env.cwd, await sourceNamer(files, env.cwd, options.projectRoot));
      environments.push({ name: spec.name, entries: d.hasErrors() ? [] : entries, files });
      diagnostics.push(...sortDiagnostics(d.items));
      continue;
    }
    const texts = [
      ...(spec.inputs && spec.inputs.length > 0
        ? await readInputs(spec.inputs, d, { cwd: env.cwd, ...(env.maxInputBytes !== undefined && { maxInputBytes: env.maxInputBytes }), ...(env.stdin && { stdin: env.stdin }) })
        : []),
      ...(spec.texts ?? []),
    ];
    if (texts.length === 0 && !d.hasErrors()) {
      d.add({ code: 'no-inputs', severity: 'error', message: `the environment "${spec.name}" has no inputs: give --env ${spec.name}=PATHS, or its inputs in the project file` });
    }
    const r = d.hasErrors()
      ? { entries: [], diagnostics: [], files: texts.map((t) => t.file) }
      : compileTexts(texts, options, {
          cwd: env.cwd,
          source: await sourceNamer(
            texts.map((t) => t.file),
            env.cwd,
            options.projectRoot,
          ),
        });
    environments.push({ name: spec.name, entries: r.entries, files: r.files });
    for (const x of sortDiagnostics([...d.items, ...r.diagnostics])) diagnostics.push(x.file === undefined ? { ...x, message: `environment "${spec.name}": ${x.message}` } : x);
  }
  return { environments, diagnostics, files: environments.flatMap((e) => e.files) };
}

/** The project file's `environments:` (name → inputs and options), as written. */

const ENV_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The environments to build: `--env NAME=PATHS` (PATHS comma-separated) when given, each with
 * the options of the project file's environment of the same name; else the project file's
 * `environments:`, whose inputs `projectPath` resolves (they are relative to the project file).
 * Undefined when there are none (a plain build). Problems are usage diagnostics.
 */
export function environmentSpecs(cli: readonly string[], project: ProjectEnvironments | undefined, projectPath: (p: string) => string, d: Diagnostics): EnvironmentSpec[] | undefined {
  if (cli.length === 0) {
    if (!project || Object.keys(project).length === 0) return undefined;
    return Object.entries(project).map(([name, { inputs, ...options }]) => ({ name, inputs: (inputs ?? []).map(projectPath), options }));
  }
  const specs: EnvironmentSpec[] = [];
  for (const spec of cli) {
    const eq = spec.indexOf('=');
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const inputs =
      eq < 0
        ? []
        : spec
            .slice(eq + 1)
            .split(',')
            .filter((p) => p !== '');
    if (!ENV_NAME.test(name) || inputs.length === 0) {
      d.add({
        code: 'usage',
        severity: 'error',
        message: `--env ${JSON.stringify(spec)} is not NAME=PATHS with NAME a DNS label (lowercase letters, digits and "-", at most 63) and PATHS comma-separated inputs (for example --env prod=ecs/prod)`,
      });
      continue;
    }
    if (specs.some((s) => s.name === name)) {
      d.add({ code: 'usage', severity: 'error', message: `--env ${name} is given twice: give each environment once, with all its inputs comma-separated` });
      continue;
    }
    specs.push({ name, inputs, ...(project?.[name] && { options: withoutInputs(project[name]) }) });
  }
  return specs;
}

function withoutInputs(e: EnvironmentOptions & { inputs?: string[] }): EnvironmentOptions {
  const { inputs: _inputs, ...options } = e;
  return options;
}
