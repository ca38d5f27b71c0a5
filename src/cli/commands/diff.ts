/** `ecs2k8s diff`: see src/cluster/diff.ts and docs/diff-apply.md. Exit 0 same, 1 different, 3 error (2 bad input). */
import type { CliIO } from '../io.js';
import { runDiff } from '../../cluster/diff.js';
import { withSession } from '../../cluster/session.js';
import type { ClusterInputArgs } from './apply.options.js';

export async function diffCommand(args: ClusterInputArgs, io: CliIO): Promise<number> {
  return withSession(args, io, (session, targets) =>
    runDiff(session.client, targets, { prune: args.prune, force: args.forceConflicts, out: (t) => void session.io.stdout.write(t), err: session.err }),
  );
}
