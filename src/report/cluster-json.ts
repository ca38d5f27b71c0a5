/** `diff --report json` and `apply --report json`: the cluster run as one JSON document. */
import type { ClusterResult, Outcome } from '../cluster/io.js';
import { VERSION } from '../version.js';

const OUTCOMES: readonly Outcome[] = ['created', 'configured', 'unchanged', 'pruned', 'kept', 'failed', 'not applied'];

export function formatClusterJson(result: ClusterResult): string {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, result.objects.filter((x) => x.outcome === o).length]));
  const report = {
    tool: 'ecs2k8s',
    version: VERSION,
    command: result.command,
    exit: result.exit,
    dryRun: result.dryRun,
    /** diff: whether the cluster differs from the bundle; apply: whether anything was changed (or, with --dry-run, would be). */
    changed: result.objects.some((o) => o.outcome === 'created' || o.outcome === 'configured' || o.outcome === 'pruned'),
    counts,
    objects: result.objects.map((o) => ({ object: o.object, outcome: o.outcome, ...(o.reason !== undefined && { reason: o.reason }) })),
    ...(result.summary !== undefined && { summary: result.summary }),
    ...(result.failure !== undefined && { failure: result.failure }),
    diagnostics: result.diagnostics.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.file !== undefined && { file: d.file }),
      ...(d.line !== undefined && { line: d.line, column: d.column }),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
