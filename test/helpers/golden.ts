/**
 * The golden build cases of fixtures/golden/<case>/ (see fixtures/golden/README.md):
 *
 * - inputs: every `*.json` file at the top of the case folder except `args.json`, in sorted order;
 * - `args.json` (optional): extra CLI arguments, paths relative to the case folder;
 * - `expected/`: the bundle exactly as `build --out` writes it, except `.ecs2k8s-manifest.json`: the
 *   manifest only records the sha256 of the other files, which the tests recompute from the build;
 * - `expected-diagnostics.txt`: the exact stderr of `build --verbose`, paths relative to the case folder;
 * - `expected-exit.txt` (optional): the exit code when it is not 0 (then no bundle is written);
 * - `todo.txt` (optional): the case shows a known bug; its first line says which. Such a case has
 *   no expected files and is reported as a todo until the bug is fixed and the case regenerated.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join, relative, sep } from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export interface GoldenCase {
  name: string;
  dir: string;
  inputs: string[];
  args: string[];
  /** The reason when the case documents a bug that is not fixed yet. */
  todo?: string;
  exitCode: number;
}

export function listCases(root: string): GoldenCase[] {
  return readdirSync(root)
    .filter((d) => statSync(join(root, d)).isDirectory())
    .sort()
    .map((name) => loadCase(join(root, name), name));
}

function loadCase(dir: string, name: string): GoldenCase {
  const inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'args.json' && statSync(join(dir, f)).isFile())
    .sort();
  const argsFile = join(dir, 'args.json');
  const args = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
  const todoFile = join(dir, 'todo.txt');
  const todo = existsSync(todoFile) ? readFileSync(todoFile, 'utf8').split('\n')[0]!.trim() : undefined;
  const exitFile = join(dir, 'expected-exit.txt');
  const exitCode = existsSync(exitFile) ? Number(readFileSync(exitFile, 'utf8').trim()) : 0;
  return { name, dir, inputs, args, exitCode, ...(todo !== undefined && { todo }) };
}

export interface BuildRun {
  code: number;
  stdout: string;
  /** stderr with the case folder's absolute prefix removed, so paths read relative to it. */
  stderr: string;
}

/**
 * Builds a case in-process with io.cwd = the case folder.
 *
 * The inputs are passed as absolute paths (and the prefix is stripped from stderr): today the
 * build reads relative input paths against process.cwd(), not io.cwd (src/load/inputs.ts
 * readInputs), and process.chdir is not available in vitest workers. The project file (--config)
 * and the source annotations already use io.cwd, so they see the case folder as the user would.
 */
export async function buildCase(c: GoldenCase, outDir: string): Promise<BuildRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false },
    stdin: Readable.from([]),
    env: {},
    cwd: c.dir,
  };
  const argv = ['build', ...c.inputs.map((f) => join(c.dir, f)), '--out', outDir, '--verbose', ...c.args];
  const code = await run(argv, io);
  return { code, stdout, stderr: stderr.split(c.dir + sep).join('') };
}

/** Every file under dir (dotfiles included), as sorted relative paths with `/`. */
/** The bundle's manifest (src/bundle/manifest.ts): not kept in expected/ folders. */
export const MANIFEST = '.ecs2k8s-manifest.json';

/** The files of a built bundle that an expected/ folder holds: all but the manifest. */
export function bundleFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => f !== MANIFEST);
}

/** Checks that the manifest of a built bundle lists every other file with the sha256 of what was written. */
export function manifestProblems(dir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as { files: { path: string; sha256: string }[] };
  const want = bundleFiles(dir).map((path) => ({
    path,
    sha256: createHash('sha256')
      .update(readFileSync(join(dir, path)))
      .digest('hex'),
  }));
  return JSON.stringify(manifest.files) === JSON.stringify(want) ? [] : [`${MANIFEST} lists ${JSON.stringify(manifest.files)}, the bundle has ${JSON.stringify(want)}`];
}

export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

/** Replaces the case's expected files with what the build produced (UPDATE_GOLDEN=1). Review them afterwards. */
export function updateExpected(c: GoldenCase, outDir: string, r: BuildRun): void {
  const expected = join(c.dir, 'expected');
  rmSync(expected, { recursive: true, force: true });
  if (r.code === 0) {
    mkdirSync(expected, { recursive: true });
    cpSync(outDir, expected, { recursive: true });
    rmSync(join(expected, MANIFEST), { force: true });
  }
  writeFileSync(join(c.dir, 'expected-diagnostics.txt'), r.stderr);
}
