/**
 * File-system helpers for the writer and the checker: error mapping, symlink-refusing path walks,
 * atomic small-file writes. Every path given to them is absolute and inside the output directory.
 */
// The helpers stay async for their callers, but the per-file calls inside are synchronous: on
// the file systems measured (ext4, overlay), a sequence of synchronous opens, writes and renames
// beats the same calls sent through libuv's thread pool, by about two to one for thousands of
// small files.
import { closeSync, constants, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import * as path from 'node:path';
import { BundleWriteError } from './errors.js';

/** Open flags for reading a file without following a symbolic link (where the OS has one). */
export const READ_NOFOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

export function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied; is the output folder writable?',
  EPERM: 'operation not permitted; is the output folder writable?',
  EROFS: 'read-only file system',
  ENOTDIR: 'a file is in the way where a folder is needed',
  EISDIR: 'a folder is in the way where a file is needed',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EXDEV: 'the output folder spans file systems',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'symbolic link',
};

/** An fs failure as output-io (or output-symlink for ELOOP from O_NOFOLLOW), naming path and errno. */
export function ioError(err: unknown, p: string, action: string): BundleWriteError {
  if (err instanceof BundleWriteError) return err;
  const code = errnoOf(err);
  if (code === 'ELOOP') return symlinkError(p);
  const detail = code ? `${code}: ${ERRNO_TEXT[code] ?? (err as Error).message}` : String((err as Error)?.message ?? err);
  return new BundleWriteError('output-io', `cannot ${action} ${p} (${detail})`, p, code);
}

export function symlinkError(p: string): BundleWriteError {
  return new BundleWriteError('output-symlink', `refusing to use ${p}: it is a symbolic link, and ecs2k8s never writes through a symbolic link`, p);
}

export async function lstatOrUndefined(p: string): Promise<Stats | undefined> {
  try {
    return lstatSync(p);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    throw ioError(err, p, 'inspect');
  }
}

/**
 * Walks rel (a safe relative POSIX path) under root without following links: every existing
 * ancestor must be a real directory and the target, if it exists, must not be a symbolic link.
 * Returns the target's stats, or undefined when it (or an ancestor) does not exist.
 * dirCache remembers directories already walked ('dir' or 'missing').
 */
export async function walk(root: string, rel: string, dirCache: Map<string, 'dir' | 'missing'>): Promise<Stats | undefined> {
  const segs = rel.split('/');
  for (let i = 1; i < segs.length; i++) {
    const dir = segs.slice(0, i).join('/');
    let state = dirCache.get(dir);
    if (state === undefined) {
      const abs = path.join(root, dir);
      const st = await lstatOrUndefined(abs);
      if (st?.isSymbolicLink()) throw symlinkError(abs);
      if (st && !st.isDirectory()) throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), abs, 'use folder');
      state = st ? 'dir' : 'missing';
      dirCache.set(dir, state);
    }
    if (state === 'missing') return undefined;
  }
  const abs = path.join(root, rel);
  const st = await lstatOrUndefined(abs);
  if (st?.isSymbolicLink()) throw symlinkError(abs);
  return st;
}

/** How many file operations run at once: enough to overlap the disk's latency, few enough for the fd limit. */
export const IO_CONCURRENCY = 16;

/** Maps items through fn with at most `limit` calls in flight; results keep the items' order; the first error wins. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  // Wait for every worker to settle, so that no operation is still running when the caller cleans up.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

/** Reads a file that walk() found, refusing symbolic links. */
export async function readNoFollow(p: string): Promise<string> {
  try {
    const fd = openSync(p, READ_NOFOLLOW);
    try {
      return readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    throw ioError(err, p, 'read');
  }
}

/** Creates the folders of rel's parents under root, one level at a time, refusing links. */
export async function makeParents(root: string, rel: string): Promise<void> {
  const segs = rel.split('/');
  for (let i = 1; i < segs.length; i++) {
    const abs = path.join(root, ...segs.slice(0, i));
    try {
      mkdirSync(abs);
    } catch (err) {
      if (errnoOf(err) !== 'EEXIST') throw ioError(err, abs, 'create folder');
      const st = await lstatOrUndefined(abs);
      if (st?.isSymbolicLink()) throw symlinkError(abs);
      if (!st?.isDirectory()) throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), abs, 'use folder');
    }
  }
}

/**
 * Writes a new file (must not exist), without fsync: the bundle writer's choice (src/bundle/write.ts
 * says why; syncing each file cost more than half of a large build's time).
 */
export async function writeNewFile(p: string, content: string): Promise<void> {
  try {
    writeFileSync(p, content, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
  } catch (err) {
    throw ioError(err, p, 'write');
  }
}

/** Writes a new file (must not exist) and fsyncs it before it is renamed into place: what `import` writes. */
export async function writeNewFileSynced(p: string, content: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'wx', 0o644);
    writeFileSync(fd, content, 'utf8');
    fsyncSync(fd);
  } catch (err) {
    throw ioError(err, p, 'write');
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Best-effort fsync of a directory, so renames into it survive a crash (not possible everywhere). */
export async function syncDir(p: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    fsyncSync(fd);
  } catch {
    // some platforms cannot fsync a directory
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // nothing to keep
      }
    }
  }
}

/** Writes p atomically: a temporary sibling renamed over p (never through a link). */
export async function atomicWrite(p: string, content: string): Promise<void> {
  const tmp = `${p}.tmp`;
  await unlinkIfExists(tmp);
  await writeNewFile(tmp, content);
  try {
    renameSync(tmp, p);
  } catch (err) {
    throw ioError(err, p, 'replace');
  }
}

export async function unlinkIfExists(p: string): Promise<void> {
  try {
    unlinkSync(p);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw ioError(err, p, 'remove');
  }
}

/** Removes an empty folder; a folder that is not empty or is gone is left as it is. */
export async function rmdirIfEmpty(p: string): Promise<void> {
  try {
    rmdirSync(p);
  } catch (err) {
    const code = errnoOf(err);
    if (code !== 'ENOENT' && code !== 'ENOTEMPTY' && code !== 'EEXIST') throw ioError(err, p, 'remove folder');
  }
}

/** Removes a staging folder of ours (a link in its place is removed, never followed). */
export async function removeTree(p: string): Promise<void> {
  const st = await lstatOrUndefined(p);
  if (!st) return;
  try {
    if (!st.isDirectory()) unlinkSync(p);
    else {
      // A staging folder holds files only: remove them one by one, and anything else the slow way.
      const entries = readdirSync(p, { withFileTypes: true });
      if (entries.some((e) => e.isDirectory())) rmSync(p, { recursive: true, force: true });
      else {
        for (const e of entries) unlinkSync(path.join(p, e.name));
        rmdirSync(p);
      }
    }
  } catch (err) {
    throw ioError(err, p, 'remove');
  }
}

let suffixes = 0;

/**
 * A name part that no other run uses at the same time (the time, a counter, random letters):
 * with the pid beside it, it tells staging folders and lock owners apart. It guards no secret,
 * so Math.random serves; node:crypto would cost a short build a twentieth of its start-up.
 */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${(++suffixes).toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
