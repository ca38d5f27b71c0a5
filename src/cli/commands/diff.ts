/** `ecs2k8s diff`: see src/cluster/diff.ts and docs/diff-apply.md. Exit 0 same, 1 different, 3 error (2 bad input). */
import type { CliIO } from '../io.js';
import { runDiff } from '../../cluster/diff.js';
import { Redactor } from '../../cluster/redact.js';
import { openSession, redactedIo, reportFailure } from '../../cluster/session.js';
import { loadTargets } from '../../cluster/targets.js';
import type { ClusterInputArgs } from './apply.options.js';

export async function diffCommand(args: ClusterInputArgs, rawIo: CliIO): Promise<number> {
  const redactor = new Redactor();
  const io = redactedIo(rawIo, redactor);
  const err = (line: string) => void io.stderr.write(`ecs2k8s: ${line}\n`);
  const loaded = await loadTargets(args.inputs, args.build, io);
  if ('exit' in loaded) return loaded.exit;
  let session;
  try {
    session = await openSession(args, io, redactor);
    return await runDiff(session.client, loaded.targets, { prune: args.prune, force: args.forceConflicts, out: (t) => void io.stdout.write(t), err });
  } catch (e) {
    return reportFailure(e, err);
  } finally {
    session?.close();
  }
}
