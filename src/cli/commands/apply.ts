/** `ecs2k8s apply`: see src/cluster/apply.ts and docs/diff-apply.md. */
import type { CliIO } from '../io.js';
import { runApply } from '../../cluster/apply.js';
import { withSession } from '../../cluster/session.js';
import type { ClusterInputArgs } from './apply.options.js';

export interface ApplyArgs extends ClusterInputArgs {
  dryRun: boolean;
  wait: boolean;
  timeoutMs: number;
}

export async function applyCommand(args: ApplyArgs, io: CliIO): Promise<number> {
  return withSession(args, io, (session, targets) => {
    const poll = Number(session.io.env['ECS2K8S_POLL_MS']);
    return runApply(session.client, targets, {
      dryRun: args.dryRun,
      prune: args.prune,
      force: args.forceConflicts,
      wait: args.wait,
      timeoutMs: args.timeoutMs,
      pollMs: Number.isFinite(poll) && poll > 0 ? poll : 2000,
      out: (line) => void session.io.stdout.write(`${line}\n`),
      err: session.err,
    });
  });
}
