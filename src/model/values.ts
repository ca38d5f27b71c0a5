/**
 * Reading JSON values whose shape is not known (yet): input before validation, an emitted object
 * before output validation, a response from outside. One definition of each, used by load/,
 * validate/, convert/, k8s/ and import/. Validated ECS documents have types of their own
 * (./ecs.ts); these helpers are for what is not typed.
 */

/** A JSON object (or any non-array, non-null object). */
export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A finite number; NaN and the infinities count as absent. */
export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The value if it is a list, else []. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The objects of a list with their indexes (for pointers); other entries are skipped. */
export function objs(v: unknown): [Obj, number][] {
  return arr(v).flatMap((x, i) => (isObject(x) ? [[x, i] as [Obj, number]] : []));
}

/**
 * map[key] for a key that comes from input (a container or cluster name): own members only, so
 * that "toString", "constructor" or "__proto__" never find what Object.prototype holds.
 */
export function own<T>(map: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
