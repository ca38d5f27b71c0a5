/**
 * Compares a bundle with the output folder without writing anything: what to create, change,
 * keep and remove. Shared by writeBundle and checkBundle, so both always agree.
 */
import * as path from 'node:path';
import { symlinkError, ioError, lstatOrUndefined, readNoFollow, walk, mapLimit, IO_CONCURRENCY } from './fsutil.js';
import { manifestOf, readManifest, serialiseManifest, sha256 } from './manifest.js';
import { assertNoCaseClash, assertSafePath } from './paths.js';
import { compareStrings } from './serialize.js';
import type { BundleFiles, HandEdits } from './types.js';

export interface PlannedFile {
  path: string;
  status: 'create' | 'modify' | 'same';
  content: string;
  /** Content on disk, for 'modify' and 'same'. */
  old?: string;
}

export interface PlannedRemoval {
  path: string;
  old: string;
}

export interface Plan {
  /** Every file of the bundle, sorted by path. */
  files: PlannedFile[];
  /** Stale generated files to remove, sorted by path. */
  removals: PlannedRemoval[];
  /** Folders that may become empty (ancestors of removed files, no longer used), deepest first. */
  dirs: string[];
  /** The new manifest's text, and whether it differs from the one on disk. */
  manifest: string;
  manifestChanged: boolean;
  /** Files to change that were edited since ecs2k8s wrote them, or that it never wrote (sorted). */
  edits: HandEdits;
}

/**
 * Plans writing files into root. A missing root means every file is created.
 * @throws BundleWriteError output-symlink when root or anything on the way to a bundle path or a
 *   stale generated file is a symbolic link; output-io when it cannot be read.
 * @throws UnsafeBundlePath for a bundle path that is not safe.
 */
export async function planBundle(root: string, files: BundleFiles): Promise<Plan> {
  const plan = await planFiles(root, files);
  const manifest = serialiseManifest(manifestOf(files));
  return { ...plan, manifest, manifestChanged: manifest !== plan.oldManifestText };
}

/** A plan without the new manifest, and the text of the manifest on disk (undefined when there is none). */
export type FilePlan = Omit<Plan, 'manifest' | 'manifestChanged'> & { oldManifestText: string | undefined };

/** {@link planBundle} without the new manifest (which hashes every file): what reading before a write needs. */
export async function planFiles(root: string, files: BundleFiles): Promise<FilePlan> {
  for (const p of files.keys()) assertSafePath(p);
  assertNoCaseClash(files.keys());
  const rootStat = await lstatOrUndefined(root);
  if (rootStat?.isSymbolicLink()) throw symlinkError(root);
  if (rootStat && !rootStat.isDirectory()) {
    throw ioError(Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }), root, 'use output folder');
  }
  const paths = [...files.keys()].sort(compareStrings);
  if (!rootStat) {
    return {
      files: paths.map((p) => ({ path: p, status: 'create', content: files.get(p) as string })),
      removals: [],
      dirs: [],
      oldManifestText: undefined,
      edits: { edited: [], unowned: [], kept: [] },
    };
  }

  const dirCache = new Map<string, 'dir' | 'missing'>();
  const planned: PlannedFile[] = await mapLimit(paths, IO_CONCURRENCY, async (p): Promise<PlannedFile> => {
    const content = files.get(p) as string;
    const st = await walk(root, p, dirCache);
    if (!st) return { path: p, status: 'create', content };
    if (!st.isFile()) {
      throw ioError(Object.assign(new Error('is a directory'), { code: 'EISDIR' }), path.join(root, p), 'write');
    }
    const old = await readNoFollow(path.join(root, p));
    return { path: p, status: old === content ? 'same' : 'modify', content, old };
  });

  const { manifest: oldManifest, text: oldManifestText } = await readManifest(root);
  const removals: PlannedRemoval[] = [];
  const edits: HandEdits = { edited: [], unowned: [], kept: [] };
  for (const f of planned) {
    if (f.status !== 'modify') continue;
    const hash = oldManifest.get(f.path);
    if (hash === undefined) edits.unowned.push(f.path);
    else if (!cutShort(f.old ?? '') && sha256(f.old ?? '') !== hash) edits.edited.push(f.path);
  }
  for (const p of [...oldManifest.keys()].sort(compareStrings)) {
    if (files.has(p)) continue;
    const st = await walk(root, p, dirCache);
    if (!st?.isFile()) continue;
    const old = await readNoFollow(path.join(root, p));
    // A generated file edited since is no longer ours: leave it.
    if (cutShort(old) || sha256(old) === oldManifest.get(p)) removals.push({ path: p, old });
    else edits.kept.push(p);
  }

  // Folders of old generated files that the new bundle does not use, deepest first.
  const used = new Set<string>();
  for (const p of paths) for (const d of ancestors(p)) used.add(d);
  const dirs = new Set<string>();
  for (const p of oldManifest.keys()) for (const d of ancestors(p)) if (!used.has(d)) dirs.add(d);
  const sortedDirs = [...dirs].sort((a, b) => b.split('/').length - a.split('/').length || compareStrings(a, b));

  return { files: planned, removals, dirs: sortedDirs, oldManifestText, edits };
}

/**
 * An empty file where the manifest says what ecs2k8s wrote (a file it wrote empty has the hash
 * of "" and counts as unchanged before this is asked) is a write cut short, not an edit: a first
 * build killed between creating a file and writing it (./write.ts), or a power cut before the
 * file reached the disk. It is replaced or removed like any file of ours, without a hand-edited
 * warning.
 */
function cutShort(text: string): boolean {
  return text === '';
}

/** "a/b/c.yaml" → ["a", "a/b"]: the folders on the way to a bundle path. */
export function ancestors(rel: string): string[] {
  const segs = rel.split('/');
  const out: string[] = [];
  for (let i = 1; i < segs.length; i++) out.push(segs.slice(0, i).join('/'));
  return out;
}
