/** `ecs2k8s apply`: see src/cluster/apply.ts and docs/diff-apply.md. */
import type { CliIO } from '../io.js';
import { applyCluster } from '../../cluster/run.js';
import type { ClusterInputArgs } from './apply.options.js';
import { clusterInputs, clusterRequest, runClusterCommand } from './cluster-inputs.js';

export interface ApplyArgs extends ClusterInputArgs {
  dryRun: boolean;
  wait: boolean;
  timeoutMs: number;
}

export async function applyCommand(args: ApplyArgs, io: CliIO): Promise<number> {
  const inputs = await clusterInputs(args, io);
  if ('exit' in inputs) return inputs.exit;
  return runClusterCommand(args, io, inputs, (cio) => applyCluster(inputs.targets, { ...clusterRequest(args, inputs.applyset), dryRun: args.dryRun, wait: args.wait, timeoutMs: args.timeoutMs }, cio));
}
