/** The guard that keeps every bundle path a plain relative path inside the output directory. */
import { BundlePathClash, UnsafeBundlePath } from './errors.js';

/** An object or folder name the bundle may use: lower-case DNS-like names, never '.', '..' or hidden. */
export const SEGMENT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
/**
 * A file or folder name in the output: letters, digits, '-', '_' and '.', starting with a letter,
 * digit or '_' (Helm's Chart.yaml, NOTES.txt and _helpers.tpl), never '.', '..' or hidden.
 */
export const FILE_SEGMENT = /^[A-Za-z0-9_]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A namespace folder: a DNS-1123 label (no dots, so it cannot clash with kustomization.yaml). */
export const NAMESPACE_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Most file systems limit one name to 255 bytes. */
const MAX_SEGMENT = 255;

/** Throws UnsafeBundlePath unless path is relative, POSIX, and every segment is safe. */
export function assertSafePath(path: string): void {
  if (path === '') throw new UnsafeBundlePath(path, 'empty path');
  const segments = path.split('/');
  for (const seg of segments) {
    if (seg === '') throw new UnsafeBundlePath(path, 'absolute path or empty segment');
    if (seg === '.' || seg === '..') throw new UnsafeBundlePath(path, `segment ${JSON.stringify(seg)} is not allowed`);
    if (Buffer.byteLength(seg) > MAX_SEGMENT) throw new UnsafeBundlePath(path, `segment is longer than ${MAX_SEGMENT} bytes`);
    if (!FILE_SEGMENT.test(seg)) {
      throw new UnsafeBundlePath(path, `segment ${JSON.stringify(seg)} must be letters, digits, '-', '_' and '.', starting with a letter, digit or '_' and ending with a letter or digit`);
    }
  }
}

/**
 * Throws BundlePathClash when two paths differ only in case: on a case-insensitive file system
 * (macOS, Windows) they would be one file.
 */
export function assertNoCaseClash(paths: Iterable<string>): void {
  const seen = new Map<string, string>();
  for (const p of paths) {
    const folded = p.toLowerCase();
    const prev = seen.get(folded);
    if (prev !== undefined && prev !== p) throw new BundlePathClash(p);
    seen.set(folded, p);
  }
}

/** Throws UnsafeBundlePath unless ns is a DNS-1123 label usable as a folder. */
export function assertSafeNamespace(ns: string): void {
  if (ns.length > 63 || !NAMESPACE_LABEL.test(ns)) {
    throw new UnsafeBundlePath(ns, "a namespace folder must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)");
  }
}
