/** Options shared by several commands, and the shape of a command definition. */
import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

/** One command: its yargs definition and a `run` that imports the implementation lazily. */
export interface CommandDef {
  command: string;
  describe: string;
  // yargs' builder types are too precise to share across commands; each module keeps its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  builder: (y: Argv) => Argv<any>;
  run: (args: Record<string, unknown>, io: CliIO) => Promise<number>;
  /** What the positional arguments are, for the usage error when none is given ("validate needs …"). */
  needs?: string;
}

/** Parses sizes such as 16MiB, 64M, 1048576. */
export function parseSize(v: unknown): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(String(v));
  if (!m) throw new Error(`invalid size ${JSON.stringify(v)}: write a number of bytes or a size such as 64MiB`);
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.floor(Number(m[1]) * mult);
}

/** --report, --report-file, --strict, --verbose, --max-input-size; `pages`: build's html and markdown migration reports too. */
export function reportOptions<T>(y: Argv<T>, pages = false) {
  const choices = pages ? (['text', 'json', 'sarif', 'html', 'markdown'] as const) : (['text', 'json', 'sarif'] as const);
  return y
    .option('report', {
      choices,
      default: 'text' as const,
      describe: pages
        ? 'Report format: text diagnostics go to stderr; json, sarif, and the html or markdown migration report to stdout or --report-file'
        : 'Diagnostics format (text goes to stderr; json and sarif to stdout or --report-file)',
    })
    .option('report-file', {
      type: 'string',
      describe: pages ? 'Write the json, sarif, html or markdown report to this file instead of stdout' : 'Write the json or sarif report to this file instead of stdout',
    })
    .option('strict', { type: 'boolean', default: false, describe: "Treat warnings as errors (after the project file's diagnostics: rules)" })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show informational notes and a summary' })
    .option('max-input-size', { type: 'string', default: '16MiB', describe: 'Largest input file accepted', coerce: parseSize });
}

/** A combination of the report options that means nothing, or undefined. */
export function reportArgsProblem(a: Record<string, unknown>, pages = false): string | undefined {
  if (a['report-file'] !== undefined && a['report'] === 'text') {
    if (pages) return `--report-file writes a json, sarif, html or markdown report (text diagnostics always go to stderr): add --report html (or json, sarif, markdown), or drop --report-file`;
    return `--report-file writes a json or sarif report (text diagnostics always go to stderr): add --report json or --report sarif, or drop --report-file`;
  }
  return undefined;
}

/** The report options as the command implementations take them. */
export function reportArgs(a: Record<string, unknown>) {
  return {
    report: a['report'] as 'text' | 'json' | 'sarif' | 'html' | 'markdown',
    reportFile: a['report-file'] as string | undefined,
    strict: a['strict'] as boolean,
    verbose: a['verbose'] as boolean,
    maxInputSize: a['max-input-size'] as number,
  };
}

/**
 * The flags that shape compilation: `build`'s, and `diff`/`apply`'s when they are given ECS
 * inputs rather than a bundle. `scope` prefixes their help ("Inputs only: ").
 */
export function compileOptions<T>(y: Argv<T>, scope = '') {
  return y
    .option('image', { type: 'string', array: true, default: [] as string[], describe: `${scope}Replace a container image: CONTAINER=URI (repeatable)` })
    .option('namespace', { alias: 'n', type: 'string', describe: `${scope}Put every object in this namespace` })
    .option('region', { type: 'string', describe: `${scope}AWS::Region of CloudFormation templates (a warning says when nothing used it)` })
    .option('account', { type: 'string', describe: `${scope}AWS::AccountId of CloudFormation templates` })
    .option('stack-name', { type: 'string', describe: `${scope}AWS::StackName of CloudFormation templates` })
    .option('parameter', { type: 'string', array: true, default: [] as string[], describe: `${scope}A CloudFormation parameter, over its Default: KEY=VALUE (repeatable)` })
    .option('var', { type: 'string', array: true, default: [] as string[], describe: `${scope}A Terraform variable of .tf inputs, over *.tfvars and its default: NAME=VALUE (repeatable)` })
    .option('replicas', { type: 'number', describe: `${scope}Replicas of every Deployment, over a service's desiredCount (default: desiredCount, else 1)` })
    .option('workload', { choices: ['deployment', 'daemonset', 'job', 'cronjob'] as const, describe: `${scope}Kind of every task definition built without a service (default deployment)` })
    .option('schedule', { type: 'string', describe: `${scope}Schedule of a task definition built without a service (implies --workload cronjob)` })
    .option('service-name', { type: 'string', describe: `${scope}Name of a service without serviceName, or of a standalone workload` })
    .option('config', { alias: 'c', type: 'string', describe: `${scope}Project file (default: ./ecs2k8s.yaml when present)` });
}

/** The compile flags as the implementations take them. */
export function compileArgs(a: Record<string, unknown>) {
  return {
    images: (a['image'] as string[] | undefined) ?? [],
    namespace: a['namespace'] as string | undefined,
    region: a['region'] as string | undefined,
    account: a['account'] as string | undefined,
    stackName: a['stack-name'] as string | undefined,
    parameters: (a['parameter'] as string[] | undefined) ?? [],
    vars: (a['var'] as string[] | undefined) ?? [],
    replicas: a['replicas'] as number | undefined,
    workload: a['workload'] as 'deployment' | 'daemonset' | 'job' | 'cronjob' | undefined,
    schedule: a['schedule'] as string | undefined,
    serviceName: a['service-name'] as string | undefined,
    config: a['config'] as string | undefined,
  };
}

/** A problem with the compile flags that yargs' types cannot say, or undefined. */
export function compileArgsProblem(a: Record<string, unknown>): string | undefined {
  const replicas = a['replicas'];
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)) return '--replicas must be a whole number';
  return undefined;
}

export const inputsPositional = { type: 'string', array: true, describe: 'Files, directories (searched for *.json and CloudFormation templates) or - for stdin' } as const;
