/**
 * A parser of HCL's native syntax (the `.tf` files of Terraform), keeping the offset of every
 * node so that diagnostics land at file:line:column. Scannerless recursive descent: bodies
 * (attributes and blocks, one per line), expressions (literals, templates with `${…}`, heredocs,
 * tuples, objects, `for` expressions, function calls, traversals, splats, operators,
 * conditionals). Template directives (`%{…}`) are kept as text the evaluator cannot resolve.
 */
import { Scanner, type Body, type Expr } from './hcl-scan.js';

export { HclSyntaxError, type Attribute, type Block, type Body, type Expr } from './hcl-scan.js';

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

class HclParser extends Scanner {
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
        key = this.s[this.i] === '=' || this.s[this.i] === ':' ? { t: 'lit', v: id, o: ko, e: this.i } : ((this.i = ko), this.expr());
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
}
