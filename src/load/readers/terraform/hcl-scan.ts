/**
 * The lexical half of the HCL parser (./hcl.ts): blanks and comments, identifiers, quoted
 * templates with `${…}` interpolations and `%{…}` directives, heredocs (`<<ID`, `<<-ID`) and
 * template files. Interpolated expressions are parsed by the subclass's {@link Scanner.expr}.
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

export abstract class Scanner {
  protected i = 0;
  protected depth = 0;
  /** Open parentheses and brackets, where new lines are blanks (objects reset it: there they separate). */
  protected nest = 0;
  constructor(protected readonly s: string) {}

  abstract expr(): Expr;

  protected fail(msg: string, at = this.i): never {
    throw new HclSyntaxError(Math.min(at, this.s.length), msg);
  }

  /** Skips blanks and comments; newlines too when `nl`. */
  protected ws(nlArg: boolean): void {
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

  protected ident(): string | undefined {
    const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.s.slice(this.i, this.i + 256));
    if (!m) return undefined;
    this.i += m[0].length;
    return m[0];
  }

  protected expect(ch: string): void {
    if (this.s[this.i] !== ch) this.fail(`expected "${ch}"`);
    this.i++;
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
      lit = this.templateStep(parts, lit, c);
    }
    if (lit) parts.push(lit);
    return finishTemplate(parts, o, this.i);
  }

  /** One character of a template: at `${` or `%{` an interpolation or directive (the literal so far goes into `parts`), at `$${` or `%%{` their escape, else the character itself. Returns the literal text that follows. */
  private templateStep(parts: (string | Expr)[], lit: string, c: string): string {
    const s = this.s;
    if ((c === '$' || c === '%') && s[this.i + 1] === '{') {
      this.interp(parts, lit, c);
      return '';
    }
    if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
      this.i += 3;
      return `${lit}${c}{`;
    }
    this.i++;
    return lit + c;
  }

  protected interp(parts: (string | Expr)[], lit: string, c: string): void {
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

  protected heredoc(): Expr {
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
      lit = this.templateStep(parts, lit, c);
    }
    if (lit) parts.push(lit);
    if (m[1] === '-') stripIndent(parts);
    return finishTemplate(parts, o, this.i);
  }
}

export function finishTemplate(parts: (string | Expr)[], o: number, e: number): Expr {
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
