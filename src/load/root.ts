/**
 * The project root: what the `ecs2k8s.io/source` annotations are relative to, so that a bundle
 * does not depend on where the command ran, nor on where the checkout lies. For each input file:
 * the project file's folder when a project file is used (the caller passes it); else the
 * repository root of the file (the nearest folder at or above it that holds `.git`: a folder,
 * or a file in a worktree or submodule); else the common folder of the inputs that lie in no
 * repository. Standard input (`-`) is `-`.
 */
import { lstatSync } from 'node:fs';
import { dirname, join, parse, relative, resolve, sep } from 'node:path';

/** The nearest folder at or above `dir` (absolute) that holds `.git`, a folder or a file; undefined when none does. */
export async function repositoryRoot(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    if (await exists(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** How a file (as given, relative to `cwd`) is named in `ecs2k8s.io/source`. */
export type SourceNamer = (file: string) => string;

/** The namer for `files` (the inputs read): by `projectRoot` when given, else as the module comment says. */
export async function sourceNamer(files: readonly string[], cwd: string, projectRoot?: string): Promise<SourceNamer> {
  if (projectRoot !== undefined) return (f) => sourcePath(f, cwd, projectRoot);
  const byDir = new Map<string, Promise<string | undefined>>();
  const roots = new Map<string, string | undefined>();
  for (const f of files) {
    if (f === '-') continue;
    const dir = dirname(resolve(cwd, f));
    if (!byDir.has(dir)) byDir.set(dir, repositoryRoot(dir));
    roots.set(f, await byDir.get(dir));
  }
  const loose = [...roots].filter(([, r]) => r === undefined).map(([f]) => dirname(resolve(cwd, f)));
  const common = loose.length > 0 ? loose.reduce(commonFolder) : cwd;
  return (f) => sourcePath(f, cwd, roots.get(f) ?? common);
}

function commonFolder(a: string, b: string): string {
  const x = a.split(sep);
  const y = b.split(sep);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(sep) || parse(a).root;
}

async function exists(p: string): Promise<boolean> {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** `file` (as given, relative to `cwd`) relative to `root`, with `/`; `-` stays `-`. */
export function sourcePath(file: string, cwd: string, root: string): string {
  if (file === '-') return '-';
  const rel = relative(root, resolve(cwd, file));
  return (rel === '' ? file : rel).split(sep).join('/');
}
