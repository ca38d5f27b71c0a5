/**
 * `build --keep-going`: compile what can be compiled. The unit that fails is the input file: a
 * file with an error (after the project file's `diagnostics:` rules and --strict) is left out,
 * and so is every file that then fails without it (a service whose task definition failed) or
 * that belongs to a failed service (its task definition, found by the family the failed service
 * names, or by an earlier bundle's `ecs2k8s.io/source`). The rest is compiled again until it
 * is clean. Each failed file is reported with the diagnostics of the round it failed in.
 */
import type { BundleEntry } from './bundle/types.js';
import { compileTexts } from './compile.js';
import { parseTaskDefinitionRef } from './convert/pairing.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { dnsLabel } from './k8s/names.js';
import { readInputs, type InputText } from './load/inputs.js';
import { sourceNamer, type SourceNamer } from './load/root.js';
import type { Options } from './options.js';

export interface FailedInput {
  /** The input file, as given. */
  file: string;
  /** Its name in `ecs2k8s.io/source` annotations. */
  source: string;
  /** The service or family it holds, when it could be read. */
  name?: string;
  errors: number;
  /** Files it failed because of (a service whose task definition failed), else empty. */
  because: string[];
}

export interface KeepGoingResult {
  entries: BundleEntry[];
  diagnostics: Diagnostic[];
  files: string[];
  failed: FailedInput[];
  /** Set when an error names no file (a flag, the project file): nothing can be built then. */
  fatal: boolean;
}

export interface KeepGoingEnv {
  cwd: string;
  stdin?: NodeJS.ReadableStream;
  maxInputBytes?: number;
  /** Whether a diagnostic fails the build (the CLI applies the rules and --strict). */
  failing: (d: Diagnostic) => boolean;
  /** Groups of source names that built together before (an earlier bundle's annotations). */
  previousGroups?: readonly (readonly string[])[];
}

export async function compileKeepGoing(paths: readonly string[], options: Options, env: KeepGoingEnv): Promise<KeepGoingResult> {
  const read = new Diagnostics();
  const texts = await readInputs(paths, read, { cwd: env.cwd, ...(env.maxInputBytes !== undefined && { maxInputBytes: env.maxInputBytes }), ...(env.stdin && { stdin: env.stdin }) });
  const allFiles = [...new Set([...texts.map((t) => t.file), ...read.items.flatMap((d) => (d.file !== undefined ? [d.file] : []))])];
  const source = await sourceNamer(
    texts.map((t) => t.file),
    env.cwd,
    options.projectRoot,
  );
  const failed = new Map<string, FailedInput>();
  const failedDiagnostics: Diagnostic[] = [];
  const fail = (file: string, ds: readonly Diagnostic[], because: string[] = []) => {
    if (failed.has(file)) return;
    const text = texts.find((t) => t.file === file);
    const name = text ? nameOf(text.text) : undefined;
    failed.set(file, { file, source: file === '-' ? '-' : source(file), ...(name !== undefined && { name }), errors: ds.filter(env.failing).length, because });
    failedDiagnostics.push(...ds);
  };
  const byFile = (ds: readonly Diagnostic[]) => {
    const m = new Map<string, Diagnostic[]>();
    for (const d of ds) if (d.file !== undefined) (m.get(d.file) ?? m.set(d.file, []).get(d.file)!).push(d);
    return m;
  };
  if (read.items.some((d) => env.failing(d) && d.file === undefined)) return { entries: [], diagnostics: sortDiagnostics(read.items), files: allFiles, failed: [], fatal: true };
  const readByFile = byFile(read.items);
  for (const [file, ds] of readByFile) if (ds.some(env.failing)) fail(file, ds);
  const unfiled = read.items.filter((d) => d.file === undefined);

  for (let round = 0; ; round++) {
    const remaining = texts.filter((t) => !failed.has(t.file));
    const result = compileWith(remaining, options, env.cwd, source);
    const fatal = result.diagnostics.some((d) => env.failing(d) && d.file === undefined);
    if (fatal) return { entries: [], diagnostics: sortDiagnostics([...read.items, ...result.diagnostics]), files: allFiles, failed: [...failed.values()], fatal: true };
    const ds = byFile(result.diagnostics);
    const newlyFailed = [...ds].filter(([, list]) => list.some(env.failing));
    const earlier = [...failed.keys()];
    for (const [file, list] of newlyFailed) fail(file, list, round > 0 ? earlier : []);
    // A task definition built on its own whose service failed belongs to that failed service.
    const orphans = newlyFailed.length === 0 ? tiedToFailed(result.entries, texts, failed, source, env.previousGroups ?? []) : [];
    for (const file of orphans)
      fail(
        file,
        ds.get(file) ?? [],
        [...failed.keys()].filter((f) => f !== file),
      );
    if (newlyFailed.length > 0 || orphans.length > 0) continue;
    const kept = [...ds].filter(([file]) => !failed.has(file)).flatMap(([, list]) => list);
    const loose = result.diagnostics.filter((d) => d.file === undefined);
    const diagnostics = [...unfiled, ...[...readByFile].filter(([f]) => !failed.has(f)).flatMap(([, l]) => l), ...kept, ...loose, ...failedDiagnostics];
    return {
      entries: result.entries,
      diagnostics: sortDiagnostics(dedupe(diagnostics)),
      files: allFiles,
      failed: [...failed.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      fatal: false,
    };
  }
}

function compileWith(texts: readonly InputText[], options: Options, cwd: string, source: SourceNamer) {
  if (texts.length === 0) return { entries: [], diagnostics: [] as Diagnostic[] };
  return compileTexts(texts, options, { cwd, source });
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = JSON.stringify([d.code, d.severity, d.file, d.line, d.column, d.pointer, d.message]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Input files (still in) whose workloads belong with a failed one: a task definition of a family
 * that a failed service names, or a file that an earlier bundle built together with a failed file.
 */
function tiedToFailed(entries: readonly BundleEntry[], texts: readonly InputText[], failed: Map<string, FailedInput>, source: SourceNamer, previous: readonly (readonly string[])[]): string[] {
  const families = new Set<string>();
  for (const f of failed.values()) {
    const text = texts.find((t) => t.file === f.file);
    for (const ref of text ? taskDefinitionRefs(text.text) : []) families.add(dnsLabel(parseTaskDefinitionRef(ref).family));
  }
  const failedSources = new Set([...failed.values()].map((f) => f.source));
  const tiedSources = new Set<string>();
  for (const group of previous) if (group.some((s) => failedSources.has(s))) for (const s of group) if (!failedSources.has(s)) tiedSources.add(s);
  const out = new Set<string>();
  for (const { object } of entries) {
    const sources = object.metadata.annotations?.['ecs2k8s.io/source']?.split(', ') ?? [];
    if (sources.length !== 1) continue; // a task definition with its service: it built whole
    const family = object.metadata.labels?.['app.kubernetes.io/name'];
    if ((family !== undefined && families.has(family)) || tiedSources.has(sources[0]!)) {
      const t = texts.find((x) => !failed.has(x.file) && source(x.file) === sources[0]);
      if (t) out.add(t.file);
    }
  }
  return [...out].sort();
}

/** The `taskDefinition` members of the services in a text that may not even be valid JSON. */
function taskDefinitionRefs(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [...text.matchAll(/"taskDefinition"\s*:\s*"([^"\\]{1,512})"/g)].map((m) => m[1]!);
  }
  const out: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 4 || typeof v !== 'object' || v === null) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o['taskDefinition'] === 'string') out.push(o['taskDefinition']);
    for (const k of ['services', 'service', 'taskDefinition']) if (typeof o[k] === 'object') visit(o[k], depth + 1);
  };
  visit(value, 0);
  return out;
}

/** The service name, else the family, that a text holds, to name a failed input by. */
function nameOf(text: string): string | undefined {
  const m = /"serviceName"\s*:\s*"([^"\\]{1,255})"/.exec(text) ?? /"family"\s*:\s*"([^"\\]{1,255})"/.exec(text);
  return m?.[1];
}
