/**
 * The command line: yargs parses, then the chosen command's module is imported lazily and run.
 * Streams are parameters; the bin only sets process.exitCode.
 */
import yargs, { type Argv } from 'yargs';
import { DEFAULT_MAX_INPUT_BYTES } from '../load/inputs.js';
import { VERSION } from '../version.js';
import { EXIT, type CliIO } from './io.js';

/** Parses sizes such as 16MiB, 64M, 1048576. */
export function parseSize(v: unknown): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(String(v));
  if (!m) throw new Error(`invalid size ${JSON.stringify(v)}: write a number of bytes or a size such as 64MiB`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

function reportOptions<T>(y: Argv<T>) {
  return y
    .option('report', { choices: ['text', 'json', 'sarif'] as const, default: 'text' as const, describe: 'Diagnostics format (text goes to stderr; json and sarif to stdout or --report-file)' })
    .option('report-file', { type: 'string', describe: 'Write the json or sarif report to this file instead of stdout' })
    .option('strict', { type: 'boolean', default: false, describe: 'Treat warnings as errors' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show informational notes and a summary' })
    .option('max-input-size', { type: 'string', default: '16MiB', describe: 'Largest input file accepted', coerce: parseSize });
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let chosen: (() => Promise<number>) | undefined;
  const parser = yargs()
    .scriptName('ecs2k8s')
    .usage('$0 <command> [options]\n\nCompile Amazon ECS task definitions and services into Kubernetes bundles, offline.')
    .command(
      'validate <inputs..>',
      'Validate ECS task definition and service JSON files (each file on its own)',
      (y) => reportOptions(y.positional('inputs', { type: 'string', array: true, describe: 'Files, directories (searched for *.json) or - for stdin' }))
        .example('$0 validate .aws/task-definition.json', 'Validate one task definition')
        .example('$0 validate ecs/ --report sarif --report-file ecs.sarif', 'Validate a folder and write SARIF'),
      (a) => {
        chosen = async () => (await import('./commands/validate.js')).validateCommand(
          { inputs: a.inputs as string[], report: a.report, reportFile: a['report-file'], strict: a.strict, verbose: a.verbose, maxInputSize: a['max-input-size'] as unknown as number },
          io,
        );
      },
    )
    .command(
      'build <inputs..>',
      'Compile ECS task definitions and services into a Kubernetes bundle',
      (y) => reportOptions(y.positional('inputs', { type: 'string', array: true, describe: 'Files, directories (searched for *.json) or - for stdin' }))
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
        .check((a) => {
          if (!a.stdout && !a.out) throw new Error('build needs --out DIR (or --stdout)');
          if (a.stdout && a.check) throw new Error('--check compares files on disk: use it with --out, not --stdout');
          if (a.replicas !== undefined && (!Number.isInteger(a.replicas) || a.replicas < 0)) throw new Error('--replicas must be a whole number');
          return true;
        })
        .example('$0 build .aws/task-definition.json --out k8s/', 'Compile one task definition')
        .example('$0 build ecs/ --out k8s/ --check', 'Fail when k8s/ is out of date (CI, pre-commit)')
        .example('$0 build td.json svc.json --image app=repo/app:1.2 --stdout', 'Print the manifests'),
      (a) => {
        chosen = async () => (await import('./commands/build.js')).buildCommand(
          {
            inputs: a.inputs as string[], report: a.report, reportFile: a['report-file'], strict: a.strict, verbose: a.verbose, maxInputSize: a['max-input-size'] as unknown as number,
            out: a.out, stdout: a.stdout, format: a.format, check: a.check, images: (a.image as string[]) ?? [], namespace: a.namespace, region: a.region,
            replicas: a.replicas, workload: a.workload, schedule: a.schedule, serviceName: a['service-name'], config: a.config,
          },
          io,
        );
      },
    )
    .demandCommand(1, 'Name a command: validate or build')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .completion('completion', 'Print a shell completion script (bash, zsh)')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false);

  let failure: string | undefined;
  let output = '';
  try {
    await new Promise<void>((resolve) => {
      parser.parse([...argv], {}, (err, _args, out) => {
        if (err) failure = err.message;
        output = out ?? '';
        resolve();
      });
    });
  } catch (e) {
    failure = (e as Error).message;
  }
  if (failure !== undefined) {
    if (output && !output.includes(failure)) io.stderr.write(output.endsWith('\n') ? output : output + '\n');
    else if (output) io.stderr.write(output.endsWith('\n') ? output : output + '\n');
    if (!output.includes(failure)) io.stderr.write(`ecs2k8s: ${failure}\n`);
    io.stderr.write('Run "ecs2k8s --help" for usage.\n');
    return EXIT.invalid;
  }
  if (!chosen) {
    if (output) io.stdout.write(output.endsWith('\n') ? output : output + '\n');
    return EXIT.ok;
  }
  return chosen();
}

export { DEFAULT_MAX_INPUT_BYTES };
