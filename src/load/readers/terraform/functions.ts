/**
 * The functions of Terraform's language that the reader evaluates offline (jsonencode,
 * jsondecode, file, templatefile, format, join, lookup, merge, concat, tostring, tonumber and
 * a few plain ones); any other function is an unknown the reader warns about.
 */
import { parseJson, isSyntaxError, type PosNode } from '../../json.js';
import { parseTemplateText } from './hcl.js';
import type { Expr } from './hcl.js';
import { plain, toNumber, toStringValue, Unknown, unknownAt, type Evaluated, type Scope, type Value } from './values.js';

type Evaluate = (x: Expr, scope: Scope) => Evaluated;

type Call = Extract<Expr, { t: 'call' }>;

export function callFunction(x: Call, scope: Scope, evaluate: Evaluate): Evaluated {
  const p: PosNode = { o: x.o };
  const name = x.name.replace(/^provider::[^:]+::/, '');
  const impl = FUNCTIONS[name];
  if (!impl) return { v: unknownAt(scope, x, `the function ${x.name}() is not evaluated offline`), p };
  const args = x.args.map((a) => evaluate(a, scope));
  const lazy = name === 'try' || name === 'can' || name === 'coalesce';
  if (!lazy) {
    for (const a of args) {
      if (a.v instanceof Unknown && name !== 'jsonencode' && name !== 'merge' && name !== 'concat' && name !== 'tolist' && name !== 'toset' && name !== 'tomap') return { v: a.v, p };
    }
  }
  const r = impl(args, scope, x, evaluate);
  if (r === undefined) return { v: unknownAt(scope, x, `${x.name}() cannot be evaluated with these arguments`), p };
  return { v: r, p };
}

type Impl = (args: Evaluated[], scope: Scope, x: Call, evaluate: Evaluate) => Value | undefined;

const str = (e: Evaluated | undefined): string | undefined => (e === undefined ? undefined : toStringValue(e.v));
const isObj = (v: Value): v is { [k: string]: Value } => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);

function fromJson(text: string): Value | undefined {
  const parsed = parseJson(text);
  return isSyntaxError(parsed) ? undefined : (parsed.value as Value);
}

function format(spec: string, args: Value[]): string | undefined {
  let i = 0;
  let bad = false;
  const out = spec.replace(/%(%|[-+# 0]*[0-9]*(?:\.[0-9]+)?[sdfvqtbxXoeg])/g, (m, verb: string) => {
    if (verb === '%') return '%';
    const v = args[i++];
    if (v === undefined) {
      bad = true;
      return m;
    }
    const kind = verb.at(-1);
    if (kind === 'd') return String(Math.trunc(toNumber(v) ?? NaN));
    if (kind === 'q') return JSON.stringify(toStringValue(v) ?? '');
    if (kind === 'v' && typeof v === 'object') return JSON.stringify(plain(v));
    const s = toStringValue(v);
    if (s === undefined) bad = true;
    return s ?? m;
  });
  return bad ? undefined : out;
}

const FUNCTIONS: Record<string, Impl> = {
  jsonencode: ([a]) => (a === undefined ? undefined : JSON.stringify(plain(a.v))),
  jsondecode: ([a]) => {
    const s = str(a);
    return s === undefined ? undefined : fromJson(s);
  },
  file: ([a], scope, x) => {
    const s = str(a);
    const text = s === undefined ? undefined : scope.readFile(s);
    return text === undefined ? unknownAt(scope, x, `the file ${s ?? ''} cannot be read`) : text;
  },
  templatefile: ([a, vars], scope, x, evaluate) => {
    const s = str(a);
    const text = s === undefined ? undefined : scope.readFile(s);
    if (text === undefined) return unknownAt(scope, x, `the template ${s ?? ''} cannot be read`);
    const bound = vars && isObj(vars.v) ? vars.v : {};
    return renderTemplate(text, s ?? '', bound, scope, evaluate);
  },
  format: ([spec, ...rest]) => {
    const s = str(spec);
    return s === undefined
      ? undefined
      : format(
          s,
          rest.map((r) => r.v),
        );
  },
  join: ([sep, list]) => {
    const s = str(sep);
    if (s === undefined || !list || !Array.isArray(list.v)) return undefined;
    const parts = list.v.map((v) => toStringValue(v));
    return parts.every((p) => p !== undefined) ? parts.join(s) : undefined;
  },
  lookup: ([m, k, dflt]) => {
    const key = str(k);
    if (!m || !isObj(m.v) || key === undefined) return undefined;
    return Object.hasOwn(m.v, key) ? m.v[key] : dflt?.v;
  },
  merge: (args) => {
    const out: Record<string, Value> = {};
    for (const a of args) {
      if (a.v instanceof Unknown) return a.v;
      if (a.v === null) continue;
      if (!isObj(a.v)) return undefined;
      Object.assign(out, a.v);
    }
    return out;
  },
  concat: (args) => {
    const out: Value[] = [];
    for (const a of args) {
      if (a.v instanceof Unknown) return a.v;
      if (!Array.isArray(a.v)) return undefined;
      out.push(...a.v);
    }
    return out;
  },
  tostring: ([a]) => (a === undefined ? undefined : a.v === null ? null : toStringValue(a.v)),
  tonumber: ([a]) => (a === undefined ? undefined : a.v === null ? null : toNumber(a.v)),
  tobool: ([a]) => (a?.v === true || a?.v === 'true' ? true : a?.v === false || a?.v === 'false' ? false : undefined),
  tolist: ([a]) => (a && (Array.isArray(a.v) || a.v instanceof Unknown) ? a.v : undefined),
  toset: ([a]) => (a && (Array.isArray(a.v) || a.v instanceof Unknown) ? a.v : undefined),
  tomap: ([a]) => (a && (isObj(a.v) || a.v instanceof Unknown) ? a.v : undefined),
  lower: ([a]) => str(a)?.toLowerCase(),
  upper: ([a]) => str(a)?.toUpperCase(),
  trimspace: ([a]) => str(a)?.trim(),
  replace: ([a, b, c]) => {
    const [s, f, r] = [str(a), str(b), str(c)];
    if (s === undefined || f === undefined || r === undefined || /^\/.*\/$/.test(f)) return undefined;
    return s.split(f).join(r);
  },
  length: ([a]) => (a === undefined ? undefined : Array.isArray(a.v) ? a.v.length : isObj(a.v) ? Object.keys(a.v).length : typeof a.v === 'string' ? [...a.v].length : undefined),
  element: ([l, i]) => {
    const n = i ? toNumber(i.v) : undefined;
    return l && Array.isArray(l.v) && n !== undefined && l.v.length > 0 ? l.v[((n % l.v.length) + l.v.length) % l.v.length] : undefined;
  },
  coalesce: (args) => args.find((a) => a.v !== null && a.v !== '' && !(a.v instanceof Unknown))?.v ?? args.find((a) => a.v instanceof Unknown)?.v,
  try: (args) => args.find((a) => !(a.v instanceof Unknown))?.v ?? args[0]?.v,
  max: (args) => (args.every((a) => toNumber(a.v) !== undefined) && args.length ? Math.max(...args.map((a) => toNumber(a.v)!)) : undefined),
  min: (args) => (args.every((a) => toNumber(a.v) !== undefined) && args.length ? Math.min(...args.map((a) => toNumber(a.v)!)) : undefined),
};

/** `templatefile(path, vars)`: the file as a template whose names are the vars; unknowns point into the template file. */
function renderTemplate(text: string, file: string, vars: { [k: string]: Value }, outer: Scope, evaluate: Evaluate): Value {
  let tpl: Expr;
  try {
    tpl = parseTemplateText(text);
  } catch (e) {
    return new Unknown(`templatefile(${JSON.stringify(file)})`, file, (e as { offset?: number }).offset ?? 0, `the template does not parse: ${(e as Error).message}`);
  }
  const scope: Scope = {
    file,
    text,
    readFile: (p) => outer.readFile(p),
    resolve: (root, path) => {
      if (!Object.hasOwn(vars, root)) return undefined;
      let v: Value = vars[root]!;
      for (const k of path) {
        if (Array.isArray(v) && typeof k === 'number' && k < v.length) v = v[k]!;
        else if (isObj(v) && Object.hasOwn(v, String(k))) v = v[String(k)]!;
        else return undefined;
      }
      return { v, p: { o: 0 } };
    },
  };
  return evaluate(tpl, scope).v;
}
