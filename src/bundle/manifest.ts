/**
 * `.ecs2k8s-manifest.json`: which files in the output folder ecs2k8s generated, with the sha256 of
 * what it wrote. Only files listed here (and still holding that content) are ever removed.
 */
import * as path from 'node:path';
import { sha256 } from '../sha256.js';
import { lstatOrUndefined, readNoFollow, symlinkError } from './fsutil.js';
import { assertSafePath } from './paths.js';
import { compareStrings } from './serialize.js';
import type { BundleFiles } from './types.js';

export const MANIFEST_FILE = '.ecs2k8s-manifest.json';
export const MANIFEST_FORMAT = 'ecs2k8s-manifest';
export const MANIFEST_VERSION = 1;

/** relative path → sha256 (hex) of the content ecs2k8s wrote there. */
export type Manifest = Map<string, string>;

export { sha256 };

export function manifestOf(files: BundleFiles): Manifest {
  return new Map([...files].map(([p, c]) => [p, sha256(c)]));
}

export function serialiseManifest(manifest: Manifest): string {
  const files = [...manifest.keys()].sort(compareStrings).map((p) => ({ path: p, sha256: manifest.get(p) }));
  return JSON.stringify({ format: MANIFEST_FORMAT, version: MANIFEST_VERSION, files }, null, 2) + '\n';
}

/**
 * Parses a manifest. Anything unreadable or of an unknown version yields undefined, which callers
 * treat as "no file here is known to be ours" (so nothing is removed). Unsafe paths are dropped.
 */
export function parseManifest(text: string): Manifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, files } = data as { version?: unknown; files?: unknown };
  if (version !== MANIFEST_VERSION || !Array.isArray(files)) return undefined;
  const out: Manifest = new Map();
  for (const f of files as unknown[]) {
    const { path: p, sha256: h } = (f ?? {}) as { path?: unknown; sha256?: unknown };
    if (typeof p !== 'string' || typeof h !== 'string') continue;
    try {
      assertSafePath(p);
    } catch {
      continue;
    }
    out.set(p, h);
  }
  return out;
}

export interface ManifestOnDisk {
  manifest: Manifest;
  /** The file's text, or undefined when there is none. */
  text: string | undefined;
}

/** Reads root's manifest; refuses a symbolic link. */
export async function readManifest(root: string): Promise<ManifestOnDisk> {
  const p = path.join(root, MANIFEST_FILE);
  const st = await lstatOrUndefined(p);
  if (!st) return { manifest: new Map(), text: undefined };
  if (st.isSymbolicLink()) throw symlinkError(p);
  if (!st.isFile()) return { manifest: new Map(), text: undefined };
  const text = await readNoFollow(p);
  return { manifest: parseManifest(text) ?? new Map(), text };
}
