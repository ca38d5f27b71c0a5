import { inputsPositional, reportArgs, reportOptions, type CommandDef } from '../options.js';

export const validateCli: CommandDef = {
  command: 'validate <inputs..>',
  describe: 'Validate ECS task definition and service JSON files (each file on its own)',
  builder: (y) =>
    reportOptions(y.positional('inputs', inputsPositional))
      .example('$0 validate .aws/task-definition.json', 'Validate one task definition')
      .example('$0 validate ecs/ --report sarif --report-file ecs.sarif', 'Validate a folder and write SARIF'),
  run: async (a, io) => (await import('./validate.js')).validateCommand({ inputs: a['inputs'] as string[], ...reportArgs(a) }, io),
};
