/**
 * The fields the server manages (managedFields, status, resourceVersion, uid, generation,
 * creationTimestamp, selfLink): left out when a live object is compared with what the bundle
 * would make of it, by diff and by apply's created / configured / unchanged.
 */
import { isObject, type Obj } from '../model/values.js';

const NOISE = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];

/** A copy without the fields the server manages. */
export function withoutNoise(o: Obj): Obj {
  const c = structuredClone(o);
  delete c['status'];
  const meta = c['metadata'];
  if (isObject(meta)) {
    for (const k of NOISE) delete meta[k];
    for (const k of ['labels', 'annotations']) if (isObject(meta[k]) && Object.keys(meta[k] as Obj).length === 0) delete meta[k];
  }
  return c;
}

/** JSON with sorted keys, so that member order does not count as a difference. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v))
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Whether two versions of an object agree once the server's bookkeeping is left out. */
export function sameContent(a: Obj, b: Obj): boolean {
  return canonical(withoutNoise(a)) === canonical(withoutNoise(b));
}

/** created (nothing was there), unchanged or configured: for a real apply, by the resourceVersion the server stored; for a dry run, by content. */
export function outcomeOf(live: Obj | undefined, answer: Obj, dryRun: boolean): 'created' | 'configured' | 'unchanged' {
  if (!live) return 'created';
  if (dryRun) return sameContent(live, answer) ? 'unchanged' : 'configured';
  const rv = (o: Obj) => (isObject(o['metadata']) ? (o['metadata'] as Obj)['resourceVersion'] : undefined);
  return rv(live) !== undefined && rv(live) === rv(answer) ? 'unchanged' : 'configured';
}
