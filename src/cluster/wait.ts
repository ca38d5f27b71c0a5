/**
 * `--wait`: follows Deployment and DaemonSet rollouts and Job completion (the checks of
 * `kubectl rollout status` and `kubectl wait --for=condition=complete`) by polling, with a
 * deadline, printing a progress line on stderr whenever an object's state changes.
 */
import { describe, type ClusterClient, type Mapping, type Obj } from './client.js';

export interface Waitable {
  mapping: Mapping;
  object: Obj;
}

type State = { done: true } | { done: false; message: string; failed?: boolean };

const num = (v: unknown, d = 0) => (typeof v === 'number' ? v : d);

function conditions(o: Obj): { type?: string; status?: string; reason?: string; message?: string }[] {
  const c = ((o['status'] ?? {}) as Obj)['conditions'];
  return Array.isArray(c) ? c : [];
}

export function rolloutState(o: Obj): State {
  const meta = (o['metadata'] ?? {}) as Obj;
  const spec = (o['spec'] ?? {}) as Obj;
  const status = (o['status'] ?? {}) as Obj;
  const generation = num(meta['generation']);
  const observed = num(status['observedGeneration'], -1);
  switch (o['kind']) {
    case 'Deployment': {
      if (observed < generation) return { done: false, message: 'waiting for the controller to observe the new spec' };
      const stalled = conditions(o).find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
      if (stalled) return { done: false, failed: true, message: 'exceeded its progress deadline' };
      const want = num(spec['replicas'], 1);
      const updated = num(status['updatedReplicas']);
      const replicas = num(status['replicas']);
      const available = num(status['availableReplicas']);
      if (updated < want) return { done: false, message: `${updated} of ${want} replicas updated` };
      if (replicas > updated) return { done: false, message: `${replicas - updated} old replicas pending termination` };
      if (available < updated) return { done: false, message: `${available} of ${updated} updated replicas available` };
      return { done: true };
    }
    case 'DaemonSet': {
      if (((spec['updateStrategy'] ?? {}) as Obj)['type'] === 'OnDelete') return { done: true };
      if (observed < generation) return { done: false, message: 'waiting for the controller to observe the new spec' };
      const desired = num(status['desiredNumberScheduled']);
      const updated = num(status['updatedNumberScheduled']);
      const available = num(status['numberAvailable']);
      if (updated < desired) return { done: false, message: `${updated} of ${desired} pods updated` };
      if (available < desired) return { done: false, message: `${available} of ${desired} updated pods available` };
      return { done: true };
    }
    case 'Job': {
      const cs = conditions(o);
      if (cs.some((c) => c.type === 'Complete' && c.status === 'True')) return { done: true };
      const failed = cs.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) return { done: false, failed: true, message: `failed${failed.reason ? ` (${failed.reason})` : ''}` };
      return { done: false, message: `${num(status['succeeded'])} succeeded, ${num(status['active'])} active` };
    }
    default:
      return { done: true };
  }
}

export function isWaitable(kind: unknown): boolean {
  return kind === 'Deployment' || kind === 'DaemonSet' || kind === 'Job';
}

export interface WaitResult {
  ok: boolean;
  /** The deadline passed with objects still not ready. */
  timedOut: boolean;
  /** `Kind ns/name: state` of what did not finish (or failed). */
  pending: string[];
}

/** A duration as Go (and so kubectl) prints it: 400ms, 45s, 1m30s, 5m0s, 1h0m0s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalS = ms / 1000;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = Math.round((totalS % 60) * 1000) / 1000;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export async function waitFor(client: ClusterClient, items: Waitable[], options: { timeoutMs: number; pollMs: number; progress: (line: string) => void }): Promise<WaitResult> {
  const deadline = Date.now() + options.timeoutMs;
  const last = new Map<string, string>();
  let pending = items;
  const failed: string[] = [];
  for (;;) {
    const next: Waitable[] = [];
    for (const item of pending) {
      const meta = item.object['metadata'] as Obj;
      const live = await client.get(item.mapping, meta['namespace'] as string | undefined, String(meta['name']));
      const name = describe(item.object);
      if (!live) {
        failed.push(`${name}: deleted while waiting`);
        continue;
      }
      const state = rolloutState(live);
      if (state.done) {
        options.progress(`${name}: ready`);
        continue;
      }
      if (state.failed) {
        failed.push(`${name}: ${state.message}`);
        options.progress(`${name}: ${state.message}`);
        continue;
      }
      if (last.get(name) !== state.message) options.progress(`waiting for ${name}: ${state.message}`);
      last.set(name, state.message);
      next.push(item);
    }
    pending = next;
    if (pending.length === 0) return { ok: failed.length === 0, timedOut: false, pending: failed };
    const left = deadline - Date.now();
    if (left <= 0) return { ok: false, timedOut: true, pending: [...failed, ...pending.map((p) => `${describe(p.object)}: ${last.get(describe(p.object)) ?? 'not ready'}`)] };
    await new Promise((r) => setTimeout(r, Math.min(options.pollMs, left)));
  }
}
