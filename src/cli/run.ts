/**
 * The command line: plain `build` and `validate` command lines are parsed by the fast path
 * (./fast.ts), everything else by yargs, loaded only then; the chosen command's module is
 * imported lazily and run. Streams are parameters; the bin only sets process.exitCode.
 */
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { fastParse } from './fast.js';
import { EXIT, type CliIO } from './io.js';

export { parseSize } from './options.js';

/** yargs drops a lone `-` (yargs/yargs#1312); it stands for standard input, so it travels under another name. */
const STDIN_TOKEN = '\u0000-';

function restoreStdin(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) {
    out[k] = v === STDIN_TOKEN ? '-' : Array.isArray(v) ? v.map((x) => (x === STDIN_TOKEN ? '-' : x)) : v;
  }
  return out;
}

/** What the completion scripts call (src/cli/commands/completion.ts): yargs answers it, one candidate a line. */
const COMPLETIONS_KEY = '--get-yargs-completions';

/**
 * yargs offers one-letter aliases as `--n`, `--c`, `--o` once the word typed starts with `--`
 * (`-n` works, `--n` does not): drop them. zsh candidates carry a description after ":".
 */
function completionCandidates(output: string): string {
  return output
    .split('\n')
    .filter((c) => !/^--[^-:](:|$)/.test(c))
    .join('\n');
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  const fast = fastParse(argv, COMMANDS);
  if (fast) return fast.def.run(fast.args, io);
  return runYargs(argv, io);
}

/** The arguments yargs gives the handler of the command `argv` names, or undefined (for tests: the fast path must agree). */
export async function yargsArgs(argv: readonly string[]): Promise<Record<string, unknown> | undefined> {
  let got: Record<string, unknown> | undefined;
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const io = { stdout: sink, stderr: sink, stdin: process.stdin, env: {}, cwd: process.cwd() } as unknown as CliIO;
  await runYargs(argv, io, (a) => {
    got = a;
  });
  return got;
}

async function runYargs(argv: readonly string[], io: CliIO, capture?: (args: Record<string, unknown>) => void): Promise<number> {
  const { default: yargs } = await import('yargs');
  let chosen: (() => Promise<number>) | undefined;
  let parser = yargs()
    .scriptName('ecs2k8s')
    .usage('$0 <command> [options]\n\nCompile Amazon ECS task definitions and services into Kubernetes bundles, offline.');
  for (const c of COMMANDS) {
    parser = parser.command(c.command, c.describe, c.builder, (a) => {
      const args = restoreStdin(a as Record<string, unknown>);
      chosen = capture ? async () => (capture(args), EXIT.ok) : () => c.run(args, io);
    });
  }
  parser = parser
    .demandCommand(1, `Name a command: ${COMMANDS.map((c) => c.command.split(' ')[0]).join(', ')}`)
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false);

  // After every command's handler, yargs renders the whole help text and caches it, in case the
  // handler asks for help later (ours never do): a quarter of a build's start-up. Turn that off.
  const usage = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;

  let failure: string | undefined;
  let output = '';
  try {
    await new Promise<void>((resolve) => {
      parser.parse(argv.map((x) => (x === '-' ? STDIN_TOKEN : x)), {}, (err, _args, out) => {
        if (err) failure = err.message;
        output = out ?? '';
        resolve();
      });
    });
  } catch (e) {
    failure = (e as Error).message;
  }
  const line = (s: string) => (s.endsWith('\n') ? s : s + '\n');
  if (failure !== undefined) {
    if (output) io.stderr.write(line(output));
    if (!output.includes(failure)) io.stderr.write(`ecs2k8s: ${failure}\n`);
    io.stderr.write('Run "ecs2k8s --help" for usage.\n');
    return EXIT.invalid;
  }
  if (!chosen) {
    if (argv.includes(COMPLETIONS_KEY)) output = completionCandidates(output);
    if (output) io.stdout.write(line(output));
    return EXIT.ok;
  }
  return chosen();
}
