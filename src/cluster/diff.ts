/**
 * `ecs2k8s diff`: for every object (and each namespace's ApplySet parent), a server-side apply
 * dry run (`dryRun=All`, field manager ecs2k8s) compared with the live object, both stripped of
 * noise (managedFields, status, resourceVersion, uid, generation, creationTimestamp, selfLink).
 * Server defaults do not show: the dry-run result and the live object both carry them. A new
 * object is shown with only the fields the bundle sets (its dry-run result cut down to them), so
 * the defaults a creation would add do not show either. With --prune, what apply --prune would
 * delete is shown as deletions. Secret values are masked as kubectl diff masks them.
 */
import { toYaml } from '../bundle/serialize.js';
import { unifiedDiff } from '../bundle/diff.js';
import { EXIT } from '../cli/io.js';
import type { ClusterClient, Obj } from './client.js';
import { ApiError, TransportError } from './errors.js';
import { applyFailure } from './apply.js';
import { planOrExit, pruneCandidates, type Step } from './plan.js';
import type { Target } from './targets.js';

export interface DiffOptions {
  prune: boolean;
  force: boolean;
  out: (text: string) => void;
  err: (line: string) => void;
}

const NOISE = ['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink'];

function isMap(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A copy without the fields the server manages. */
export function withoutNoise(o: Obj): Obj {
  const c = structuredClone(o);
  delete c['status'];
  const meta = c['metadata'];
  if (isMap(meta)) {
    for (const k of NOISE) delete meta[k];
    for (const k of ['labels', 'annotations']) if (isMap(meta[k]) && Object.keys(meta[k] as Obj).length === 0) delete meta[k];
  }
  return c;
}

/** The parts of `full` that `config` sets (maps member by member; lists of maps item by item when the lengths agree). */
export function onlyConfigured(full: unknown, config: unknown): unknown {
  if (isMap(config) && isMap(full)) {
    const out: Obj = {};
    for (const k of Object.keys(config)) if (full[k] !== undefined) out[k] = onlyConfigured(full[k], config[k]);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(full) && config.length === full.length) return full.map((x, i) => onlyConfigured(x, config[i]));
  return full;
}

/** kubectl diff's Secret masking: every value becomes ***, marked (before)/(after) where it changes. */
function maskSecrets(before: Obj | undefined, after: Obj | undefined): void {
  const isSecret = (o: Obj | undefined) => o?.['kind'] === 'Secret' && o['apiVersion'] === 'v1';
  if (!isSecret(before) && !isSecret(after)) return;
  for (const field of ['data', 'stringData']) {
    const b = isMap(before?.[field]) ? (before![field] as Obj) : undefined;
    const a = isMap(after?.[field]) ? (after![field] as Obj) : undefined;
    for (const k of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
      const changed = b?.[k] !== a?.[k];
      if (b && k in b) b[k] = changed && a && k in a ? '*** (before)' : '***';
      if (a && k in a) a[k] = changed && b && k in b ? '*** (after)' : '***';
    }
  }
}

function fileLabel(step: { folder: string; object: Obj }): string {
  const meta = step.object['metadata'] as { name: string };
  return `${step.folder}/${String(step.object['kind']).toLowerCase()}-${meta.name}.yaml`;
}

export async function runDiff(client: ClusterClient, targets: Target[], o: DiffOptions): Promise<number> {
  const plan = await planOrExit(client, targets, o.err);
  if (typeof plan === 'number') return plan;
  const pendingNamespaces = new Set([...plan.folders.values()].filter((f) => !f.namespaceExists).map((f) => f.name));
  let differences = 0;
  let errors = 0;
  const counts = { create: 0, change: 0, delete: 0 };
  const show = (step: Step, live: Obj | undefined, merged: Obj | undefined) => {
    const before = live ? withoutNoise(live) : undefined;
    const after = merged ? withoutNoise(merged) : undefined;
    maskSecrets(before, after);
    const label = fileLabel(step);
    const text = unifiedDiff(before ? toYaml(before) : '', after ? toYaml(after) : '', {
      oldLabel: before ? `live/${label}` : '/dev/null',
      newLabel: after ? `merged/${label}` : '/dev/null',
    });
    if (text) {
      differences++;
      if (!before) counts.create++;
      else if (!after) counts.delete++;
      else counts.change++;
      o.out(text);
    }
  };
  for (const step of plan.steps) {
    const meta = step.object['metadata'] as { name: string; namespace?: string };
    try {
      const live = pendingNamespaces.has(meta.namespace ?? '') ? undefined : await client.get(step.mapping, meta.namespace, meta.name);
      let merged: Obj;
      if (!live && meta.namespace !== undefined && pendingNamespaces.has(meta.namespace)) {
        // the namespace is new too: the server cannot dry-run into it, so the bundle's object is shown as it is
        merged = step.object;
      } else {
        merged = (await client.apply(step.mapping, step.object, { dryRun: true, force: o.force })).object;
        if (!live) merged = onlyConfigured(merged, step.object) as Obj;
      }
      show(step, live, merged);
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof TransportError)) throw e;
      o.err(`error: ${applyFailure(step, e)}`);
      errors++;
      if (e instanceof TransportError) break;
    }
  }
  if (o.prune && errors === 0) {
    for (const c of await pruneCandidates(client, plan, (l) => o.err(l))) show({ ...c, key: '' }, c.object, undefined);
  }
  if (errors > 0) {
    o.err(`${errors} object${errors === 1 ? '' : 's'} could not be compared`);
    return EXIT.environment;
  }
  if (differences === 0) {
    o.err('no differences');
    return EXIT.ok;
  }
  o.err(`${differences} object${differences === 1 ? '' : 's'} differ: ${counts.create} to create, ${counts.change} to change, ${counts.delete} to delete${o.prune ? '' : ' (pass --prune to see what apply --prune would delete)'}`);
  return EXIT.differences;
}
