/**
 * The one writer: puts a bundle into an output folder safely.
 *
 * - Never writes outside outDir and never follows a symbolic link in it: a link at outDir, on the
 *   way to a bundle path, or at one, is refused (output-symlink) before anything is written.
 * - Removes files an earlier run generated (per `.ecs2k8s-manifest.json`, and only while they
 *   still hold what it wrote) that the bundle no longer has; never touches any other file.
 * - Write aside, then swap: new and changed files go to `.ecs2k8s-staging-<id>/`, a journal
 *   records the swap, then each file is renamed into place, stale files are removed, the
 *   manifest is replaced, and staging and journal are deleted. A killed build is finished by the
 *   next one; a build that fails before the swap leaves the previous bundle untouched.
 * - Nothing is fsynced. A kill (SIGKILL, Ctrl-C, a cancelled CI job, the OOM killer) loses nothing
 *   the kernel's page cache holds, so the journal is all the protection a kill needs. A power cut
 *   is another matter: it can lose the last build, and the next build rewrites whatever differs
 *   from the manifest (docs/reliability.md). The bundle is generated from files in the repository,
 *   so nothing is lost that a build cannot make again; the import writer, whose input is a live
 *   account, does fsync.
 * - An empty output folder (a first build: nothing in it but the lock) has no bundle to protect:
 *   the files are written in place, the manifest first, then the objects, the namespaces'
 *   kustomizations and the root kustomization last. A build killed half way leaves part of a
 *   bundle that `kubectl apply -k` refuses (no root kustomization yet); the next build finds it
 *   in the manifest, keeps what is right, rewrites the rest and removes what it no longer has,
 *   as after any build. A build that fails half way takes back what it wrote.
 * - Unchanged files are not rewritten (their mtime is kept).
 * - One build at a time per folder (`.ecs2k8s.lock`); others wait up to lockTimeoutMs.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import {
  errnoOf,
  ioError,
  lstatOrUndefined,
  makeParents,
  removeTree,
  rmdirIfEmpty,
  symlinkError,
  atomicWrite,
  unlinkIfExists,
  writeNewFile,
  mapLimit,
  IO_CONCURRENCY,
  uniqueSuffix,
} from './fsutil.js';
import { completeJournal, recover, STAGING_PREFIX, writeJournal, type Journal } from './journal.js';
import { acquireLock, LOCK_FILE } from './lock.js';
import { MANIFEST_FILE, manifestOf, serialiseManifest } from './manifest.js';
import { KUSTOMIZATION } from './layout.js';
import { ancestors, planBundle } from './plan.js';
import { assertSafePath } from './paths.js';
import { compareStrings } from './serialize.js';
import type { BundleFiles, WriteResult } from './types.js';

export interface WriteOptions {
  /** How long to wait for another build writing to the same folder, in milliseconds. Default 30000. */
  lockTimeoutMs?: number;
}

/** Makes sure root is a real folder (creating it and its parents if missing). */
async function prepareRoot(root: string): Promise<void> {
  const st = await lstatOrUndefined(root);
  if (st?.isSymbolicLink()) throw symlinkError(root);
  if (st?.isDirectory()) return;
  if (st) throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), root, 'use output folder');
  await mkdirs(root);
}

/**
 * mkdir -p, one level at a time (fs.mkdir's recursive mode can spin forever on some special
 * file systems, e.g. under /proc).
 */
async function mkdirs(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = dir;
  while ((await lstatOrUndefined(d)) === undefined) {
    missing.push(d);
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw ioError(err, m, 'create output folder');
    }
  }
}

/** Renames go in this order: object files, then namespace kustomizations, then the root one. */
function renameRank(rel: string): number {
  if (rel === KUSTOMIZATION) return 2;
  return path.posix.basename(rel) === KUSTOMIZATION ? 1 : 0;
}

/** Whether root holds nothing but this build's lock. */
function onlyTheLock(root: string): boolean {
  try {
    const names = readdirSync(root);
    return names.length === 1 && names[0] === LOCK_FILE;
  } catch (err) {
    throw ioError(err, root, 'list');
  }
}

/** The files written straight into an empty root (see the top of this file), the manifest first. */
async function writeInPlace(root: string, files: BundleFiles): Promise<WriteResult> {
  const paths = [...files.keys()].sort(compareStrings);
  const manifest = path.join(root, MANIFEST_FILE);
  const made = new Set<string>();
  const written: string[] = [];
  try {
    await atomicWrite(manifest, serialiseManifest(manifestOf(files)));
    for (const p of [...paths].sort((a, b) => renameRank(a) - renameRank(b))) {
      const dir = path.posix.dirname(p);
      if (dir !== '.' && !made.has(dir)) {
        await makeParents(root, p);
        made.add(dir);
      }
      await writeNewFile(path.join(root, p), files.get(p) as string);
      written.push(p);
    }
  } catch (err) {
    // Nothing was here before this build: take back what it wrote, folders deepest first.
    for (const p of written) await unlinkIfExists(path.join(root, p)).catch(() => undefined);
    const folders = new Set(paths.flatMap(ancestors));
    for (const d of [...folders].sort((a, b) => b.length - a.length)) await rmdirIfEmpty(path.join(root, d)).catch(() => undefined);
    await unlinkIfExists(manifest).catch(() => undefined);
    throw err;
  }
  return { written: paths, removed: [], unchanged: [] };
}

/**
 * Writes files (relative POSIX path → content) into outDir.
 * @throws BundleWriteError output-symlink | output-io | output-locked (the CLI exits 3);
 *   UnsafeBundlePath for a path that is not safe (a guard; nothing is written).
 */
export async function writeBundle(outDir: string, files: BundleFiles, options: WriteOptions = {}): Promise<WriteResult> {
  for (const p of files.keys()) assertSafePath(p);
  const root = path.resolve(outDir);
  await prepareRoot(root);
  const release = await acquireLock(root, { timeoutMs: options.lockTimeoutMs });
  try {
    if (onlyTheLock(root)) return await writeInPlace(root, files);
    await recover(root);
    const plan = await planBundle(root, files);
    const result: WriteResult = {
      written: plan.files.filter((f) => f.status !== 'same').map((f) => f.path),
      removed: plan.removals.map((r) => r.path),
      unchanged: plan.files.filter((f) => f.status === 'same').map((f) => f.path),
    };
    if (result.written.length === 0 && result.removed.length === 0) {
      if (plan.manifestChanged) await atomicWrite(path.join(root, MANIFEST_FILE), plan.manifest);
      return result;
    }

    // Write aside.
    const stagingName = `${STAGING_PREFIX}${process.pid}-${uniqueSuffix()}`;
    const staging = path.join(root, stagingName);
    const toWrite = plan.files.filter((f) => f.status !== 'same').sort((a, b) => renameRank(a.path) - renameRank(b.path));
    const journal: Journal = {
      format: 'ecs2k8s-journal',
      version: 1,
      staging: stagingName,
      renames: toWrite.map((f, i) => ({ from: `f${i}`, to: f.path })),
      removals: result.removed,
      dirs: plan.dirs,
      manifest: plan.manifest,
    };
    try {
      try {
        mkdirSync(staging);
      } catch (err) {
        throw ioError(err, staging, 'create staging folder');
      }
      await mapLimit(toWrite, IO_CONCURRENCY, (f, i) => writeNewFile(path.join(staging, `f${i}`), f.content));
      await writeJournal(root, journal);
    } catch (err) {
      // Nothing has been swapped: the previous bundle is whole. Clean up what we can.
      await removeTree(staging).catch(() => undefined);
      throw err;
    }

    // Swap. If this fails or the process dies, the journal lets the next build finish it.
    await completeJournal(root, journal);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}
