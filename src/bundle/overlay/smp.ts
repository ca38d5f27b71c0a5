/**
 * Strategic merge patches as kustomize 5 (kyaml's merge) applies them to the core kinds, and the
 * smallest such patch from one object to another.
 *
 * How kustomize merges (checked against kubectl 1.32's kustomize in test/overlays.test.ts):
 * maps merge key by key, `null` deletes; a list with a merge key (schema.ts) merges item by item,
 * and the result holds the patch's items first, in the patch's order, then the items only the
 * target had, in their order; any other list is replaced whole.
 *
 * The builder leaves out what a strategic merge cannot say exactly (a list item to delete, a
 * list whose items repeat a merge key, an atomic list whose items carry a key kyaml might merge
 * by, an empty list): the planner then finds that difference after this patch and writes it as
 * JSON 6902.
 */
import { clone, deepEqual, isMap, type Json, type JsonMap } from './json.js';
import { GUESSED_MERGE_KEYS, mergeKey } from './schema.js';

/** Applies a strategic merge patch to a copy of `target` (an object of `kind`). */
export function applySmp(target: JsonMap, patch: JsonMap, kind: string): JsonMap {
  return mergeMap(clone(target), patch, kind, []);
}

function mergeMap(dest: JsonMap, patch: JsonMap, kind: string, path: string[]): JsonMap {
  for (const [k, pv] of Object.entries(patch)) {
    if (pv === null) {
      delete dest[k];
      continue;
    }
    dest[k] = Object.hasOwn(dest, k) ? mergeValue(dest[k]!, pv, kind, [...path, k]) : clone(pv);
  }
  return dest;
}

function mergeValue(dest: Json, patch: Json, kind: string, path: string[]): Json {
  if (isMap(dest) && isMap(patch)) return mergeMap(dest, patch, kind, path);
  if (Array.isArray(dest) && Array.isArray(patch)) {
    const key = mergeKey(kind, path);
    if (key === undefined) return clone(patch);
    const out: Json[] = [];
    const used = new Set<unknown>();
    for (const item of patch) {
      const k = isMap(item) ? item[key] : undefined;
      const match = dest.find((d) => isMap(d) && d[key] === k);
      used.add(k);
      out.push(match !== undefined && isMap(match) && isMap(item) ? mergeMap(clone(match), item, kind, path) : clone(item));
    }
    for (const d of dest) if (!(isMap(d) && used.has(d[key]))) out.push(clone(d));
    return out;
  }
  return clone(patch);
}

/** The items' merge keys, or undefined unless every item is a map with a distinct string or number key. */
function keysOf(list: readonly Json[], key: string): (string | number)[] | undefined {
  const keys: (string | number)[] = [];
  for (const item of list) {
    const k = isMap(item) ? item[key] : undefined;
    if ((typeof k !== 'string' && typeof k !== 'number') || keys.includes(k)) return undefined;
    keys.push(k);
  }
  return keys;
}

function hasEmptyList(v: Json): boolean {
  if (Array.isArray(v)) return v.length === 0 || v.some(hasEmptyList);
  if (isMap(v)) return Object.values(v).some(hasEmptyList);
  return false;
}

function guessable(list: readonly Json[]): boolean {
  return list.some((item) => isMap(item) && GUESSED_MERGE_KEYS.some((k) => Object.hasOwn(item, k)));
}

/**
 * The part of the strategic merge patch from `from` to `to` that kustomize applies exactly, or
 * undefined when there is none. (`to` may still differ from applySmp(from, patch): the rest is
 * for JSON 6902.)
 */
export function smpDiff(from: JsonMap, to: JsonMap, kind: string): JsonMap | undefined {
  return diffMap(from, to, kind, []);
}

function diffMap(from: JsonMap, to: JsonMap, kind: string, path: string[]): JsonMap | undefined {
  const out: JsonMap = {};
  for (const [k, tv] of Object.entries(to)) {
    if (!Object.hasOwn(from, k)) {
      if (!hasEmptyList(tv)) out[k] = clone(tv);
      continue;
    }
    const d = diffValue(from[k]!, tv, kind, [...path, k]);
    if (d !== undefined) out[k] = d;
  }
  for (const k of Object.keys(from)) if (!Object.hasOwn(to, k)) out[k] = null;
  return Object.keys(out).length > 0 ? out : undefined;
}

function diffValue(from: Json, to: Json, kind: string, path: string[]): Json | undefined {
  if (deepEqual(from, to)) return undefined;
  if (isMap(from) && isMap(to)) return diffMap(from, to, kind, path);
  if (Array.isArray(from) && Array.isArray(to)) {
    const key = mergeKey(kind, path);
    if (key === undefined) return guessable(from) || guessable(to) || hasEmptyList(to) ? undefined : clone(to);
    return diffList(from, to, key, kind, path);
  }
  // A scalar for a scalar; a change of type is left to JSON 6902.
  if (isMap(from) || isMap(to) || Array.isArray(from) || Array.isArray(to)) return undefined;
  return to;
}

/**
 * An associative list: the patch lists the target's items up to the last one that is new,
 * changed or out of the old order (unchanged items as their key alone), so that "patch items
 * first, then the rest in their old order" gives the target's order.
 */
function diffList(from: Json[], to: Json[], key: string, kind: string, path: string[]): Json[] | undefined {
  const fromKeys = keysOf(from, key);
  const toKeys = keysOf(to, key);
  if (!fromKeys || !toKeys || fromKeys.some((k) => !toKeys.includes(k))) return undefined;
  const item = (i: number) => to[i] as JsonMap;
  const old = (k: string | number) => from[fromKeys.indexOf(k)] as JsonMap;
  const changed = (i: number) => !fromKeys.includes(toKeys[i]!) || !deepEqual(old(toKeys[i]!), item(i));
  let n = 0;
  for (; n <= to.length; n++) {
    const head = new Set(toKeys.slice(0, n));
    const rest = fromKeys.filter((k) => !head.has(k));
    const tail = toKeys.slice(n);
    if (rest.length === tail.length && rest.every((k, i) => k === tail[i]) && tail.every((_, i) => !changed(n + i))) break;
  }
  if (n === 0) return undefined;
  const out: Json[] = [];
  for (let i = 0; i < n; i++) {
    const k = toKeys[i]!;
    if (!fromKeys.includes(k)) {
      if (hasEmptyList(item(i))) return undefined;
      out.push(clone(item(i)));
      continue;
    }
    const d = diffMap(old(k), item(i), kind, path) ?? {};
    delete d[key];
    out.push({ [key]: k, ...d });
  }
  return out;
}
