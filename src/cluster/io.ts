/**
 * What the cluster stage writes to and what it returns. It knows no streams and no CLI: the
 * command line passes writers that print to stdout and stderr, the GitHub Action passes a sink
 * that collects lines for its log and summary, and both get a structured result back.
 */
import type { Diagnostic } from '../diagnostics.js';

export interface ClusterIO {
  /** Diff text, and one line per object ("Deployment shop/web: configured"), newline included. */
  out(text: string): void;
  /** Progress, warnings and errors: one line each, without a prefix or a newline. */
  err(line: string): void;
  /** Each object's outcome as soon as it is known. Default: nothing. */
  object?(result: ObjectResult): void;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * What happened to one object (apply) or would happen (diff, `apply --dry-run`):
 * created, configured (the server stored a change), unchanged, pruned (deleted: no longer in
 * the bundle), kept (a Namespace ecs2k8s did not create, or one that holds objects of others),
 * failed, or not applied (after a failure).
 */
export type Outcome = 'created' | 'configured' | 'unchanged' | 'pruned' | 'kept' | 'failed' | 'not applied';

export interface ObjectResult {
  /** `Kind namespace/name`, or `Kind name` for cluster-scoped kinds. */
  object: string;
  outcome: Outcome;
  /** Why (kept, failed), in one line. */
  reason?: string;
}

export interface ClusterResult {
  command: 'diff' | 'apply';
  /** 0 ok, 1 differences (diff), 2 invalid input, 3 cluster / API / I/O failure. */
  exit: number;
  /** Nothing was changed: diff, or apply --dry-run. */
  dryRun: boolean;
  objects: ObjectResult[];
  /** Input problems found before the cluster was contacted (exit 2), as diagnostics. */
  diagnostics: Diagnostic[];
  /** The reason of a failure (exit 2 or 3), in one line. */
  failure?: string;
  /** The closing summary line. */
  summary?: string;
}

/** `Kind namespace/name` of an object. */
export function describe(obj: Record<string, unknown>): string {
  const meta = (obj['metadata'] ?? {}) as Record<string, unknown>;
  return `${String(obj['kind'])} ${meta['namespace'] ? `${String(meta['namespace'])}/` : ''}${String(meta['name'])}`;
}
