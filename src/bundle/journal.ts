/**
 * `.ecs2k8s-journal.json`: the swap a build is about to make, written (atomically) after every new
 * file sits in the staging folder and before the first rename (nothing is fsynced: ./write.ts
 * says why). Completing a journal is idempotent, so a build killed half way is finished by the
 * next one (roll forward).
 *
 * ```json
 * { "format": "ecs2k8s-journal", "version": 1, "staging": ".ecs2k8s-staging-<id>",
 *   "renames": [{ "from": "f0", "to": "ns/deployment-web.yaml" }],
 *   "removals": ["ns/service-old.yaml"], "dirs": ["old-ns"], "manifest": "<text>" }
 * ```
 * `from` is a file in the staging folder, `to` and `removals` are bundle paths, `dirs` folders to
 * remove when empty, `manifest` (optional) the manifest to write once the swap is done.
 */
import { readdirSync, renameSync } from 'node:fs';
import * as path from 'node:path';
import { BundleWriteError } from './errors.js';
import { atomicWrite, errnoOf, ioError, lstatOrUndefined, makeParents, readNoFollow, removeTree, rmdirIfEmpty, symlinkError, unlinkIfExists, walk, mapLimit, IO_CONCURRENCY } from './fsutil.js';
import { MANIFEST_FILE } from './manifest.js';
import { assertSafePath } from './paths.js';

export const JOURNAL_FILE = '.ecs2k8s-journal.json';
export const STAGING_PREFIX = '.ecs2k8s-staging-';
const STAGING_NAME = /^\.ecs2k8s-staging-[A-Za-z0-9-]+$/;
const STAGED_FILE = /^[A-Za-z0-9]+$/;

export interface Journal {
  format: 'ecs2k8s-journal';
  version: 1;
  staging: string;
  renames: { from: string; to: string }[];
  removals: string[];
  dirs: string[];
  manifest?: string;
}

function corrupt(p: string, why: string): BundleWriteError {
  return new BundleWriteError('output-io', `cannot finish the interrupted build recorded in ${p}: ${why}; inspect the output folder and delete the journal`, p);
}

/** Parses and checks a journal; every path in it must be safe. */
export function parseJournal(text: string, p: string): Journal {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw corrupt(p, 'it is not JSON');
  }
  const j = data as Partial<Journal> | null;
  if (!j || typeof j !== 'object' || j.version !== 1) throw corrupt(p, 'unknown journal version');
  if (typeof j.staging !== 'string' || !STAGING_NAME.test(j.staging)) throw corrupt(p, 'bad staging folder name');
  if (!Array.isArray(j.renames) || !Array.isArray(j.removals ?? [])) throw corrupt(p, 'bad renames or removals');
  const safe = (rel: unknown): string => {
    if (typeof rel !== 'string') throw corrupt(p, 'a path is not a string');
    try {
      assertSafePath(rel);
    } catch {
      throw corrupt(p, `unsafe path ${JSON.stringify(rel)}`);
    }
    return rel;
  };
  const renames = j.renames.map((r: unknown) => {
    const { from, to } = (r ?? {}) as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || !STAGED_FILE.test(from)) throw corrupt(p, 'bad staged file name');
    return { from, to: safe(to) };
  });
  const removals = (j.removals ?? []).map(safe);
  const dirs = (Array.isArray(j.dirs) ? j.dirs : []).map(safe);
  if (j.manifest !== undefined && typeof j.manifest !== 'string') throw corrupt(p, 'bad manifest');
  return { format: 'ecs2k8s-journal', version: 1, staging: j.staging, renames, removals, dirs, manifest: j.manifest };
}

/**
 * Carries out a journal: renames staged files into place (skipping those already moved), removes
 * stale files and empty folders, writes the manifest, removes the staging folder and the journal.
 */
export async function completeJournal(root: string, journal: Journal): Promise<void> {
  const staging = path.join(root, journal.staging);
  const stagingStat = await lstatOrUndefined(staging);
  if (stagingStat?.isSymbolicLink()) throw symlinkError(staging);
  // Parent folders first, each once (refusing links on the way), then the renames in parallel.
  const parents = [...new Set(journal.renames.map(({ to }) => path.posix.dirname(to)).filter((d) => d !== '.'))].sort();
  for (const dir of parents) await makeParents(root, `${dir}/x`);
  const dirCache = new Map<string, 'dir' | 'missing'>();
  // Every folder on the way was checked above; a link at a target was refused when the swap was
  // planned, and rename() replaces a link at its destination rather than following it.
  if (stagingStat) {
    await mapLimit(journal.renames, IO_CONCURRENCY, async ({ from, to }) => {
      const src = path.join(staging, from);
      const dst = path.join(root, to);
      try {
        renameSync(src, dst);
      } catch (err) {
        if (errnoOf(err) === 'ENOENT') return; // moved already (a swap finished by a later run)
        throw ioError(err, dst, 'replace');
      }
    });
  }
  for (const rel of journal.removals) {
    const st = await walk(root, rel, dirCache);
    if (st?.isFile()) await unlinkIfExists(path.join(root, rel));
  }
  for (const rel of journal.dirs) {
    const st = await walk(root, rel, dirCache);
    if (st?.isDirectory()) await rmdirIfEmpty(path.join(root, rel));
  }
  if (journal.manifest !== undefined) await atomicWrite(path.join(root, MANIFEST_FILE), journal.manifest);
  await removeTree(staging);
  await unlinkIfExists(path.join(root, JOURNAL_FILE));
}

/**
 * Finishes a swap that an earlier build left half done, then deletes staging folders without a
 * journal (a build that died before its swap began: the previous bundle is still whole).
 */
export async function recover(root: string): Promise<void> {
  const journalPath = path.join(root, JOURNAL_FILE);
  const st = await lstatOrUndefined(journalPath);
  if (st?.isSymbolicLink()) throw symlinkError(journalPath);
  if (st) await completeJournal(root, parseJournal(await readNoFollow(journalPath), journalPath));
  let names: string[];
  try {
    names = readdirSync(root);
  } catch (err) {
    throw ioError(err, root, 'list');
  }
  for (const name of names) {
    if (name.startsWith(STAGING_PREFIX)) await removeTree(path.join(root, name));
  }
  // temporaries of an interrupted atomic write
  for (const name of [`${JOURNAL_FILE}.tmp`, `${MANIFEST_FILE}.tmp`]) {
    if (names.includes(name)) await unlinkIfExists(path.join(root, name));
  }
}

/** Writes the journal atomically. */
export async function writeJournal(root: string, journal: Journal): Promise<void> {
  await atomicWrite(path.join(root, JOURNAL_FILE), JSON.stringify(journal, null, 2) + '\n');
}
