/**
 * Usage errors in one style, for every command and whoever finds them (yargs' parser, a command's
 * `.check`, or the command itself): one line that says what is wrong in the user's terms, and a
 * hint naming the command's help; never the whole help text (SPEC §14, as kubectl does).
 *
 *   ecs2k8s: unknown option --prun (did you mean --prune?)
 *   Run "ecs2k8s diff --help" for usage.
 *
 * yargs' own messages ("Not enough non-option arguments: got 0, need at least 1", "Invalid
 * values: Argument: …") are rewritten here; any other message is kept, on one line.
 */
import { suggest } from '../model/suggest.js';
import { EXIT, type CliIO } from './io.js';

/** What the rewriting needs to know of the command line. */
export interface UsageContext {
  /** The command named on the command line, if any. */
  command?: string;
  /** Every command name (for an unknown command). */
  commands: readonly string[];
  /** The command's options, long names without dashes (for a misspelt option). */
  options: readonly string[];
  /** The command's positional arguments, by name. */
  positionals: readonly string[];
  /** What the positional arguments are, when none was given (CommandDef.needs). */
  needs?: string;
  /** The command line as given. */
  argv: readonly string[];
}

/** `--name`, or `-n` for one letter. */
const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${name}`);

function unknown(names: string[], c: UsageContext): string {
  const bare = names.filter((n) => c.argv.includes(n));
  if (c.command === undefined && bare.length > 0) {
    // `ecs2k8s biuld x`: the first word is the command; what follows it says nothing more.
    const near = suggest(bare[0]!, c.commands);
    return `unknown command ${JSON.stringify(bare[0])}${near ? ` (did you mean ${near}?)` : ''}: the commands are ${c.commands.join(', ')}`;
  }
  return names
    .map((name) => {
      if (bare.includes(name)) return `unexpected argument ${JSON.stringify(name)}`;
      const near = suggest(name, c.options);
      return `unknown option ${flag(name)}${near ? ` (did you mean --${near}?)` : ''}`;
    })
    .join('; ');
}

/** The one-line message for a usage error that yargs (or a check) reported as `raw`. */
export function usageMessage(raw: string, c: UsageContext): string {
  const text = raw.trim();
  const cmd = c.command ?? 'ecs2k8s';
  let m = /^Unknown arguments?: (.+)$/s.exec(text);
  if (m)
    return unknown(
      m[1]!.split(', ').map((s) => s.trim()),
      c,
    );
  m = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(text);
  if (m) return `${cmd} needs ${c.needs ?? `at least ${m[2]} argument${m[2] === '1' ? '' : 's'}`}`;
  m = /^Missing required arguments?: (.+)$/.exec(text);
  if (m) {
    const names = m[1]!.split(', ').map((n) => flag(n.trim()));
    return `${cmd} needs ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
  }
  if (text.startsWith('Invalid values:')) {
    const each = [...text.matchAll(/Argument: (\S+), Given: (.+?), Choices: (.+?)(?=\n|$)/g)];
    if (each.length > 0) {
      return each.map(([, name, given, choices]) => `${c.positionals.includes(name!) ? name : flag(name!)} ${given} is not one of ${choices}`).join('; ');
    }
  }
  return text.replace(/\s*\n\s*/g, ' ');
}

/** The hint line after a usage error. */
export function usageHint(command?: string): string {
  return `Run "ecs2k8s${command !== undefined ? ` ${command}` : ''} --help" for usage.`;
}

/** Writes a usage error (one line and the hint) and returns exit code 2. */
export function writeUsageError(io: Pick<CliIO, 'stderr'>, message: string, command?: string): number {
  io.stderr.write(`ecs2k8s: ${message}\n${usageHint(command)}\n`);
  return EXIT.invalid;
}
