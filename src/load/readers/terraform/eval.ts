/**
 * Evaluates HCL expressions offline, as far as they can be: literals, templates, operators,
 * variables (`--var`, `*.tfvars`, defaults), locals, references between resources of the same
 * module, and the common functions. What cannot be known offline is an {@link Unknown}: it
 * renders as a `${…}` placeholder, and the reader warns at its file:line:column.
 * Every value comes with a {@link PosNode} tree, so that members map back to where they were written.
 */
import type { PosNode } from '../../json.js';
import type { Expr } from './hcl.js';
import { callFunction } from './functions.js';
import { toNumber, toStringValue, Unknown, unknownAt, type Evaluated, type Scope, type Value } from './values.js';

export { firstUnknown, isUnknown, plain, toNumber, toStringValue, Unknown, unknownAt, type Evaluated, type Scope, type Value } from './values.js';

const MAX_EVAL_DEPTH = 200;
let evalDepth = 0;

export function evaluate(x: Expr, scope: Scope): Evaluated {
  if (++evalDepth > MAX_EVAL_DEPTH) {
    evalDepth = 0;
    return { v: unknownAt(scope, x, 'the expression nests too deeply'), p: { o: x.o } };
  }
  try {
    return evalInner(x, scope);
  } finally {
    evalDepth--;
  }
}

function evalInner(x: Expr, scope: Scope): Evaluated {
  const p: PosNode = { o: x.o };
  switch (x.t) {
    case 'lit':
      return { v: x.v, p };
    case 'tpl': {
      let out = '';
      let first: Unknown | undefined;
      for (const part of x.parts) {
        if (typeof part === 'string') {
          out += part;
          continue;
        }
        let r: Value = part.t === 'directive' ? unknownAt(scope, part, 'template directives (%{…}) are not evaluated') : evaluate(part, scope).v;
        if (!(r instanceof Unknown) && toStringValue(r) === undefined) r = unknownAt(scope, part, 'only a string, number or bool can stand in a template');
        if (r instanceof Unknown) {
          first ??= r;
          out += r.rendered ?? `\${${r.text}}`;
        } else out += toStringValue(r);
      }
      if (first) return { v: new Unknown(first.text, first.file, first.offset, first.reason, first.fileText, out), p };
      return { v: out, p };
    }
    case 'tuple': {
      const items = x.items.map((i) => evaluate(i, scope));
      return { v: items.map((i) => i.v), p: { o: x.o, c: items.map((i) => i.p) } };
    }
    case 'object': {
      const v: Record<string, Value> = {};
      const c = new Map<string, PosNode>();
      for (const item of x.items) {
        const k = item.key.t === 'var' ? item.key.name : evaluate(item.key, scope).v;
        const key = typeof k === 'string' ? k : typeof k === 'number' || typeof k === 'boolean' ? String(k) : undefined;
        if (key === undefined) return { v: unknownAt(scope, item.key, 'an object key that is not known offline'), p };
        const val = evaluate(item.value, scope);
        v[key] = val.v;
        c.set(key, { ...val.p, k: item.key.o });
      }
      return { v, p: { o: x.o, c } };
    }
    case 'var':
    case 'get':
    case 'idx':
      return traverse(x, scope);
    case 'splat':
      return { v: unknownAt(scope, x, 'splat expressions are not evaluated'), p };
    case 'for':
      return { v: unknownAt(scope, x, 'for expressions are not evaluated'), p };
    case 'directive':
      return { v: unknownAt(scope, x, 'template directives are not evaluated'), p };
    case 'call':
      return callFunction(x, scope, evaluate);
    case 'cond': {
      const c = evaluate(x.c, scope).v;
      if (c instanceof Unknown) return { v: c, p };
      if (typeof c !== 'boolean') return { v: unknownAt(scope, x.c, 'a condition must be a bool'), p };
      return evaluate(c ? x.a : x.b, scope);
    }
    case 'un': {
      const v = evaluate(x.x, scope).v;
      if (v instanceof Unknown) return { v, p };
      if (x.op === '!' && typeof v === 'boolean') return { v: !v, p };
      if (x.op === '-' && typeof toNumber(v) === 'number') return { v: -(toNumber(v) as number), p };
      return { v: unknownAt(scope, x, `the operator ${x.op} does not apply to this value`), p };
    }
    case 'bin':
      return { v: binary(x, scope), p };
  }
}

function binary(x: Extract<Expr, { t: 'bin' }>, scope: Scope): Value {
  const l = evaluate(x.l, scope).v;
  if (x.op === '&&' && l === false) return false;
  if (x.op === '||' && l === true) return true;
  const r = evaluate(x.r, scope).v;
  if (l instanceof Unknown) return l;
  if (r instanceof Unknown) return r;
  switch (x.op) {
    case '&&':
    case '||':
      if (typeof l === 'boolean' && typeof r === 'boolean') return x.op === '&&' ? l && r : l || r;
      break;
    case '==':
      return JSON.stringify(l) === JSON.stringify(r);
    case '!=':
      return JSON.stringify(l) !== JSON.stringify(r);
    default: {
      const a = toNumber(l);
      const b = toNumber(r);
      if (a === undefined || b === undefined) break;
      const ops: Record<string, (a: number, b: number) => Value> = {
        '+': (a, b) => a + b,
        '-': (a, b) => a - b,
        '*': (a, b) => a * b,
        '/': (a, b) => a / b,
        '%': (a, b) => a % b,
        '<': (a, b) => a < b,
        '>': (a, b) => a > b,
        '<=': (a, b) => a <= b,
        '>=': (a, b) => a >= b,
      };
      const f = ops[x.op];
      if (f) {
        const out = f(a, b);
        return typeof out === 'number' && !Number.isFinite(out) ? unknownAt(scope, x, 'the arithmetic has no finite result') : out;
      }
    }
  }
  return unknownAt(scope, x, `the operator ${x.op} does not apply to these values`);
}

/** `a.b[0].c`: the root name and its steps, resolved by the scope, then stepped into. */
function traverse(x: Expr, scope: Scope): Evaluated {
  const steps: (string | number | Expr)[] = [];
  let n: Expr = x;
  while (n.t === 'get' || n.t === 'idx') {
    steps.unshift(n.t === 'get' ? n.attr : n.key);
    n = n.obj;
  }
  const p: PosNode = { o: x.o };
  if (n.t !== 'var') {
    let base = evaluate(n, scope);
    for (const s of steps) {
      base = step(base, s, scope, x);
      if (base.v instanceof Unknown) return { v: base.v, p };
    }
    return base;
  }
  const path: (string | number)[] = [];
  for (const s of steps) {
    if (typeof s !== 'object') {
      path.push(s);
      continue;
    }
    const k = evaluate(s, scope).v;
    if (typeof k === 'string' || typeof k === 'number') path.push(k);
    else return { v: k instanceof Unknown ? k : unknownAt(scope, s, 'an index must be a string or a number'), p };
  }
  const r = scope.resolve(n.name, path, x);
  if (!r) return { v: unknownAt(scope, x, `${n.name}.… is not known offline`), p };
  // A value resolved elsewhere (a variable, a local, another resource) points where it is used.
  return { v: r.v, p: flatten(r.p, x.o) };
}

function step(base: Evaluated, s: string | number | Expr, scope: Scope, at: Expr): Evaluated {
  const k = typeof s === 'object' ? evaluate(s, scope).v : s;
  if (k instanceof Unknown) return { v: k, p: base.p };
  return index(base, k, scope, at);
}

/** One step into a value: an object's member or a list's element. */
export function index(base: Evaluated, k: Value, scope: Scope, at: { o: number; e: number }): Evaluated {
  const v = base.v;
  if (v instanceof Unknown) return base;
  if (Array.isArray(v) && (typeof k === 'number' || (typeof k === 'string' && /^[0-9]+$/.test(k)))) {
    const i = Number(k);
    const c = Array.isArray(base.p.c) ? base.p.c[i] : undefined;
    if (i < v.length) return { v: v[i]!, p: c ?? { o: base.p.o } };
  } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && (typeof k === 'string' || typeof k === 'number')) {
    const key = String(k);
    if (Object.hasOwn(v, key)) {
      const c = base.p.c instanceof Map ? base.p.c.get(key) : undefined;
      return { v: v[key]!, p: c ?? { o: base.p.o } };
    }
  }
  return { v: unknownAt(scope, at, `${toStringValue(k as Value) ?? 'that key'} is not in this value`), p: { o: base.p.o } };
}

/** A position tree whose every node points at one offset (a value used away from where it was written). */
export function flatten(p: PosNode, o: number): PosNode {
  const c = p.c instanceof Map ? new Map([...p.c].map(([k, v]) => [k, flatten(v, o)])) : Array.isArray(p.c) ? p.c.map((v) => flatten(v, o)) : undefined;
  return c ? { o, k: o, c } : { o, k: o };
}
