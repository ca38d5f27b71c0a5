/**
 * The cluster stage's entry points, for the command line and the GitHub Action alike:
 * `diffCluster` and `applyCluster` take the objects (./targets.ts), the request and a
 * ClusterIO, and return a ClusterResult (exit code, each object's outcome, the failure). Input
 * problems are diagnostics and exit 2 before the cluster is contacted; cluster, API and I/O
 * failures are one line and exit 3; every line written is redacted.
 */
import type { Diagnostic } from '../diagnostics.js';
import { EXIT } from '../report/exit.js';
import { runApply, type ApplyOptions, type RunOutcome } from './apply.js';
import { derivedName, type ApplySetName } from './applyset.js';
import type { ClusterClient } from './client.js';
import { runDiff } from './diff.js';
import { isClusterError } from './errors.js';
import type { ClusterIO, ClusterResult } from './io.js';
import type { LoadedKubeconfig } from './kubeconfig.js';
import { makePlan, PlanError, type Plan } from './plan.js';
import { Recorder } from './recorder.js';
import { Redactor } from './redact.js';
import { failureLine, openSession, type ClusterFlags } from './session.js';
import { checkTargets, type Target } from './targets.js';

export interface ClusterRequest extends ClusterFlags {
  /** The ApplySet name (--applyset, or the project file's applyset). Default: derived from the bundle. */
  applyset?: ApplySetName;
  /** Delete (apply) or show (diff) what this ApplySet holds and the bundle no longer does. Default false. */
  prune: boolean;
  /** Take over fields another field manager owns (force=true). Default false. */
  force: boolean;
}

export interface ApplyRequest extends ClusterRequest {
  /** Send every write as a server dry run. Default false. */
  dryRun: boolean;
  /** Follow rollouts and Jobs after applying. Default false. */
  wait: boolean;
  /** How long --wait waits, in ms. Default 5 minutes. */
  timeoutMs: number;
  /** The --wait poll interval, in ms. Default 2000 (ECS2K8S_POLL_MS). */
  pollMs?: number;
}

type Body = (client: ClusterClient, plan: Plan, r: Recorder) => Promise<RunOutcome>;

async function runCluster(command: 'diff' | 'apply', dryRun: boolean, targets: readonly Target[], req: ClusterRequest, io: ClusterIO, body: Body): Promise<ClusterResult> {
  const r = new Recorder(io, new Redactor());
  const result = (exit: number, extra: { failure?: string; summary?: string; diagnostics?: Diagnostic[] } = {}): ClusterResult => ({
    command,
    exit,
    dryRun,
    objects: r.objects,
    diagnostics: extra.diagnostics ?? [],
    ...(extra.failure !== undefined && { failure: r.redactor.redact(extra.failure) }),
    ...(extra.summary !== undefined && { summary: extra.summary }),
  });
  const problems = checkTargets(targets);
  if (problems.length > 0) return result(EXIT.invalid, { diagnostics: problems, failure: `${problems.length} problem${problems.length === 1 ? '' : 's'} in the input: nothing was sent` });
  if (req.prune && !req.applyset) {
    const message = `--prune needs an ApplySet name that stays the same as the bundle changes: pass --applyset NAME or set applyset: NAME in ecs2k8s.yaml (ecs2k8s 0.1 used one ApplySet per namespace, applyset-ecs2k8s: pass --applyset ${'ecs2k8s'} to keep it when this is the only bundle applied to its namespaces)`;
    return result(EXIT.invalid, { diagnostics: [{ code: 'prune-without-applyset', severity: 'error', message }], failure: message });
  }
  const set = req.applyset ?? derivedName(targets);
  if (!req.applyset)
    r.err(
      `note: this bundle's ApplySet is ${set.name}, named after its workloads; name it with --applyset NAME or applyset: NAME in ecs2k8s.yaml so that it keeps its name when they change (--prune asks for that)`,
    );
  let config: LoadedKubeconfig | undefined;
  let close = () => undefined as void;
  try {
    const session = await openSession(req, io.env, io.cwd, r.redactor, (l) => r.err(l));
    config = session.config;
    close = session.close;
    const plan = await makePlan(session.client, targets, set, (l) => r.err(l));
    const out = await body(session.client, plan, r);
    return result(out.exit, out);
  } catch (e) {
    if (e instanceof PlanError) {
      r.err(`error: ${e.message}`);
      return result(e.exit, { failure: e.message });
    }
    if (!isClusterError(e)) throw e;
    const line = failureLine(e, config);
    r.err(`error: ${line}`);
    return result(EXIT.environment, { failure: line });
  } finally {
    close();
  }
}

/** `ecs2k8s diff`: exit 0 no differences, 1 differences, 2 invalid input, 3 failure. */
export function diffCluster(targets: readonly Target[], req: ClusterRequest, io: ClusterIO): Promise<ClusterResult> {
  return runCluster('diff', true, targets, req, io, (client, plan, r) => runDiff(client, plan, { prune: req.prune, force: req.force }, r));
}

/** `ecs2k8s apply`: exit 0 applied, 2 invalid input, 3 failure (nothing pruned after a failure). */
export function applyCluster(targets: readonly Target[], req: ApplyRequest, io: ClusterIO): Promise<ClusterResult> {
  const poll = Number(io.env['ECS2K8S_POLL_MS']);
  const options: ApplyOptions = {
    dryRun: req.dryRun,
    prune: req.prune,
    force: req.force,
    wait: req.wait,
    timeoutMs: req.timeoutMs,
    pollMs: req.pollMs ?? (Number.isFinite(poll) && poll > 0 ? poll : 2000),
  };
  return runCluster('apply', req.dryRun, targets, req, io, (client, plan, r) => runApply(client, plan, options, r));
}
