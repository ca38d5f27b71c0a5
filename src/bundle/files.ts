/** Collecting a renderer's files: each path checked as it is added, the result in sorted path order. */
import { BundlePathClash } from './errors.js';
import { assertSafePath } from './paths.js';
import { compareStrings } from './serialize.js';
import type { BundleFiles } from './types.js';

export interface FileCollector {
  /** Adds a file. @throws UnsafeBundlePath, BundlePathClash (a path given twice) */
  put(path: string, content: string): void;
  /** The files, keys inserted in sorted path order. */
  files(): BundleFiles;
}

export function collectFiles(): FileCollector {
  const unsorted = new Map<string, string>();
  return {
    put(path, content) {
      assertSafePath(path);
      if (unsorted.has(path)) throw new BundlePathClash(path);
      unsorted.set(path, content);
    },
    files() {
      const out: BundleFiles = new Map();
      for (const p of [...unsorted.keys()].sort(compareStrings)) out.set(p, unsorted.get(p)!);
      return out;
    },
  };
}
