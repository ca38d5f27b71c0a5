/**
 * The command line: plain `build` and `validate` command lines are parsed by the fast path
 * (./fast.ts), everything else by yargs, loaded only then; the chosen command's module is
 * imported lazily and run. Streams are parameters; the bin only sets process.exitCode.
 */
import { VERSION } from '../version.js';
import { COMMANDS } from './commands/index.js';
import { fastParse } from './fast.js';
import { EXIT, type CliIO } from './io.js';
import type { CommandDef } from './options.js';
import { usageMessage, writeUsageError } from './usage.js';

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
  let parser = yargs().scriptName('ecs2k8s').usage('$0 <command> [options]\n\nCompile Amazon ECS task definitions and services into Kubernetes bundles, offline.');
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
  const usage = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } }).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;

  let failure: string | undefined;
  let output = '';
  try {
    await new Promise<void>((resolve) => {
      parser.parse(
        argv.map((x) => (x === '-' ? STDIN_TOKEN : x)),
        {},
        (err, _args, out) => {
          if (err) failure = err.message;
          output = out ?? '';
          resolve();
        },
      );
    });
  } catch (e) {
    failure = (e as Error).message;
  }
  const line = (s: string) => (s.endsWith('\n') ? s : s + '\n');
  // A usage error is one line and a hint (src/cli/usage.ts): the help text yargs renders with it is dropped.
  if (failure !== undefined) return usageFailure(failure, argv, io, yargs);
  if (!chosen) {
    if (argv.includes(COMPLETIONS_KEY)) output = completionCandidates(output);
    if (output) io.stdout.write(line(output));
    return EXIT.ok;
  }
  return chosen();
}

const commandName = (c: CommandDef) => c.command.split(' ')[0]!;

function usageFailure(failure: string, argv: readonly string[], io: CliIO, yargs: typeof import('yargs').default): number {
  const first = argv.find((a) => !a.startsWith('-'));
  const def = COMMANDS.find((c) => commandName(c) === first);
  // The command's long option names, as the user types them (yargs also lists aliases and camelCase twins).
  const options = def ? Object.keys((def.builder(yargs()) as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key).filter((k) => k.length > 1 && !/[A-Z]/.test(k)) : [];
  const message = usageMessage(failure, {
    ...(def && { command: commandName(def) }),
    ...(def?.needs !== undefined && { needs: def.needs }),
    commands: COMMANDS.map(commandName),
    options,
    positionals: def ? [...def.command.matchAll(/[<[]([\w-]+)/g)].map((m) => m[1]!) : [],
    argv,
  });
  return writeUsageError(io, message, def && commandName(def));
}
