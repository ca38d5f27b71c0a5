import { compileArgs, compileArgsProblem, compileOptions, inputsPositional, reportArgs, reportArgsProblem, reportOptions, usageError, type CommandDef } from '../options.js';
import type { OutputFormat } from '../../bundle/types.js';

export const buildCli: CommandDef = {
  command: 'build <inputs..>',
  describe: 'Compile ECS task definitions and services into a Kubernetes bundle',
  builder: (y) =>
    compileOptions(reportOptions(y.positional('inputs', inputsPositional)))
      .option('out', { alias: 'o', type: 'string', describe: 'Output directory of the bundle (one folder per namespace)' })
      .option('stdout', { type: 'boolean', default: false, describe: 'Print one multi-document stream instead of writing files' })
      .option('format', { choices: ['yaml', 'json'] as const, default: 'yaml' as const, describe: 'Format of the object files' })
      .option('check', { type: 'boolean', default: false, describe: 'Compare with the bundle on disk: exit 1 and print a diff when it is out of date (to stderr when a json or sarif report owns stdout)' })
      .example('$0 build .aws/task-definition.json --out k8s/', 'Compile one task definition')
      .example('$0 build ecs/ --out k8s/ --check', 'Fail when k8s/ is out of date (CI, pre-commit)')
      .example('$0 build td.json svc.json --image app=repo/app:1.2 --stdout', 'Print the manifests'),
  run: async (a, io) => {
    const problem = checkBuildArgs(a);
    if (problem) return usageError(io, problem);
    return (await import('./build.js')).buildCommand(
      {
        inputs: a['inputs'] as string[],
        ...reportArgs(a),
        out: a['out'] as string | undefined,
        stdout: a['stdout'] as boolean,
        format: a['format'] as OutputFormat,
        check: a['check'] as boolean,
        ...compileArgs(a),
      },
      io,
    );
  },
};

/** Every combination of --out, --stdout, --check, --report and --report-file is meaningful or refused here (README: "Where output goes"). */
function checkBuildArgs(a: Record<string, unknown>): string | undefined {
  const reportFile = a['report-file'];
  if (!a['stdout'] && !a['out']) return 'build needs --out DIR (or --stdout)';
  if (a['stdout'] && a['out'] !== undefined) return '--stdout prints the bundle instead of writing it to --out: give one of them';
  if (a['stdout'] && a['check']) return '--check compares files on disk: use it with --out, not --stdout';
  if (a['stdout'] && a['report'] !== 'text' && (reportFile === undefined || reportFile === '-')) {
    return `--report ${String(a['report'])} and --stdout would both write to stdout: give the report a file with --report-file`;
  }
  return reportArgsProblem(a) ?? compileArgsProblem(a);
}
