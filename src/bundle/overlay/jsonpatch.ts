/**
 * JSON 6902 patches: the differences a strategic merge cannot say, and every patch of a custom
 * resource (kustomize has no merge schema for those, and its fallback may guess list keys).
 * Lists are patched item by item when their lengths agree, else replaced whole.
 */
import { clone, deepEqual, isMap, pointer, type Json, type JsonMap } from './json.js';

export type JsonPatchOp = { op: 'add'; path: string; value: Json } | { op: 'replace'; path: string; value: Json } | { op: 'remove'; path: string };

/** The operations that turn `from` into `to`, in document order. */
export function jsonDiff(from: JsonMap, to: JsonMap): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  diff(from, to, [], ops);
  return ops;
}

function diff(from: Json, to: Json, path: (string | number)[], ops: JsonPatchOp[]): void {
  if (deepEqual(from, to)) return;
  if (isMap(from) && isMap(to)) {
    for (const k of Object.keys(from)) if (!Object.hasOwn(to, k)) ops.push({ op: 'remove', path: pointer([...path, k]) });
    for (const [k, v] of Object.entries(to)) {
      if (Object.hasOwn(from, k)) diff(from[k]!, v, [...path, k], ops);
      else ops.push({ op: 'add', path: pointer([...path, k]), value: clone(v) });
    }
    return;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    to.forEach((v, i) => diff(from[i]!, v, [...path, i], ops));
    return;
  }
  ops.push({ op: 'replace', path: pointer(path), value: clone(to) });
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Applies operations to a copy of `doc`; throws when a path does not exist (as kustomize fails). */
export function applyJsonPatch(doc: JsonMap, ops: readonly JsonPatchOp[]): JsonMap {
  const root = clone(doc);
  for (const op of ops) {
    const tokens = op.path.split('/').slice(1).map(unescape);
    const last = tokens.pop();
    if (last === undefined) throw new Error(`JSON patch path ${op.path} names the document itself`);
    let parent: Json = root;
    for (const t of tokens) {
      const next: Json | undefined = Array.isArray(parent) ? parent[Number(t)] : isMap(parent) ? parent[t] : undefined;
      if (next === undefined) throw new Error(`JSON patch path ${op.path} does not exist`);
      parent = next;
    }
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(i, 0, clone(op.value));
      else if (op.op === 'replace') parent[i] = clone(op.value);
      else parent.splice(i, 1);
    } else if (isMap(parent)) {
      if (op.op !== 'add' && !Object.hasOwn(parent, last)) throw new Error(`JSON patch path ${op.path} does not exist`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = clone(op.value);
    } else throw new Error(`JSON patch path ${op.path} does not exist`);
  }
  return root;
}
