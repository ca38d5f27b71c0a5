import type { CommandDef } from '../options.js';
import { clusterInputArgs, clusterInputOptions } from './apply.options.js';

export const diffCli: CommandDef = {
  command: 'diff <inputs..>',
  needs: 'a bundle folder written by ecs2k8s build, or ECS inputs (files, directories, or - for standard input)',
  describe: 'Compare a bundle (or ECS inputs) with the cluster: exit 0 same, 1 different, 3 error',
  builder: (y) => clusterInputOptions(y).example('$0 diff k8s/', 'What apply would change (server-side dry run)').example('$0 diff k8s/ --prune', 'Also show what apply --prune would delete'),
  run: async (a, io) => (await import('./diff.js')).diffCommand(clusterInputArgs(a, 'diff'), io),
};
