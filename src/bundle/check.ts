/** `build --check`: what writing the bundle would change, as a unified diff. Never writes. */
import * as path from 'node:path';
import { unifiedDiff } from './diff.js';
import { lstatOrUndefined } from './fsutil.js';
import { JOURNAL_FILE } from './journal.js';
import { planBundle, planFiles } from './plan.js';
import { compareStrings } from './serialize.js';
import type { BundleFiles, CheckResult, HandEdits } from './types.js';

/**
 * Compares files with outDir: files that would be created, changed, or removed (stale generated
 * files per the manifest). Paths in the diff are relative to outDir (`a/<path>`, `b/<path>`,
 * `/dev/null` for a created or removed file), in path order.
 * @throws BundleWriteError output-symlink | output-io (the CLI exits 3); UnsafeBundlePath.
 */
export async function checkBundle(outDir: string, files: BundleFiles): Promise<CheckResult> {
  const root = path.resolve(outDir);
  const plan = await planBundle(root, files);
  const parts: { path: string; text: string }[] = [];
  const created: string[] = [];
  const modified: string[] = [];
  for (const f of plan.files) {
    if (f.status === 'create') {
      created.push(f.path);
      parts.push({ path: f.path, text: unifiedDiff('', f.content, { oldLabel: '/dev/null', newLabel: `b/${f.path}` }) });
    } else if (f.status === 'modify') {
      modified.push(f.path);
      parts.push({ path: f.path, text: unifiedDiff(f.old ?? '', f.content, { oldLabel: `a/${f.path}`, newLabel: `b/${f.path}` }) });
    }
  }
  const removed = plan.removals.map((r) => r.path);
  for (const r of plan.removals) {
    parts.push({ path: r.path, text: unifiedDiff(r.old, '', { oldLabel: `a/${r.path}`, newLabel: '/dev/null' }) });
  }
  parts.sort((a, b) => compareStrings(a.path, b.path));
  const interrupted = (await lstatOrUndefined(path.join(root, JOURNAL_FILE))) !== undefined;
  const changed = parts.length > 0;
  return { changed, diff: parts.map((p) => p.text).join(''), created, modified, removed, interrupted, ...plan.edits };
}

/**
 * What a person changed in outDir that writing `files` would replace (or leave, no longer
 * generated): read before a build writes, so that it can say so first. Never writes.
 * @throws as {@link checkBundle}.
 */
export async function findHandEdits(outDir: string, files: BundleFiles): Promise<HandEdits> {
  return (await planFiles(path.resolve(outDir), files)).edits;
}
