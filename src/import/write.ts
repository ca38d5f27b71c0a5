/**
 * Writes the imported files into --out: a simpler sibling of the bundle writer, sharing its
 * file-system guards (src/bundle/fsutil.ts).
 *
 * Not writeBundle itself, on purpose: writeBundle leaves a `.ecs2k8s-manifest.json`, and input
 * discovery skips any folder holding one (it is a bundle, not input), so `validate DIR` and
 * `build DIR` would find nothing. The imported folder is input that people keep and edit.
 *
 * - Paths are checked against one pattern (`services|taskdefs/<safe stem>.json`) before anything
 *   is written; nothing is written through a symbolic link (--out, the two folders, the files).
 * - Each file is written aside (`.<name>.<pid>-<random>.tmp`, fsynced) and renamed into place, so
 *   a reader sees the old file or the new one, never half of one. Unchanged files are not
 *   rewritten (their mtime is kept).
 * - Nothing is ever deleted: files of services that are gone are reported, not removed.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { BundleWriteError } from '../bundle/errors.js';
import { errnoOf, ioError, lstatOrUndefined, readNoFollow, symlinkError, syncDir, unlinkIfExists, writeNewFileSynced } from '../bundle/fsutil.js';

export const IMPORT_PATH = /^(services|taskdefs|scaling)\/[A-Za-z0-9_][A-Za-z0-9_-]{0,254}\.json$/;

export interface ImportWriteResult {
  written: string[];
  unchanged: string[];
}

async function ensureDir(abs: string): Promise<void> {
  const st = await lstatOrUndefined(abs);
  if (st?.isSymbolicLink()) throw symlinkError(abs);
  if (st?.isDirectory()) return;
  if (st) throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), abs, 'use folder');
  try {
    await fs.mkdir(abs, { recursive: true });
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw ioError(err, abs, 'create folder');
  }
  const again = await lstatOrUndefined(abs);
  if (again?.isSymbolicLink()) throw symlinkError(abs);
  if (!again?.isDirectory()) throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), abs, 'use folder');
}

/**
 * Writes files (relative POSIX path → content) under outDir.
 * @throws BundleWriteError output-symlink | output-io; Error for a path that is not an import path (a guard).
 */
export async function writeImported(outDir: string, files: ReadonlyMap<string, string>): Promise<ImportWriteResult> {
  const seen = new Set<string>();
  for (const p of files.keys()) {
    if (!IMPORT_PATH.test(p)) throw new Error(`unsafe import path ${JSON.stringify(p)}`);
    const folded = p.toLowerCase();
    if (seen.has(folded)) throw new Error(`two imported definitions would share the file ${JSON.stringify(p)}`);
    seen.add(folded);
  }
  const root = path.resolve(outDir);
  await ensureDir(root);
  const result: ImportWriteResult = { written: [], unchanged: [] };
  const folders = new Set<string>();
  for (const rel of [...files.keys()].sort()) {
    const folder = rel.slice(0, rel.indexOf('/'));
    if (!folders.has(folder)) {
      await ensureDir(path.join(root, folder));
      folders.add(folder);
    }
    const abs = path.join(root, ...rel.split('/'));
    const content = files.get(rel)!;
    const st = await lstatOrUndefined(abs);
    if (st?.isSymbolicLink()) throw symlinkError(abs);
    if (st && !st.isFile()) throw ioError(Object.assign(new Error('not a file'), { code: 'EISDIR' }), abs, 'replace');
    if (st && (await readNoFollow(abs)) === content) {
      result.unchanged.push(rel);
      continue;
    }
    const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeNewFileSynced(tmp, content);
      try {
        await fs.rename(tmp, abs);
      } catch (err) {
        throw ioError(err, abs, 'replace');
      }
    } catch (err) {
      await unlinkIfExists(tmp).catch(() => undefined);
      throw err instanceof BundleWriteError ? err : ioError(err, abs, 'write');
    }
    result.written.push(rel);
  }
  for (const folder of folders) await syncDir(path.join(root, folder));
  return result;
}

/** `*.json` files directly in outDir/services that this import did not write (services that are gone, or the user's own). */
export async function otherServiceFiles(outDir: string, written: ReadonlySet<string>): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(path.join(path.resolve(outDir), 'services'));
  } catch {
    return [];
  }
  return names
    .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
    .map((n) => `services/${n}`)
    .filter((p) => !written.has(p))
    .sort();
}
