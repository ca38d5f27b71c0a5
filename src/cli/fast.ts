/**
 * The fast path of the command line: `build` and `validate` with plain flags are parsed here,
 * without loading yargs (whose start-up, with its text-width tables, is about a fifth of a
 * build's). The flags are the ones the command's yargs definition declares (read by running its
 * builder against a recorder), so the two cannot drift apart. Anything this parser is not sure
 * of — help, version, an unknown or repeated flag, a missing or invalid value, `--`, `-`,
 * `--no-…`, combined short flags, a flag value that starts with `-` — returns undefined, and
 * yargs parses the command line as before, with its messages. test/cli-fast.test.ts checks that
 * whatever this parser accepts, yargs parses to the same arguments.
 */
import type { CommandDef } from './options.js';

/** The commands taken on the fast path. */
const FAST = new Set(['build', 'validate']);

interface Spec {
  type?: 'string' | 'boolean' | 'number';
  array?: boolean;
  alias?: string;
  default?: unknown;
  choices?: readonly unknown[];
  coerce?: (v: unknown) => unknown;
}

interface Declared {
  positional?: { name: string; spec: Spec; required: boolean };
  options: Map<string, Spec>;
  /** alias or name → name */
  names: Map<string, string>;
}

const declared = new Map<CommandDef, Declared | null>();

/** The flags a command's builder declares, or null when it uses something this parser does not model. */
function declare(def: CommandDef): Declared | null {
  let d = declared.get(def);
  if (d !== undefined) return d;
  const out: Declared = { options: new Map(), names: new Map() };
  let supported = true;
  const recorder: object = new Proxy(
    {},
    {
      get:
        (_t, prop) =>
        (...args: unknown[]) => {
          if (prop === 'option' && typeof args[0] === 'string') {
            const spec = (args[1] ?? {}) as Spec;
            const keys = Object.keys(spec).filter((k) => k !== 'describe');
            if (keys.some((k) => !['type', 'array', 'alias', 'default', 'choices', 'coerce'].includes(k)) || (spec.alias !== undefined && typeof spec.alias !== 'string')) supported = false;
            out.options.set(args[0], spec);
            out.names.set(args[0], args[0]);
            if (spec.alias) out.names.set(spec.alias, args[0]);
          } else if (prop === 'positional' && typeof args[0] === 'string') {
            out.positional = { name: args[0], spec: (args[1] ?? {}) as Spec, required: def.command.includes(`<${args[0]}..>`) };
          } else if (prop !== 'example') supported = false;
          return recorder;
        },
    },
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  def.builder(recorder as any);
  const positionalOk = /^\w+ [[<](\w+)\.\.[\]>]$/.exec(def.command)?.[1] === out.positional?.name && out.positional?.spec.array === true && out.positional.spec.type === 'string';
  d = supported && positionalOk ? out : null;
  declared.set(def, d);
  return d;
}

const camel = (s: string): string => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The command and its arguments as yargs would give them to the handler, or undefined (then yargs parses). */
export function fastParse(argv: readonly string[], commands: readonly CommandDef[]): { def: CommandDef; args: Record<string, unknown> } | undefined {
  const name = argv[0];
  if (name === undefined || !FAST.has(name)) return undefined;
  const def = commands.find((c) => c.command.split(' ')[0] === name);
  const d = def && declare(def);
  if (!def || !d) return undefined;
  const given = new Map<string, unknown>();
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '-' || token === '--' || token === '') return undefined;
    if (!token.startsWith('-')) {
      positional.push(token);
      continue;
    }
    const m = /^(?:--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?:=(.*))?|-([a-zA-Z]))$/s.exec(token);
    if (!m) return undefined;
    const key = d.names.get(m[1] ?? m[3]!);
    const spec = key === undefined ? undefined : d.options.get(key);
    if (key === undefined || !spec || (given.has(key) && !spec.array)) return undefined;
    if (spec.type === 'boolean') {
      if (m[2] !== undefined || argv[i + 1] === 'true' || argv[i + 1] === 'false') return undefined;
      given.set(key, true);
      continue;
    }
    const values: string[] = [];
    if (m[2] !== undefined) values.push(m[2]);
    if (m[2] === undefined || spec.array) {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-') && argv[i + 1] !== '') {
        values.push(argv[++i]!);
        if (!spec.array) break;
      }
    }
    if (values.length === 0 || values.some((v) => v === '' || /^\s|\s$/.test(v))) return undefined;
    const typed: unknown[] = [];
    for (const v of values) {
      if (spec.type === 'number') {
        if (!/^(0|[1-9][0-9]{0,8})$/.test(v)) return undefined;
        typed.push(Number(v));
      } else if (spec.type === 'string' || spec.choices) {
        // yargs turns a value that looks like a number into one unless the option is a string
        if (!spec.type && /^[-+]?(\d|\.\d)|^0x/i.test(v)) return undefined;
        typed.push(v);
      } else return undefined;
    }
    if (spec.choices && typed.some((v) => !spec.choices!.includes(v))) return undefined;
    given.set(key, spec.array ? [...((given.get(key) as unknown[] | undefined) ?? []), ...typed] : typed[0]);
  }
  if (positional.some((p) => /^[-+]?(\d|\.\d)|^0x/i.test(p)) || (d.positional!.required && positional.length === 0)) return undefined;
  const args: Record<string, unknown> = { _: [name] };
  const set = (key: string, value: unknown): void => {
    args[key] = value;
    if (key.includes('-')) args[camel(key)] = value;
    const alias = d.options.get(key)?.alias;
    if (alias) args[alias] = value;
  };
  for (const [key, spec] of d.options) {
    let value = given.has(key) ? given.get(key) : spec.default;
    if (value === undefined) continue;
    if (spec.coerce) {
      try {
        value = spec.coerce(value);
      } catch {
        return undefined;
      }
    }
    set(key, value);
  }
  args[d.positional!.name] = positional;
  args['$0'] = 'ecs2k8s';
  return { def, args };
}
