/**
 * Helpers for the `build` tests (test/build*.test.ts): the CLI in-process with a chosen working
 * directory, `--report json` read from a report file (so that the bundle summary on stdout does
 * not get in the way), folder snapshots, the objects of a bundle, and ECS inputs made from a
 * corpus file.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { afterAll } from 'vitest';
import { corpusDir, repoRoot, type CliResult, type JsonReport, type RunOptions } from './cli.js';
import { makeTempDir } from './files.js';

export const taskdefsDir = join(corpusDir, 'taskdefs');
export const servicesDir = join(corpusDir, 'services');
export const exampleDir = join(repoRoot, 'examples', 'web-app');
export const fixturesDir = join(repoRoot, 'fixtures', 'build');

/** The task definition files of a corpus (default: fixtures/corpus), sorted. */
export function corpusTaskdefs(dir = taskdefsDir): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    .sort();
}

/** `run(argv, io)` in this process, like runCli, but with a working directory of the test's choice. */
export async function runIn(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty === true;
  const io: CliIO = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: tty },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: tty },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { ...options.env },
    cwd: options.cwd ?? repoRoot,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** `build … --report json --report-file F`, with the report parsed. */
export async function buildJson(argv: readonly string[], reportFile: string, options: RunOptions = {}): Promise<CliResult & { report: JsonReport }> {
  const r = await runIn(['build', ...argv, '--report', 'json', '--report-file', reportFile], options);
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
  } catch {
    throw new Error(`no JSON report in ${reportFile} (exit ${r.code}).\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 4000)}`);
  }
  return { ...r, report };
}

/** Every file under dir (hidden ones too), relative POSIX path → bytes. Throws on a symbolic link. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) throw new Error(`symbolic link in the bundle: ${p}`);
      if (st.isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Every path under dir (folders too), absolute. */
export function allPaths(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      out.push(p);
      if (lstatSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Snapshots as plain text, for readable diffs when two trees differ. */
export function asText(tree: Map<string, Buffer>): Record<string, string> {
  return Object.fromEntries([...tree].map(([p, b]) => [p, b.toString('utf8')]));
}

export interface BundleObject {
  /** relative path of the file it came from */
  path: string;
  object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; [k: string]: unknown };
}

/** The object files of a bundle (every .yaml/.json but kustomization.yaml and hidden files), parsed. */
export function bundleObjects(outDir: string): BundleObject[] {
  const out: BundleObject[] = [];
  for (const [path, bytes] of snapshot(outDir)) {
    const base = path.split('/').pop()!;
    if (base.startsWith('.') || base === 'kustomization.yaml') continue;
    const text = bytes.toString('utf8');
    const object = (path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as BundleObject['object'];
    out.push({ path, object });
  }
  return out;
}

/** `Kind/namespace/name` of an object, for comparing sets. */
export const objectKey = (o: BundleObject['object']): string => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** Reads a corpus task definition (unwrapping a DescribeTaskDefinition response); default folder: fixtures/corpus/taskdefs. */
export function corpusTaskdef(name: string, dir = taskdefsDir): Record<string, unknown> {
  const data = JSON.parse(readFileSync(join(dir, name), 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  return (data['taskDefinition'] as Record<string, unknown> | undefined) ?? data;
}

/** Writes JSON (2-space indented) to dir/name, creating dir; returns the absolute path. */
export function writeJson(dir: string, name: string, value: unknown): string {
  mkdirSync(dir, { recursive: true });
  const p = resolve(dir, name);
  writeFileSync(p, JSON.stringify(value, null, 2) + '\n');
  return p;
}

/** The sanitised family names of the corpus task definitions, grouped so that no group holds two equal ones. */
export function collisionFreeGroups(files: readonly string[], key: (file: string) => string): string[][] {
  const groups: { keys: Set<string>; files: string[] }[] = [];
  for (const f of files) {
    const k = key(f);
    let g = groups.find((x) => !x.keys.has(k));
    if (!g) groups.push((g = { keys: new Set(), files: [] }));
    g.keys.add(k);
    g.files.push(f);
  }
  return groups.map((g) => g.files);
}

/** Deterministic Fisher–Yates shuffle (mulberry32), so that a failing order can be reproduced. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rand = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * A temporary folder for a test file (removed after its tests) and a function that makes a fresh
 * case folder in it for each test: `{ dir, out, report }`.
 */
export function caseFolders(prefix: string): () => { dir: string; out: string; report: string } {
  const tmp = makeTempDir(prefix);
  afterAll(() => tmp.remove());
  let seq = 0;
  return () => {
    const dir = tmp.path(`case-${++seq}`);
    mkdirSync(dir, { recursive: true });
    return { dir, out: join(dir, 'out'), report: join(dir, 'report.json') };
  };
}
