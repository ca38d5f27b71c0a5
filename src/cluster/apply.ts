/**
 * `ecs2k8s apply`: server-side apply (field manager `ecs2k8s`) of every object in apply order,
 * each namespace folder's ApplySet parent first; stop at the first failure and report what was
 * applied and what was not; then, only when everything applied, prune; then wait.
 */
import { EXIT } from '../cli/io.js';
import { PARENT_NAME, parentObject } from './applyset.js';
import { describe, type ClusterClient } from './client.js';
import { ApiError, conflictManagers, describeError } from './errors.js';
import { planOrExit, pruneCandidates, type Step } from './plan.js';
import type { Target } from './targets.js';
import { isWaitable, waitFor, type Waitable } from './wait.js';

export interface ApplyOptions {
  dryRun: boolean;
  prune: boolean;
  force: boolean;
  wait: boolean;
  timeoutMs: number;
  pollMs: number;
  out: (line: string) => void;
  err: (line: string) => void;
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

export async function runApply(client: ClusterClient, targets: Target[], o: ApplyOptions): Promise<number> {
  const plan = await planOrExit(client, targets, o.err);
  if (typeof plan === 'number') return plan;
  const suffix = o.dryRun ? ' (server dry run)' : '';
  const applied: Step[] = [];
  const pendingNamespaces = new Set([...plan.folders.values()].filter((f) => !f.namespaceExists).map((f) => f.name));
  let created = 0;
  /** Dry run: objects of a namespace that does not exist yet, which the server could not check (all would be created). */
  let unchecked = 0;
  let failure: { step: Step; message: string } | undefined;
  for (const step of plan.steps) {
    const ns = step.mapping.namespaced ? step.folder : undefined;
    // a dry run cannot create the namespace, so the server cannot dry-run what goes into it
    if (o.dryRun && ns !== undefined && pendingNamespaces.has(ns)) {
      o.out(`${describe(step.object)}: would be created${suffix}; not checked by the server, its namespace does not exist yet`);
      applied.push(step);
      if (!step.parent) {
        created++;
        unchecked++;
      }
      continue;
    }
    try {
      const r = await client.apply(step.mapping, step.object, { dryRun: o.dryRun, force: o.force });
      if (r.created && !step.parent) created++;
      o.out(`${describe(step.object)}: ${r.created ? 'created' : 'applied'}${suffix}`);
      applied.push(step);
    } catch (e) {
      if (!(e instanceof ApiError) && !(e instanceof Error && e.name === 'TransportError')) throw e;
      failure = { step, message: applyFailure(step, e) };
      break;
    }
  }
  if (failure) {
    const at = plan.steps.indexOf(failure.step);
    const notApplied = plan.steps.slice(at + 1);
    o.err(`error: ${failure.message}`);
    o.err(`apply stopped: ${applied.length} of ${plan.steps.length} objects applied${suffix}`);
    const list = (title: string, steps: Step[]) => {
      if (steps.length === 0) return;
      o.err(`${title} (${steps.length}):`);
      for (const s of steps) o.err(`  ${describe(s.object)}`);
    };
    list('applied', applied);
    list('failed', [failure.step]);
    list('not applied', notApplied);
    if (o.prune) o.err('nothing was pruned: pruning never follows a failed apply');
    return EXIT.environment;
  }

  let pruned = 0;
  if (o.prune) {
    const candidates = await pruneCandidates(client, plan, (l) => o.err(l));
    for (const c of candidates) {
      const meta = c.object['metadata'] as { name: string; namespace?: string; uid?: string };
      try {
        const gone = await client.delete(c.mapping, meta.namespace, meta.name, { ...(meta.uid && { uid: meta.uid }), dryRun: o.dryRun });
        if (gone) pruned++;
        o.out(`${describe(c.object)}: pruned${suffix}`);
      } catch (e) {
        if (!(e instanceof ApiError) && !(e instanceof Error && e.name === 'TransportError')) throw e;
        o.err(`error: pruning ${describe(c.object)}: ${describeError(e)}`);
        o.err(`${pruned} of ${candidates.length} objects pruned; the ApplySet still lists every group-kind, so the next apply --prune finishes the job`);
        return EXIT.environment;
      }
    }
    // everything not in the bundle is gone: the parent now lists exactly the bundle's group-kinds
    for (const f of plan.folders.values()) {
      const exact = [...f.groupKinds].sort();
      const applied = [...new Set([...f.liveGroupKinds, ...f.groupKinds])].sort();
      if (exact.join(',') === applied.join(',')) continue;
      const step = plan.steps.find((s) => s.parent && s.folder === f.name)!;
      try {
        await client.apply(step.mapping, parentObject(f.name, exact), { dryRun: o.dryRun, force: o.force });
      } catch (e) {
        if (!(e instanceof ApiError) && !(e instanceof Error && e.name === 'TransportError')) throw e;
        o.err(`error: updating the ApplySet parent ConfigMap ${f.name}/${PARENT_NAME}: ${describeError(e)}`);
        return EXIT.environment;
      }
    }
  }

  const members = plan.steps.filter((s) => !s.parent).length;
  const namespaces = plan.folders.size;
  const objects = `${members} object${members === 1 ? '' : 's'}`;
  const inNamespaces = `in ${namespaces} namespace${namespaces === 1 ? '' : 's'}`;
  if (o.dryRun) {
    const notChecked = unchecked > 0 ? `; ${unchecked} of them not checked by the server, as their namespace does not exist yet` : '';
    o.err(`dry run: ${objects} would be applied (${created} would be created${notChecked}) ${inNamespaces}${o.prune ? `, ${pruned} would be pruned` : ''}; nothing was changed`);
  } else o.err(`${objects} applied (${created} created) ${inNamespaces}${o.prune ? `, ${pruned} pruned` : ''}`);

  if (o.wait && !o.dryRun) {
    const items: Waitable[] = plan.steps.filter((s) => isWaitable(s.object['kind'])).map((s) => ({ mapping: s.mapping, object: s.object }));
    if (items.length > 0) {
      const r = await waitFor(client, items, { timeoutMs: o.timeoutMs, pollMs: o.pollMs, progress: (l) => o.err(l) });
      if (!r.ok) {
        const timedOut = r.pending.length > 0;
        o.err(`error: ${timedOut ? `not ready after ${Math.round(o.timeoutMs / 1000)}s (--timeout)` : 'a rollout failed'}:`);
        for (const p of r.pending) o.err(`  ${p}`);
        return EXIT.environment;
      }
      o.err(`all ${items.length} workload${items.length === 1 ? '' : 's'} ready`);
    }
  }
  return EXIT.ok;
}
