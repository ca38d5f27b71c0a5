/**
 * `ecs2k8s diff`: for every object (and each namespace's ApplySet parent), a server-side apply
 * dry run (`dryRun=All`, field manager ecs2k8s) compared with the live object, both stripped of
 * noise (./noise.ts). Server defaults do not show: the dry-run result and the live object both
 * carry them. A new object is shown with only the fields the bundle sets (its dry-run result cut
 * down to them), so the defaults a creation would add do not show either. With --prune, what
 * apply --prune would delete is shown as deletions. Secret values are masked as kubectl diff
 * masks them, and so is a Secret's `kubectl.kubernetes.io/last-applied-configuration`, which
 * holds the same values.
 */
import { toYaml } from '../bundle/serialize.js';
import { unifiedDiff } from '../bundle/diff.js';
import { EXIT } from '../report/exit.js';
import { applyFailure, type RunOutcome } from './apply.js';
import { describe, type ClusterClient, type Obj } from './client.js';
import { isClusterError, TransportError } from './errors.js';
import { withoutNoise } from './noise.js';
import { isObject } from '../model/values.js';
import type { Plan } from './plan.js';
import { pruneCandidates } from './prune.js';
import type { Recorder } from './recorder.js';

export interface DiffOptions {
  prune: boolean;
  force: boolean;
}

export { withoutNoise };

/** The parts of `full` that `config` sets (maps member by member; lists of maps item by item when the lengths agree). */
export function onlyConfigured(full: unknown, config: unknown): unknown {
  if (isObject(config) && isObject(full)) {
    const out: Obj = {};
    for (const k of Object.keys(config)) if (full[k] !== undefined) out[k] = onlyConfigured(full[k], config[k]);
    return out;
  }
  if (Array.isArray(config) && Array.isArray(full) && config.length === full.length) return full.map((x, i) => onlyConfigured(x, config[i]));
  return full;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** kubectl diff's Secret masking: every value becomes ***, marked (before)/(after) where it changes; the last-applied annotation too. */
function maskSecrets(before: Obj | undefined, after: Obj | undefined): void {
  const isSecret = (o: Obj | undefined) => o?.['kind'] === 'Secret' && o['apiVersion'] === 'v1';
  if (!isSecret(before) && !isSecret(after)) return;
  const mask = (b: Obj | undefined, a: Obj | undefined) => {
    for (const k of new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])) {
      const changed = b?.[k] !== a?.[k];
      if (b && k in b) b[k] = changed && a && k in a ? '*** (before)' : '***';
      if (a && k in a) a[k] = changed && b && k in b ? '*** (after)' : '***';
    }
  };
  for (const field of ['data', 'stringData']) mask(isObject(before?.[field]) ? (before![field] as Obj) : undefined, isObject(after?.[field]) ? (after![field] as Obj) : undefined);
  const annotations = (o: Obj | undefined) => {
    const meta = o?.['metadata'];
    const ann = isObject(meta) ? meta['annotations'] : undefined;
    return isObject(ann) && LAST_APPLIED in ann ? ann : undefined;
  };
  const b = annotations(before);
  const a = annotations(after);
  const changed = b?.[LAST_APPLIED] !== a?.[LAST_APPLIED];
  if (b) b[LAST_APPLIED] = changed && a ? '*** (before)' : '***';
  if (a) a[LAST_APPLIED] = changed && b ? '*** (after)' : '***';
}

function fileLabel(step: { folder: string; object: Obj }): string {
  const meta = step.object['metadata'] as { name: string };
  return `${step.folder}/${String(step.object['kind']).toLowerCase()}-${meta.name}.yaml`;
}

export async function runDiff(client: ClusterClient, plan: Plan, o: DiffOptions, r: Recorder): Promise<RunOutcome> {
  const pending = new Set([...plan.folders.values()].filter((f) => f.namespace === 'missing').map((f) => f.name));
  let differences = 0;
  let errors = 0;
  let failure: string | undefined;
  const counts = { create: 0, change: 0, delete: 0 };
  const show = (step: { folder: string; object: Obj }, live: Obj | undefined, merged: Obj | undefined) => {
    const before = live ? withoutNoise(live) : undefined;
    const after = merged ? withoutNoise(merged) : undefined;
    maskSecrets(before, after);
    const label = fileLabel(step);
    const text = unifiedDiff(before ? toYaml(before) : '', after ? toYaml(after) : '', {
      oldLabel: before ? `live/${label}` : '/dev/null',
      newLabel: after ? `merged/${label}` : '/dev/null',
    });
    r.record(step.object, !before ? 'created' : !after ? 'pruned' : text ? 'configured' : 'unchanged');
    if (!text) return;
    differences++;
    if (!before) counts.create++;
    else if (!after) counts.delete++;
    else counts.change++;
    r.out(text);
  };
  for (const step of plan.steps) {
    if (step.keep) {
      r.err(`${describe(step.object)}: ${step.keep}`);
      r.record(step.object, 'kept', step.keep);
      continue;
    }
    const meta = step.object['metadata'] as { namespace?: string };
    try {
      let merged: Obj;
      if (!step.live && step.mapping.namespaced && meta.namespace !== undefined && pending.has(meta.namespace)) {
        // the namespace is new too: the server cannot dry-run into it, so the bundle's object is shown as it is
        merged = step.object;
      } else {
        merged = (await client.apply(step.mapping, step.object, { dryRun: true, force: o.force })).object;
        if (!step.live) merged = onlyConfigured(merged, step.object) as Obj;
      }
      if (step.movesFrom) r.err(`${describe(step.object)} moves here from ${step.movesFrom}`);
      show(step, step.live, merged);
    } catch (e) {
      if (!isClusterError(e)) throw e;
      failure ??= applyFailure(step, e);
      r.err(`error: ${applyFailure(step, e)}`);
      r.record(step.object, 'failed', applyFailure(step, e));
      errors++;
      if (e instanceof TransportError) break;
    }
  }
  if (errors === 0) {
    if (o.prune) {
      for (const c of await pruneCandidates(client, plan, (l) => r.err(l))) {
        if (c.keep) {
          r.err(`${describe(c.object)}: not pruned: ${c.keep}`);
          r.record(c.object, 'kept', c.keep);
        } else show(c, c.object, undefined);
      }
    }
    for (const a of plan.absorbed) show({ folder: a.folder, object: a.parent }, a.parent, undefined);
  }
  if (errors > 0) {
    const summary = `${errors} object${errors === 1 ? '' : 's'} could not be compared`;
    r.err(summary);
    return { exit: EXIT.environment, summary, ...(failure !== undefined && { failure }) };
  }
  if (differences === 0) {
    r.err('no differences');
    return { exit: EXIT.ok, summary: 'no differences' };
  }
  const summary = `${differences} object${differences === 1 ? '' : 's'} differ: ${counts.create} to create, ${counts.change} to change, ${counts.delete} to delete${o.prune ? '' : ' (pass --prune to see what apply --prune would delete)'}`;
  r.err(summary);
  return { exit: EXIT.differences, summary };
}
