/** `ecs2k8s apply`: see src/cluster/apply.ts and docs/diff-apply.md. */
import { EXIT, type CliIO } from '../io.js';
import { runApply } from '../../cluster/apply.js';
import { Redactor } from '../../cluster/redact.js';
import { openSession, redactedIo, reportFailure } from '../../cluster/session.js';
import { loadTargets } from '../../cluster/targets.js';
import type { ClusterInputArgs } from './apply.options.js';

export interface ApplyArgs extends ClusterInputArgs {
  dryRun: boolean;
  wait: boolean;
  timeoutMs: number;
}

export async function applyCommand(args: ApplyArgs, rawIo: CliIO): Promise<number> {
  const redactor = new Redactor();
  const io = redactedIo(rawIo, redactor);
  const err = (line: string) => void io.stderr.write(`ecs2k8s: ${line}\n`);
  const loaded = await loadTargets(args.inputs, args.build, io);
  if ('exit' in loaded) return loaded.exit;
  let session;
  try {
    session = await openSession(args, io, redactor);
    const poll = Number(io.env['ECS2K8S_POLL_MS']);
    return await runApply(session.client, loaded.targets, {
      dryRun: args.dryRun,
      prune: args.prune,
      force: args.forceConflicts,
      wait: args.wait,
      timeoutMs: args.timeoutMs,
      pollMs: Number.isFinite(poll) && poll > 0 ? poll : 2000,
      out: (line) => void io.stdout.write(`${line}\n`),
      err,
    });
  } catch (e) {
    return reportFailure(e, err) ?? EXIT.environment;
  } finally {
    session?.close();
  }
}
