import { inputsPositional, reportArgs, reportArgsProblem, reportOptions, type CommandDef } from '../options.js';
import { writeUsageError } from '../usage.js';

export const validateCli: CommandDef = {
  command: 'validate <inputs..>',
  needs: 'what to validate: ECS files, directories, or - for standard input',
  describe: 'Validate ECS task definition and service JSON files (each file on its own)',
  builder: (y) =>
    reportOptions(y.positional('inputs', inputsPositional))
      .option('config', { alias: 'c', type: 'string', describe: 'Project file whose diagnostics: (ignore, error) apply (default: ./ecs2k8s.yaml when present)' })
      .example('$0 validate .aws/task-definition.json', 'Validate one task definition')
      .example('$0 validate ecs/ --report sarif --report-file ecs.sarif', 'Validate a folder and write SARIF'),
  run: async (a, io) => {
    const problem = reportArgsProblem(a);
    if (problem) return writeUsageError(io, problem, 'validate');
    return (await import('./validate.js')).validateCommand({ inputs: a['inputs'] as string[], config: a['config'] as string | undefined, ...reportArgs(a) }, io);
  },
};
