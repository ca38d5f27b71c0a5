/** What an entry of the conversion registry (./registry.ts, ./registry-scaling.ts) is; the statuses are explained in ./registry.ts. */

export type Status = 'converted' | 'approximated' | 'none' | 'cluster' | 'ignored';
export type Area =
  'workload' | 'containers' | 'resources' | 'probes' | 'secrets' | 'iam' | 'volumes' | 'networking' | 'placement' | 'security' | 'metadata' | 'deployment' | 'logging' | 'scaling' | 'delivery';

export interface Entry {
  status: Status;
  area: Area;
  /** The Kubernetes field or object it becomes. */
  target: string;
  /** What the user should know: approximations, warnings, what to do instead. */
  note?: string;
}

/** An entry; `note` only when given. */
export const entry = (status: Status, area: Area, target: string, note?: string): Entry => (note === undefined ? { status, area, target } : { status, area, target, note });

/** The registry as a Map (a Map of a few hundred entries is built in a sixth of the time an object literal takes); a member listed twice is a mistake. */
export function registryOf(entries: readonly (readonly [string, Entry])[]): ReadonlyMap<string, Entry> {
  const map = new Map<string, Entry>();
  for (let i = 0; i < entries.length; i++) {
    const [member, entry] = entries[i]!;
    if (map.has(member)) throw new Error(`conversion registry: ${member} is listed twice`);
    map.set(member, entry);
  }
  return map;
}
