/**
 * The compiler, one call per stage: read (load/inputs.ts) → load and validate
 * (validate/index.ts) → pair (convert/pairing.ts) → convert each pair (convert/pipeline.ts) →
 * namespaces (convert/namespace.ts) → name collisions (k8s/validate/collisions.ts) → output
 * validation (k8s/validate/output.ts). Pure apart from reading inputs: it returns bundle entries
 * and diagnostics; writing is the bundle stage's job.
 */
import type { BundleEntry } from './bundle/types.js';
import { addNamespaces } from './convert/namespace.js';
import { FlagUse } from './convert/overrides.js';
import { pairDocuments } from './convert/pairing.js';
import { convertPair } from './convert/pipeline.js';
import { pairScaling } from './convert/scaling-pair.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { checkCollisions } from './k8s/validate/collisions.js';
import { validateOutput } from './k8s/validate/output.js';
import type { PlacedEntry } from './k8s/validate/placed.js';
import { readInputs, type InputText } from './load/inputs.js';
import { reportUnusedReadOptions } from './load/readers/unused.js';
import { sourceNamer, sourcePath, type SourceNamer } from './load/root.js';
import type { EcsDocument } from './load/shapes.js';
import { str } from './model/values.js';
import type { Options } from './options.js';
import { loadInputs } from './validate/index.js';

export interface CompileResult {
  entries: BundleEntry[];
  diagnostics: Diagnostic[];
  /** The input files read, in the order given. */
  files: string[];
  /**
   * Per environment, when a reader translated its inputs per environment (Copilot's
   * `environments:`): each compiled on its own (with the untagged documents); `entries` is then
   * every environment's entries one after another. A build writes them as base + overlays.
   */
  environments?: { name: string; entries: BundleEntry[]; files: string[] }[];
}

/**
 * Compiles input paths (files, directories, `-`) into bundle entries. The `ecs2k8s.io/source`
 * annotations name the files relative to the project root (src/load/root.ts), never to `cwd`.
 */
/** Told how far a compile is: files read (of those found in a directory), services converted (of all). */
export type CompileProgress = (stage: 'read' | 'convert', done: number, total: number) => void;

export async function compile(
  paths: readonly string[],
  options: Options,
  env: { cwd: string; stdin?: NodeJS.ReadableStream; maxInputBytes?: number; progress?: CompileProgress },
): Promise<CompileResult> {
  const d = new Diagnostics();
  const progress = env.progress;
  const texts = await readInputs(paths, d, {
    cwd: env.cwd,
    ...(env.maxInputBytes !== undefined && { maxInputBytes: env.maxInputBytes }),
    ...(env.stdin && { stdin: env.stdin }),
    ...(progress && { onRead: (n: number, total: number) => progress('read', n, total) }),
  });
  const source = await sourceNamer(
    texts.map((t) => t.file),
    env.cwd,
    options.projectRoot,
  );
  return compileInputs(texts, options, d, env.cwd, source, progress);
}

/**
 * Compiles texts already in memory (the same pipeline as {@link compile}, minus reading):
 * for tests, editors and embedders. `file` names each text in diagnostics and, through
 * `env.source` (default: relative to `options.projectRoot`, else `cwd`), in the
 * `ecs2k8s.io/source` annotation. Never throws on any input text.
 */
export function compileTexts(texts: readonly InputText[], options: Options, env: { cwd: string; source?: SourceNamer }): CompileResult {
  return compileInputs(texts, options, new Diagnostics(), env.cwd, env.source ?? ((f) => sourcePath(f, env.cwd, options.projectRoot ?? env.cwd)));
}

function compileInputs(texts: readonly InputText[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer, progress?: CompileProgress): CompileResult {
  for (const [flag, n] of [
    ['replicas', options.replicas],
    ['--replicas', options.replicasOverride],
  ] as const) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= 2_147_483_647)) {
      // The command line checks for a whole number; Kubernetes holds replicas in 32 bits.
      d.add({ code: 'usage', severity: 'error', message: `${flag} ${String(n)} is not a replica count: give a whole number from 0 to 2147483647` });
    }
  }
  const context = { imageOverrides: new Set(Object.keys(options.images)), serviceNameGiven: options.serviceName !== undefined };
  const used = new Set<string>();
  const skipped = new Set<string>();
  const documents = loadInputs(texts, d, context, { options: options.read ?? {}, cwd, used }, skipped);
  reportUnusedReadOptions(options, used, texts, documents, d);
  const files = texts.map((t) => t.file).filter((f) => !skipped.has(f));
  if (d.hasErrors()) return { entries: [], diagnostics: sortDiagnostics(d.items), files };
  const names = [...new Set(documents.map((x) => x.environment).filter((x): x is string => x !== undefined))].sort();
  // Under --env NAME=…, the inputs' own environment NAME (a Copilot application's) is the one built.
  const picked = options.environment !== undefined && names.includes(options.environment) ? documents.filter((x) => x.environment === undefined || x.environment === options.environment) : undefined;
  if (names.length > 0 && !picked) {
    if (options.environment !== undefined)
      d.warn(
        undefined,
        '',
        'not-applied',
        `the environment "${options.environment}" is none of the inputs' own environments (${names.join(', ')}): all of them are built into it; name the --env after one of them`,
      );
    return compileEnvironmentDocuments(names, documents, options, d, cwd, source, files);
  }
  const entries = compileDocuments(picked ?? documents, options, d, cwd, source, progress);
  return { entries: d.hasErrors() ? [] : entries, diagnostics: sortDiagnostics(d.items), files };
}

/** Each environment's documents (and the untagged ones) compiled on their own; what they report alike is reported once. */
function compileEnvironmentDocuments(names: string[], documents: EcsDocument[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer, files: string[]): CompileResult {
  const environments: NonNullable<CompileResult['environments']> = [];
  // The documents of every environment were validated in turn: what they share was reported once per environment.
  const seen = new Set<string>();
  const all = new Diagnostics();
  for (const x of d.items) {
    const key = JSON.stringify(x);
    if (!seen.has(key)) {
      seen.add(key);
      all.add(x);
    }
  }
  d = all;
  for (const name of names) {
    const e = new Diagnostics();
    const docs = documents.filter((x) => x.environment === undefined || x.environment === name);
    const entries = compileDocuments(docs, options, e, cwd, source);
    environments.push({ name, entries, files: [...new Set(docs.map((x) => x.source.file))] });
    for (const x of e.items) {
      const key = JSON.stringify(x);
      if (!seen.has(key)) {
        seen.add(key);
        d.add(x);
      }
    }
  }
  const ok = !d.hasErrors();
  return { entries: ok ? environments.flatMap((x) => x.entries) : [], diagnostics: sortDiagnostics(d.items), files, ...(ok && { environments }) };
}

/**
 * Converts validated documents into bundle entries. `source` names each input file in the
 * `ecs2k8s.io/source` annotation (src/load/root.ts); default: relative to Options.projectRoot,
 * else to `cwd` (which resolves the file names).
 */
export function compileDocuments(
  documents: EcsDocument[],
  options: Options,
  d: Diagnostics,
  cwd: string,
  source: SourceNamer = (f) => sourcePath(f, cwd, options.projectRoot ?? cwd),
  progress?: CompileProgress,
): BundleEntry[] {
  const flags = new FlagUse(options);
  const scaling = pairScaling(
    documents,
    documents.filter((x) => x.kind === 'service'),
    d,
  );
  const alarms = new Map(documents.filter((x) => x.kind === 'metricAlarm').map((x) => [str(x.value['AlarmName']) ?? '', x] as const));
  const pairs = pairDocuments(documents, d);
  const entries: PlacedEntry[] = [];
  const nsLabels = new Map<string, Record<string, string>>();
  for (const [n, pair] of pairs.entries()) {
    progress?.('convert', n, pairs.length);
    const { id, objects, namespaceLabels } = convertPair(pair, { options, d, source, flags, scaling, alarms });
    nsLabels.set(id.namespace, Object.assign(nsLabels.get(id.namespace) ?? {}, namespaceLabels));
    for (const object of objects) entries.push({ entry: { namespace: id.namespace, object }, origin: pair.svc ?? pair.td });
  }
  progress?.('convert', pairs.length, pairs.length);
  flags.report(d);
  addNamespaces(entries, options, nsLabels);
  checkCollisions(entries, d);
  // An input error already explains what is wrong; output validation would only repeat it as a "bug".
  if (!d.hasErrors()) validateOutput(entries, d);
  return entries.map((e) => e.entry);
}
