/**
 * The base version of one object from its versions in every environment: what they all share.
 * Maps keep the members all versions have (with their common part); merge-keyed lists keep the
 * items all versions have (in the first environment's order); other lists are kept only when
 * equal (custom resources: item by item when their lengths agree, for JSON 6902 patches);
 * differing scalars are left out, for the overlays to set. A container image that differs keeps
 * its bare name (the first environment's, without tag or digest), so that an overlay's
 * `images:` entry can match it.
 */
import { clone, deepEqual, isMap, type Json, type JsonMap } from './json.js';
import { splitImage } from './images.js';
import { isContainerImage, mergeKey, SMP_KINDS } from './schema.js';

export function commonObject(versions: readonly JsonMap[], kind: string): JsonMap {
  return (common(versions, kind, []) as JsonMap | undefined) ?? {};
}

function common(values: readonly Json[], kind: string, path: string[]): Json | undefined {
  const first = values[0]!;
  if (values.every((v) => deepEqual(v, first))) return clone(first);
  if (values.every(isMap)) {
    const out: JsonMap = {};
    for (const k of Object.keys(first as JsonMap)) {
      if (!values.every((v) => Object.hasOwn(v as JsonMap, k))) continue;
      const c = common(
        values.map((v) => (v as JsonMap)[k]!),
        kind,
        [...path, k],
      );
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length > 0 || path.length === 0 ? out : undefined;
  }
  if (values.every(Array.isArray)) return commonList(values as Json[][], kind, path);
  if (isContainerImage(kind, path) && values.every((v) => typeof v === 'string')) return splitImage(first as string).name;
  return undefined;
}

function commonList(lists: readonly Json[][], kind: string, path: string[]): Json | undefined {
  const key = mergeKey(kind, path);
  if (key !== undefined) {
    const byKey = lists.map((l) => keyed(l, key));
    if (byKey.every((m) => m !== undefined)) {
      const out: Json[] = [];
      for (const k of byKey[0]!.keys()) {
        if (!byKey.every((m) => m!.has(k))) continue;
        const c = common(
          byKey.map((m) => m!.get(k)!),
          kind,
          path,
        );
        if (c !== undefined) out.push(c);
      }
      return out.length > 0 ? out : undefined;
    }
    return undefined;
  }
  // An atomic list: a strategic merge patch replaces it whole, so the base holds it only when equal.
  if (SMP_KINDS.has(kind)) return undefined;
  const n = lists[0]!.length;
  if (!lists.every((l) => l.length === n) || n === 0) return undefined;
  const out: Json[] = [];
  for (let i = 0; i < n; i++) {
    const c = common(
      lists.map((l) => l[i]!),
      kind,
      path,
    );
    if (c === undefined) return undefined;
    out.push(c);
  }
  return out;
}

/** key → item, or undefined unless every item is a map with a distinct string or number key. */
function keyed(list: readonly Json[], key: string): Map<string | number, Json> | undefined {
  const m = new Map<string | number, Json>();
  for (const item of list) {
    const k = isMap(item) ? item[key] : undefined;
    if ((typeof k !== 'string' && typeof k !== 'number') || m.has(k)) return undefined;
    m.set(k, item);
  }
  return m;
}
