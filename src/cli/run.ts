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
    .demandCommand(1, 'Name a command: validate')
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
