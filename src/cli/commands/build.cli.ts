import { inputsPositional, reportArgs, reportOptions, usageError, type CommandDef } from '../options.js';
import type { OutputFormat } from '../../bundle/types.js';
import type { WorkloadKind } from '../../options.js';

export const buildCli: CommandDef = {
  command: 'build <inputs..>',
  describe: 'Compile ECS task definitions and services into a Kubernetes bundle',
  builder: (y) =>
    reportOptions(y.positional('inputs', inputsPositional))
      .option('out', { alias: 'o', type: 'string', describe: 'Output directory of the bundle (one folder per namespace)' })
      .option('stdout', { type: 'boolean', default: false, describe: 'Print one multi-document stream instead of writing files' })
      .option('format', { choices: ['yaml', 'json'] as const, default: 'yaml' as const, describe: 'Format of the object files' })
      .option('check', { type: 'boolean', default: false, describe: 'Compare with the bundle on disk: exit 1 and print a diff when it is out of date' })
      .option('image', { type: 'string', array: true, default: [] as string[], describe: 'Replace a container image: CONTAINER=URI (repeatable)' })
      .option('namespace', { alias: 'n', type: 'string', describe: 'Put every object in this namespace' })
      .option('region', { type: 'string', describe: 'AWS region (for notes)' })
      .option('replicas', { type: 'number', describe: 'Replicas of a task definition built without a service (default 1)' })
      .option('workload', { choices: ['deployment', 'daemonset', 'job', 'cronjob'] as const, describe: 'Kind for a task definition without a service (default deployment)' })
      .option('schedule', { type: 'string', describe: 'CronJob schedule (implies --workload cronjob)' })
      .option('service-name', { type: 'string', describe: 'Name of a service without serviceName, or of a standalone workload' })
      .option('config', { alias: 'c', type: 'string', describe: 'Project file (default: ./ecs2k8s.yaml when present)' })
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
        images: (a['image'] as string[] | undefined) ?? [],
        namespace: a['namespace'] as string | undefined,
        region: a['region'] as string | undefined,
        replicas: a['replicas'] as number | undefined,
        workload: a['workload'] as WorkloadKind | undefined,
        schedule: a['schedule'] as string | undefined,
        serviceName: a['service-name'] as string | undefined,
        config: a['config'] as string | undefined,
      },
      io,
    );
  },
};

function checkBuildArgs(a: Record<string, unknown>): string | undefined {
  const reportFile = a['report-file'];
  if (!a['stdout'] && !a['out']) return 'build needs --out DIR (or --stdout)';
  if (a['stdout'] && a['check']) return '--check compares files on disk: use it with --out, not --stdout';
  if (a['stdout'] && a['report'] !== 'text' && (reportFile === undefined || reportFile === '-')) {
    return `--report ${String(a['report'])} and --stdout would both write to stdout: give the report a file with --report-file`;
  }
  const replicas = a['replicas'];
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)) return '--replicas must be a whole number';
  return undefined;
}
