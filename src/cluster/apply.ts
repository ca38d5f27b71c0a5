/**
 * `ecs2k8s apply`: server-side apply (field manager `ecs2k8s`) of every object in apply order,
 * each namespace folder's ApplySet parent right after the Namespaces; each object reported as
 * created, configured or unchanged (from its live copy before and the server's answer after),
 * a Namespace ecs2k8s did not create as kept. Stop at the first failure and report what was
 * applied and what was not; then, only when everything applied, prune (./prune.ts), remove the
 * parents of ApplySets absorbed whole, and wait.
 */
import { EXIT } from '../report/exit.js';
import { parentObject } from './applyset.js';
import { describe, type ClusterClient } from './client.js';
import { ApiError, conflictManagers, describeError, isClusterError } from './errors.js';
import { outcomeOf } from './noise.js';
import type { Plan, Step } from './plan.js';
import { pruneCandidates } from './prune.js';
import type { Recorder } from './recorder.js';
import { formatDuration, isWaitable, waitFor, type Waitable } from './wait.js';

export interface ApplyOptions {
  dryRun: boolean;
  prune: boolean;
  force: boolean;
  wait: boolean;
  timeoutMs: number;
  pollMs: number;
}

export interface RunOutcome {
  exit: number;
  failure?: string;
  summary?: string;
}

/** The message of a failed apply, naming the other field managers of a conflict. */
export function applyFailure(step: { object: Record<string, unknown> }, e: unknown): string {
  const what = describe(step.object);
  if (e instanceof ApiError && e.status === 409 && e.body?.details?.causes?.some((c) => c.reason === 'FieldManagerConflict')) {
    const managers = conflictManagers(e.body);
    const parts = [...managers].map(([m, fields]) => `field manager "${m}" owns ${fields.join(', ')}`);
    return `${what}: conflict: ${parts.join('; ')}. Another tool or person changed these fields; re-run with --force-conflicts to take them over for ecs2k8s, or change the input to agree`;
  }
  return `${what}: ${describeError(e).replace(/^apply [^:]*: /, '')}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

async function applySteps(client: ClusterClient, plan: Plan, o: ApplyOptions, r: Recorder): Promise<RunOutcome | undefined> {
  const suffix = o.dryRun ? ' (server dry run)' : '';
  const pending = new Set([...plan.folders.values()].filter((f) => f.namespace === 'missing').map((f) => f.name));
  const applied: Step[] = [];
  for (const [i, step] of plan.steps.entries()) {
    const what = describe(step.object);
    if (step.keep) {
      r.out(`${what}: kept: ${step.keep}\n`);
      r.record(step.object, 'kept', step.keep);
      continue;
    }
    const moved = step.movesFrom ? ` (moved here from ${step.movesFrom})` : '';
    // a dry run cannot create the namespace, so the server cannot dry-run what goes into it
    if (o.dryRun && step.mapping.namespaced && pending.has(step.folder)) {
      r.out(`${what}: created${suffix}; not checked by the server, its namespace does not exist yet\n`);
      r.record(step.object, 'created');
      applied.push(step);
      continue;
    }
    try {
      const answer = await client.apply(step.mapping, step.object, { dryRun: o.dryRun, force: o.force });
      const outcome = outcomeOf(step.live, answer.object, o.dryRun);
      r.out(`${what}: ${outcome}${suffix}${moved}\n`);
      r.record(step.object, outcome);
      applied.push(step);
    } catch (e) {
      if (!isClusterError(e)) throw e;
      const message = applyFailure(step, e);
      r.record(step.object, 'failed', message);
      const notApplied = plan.steps.slice(i + 1).filter((s) => !s.keep);
      for (const s of notApplied) r.record(s.object, 'not applied');
      r.err(`error: ${message}`);
      r.err(`apply stopped: ${applied.length} of ${plan.steps.filter((s) => !s.keep).length} objects applied${suffix}`);
      const list = (title: string, steps: Step[]) => {
        if (steps.length === 0) return;
        r.err(`${title} (${steps.length}):`);
        for (const s of steps) r.err(`  ${describe(s.object)}`);
      };
      list('applied', applied);
      list('failed', [step]);
      list('not applied', notApplied);
      if (o.prune) r.err('nothing was pruned: pruning never follows a failed apply');
      return { exit: EXIT.environment, failure: message };
    }
  }
  return undefined;
}

async function deleteOne(client: ClusterClient, c: { object: Record<string, unknown>; mapping: Step['mapping'] }, dryRun: boolean): Promise<boolean> {
  const meta = c.object['metadata'] as { name: string; namespace?: string; uid?: string };
  return client.delete(c.mapping, c.mapping.namespaced ? meta.namespace : undefined, meta.name, { ...(meta.uid && { uid: meta.uid }), dryRun });
}

async function pruneAndTidy(client: ClusterClient, plan: Plan, o: ApplyOptions, r: Recorder): Promise<RunOutcome | undefined> {
  const suffix = o.dryRun ? ' (server dry run)' : '';
  if (o.prune) {
    const candidates = await pruneCandidates(client, plan, (l) => r.err(l));
    const doomed = candidates.filter((c) => !c.keep).length;
    let pruned = 0;
    for (const c of candidates) {
      if (c.keep) {
        r.out(`${describe(c.object)}: kept: ${c.keep}\n`);
        r.record(c.object, 'kept', c.keep);
        continue;
      }
      try {
        if (await deleteOne(client, c, o.dryRun)) pruned++;
        r.out(`${describe(c.object)}: pruned${suffix}\n`);
        r.record(c.object, 'pruned');
      } catch (e) {
        if (!isClusterError(e)) throw e;
        const message = `pruning ${describe(c.object)}: ${describeError(e)}`;
        r.record(c.object, 'failed', message);
        r.err(`error: ${message}`);
        r.err(`${pruned} of ${doomed} objects pruned; the ApplySet still lists every group-kind, so the next apply --prune finishes the job`);
        return { exit: EXIT.environment, failure: message };
      }
    }
  }
  // ApplySets absorbed whole: their parents hold nothing any more
  for (const a of plan.absorbed) {
    const meta = a.parent['metadata'] as { name: string; namespace: string };
    try {
      await deleteOne(client, { object: a.parent, mapping: plan.configMaps }, o.dryRun);
      r.out(`ConfigMap ${meta.namespace}/${meta.name}: pruned${suffix} (the parent of an ApplySet whose objects all moved to ${plan.set.name})\n`);
    } catch (e) {
      if (!isClusterError(e)) throw e;
      r.err(`warning: the emptied ApplySet parent ConfigMap ${meta.namespace}/${meta.name} was not removed: ${describeError(e)}`);
    }
  }
  if (!o.prune) return undefined;
  // everything not in the bundle is gone: the parents now list exactly the bundle's group-kinds
  for (const f of plan.folders.values()) {
    const exact = [...f.groupKinds].sort();
    const widened = [...new Set([...f.liveGroupKinds, ...f.groupKinds])].sort();
    if (exact.join(',') === widened.join(',')) continue;
    try {
      await client.apply(plan.configMaps, parentObject(plan.set, f.name, exact, f.namespace !== 'foreign'), { dryRun: o.dryRun, force: o.force });
    } catch (e) {
      if (!isClusterError(e)) throw e;
      const message = `updating the ApplySet parent ConfigMap ${f.name}/${f.parent}: ${describeError(e)}`;
      r.err(`error: ${message}`);
      return { exit: EXIT.environment, failure: message };
    }
  }
  return undefined;
}

export async function runApply(client: ClusterClient, plan: Plan, o: ApplyOptions, r: Recorder): Promise<RunOutcome> {
  const stopped = (await applySteps(client, plan, o, r)) ?? (await pruneAndTidy(client, plan, o, r));
  if (stopped) return stopped;
  const members = (x: { object: string }) => !plan.steps.some((s) => s.parent && describe(s.object) === x.object);
  const n = plan.steps.filter((s) => !s.parent && !s.keep).length;
  const counts = [
    `${r.count('created', members)} created`,
    `${r.count('configured', members)} configured`,
    `${r.count('unchanged', members)} unchanged`,
    ...(o.prune ? [`${r.count('pruned')} pruned`] : []),
    ...(r.count('kept') > 0 ? [`${r.count('kept')} kept`] : []),
  ].join(', ');
  const where = plural(plan.folders.size, 'namespace');
  const summary = o.dryRun ? `dry run: ${plural(n, 'object')} in ${where} would be: ${counts}; nothing was changed` : `${plural(n, 'object')} applied in ${where}: ${counts}`;
  r.err(summary);
  if (o.wait && !o.dryRun) {
    const items: Waitable[] = plan.steps.filter((s) => !s.keep && isWaitable(s.object['kind'])).map((s) => ({ mapping: s.mapping, object: s.object }));
    if (items.length > 0) {
      const w = await waitFor(client, items, { timeoutMs: o.timeoutMs, pollMs: o.pollMs, progress: (l) => r.err(l) });
      if (!w.ok) {
        const failure = w.pending.length > 0 && w.timedOut ? `not ready after ${formatDuration(o.timeoutMs)} (--timeout)` : 'a rollout failed';
        r.err(`error: ${failure}:`);
        for (const p of w.pending) r.err(`  ${p}`);
        return { exit: EXIT.environment, failure: `${failure}: ${w.pending.join('; ')}`, summary };
      }
      r.err(`all ${plural(items.length, 'workload')} ready`);
    }
  }
  return { exit: EXIT.ok, summary };
}
