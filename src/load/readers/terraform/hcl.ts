/**
 * A parser of HCL's native syntax (the `.tf` files of Terraform), keeping the offset of every
 * node so that diagnostics land at file:line:column. Scannerless recursive descent: bodies
 * (attributes and blocks, one per line), expressions (literals, templates with `${…}`, heredocs,
 * tuples, objects, `for` expressions, function calls, traversals, splats, operators,
 * conditionals). Template directives (`%{…}`) are kept as text the evaluator cannot resolve.
 */

export type Expr =
  | { t: 'lit'; v: string | number | boolean | null; o: number; e: number }
  | { t: 'tpl'; parts: (string | Expr)[]; o: number; e: number }
  | { t: 'var'; name: string; o: number; e: number }
  | { t: 'get'; obj: Expr; attr: string; o: number; e: number }
  | { t: 'idx'; obj: Expr; key: Expr; o: number; e: number }
  | { t: 'splat'; obj: Expr; o: number; e: number }
  | { t: 'call'; name: string; args: Expr[]; o: number; e: number }
  | { t: 'tuple'; items: Expr[]; o: number; e: number }
  | { t: 'object'; items: { key: Expr; value: Expr }[]; o: number; e: number }
  | { t: 'for'; o: number; e: number }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr; o: number; e: number }
  | { t: 'bin'; op: string; l: Expr; r: Expr; o: number; e: number }
  | { t: 'un'; op: string; x: Expr; o: number; e: number }
  | { t: 'directive'; o: number; e: number };

export interface Attribute {
  name: string;
  /** Offset of the name. */
  o: number;
  expr: Expr;
}

export interface Block {
  type: string;
  labels: string[];
  o: number;
  body: Body;
}

export interface Body {
  attrs: Map<string, Attribute>;
  blocks: Block[];
}

export class HclSyntaxError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const BINARY: string[][] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];
const MAX_DEPTH = 200;

/** Parses the text of a template file (`templatefile()`): literal text with `${…}` interpolations. Throws {@link HclSyntaxError} only. */
export function parseTemplateText(text: string): Expr {
  return new HclParser(text).templateBody();
}

/** Parses a whole `.tf` file. Throws {@link HclSyntaxError} only. */
export function parseHcl(text: string): Body {
  const p = new HclParser(text);
  const body = p.body(true);
  return body;
}

class HclParser {
  private i = 0;
  private depth = 0;
  /** Open parentheses and brackets, where new lines are blanks (objects reset it: there they separate). */
  private nest = 0;
  constructor(private readonly s: string) {}

  private fail(msg: string, at = this.i): never {
    throw new HclSyntaxError(Math.min(at, this.s.length), msg);
  }

  /** Skips blanks and comments; newlines too when `nl`. */
  private ws(nlArg: boolean): void {
    const s = this.s;
    const nl = nlArg || this.nest > 0;
    for (;;) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (nl && c === '\n')) this.i++;
      else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else if (c === '/' && s[this.i + 1] === '*') {
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('a comment /* is not closed with */');
        this.i = end + 2;
      } else return;
    }
  }

  private ident(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  body(top: boolean): Body {
    const body: Body = { attrs: new Map(), blocks: [] };
    for (;;) {
      this.ws(true);
      if (this.i >= this.s.length) {
        if (!top) this.fail('a block is not closed with }');
        return body;
      }
      if (this.s[this.i] === '}') {
        if (top) this.fail('a } closes no block');
        return body;
      }
      const o = this.i;
      const name = this.ident();
      if (name === undefined) this.fail(`expected an attribute or a block here, not ${JSON.stringify(this.s[this.i])}`);
      this.ws(false);
      if (this.s[this.i] === '=' && this.s[this.i + 1] !== '=') {
        this.i++;
        const expr = this.expr();
        if (body.attrs.has(name)) this.fail(`the attribute "${name}" is set twice in one block`, o);
        body.attrs.set(name, { name, o, expr });
        this.endOfLine();
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.ws(false);
        if (this.s[this.i] === '"') {
          const lit = this.template('"');
          labels.push(lit.t === 'lit' ? String(lit.v) : this.s.slice(lit.o + 1, lit.e - 1));
        } else if (this.s[this.i] === '{') break;
        else {
          const l = this.ident();
          if (l === undefined) this.fail(`expected "=" or a block's "{" after "${name}"`);
          labels.push(l);
        }
      }
      this.i++;
      if (++this.depth > MAX_DEPTH) this.fail('blocks nest too deeply');
      const inner = this.body(false);
      this.depth--;
      this.i++;
      body.blocks.push({ type: name, labels, o, body: inner });
      this.endOfLine();
    }
  }

  private endOfLine(): void {
    this.ws(false);
    const c = this.s[this.i];
    if (c === '\n') this.i++;
    else if (c !== undefined && c !== '}') this.fail('expected a new line after an attribute or a block');
  }

  expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('the expression nests too deeply');
    this.ws(false);
    const o = this.i;
    const c = this.binary(0);
    this.ws(false);
    let out = c;
    if (this.s[this.i] === '?') {
      this.i++;
      const a = this.expr();
      this.skipNl();
      if (this.s[this.i] !== ':') this.fail('expected ":" of a conditional');
      this.i++;
      const b = this.expr();
      out = { t: 'cond', c, a, b, o, e: this.i };
    }
    this.depth--;
    return out;
  }

  private skipNl(): void {
    this.ws(true);
  }

  private binary(level: number): Expr {
    if (level >= BINARY.length) return this.unary();
    const o = this.i;
    let l = this.binary(level + 1);
    for (;;) {
      this.ws(false);
      const op = BINARY[level]!.find((x) => this.s.startsWith(x, this.i) && !(x === '<' && this.s[this.i + 1] === '<') && !(x === '/' && /[/*]/.test(this.s[this.i + 1] ?? '')));
      if (!op) return l;
      this.i += op.length;
      const r = this.binary(level + 1);
      l = { t: 'bin', op, l, r, o, e: this.i };
    }
  }

  private unary(): Expr {
    this.ws(false);
    const c = this.s[this.i];
    if (c === '!' || c === '-') {
      const o = this.i++;
      const x = this.unary();
      return { t: 'un', op: c, x, o, e: this.i };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let x = base;
    for (;;) {
      const c = this.s[this.i];
      if (c === '.') {
        this.i++;
        if (this.s[this.i] === '*') {
          this.i++;
          x = { t: 'splat', obj: x, o: x.o, e: this.i };
          continue;
        }
        const num = /^[0-9]+/.exec(this.s.slice(this.i, this.i + 20));
        if (num) {
          this.i += num[0].length;
          x = { t: 'idx', obj: x, key: { t: 'lit', v: Number(num[0]), o: this.i, e: this.i }, o: x.o, e: this.i };
          continue;
        }
        const a = this.ident();
        if (a === undefined) this.fail('expected an attribute name after "."');
        x = { t: 'get', obj: x, attr: a, o: x.o, e: this.i };
      } else if (c === '[') {
        this.i++;
        this.nest++;
        this.ws(true);
        if (this.s[this.i] === '*') {
          this.i++;
          this.ws(true);
          this.expect(']');
          this.nest--;
          x = { t: 'splat', obj: x, o: x.o, e: this.i };
          continue;
        }
        const key = this.expr();
        this.ws(true);
        this.expect(']');
        this.nest--;
        x = { t: 'idx', obj: x, key, o: x.o, e: this.i };
      } else return x;
    }
  }

  private expect(ch: string): void {
    if (this.s[this.i] !== ch) this.fail(`expected "${ch}"`);
    this.i++;
  }

  private primary(): Expr {
    this.ws(false);
    const o = this.i;
    const c = this.s[this.i];
    if (c === undefined || c === '\n') this.fail('expected an expression');
    if (c === '"') return this.template('"');
    if (c === '<' && this.s.startsWith('<<', this.i)) return this.heredoc();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 64))!;
      this.i += m[0].length;
      return { t: 'lit', v: Number(m[0]), o, e: this.i };
    }
    if (c === '(') {
      this.i++;
      this.nest++;
      const x = this.expr();
      this.ws(true);
      this.expect(')');
      this.nest--;
      return x;
    }
    if (c === '[') return this.nested(() => this.tuple(), 1);
    if (c === '{') return this.nested(() => this.object(), 0);
    const name = this.ident();
    if (name === undefined) this.fail(`expected an expression, not ${JSON.stringify(c)}`);
    if (name === 'true' || name === 'false') return { t: 'lit', v: name === 'true', o, e: this.i };
    if (name === 'null') return { t: 'lit', v: null, o, e: this.i };
    this.ws(false);
    if (this.s[this.i] === ':' && this.s[this.i + 1] === ':') {
      this.i += 2;
      const rest = this.ident();
      if (rest === undefined) this.fail('expected a function name after "::"');
      this.ws(false);
      if (this.s[this.i] !== '(') this.fail('expected "(" of a function call');
      return this.call(`${name}::${rest}`, o);
    }
    if (this.s[this.i] === '(') return this.nested(() => this.call(name, o), 1);
    return { t: 'var', name, o, e: this.i };
  }

  /** Parses with new lines as blanks (`1`: parentheses, brackets) or as separators (`0`: objects). */
  private nested(f: () => Expr, nest: number): Expr {
    const save = this.nest;
    this.nest = nest === 0 ? 0 : save + 1;
    const x = f();
    this.nest = save;
    return x;
  }

  private call(name: string, o: number): Expr {
    this.i++;
    const args: Expr[] = [];
    for (;;) {
      this.ws(true);
      if (this.s[this.i] === ')') break;
      args.push(this.expr());
      this.ws(true);
      if (this.s.startsWith('...', this.i)) this.i += 3;
      this.ws(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ')') this.fail('expected "," or ")" in a function call');
    }
    this.i++;
    return { t: 'call', name, args, o, e: this.i };
  }

  private isFor(): boolean {
    const save = this.i;
    this.ws(true);
    const w = this.ident();
    const r = w === 'for' && /[\s]/.test(this.s[this.i] ?? '');
    this.i = save;
    return r;
  }

  /** A `for` expression, skipped to its closing bracket: evaluated as unknown. */
  private skipFor(o: number, close: string): Expr {
    const open = close === ']' ? '[' : '{';
    let depth = 1;
    while (this.i < this.s.length && depth > 0) {
      const ch = this.s[this.i];
      if (ch === '"') {
        this.template('"');
        continue;
      }
      if (ch === open || ch === '(' || ch === (open === '[' ? '{' : '[')) depth++;
      else if (ch === close || ch === ')' || ch === (close === ']' ? '}' : ']')) depth--;
      this.i++;
    }
    if (depth > 0) this.fail(`a for expression is not closed with "${close}"`, o);
    return { t: 'for', o, e: this.i };
  }

  private tuple(): Expr {
    const o = this.i++;
    if (this.isFor()) return this.skipFor(o, ']');
    const items: Expr[] = [];
    for (;;) {
      this.ws(true);
      if (this.s[this.i] === ']') break;
      items.push(this.expr());
      this.ws(true);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('expected "," or "]" in a list');
    }
    this.i++;
    return { t: 'tuple', items, o, e: this.i };
  }

  private object(): Expr {
    const o = this.i++;
    if (this.isFor()) return this.skipFor(o, '}');
    const items: { key: Expr; value: Expr }[] = [];
    for (;;) {
      this.ws(true);
      if (this.s[this.i] === '}') break;
      const ko = this.i;
      const id = this.s[this.i] === '"' || this.s[this.i] === '(' ? undefined : this.ident();
      let key: Expr;
      if (id !== undefined) {
        this.ws(false);
        key = this.s[this.i] === '=' || this.s[this.i] === ':' ? { t: 'lit', v: id, o: ko, e: this.i } : (this.i = ko, this.expr());
      } else key = this.expr();
      this.ws(false);
      if (this.s[this.i] !== '=' && this.s[this.i] !== ':') this.fail('expected "=" or ":" after an object key');
      this.i++;
      const value = this.expr();
      items.push({ key, value });
      this.ws(false);
      if (this.s[this.i] === ',' || this.s[this.i] === '\n') this.i++;
      else if (this.s[this.i] !== '}') this.fail('expected "," or a new line between the members of an object');
    }
    this.i++;
    return { t: 'object', items, o, e: this.i };
  }

  /** A quoted template (the opening quote at the cursor). */
  template(_q: '"'): Expr {
    const o = this.i++;
    const parts: (string | Expr)[] = [];
    let lit = '';
    const s = this.s;
    for (;;) {
      const c = s[this.i];
      if (c === undefined || c === '\n') this.fail('a string is not closed with "', o);
      if (c === '"') {
        this.i++;
        break;
      }
      if (c === '\\') {
        const n = s[this.i + 1];
        const esc: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
        if (n !== undefined && esc[n] !== undefined) {
          lit += esc[n];
          this.i += 2;
        } else if (n === 'u' || n === 'U') {
          const len = n === 'u' ? 4 : 8;
          const hex = s.slice(this.i + 2, this.i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('a \\u escape needs hexadecimal digits');
          const cp = parseInt(hex, 16);
          if (cp > 0x10ffff) this.fail('a \\U escape names no character');
          lit += String.fromCodePoint(cp);
          this.i += 2 + len;
        } else this.fail(`the escape \\${n ?? ''} is not one HCL knows`);
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        this.interp(parts, lit, c);
        lit = '';
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        lit += `${c}{`;
        this.i += 3;
        continue;
      }
      lit += c;
      this.i++;
    }
    if (lit) parts.push(lit);
    return finishTemplate(parts, o, this.i);
  }

  private interp(parts: (string | Expr)[], lit: string, c: string): void {
    if (lit) parts.push(lit);
    const start = this.i;
    this.i += 2;
    if (c === '%') {
      let depth = 1;
      while (this.i < this.s.length && depth > 0) {
        if (this.s[this.i] === '{') depth++;
        else if (this.s[this.i] === '}') depth--;
        this.i++;
      }
      parts.push({ t: 'directive', o: start, e: this.i });
      return;
    }
    if (this.s[this.i] === '~') this.i++;
    const x = this.expr();
    this.ws(true);
    if (this.s[this.i] === '~') this.i++;
    this.expect('}');
    parts.push(x);
  }

  templateBody(): Expr {
    const parts: (string | Expr)[] = [];
    let lit = '';
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        this.interp(parts, lit, c);
        lit = '';
      } else if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        lit += `${c}{`;
        this.i += 3;
      } else {
        lit += c;
        this.i++;
      }
    }
    if (lit) parts.push(lit);
    return finishTemplate(parts, 0, this.i);
  }

  private heredoc(): Expr {
    const o = this.i;
    const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)\r?\n/.exec(this.s.slice(this.i, this.i + 300));
    if (!m) this.fail('a heredoc starts <<ID or <<-ID followed by a new line');
    this.i += m[0].length;
    const id = m[2]!;
    const parts: (string | Expr)[] = [];
    let lit = '';
    const s = this.s;
    let lineStart = true;
    for (;;) {
      if (this.i >= s.length) this.fail(`the heredoc is not closed with ${id}`, o);
      if (lineStart) {
        const end = new RegExp(`^[ \\t]*${id}[ \\t]*(\\r?\\n|$)`).exec(s.slice(this.i, this.i + id.length + 300));
        if (end) {
          this.i += end[0].replace(/\r?\n$/, '').length;
          break;
        }
      }
      const c = s[this.i]!;
      lineStart = c === '\n';
      if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
        this.interp(parts, lit, c);
        lit = '';
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        lit += `${c}{`;
        this.i += 3;
        continue;
      }
      lit += c;
      this.i++;
    }
    if (lit) parts.push(lit);
    if (m[1] === '-') stripIndent(parts);
    return finishTemplate(parts, o, this.i);
  }
}

function finishTemplate(parts: (string | Expr)[], o: number, e: number): Expr {
  if (parts.length === 0) return { t: 'lit', v: '', o, e };
  if (parts.length === 1 && typeof parts[0] === 'string') return { t: 'lit', v: parts[0], o, e };
  return { t: 'tpl', parts, o, e };
}

/** `<<-`: removes the smallest indentation of the literal lines. */
function stripIndent(parts: (string | Expr)[]): void {
  const text = parts.map((p) => (typeof p === 'string' ? p : '\u0000')).join('');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const indent = Math.min(...lines.map((l) => /^[ \t]*/.exec(l)![0].length));
  if (!Number.isFinite(indent) || indent === 0) return;
  let atLineStart = true;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (typeof p !== 'string') {
      atLineStart = false;
      continue;
    }
    const re = new RegExp(`(^|\\n)[ \\t]{0,${indent}}`, 'g');
    parts[k] = p.replace(re, (m0, nl: string, off: number) => (off === 0 && !atLineStart ? m0 : nl));
    atLineStart = p.endsWith('\n');
  }
}
