/**
 * A simplified but honest model of server-side apply's field ownership (structured-merge-diff):
 * a manager owns a set of paths; a path is a list of tokens, `f:<field>` for a map member and
 * `k:{"name":"web"}` for an item of an associative list (containers, env, ports, volumes, …).
 * Every other list is atomic: the list is one leaf, owned whole. Leaves are scalars, empty maps
 * and atomic lists; an associative item owns its `.` marker. Rendered as FieldsV1.
 */

export type Token = string;
export type Path = Token[];

const KEYED_BY_NAME = new Set(['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets']);

/** The key fields of an associative list, or undefined when the list is atomic. */
export function listKeys(field: string, items: unknown[]): string[] | undefined {
  if (!items.every((x) => isMap(x))) return undefined;
  const maps = items as Record<string, unknown>[];
  let keys: string[] | undefined;
  if (KEYED_BY_NAME.has(field)) keys = ['name'];
  else if (field === 'volumeMounts') keys = ['mountPath'];
  else if (field === 'volumeDevices') keys = ['devicePath'];
  else if (field === 'hostAliases') keys = ['ip'];
  else if (field === 'ports') keys = maps.some((m) => 'containerPort' in m) ? ['containerPort', 'protocol'] : ['port', 'protocol'];
  if (!keys) return undefined;
  // every item needs its first key field, as the real server requires
  if (!maps.every((m) => m[keys![0]!] !== undefined)) return undefined;
  return keys;
}

export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function keyToken(item: Record<string, unknown>, keys: string[]): Token {
  const k: Record<string, unknown> = {};
  for (const key of [...keys].sort()) if (item[key] !== undefined) k[key] = item[key];
  return `k:${JSON.stringify(k)}`;
}

function matchesKey(item: unknown, token: Token): boolean {
  if (!isMap(item)) return false;
  const k = JSON.parse(token.slice(2)) as Record<string, unknown>;
  return Object.entries(k).every(([key, v]) => canonical(item[key]) === canonical(v));
}

/** Paths of every leaf of an object as written by a manager (apiVersion, kind, name, namespace and status excluded). */
export function fieldSet(obj: Record<string, unknown>, opts: { includeStatus?: boolean } = {}): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: Path, field: string) => {
    if (Array.isArray(v)) {
      const keys = v.length > 0 ? listKeys(field, v) : undefined;
      if (!keys) {
        out.add(JSON.stringify(path));
        return;
      }
      for (const item of v as Record<string, unknown>[]) {
        const p = [...path, keyToken(item, keys)];
        out.add(JSON.stringify([...p, '.']));
        walkMap(item, p);
      }
      return;
    }
    if (isMap(v) && Object.keys(v).length > 0) {
      walkMap(v, path);
      return;
    }
    out.add(JSON.stringify(path));
  };
  const walkMap = (m: Record<string, unknown>, path: Path) => {
    for (const [k, v] of Object.entries(m)) {
      if (v === undefined) continue;
      walk(v, [...path, `f:${k}`], k);
    }
  };
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || (k === 'status' && !opts.includeStatus)) continue;
    if (k === 'metadata' && isMap(v)) {
      const meta = Object.fromEntries(Object.entries(v).filter(([mk]) => mk === 'labels' || mk === 'annotations' || mk === 'finalizers' || mk === 'ownerReferences'));
      walkMap(meta, ['f:metadata']);
      continue;
    }
    walk(v, [`f:${k}`], k);
  }
  return out;
}

export function parsePath(key: string): Path {
  return JSON.parse(key) as Path;
}

/** The value at a path (undefined when absent). A trailing '.' names the list item itself. */
export function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const t of path) {
    if (t === '.') return cur;
    if (t.startsWith('f:')) {
      if (!isMap(cur)) return undefined;
      cur = cur[t.slice(2)];
    } else if (t.startsWith('k:')) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur.find((x) => matchesKey(x, t));
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Removes the value at a path (a leaf, or a list item for a '.' path), then empty maps left behind. */
export function removeAt(obj: Record<string, unknown>, path: Path): void {
  const target = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
  const parents: { container: unknown; token: Token }[] = [];
  let cur: unknown = obj;
  for (const t of target) {
    parents.push({ container: cur, token: t });
    cur = t.startsWith('f:') ? (isMap(cur) ? cur[t.slice(2)] : undefined) : Array.isArray(cur) ? cur.find((x) => matchesKey(x, t)) : undefined;
    if (cur === undefined) return;
  }
  for (let i = parents.length - 1; i >= 0; i--) {
    const { container, token } = parents[i]!;
    if (token.startsWith('f:') && isMap(container)) delete container[token.slice(2)];
    else if (Array.isArray(container)) {
      const at = container.findIndex((x) => matchesKey(x, token));
      if (at >= 0) container.splice(at, 1);
    }
    // stop unless the container is now an empty map below the root (lists are kept, even empty)
    if (i === 0 || !isMap(container) || Object.keys(container).length > 0) break;
  }
}

/** Merges an applied configuration into a live object: maps member by member, associative lists item by key, the rest replaced. */
export function merge(live: unknown, applied: unknown, field = ''): unknown {
  if (isMap(applied)) {
    const out: Record<string, unknown> = isMap(live) ? { ...live } : {};
    for (const [k, v] of Object.entries(applied)) {
      if (v === undefined) continue;
      out[k] = merge(out[k], v, k);
    }
    return out;
  }
  if (Array.isArray(applied)) {
    const keys = applied.length > 0 ? listKeys(field, applied) : undefined;
    if (!keys || !Array.isArray(live)) return structuredClone(applied);
    const rest = [...live];
    const out: unknown[] = [];
    for (const item of applied as Record<string, unknown>[]) {
      const token = keyToken(item, keys);
      const at = rest.findIndex((x) => matchesKey(x, token));
      const prev = at >= 0 ? rest.splice(at, 1)[0] : undefined;
      out.push(merge(prev, item));
    }
    return [...out, ...rest];
  }
  return applied;
}

/** JSON with sorted keys, for value comparison. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isMap(v))
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** A set of paths as FieldsV1 (nested `{"f:spec":{"f:replicas":{}}}`). */
export function toFieldsV1(set: Iterable<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const key of [...set].sort()) {
    let cur = root;
    for (const t of parsePath(key)) cur = (cur[t] ??= {}) as Record<string, unknown>;
  }
  return root;
}

/** A path as the real server prints it in conflicts: `.spec.template.spec.containers[name="web"].image`. */
export function pathString(path: Path): string {
  let s = '';
  for (const t of path) {
    if (t === '.') continue;
    if (t.startsWith('f:')) s += `.${t.slice(2)}`;
    else {
      const k = JSON.parse(t.slice(2)) as Record<string, unknown>;
      s += `[${Object.entries(k)
        .map(([a, b]) => `${a}=${JSON.stringify(b)}`)
        .join(',')}]`;
    }
  }
  return s;
}
