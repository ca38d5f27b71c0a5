/**
 * `.ecs2k8s.lock`: one build at a time per output folder. Created exclusively ('wx') holding
 * "<pid>\n<token>\n"; a lock whose process is gone is stale and taken over. Stale locks are broken
 * under a second exclusive file (`.ecs2k8s.lock.break`) so two waiters cannot both break one
 * lock and then remove each other's fresh lock.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { BundleWriteError } from './errors.js';
import { errnoOf, ioError, lstatOrUndefined, readNoFollow, symlinkError, uniqueSuffix, unlinkIfExists } from './fsutil.js';

export const LOCK_FILE = '.ecs2k8s.lock';
const BREAK_FILE = '.ecs2k8s.lock.break';
/** A lock file without a readable pid older than this is stale (its writer died before writing). */
const UNREADABLE_STALE_MS = 5_000;
/** A break file older than this was left by a process that died while breaking a lock. */
const BREAK_STALE_MS = 10_000;

/** Locks held by this process (so a lock with our pid left by an earlier process is stale). */
const heldTokens = new Set<string>();

export interface LockOptions {
  /** How long to wait for another build to finish, in milliseconds. Default 30000. */
  timeoutMs?: number;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errnoOf(err) === 'EPERM'; // exists, owned by someone else
  }
}

function parseLock(text: string): { pid: number; token: string } | undefined {
  const m = /^(\d+)\n(\S+)\n?$/.exec(text);
  return m ? { pid: Number(m[1]), token: m[2] as string } : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether the lock text belongs to a build that is gone. */
async function isStale(text: string, lockPath: string): Promise<boolean> {
  const lock = parseLock(text);
  if (!lock) {
    const st = await lstatOrUndefined(lockPath);
    return st !== undefined && Date.now() - st.mtimeMs > UNREADABLE_STALE_MS;
  }
  if (lock.pid === process.pid) return !heldTokens.has(lock.token);
  return !isAlive(lock.pid);
}

/** Removes the lock if it still holds staleText; true when the caller should retry at once. */
async function breakStale(root: string, lockPath: string, staleText: string): Promise<boolean> {
  const breakPath = path.join(root, BREAK_FILE);
  let fd: number;
  try {
    fd = openSync(breakPath, 'wx');
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw ioError(err, breakPath, 'create');
    const st = await lstatOrUndefined(breakPath);
    if (st && Date.now() - st.mtimeMs > BREAK_STALE_MS) await unlinkIfExists(breakPath);
    return false;
  }
  try {
    closeSync(fd);
    const now = await readLock(lockPath);
    if (now === staleText) await unlinkIfExists(lockPath);
    return true;
  } finally {
    await unlinkIfExists(breakPath);
  }
}

async function readLock(lockPath: string): Promise<string | undefined> {
  const st = await lstatOrUndefined(lockPath);
  if (!st) return undefined;
  if (st.isSymbolicLink()) throw symlinkError(lockPath);
  try {
    return await readNoFollow(lockPath);
  } catch (err) {
    if (err instanceof BundleWriteError && err.errno === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Takes root's lock, waiting with backoff while another live build holds it.
 * @returns a function that releases it (only if it is still ours).
 * @throws BundleWriteError output-locked after timeoutMs; output-io / output-symlink otherwise.
 */
export async function acquireLock(root: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const lockPath = path.join(root, LOCK_FILE);
  const token = uniqueSuffix();
  const text = `${process.pid}\n${token}\n`;
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  for (;;) {
    let fd: number | undefined;
    try {
      fd = openSync(lockPath, 'wx', 0o644);
      heldTokens.add(token);
      try {
        writeSync(fd, text);
      } finally {
        closeSync(fd);
      }
      return async () => {
        heldTokens.delete(token);
        if ((await readLock(lockPath).catch(() => undefined)) === text) await unlinkIfExists(lockPath);
      };
    } catch (err) {
      if (fd !== undefined) {
        heldTokens.delete(token);
        await unlinkIfExists(lockPath).catch(() => undefined);
        throw ioError(err, lockPath, 'write');
      }
      if (errnoOf(err) !== 'EEXIST') throw ioError(err, lockPath, 'create the lock file');
    }
    const held = await readLock(lockPath);
    if (held === undefined) continue; // released meanwhile
    if ((await isStale(held, lockPath)) && (await breakStale(root, lockPath, held))) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const pid = parseLock(held)?.pid;
      throw new BundleWriteError(
        'output-locked',
        `another ecs2k8s build${pid !== undefined ? ` (pid ${pid})` : ''} is writing to ${root}; gave up waiting after ${Math.round(timeoutMs / 1000)} s (remove ${lockPath} if no build is running)`,
        lockPath,
      );
    }
    await sleep(Math.min(remaining, delay + Math.random() * delay));
    delay = Math.min(delay * 2, 500);
  }
}
