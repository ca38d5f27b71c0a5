/** `ecs2k8s diff`: see src/cluster/diff.ts and docs/diff-apply.md. Exit 0 same, 1 different, 3 error (2 bad input). */
import type { CliIO } from '../io.js';
import { diffCluster } from '../../cluster/run.js';
import type { ClusterInputArgs } from './apply.options.js';
import { clusterInputs, clusterRequest, runClusterCommand } from './cluster-inputs.js';

export async function diffCommand(args: ClusterInputArgs, io: CliIO): Promise<number> {
  const inputs = await clusterInputs(args, io);
  if ('exit' in inputs) return inputs.exit;
  return runClusterCommand(args, io, inputs, (cio) => diffCluster(inputs.targets, clusterRequest(args, inputs.applyset), cio));
}
