/** The values HCL evaluates to (./eval.ts), and the scope names resolve in. */
import type { PosNode } from '../../json.js';
import type { Expr } from './hcl.js';

/** A value not known offline: the expression's text and where it stands. */
export class Unknown {
  constructor(
    readonly text: string,
    readonly file: string,
    readonly offset: number,
    readonly reason: string,
    /** The text of `file`, to place the warning. */
    readonly fileText = '',
    /** How it renders when it is part of a template: the template with `${…}` for what is unknown. */
    readonly rendered?: string,
  ) {}
}

export type Value = string | number | boolean | null | Unknown | Value[] | { [k: string]: Value };

export interface Evaluated {
  v: Value;
  p: PosNode;
}

/** What names resolve to while evaluating one file's expressions. */
export interface Scope {
  file: string;
  text: string;
  /** `var.X`, `local.X`, `TYPE.NAME…`, `path.module`, `count.index`, `each.key`…: the value of a root name and its traversal, or undefined when not known. */
  resolve(root: string, path: (string | number)[], at: Expr): Evaluated | undefined;
  /** Reads a file for `file()` / `templatefile()`, relative to the module; undefined when it cannot. */
  readFile(path: string): string | undefined;
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

/** The first unknown inside a value, if any. */
export function firstUnknown(v: Value): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

export function unknownAt(scope: Scope, x: { o: number; e: number }, reason: string): Unknown {
  return new Unknown(scope.text.slice(x.o, x.e).replace(/\s+/g, ' ').slice(0, 200), scope.file, x.o, reason, scope.text);
}

export function toStringValue(v: Value): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

export function toNumber(v: Value): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

/** The value as JSON (for jsonencode and for the documents): unknowns become `${…}` placeholders. */
export function plain(v: Value): unknown {
  if (v instanceof Unknown) return v.rendered ?? `\${${v.text}}`;
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
