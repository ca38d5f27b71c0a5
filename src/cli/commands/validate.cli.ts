import { inputsPositional, reportArgs, reportArgsProblem, reportOptions, type CommandDef } from '../options.js';
import { writeUsageError } from '../usage.js';

export const validateCli: CommandDef = {
  command: 'validate <inputs..>',
  needs: 'what to validate: ECS files, directories, or - for standard input',
  describe: 'Validate ECS task definition and service JSON files (each file on its own)',
  builder: (y) =>
    reportOptions(y.positional('inputs', inputsPositional))
      .option('config', { alias: 'c', type: 'string', describe: 'Project file whose diagnostics: (ignore, error) apply (default: ./ecs2k8s.yaml when present)' })
      .option('convert', {
        type: 'boolean',
        default: false,
        describe:
          'Also convert the files as build does (the project file applies; nothing is written) and report what build would; a service without its task definition among the files is not converted',
      })
      .example('$0 validate .aws/task-definition.json', 'Validate one task definition')
      .example('$0 validate ecs/ --report sarif --report-file ecs.sarif', 'Validate a folder and write SARIF')
      .example('$0 validate --convert .aws/task-definition.json', 'Also report what build would warn about (the pre-commit hook does)'),
  run: async (a, io) => {
    const problem = reportArgsProblem(a);
    if (problem) return writeUsageError(io, problem, 'validate');
    return (await import('./validate.js')).validateCommand({ inputs: a['inputs'] as string[], config: a['config'] as string | undefined, convert: a['convert'] === true, ...reportArgs(a) }, io);
  },
};
