/** Plain JSON values as the overlay stage handles them: comparison, copies and paths. */
import { isObject } from '../../model/values.js';

export type Json = null | boolean | number | string | Json[] | JsonMap;
export interface JsonMap {
  [key: string]: Json;
}

/** A JSON object: model/values.ts' test, typed for JSON. */
export function isMap(v: unknown): v is JsonMap {
  return isObject(v);
}

/** Structural equality (map key order does not matter, list order does). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A deep copy (plain data only). */
export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** RFC 6901: one reference token. */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${pointerToken(p)}`).join('');
}
