import type { CommandDef } from '../options.js';
import { clusterInputArgs, clusterInputOptions, parseDuration } from './apply.options.js';

export const applyCli: CommandDef = {
  command: 'apply <inputs..>',
  needs: 'a bundle folder written by ecs2k8s build, or ECS inputs (files, directories, or - for standard input)',
  describe: 'Server-side apply a bundle (or ECS inputs) to the cluster, with ApplySet pruning',
  builder: (y) =>
    clusterInputOptions(y)
      .option('dry-run', { type: 'boolean', default: false, describe: 'Send everything as a server dry run (dryRun=All): nothing changes' })
      .option('wait', { type: 'boolean', default: false, describe: 'Wait for Deployment/DaemonSet rollouts and Job completion' })
      .option('timeout', { type: 'string', default: '5m', describe: 'How long --wait waits', coerce: parseDuration })
      .example('$0 apply k8s/', 'Apply the bundle that ecs2k8s build wrote to k8s/')
      .example('$0 apply k8s/ --prune --wait', 'Also delete what the bundle no longer holds, then wait for rollouts')
      .example('$0 apply ecs/ --image web=repo/web:1.2 --dry-run', 'Build in memory and ask the server whether it would accept it'),
  run: async (a, io) =>
    (await import('./apply.js')).applyCommand({ ...clusterInputArgs(a, 'apply'), dryRun: a['dry-run'] as boolean, wait: a['wait'] as boolean, timeoutMs: a['timeout'] as number }, io),
};
