/**
 * A JSON parser that remembers where every value and member name came from, so that each
 * diagnostic can carry a line and column. It is iterative (no recursion: 200,000 levels of
 * nesting end in a diagnostic, not a stack overflow), refuses depth beyond `maxDepth`, keeps
 * `__proto__` as a plain member, reports duplicate member names, and explains the syntax errors
 * people really make (unsubstituted templates, a missing comma, a trailing comma).
 */
import { pointerJoin, pointerSegments } from '../diagnostics.js';

/** Position node: `o` is the offset of the value, `k` the offset of its member name, `c` its children. */
export interface PosNode {
  o: number;
  k?: number;
  c?: Map<string, PosNode> | PosNode[];
}

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export interface ParsedJson {
  value: unknown;
  positions: PosNode;
  /** Pointers of members whose name repeats an earlier member of the same object (the last one wins). */
  duplicates: string[];
}

/** The deepest nesting accepted; real ECS documents are under 10 levels deep. */
export const DEFAULT_MAX_DEPTH = 256;

export function parseJson(text: string, maxDepth = DEFAULT_MAX_DEPTH): ParsedJson | JsonSyntaxError {
  try {
    return new Parser(text, maxDepth).parse();
  } catch (e) {
    if (e instanceof SyntaxFailure) return { offset: e.offset, message: e.message };
    throw e;
  }
}

export function isSyntaxError(r: ParsedJson | JsonSyntaxError): r is JsonSyntaxError {
  return (r as JsonSyntaxError).offset !== undefined && (r as ParsedJson).positions === undefined;
}

class SyntaxFailure extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

interface Frame {
  kind: 'object' | 'array';
  value: Record<string, unknown> | unknown[];
  node: PosNode;
  key: string;
  keyOffset: number;
  pointer: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private i = 0;
  private readonly duplicates: string[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parse(): ParsedJson {
    const t = this.text;
    const stack: Frame[] = [];
    this.ws();
    if (this.i >= t.length) this.fail(this.i, t.length === 0 ? 'the file is empty: expected a JSON object' : 'the file holds only white space: expected a JSON object');
    for (;;) {
      this.ws();
      let value: unknown;
      let node: PosNode;
      const start = this.i;
      const c = t.charCodeAt(start);
      if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
        if (stack.length >= this.maxDepth) {
          this.fail(start, `nesting deeper than ${this.maxDepth} levels: no ECS document is this deep`);
        }
        const isObject = c === 0x7b;
        const container: Record<string, unknown> | unknown[] = isObject ? {} : [];
        node = { o: start, c: isObject ? new Map() : [] };
        this.i++;
        this.ws();
        const close = isObject ? 0x7d : 0x5d;
        if (t.charCodeAt(this.i) === close) {
          this.i++;
          value = container;
        } else {
          const parent = stack[stack.length - 1];
          const frame: Frame = {
            kind: isObject ? 'object' : 'array',
            value: container,
            node,
            key: '',
            keyOffset: 0,
            pointer: parent ? childPointer(parent) : '',
          };
          stack.push(frame);
          if (isObject) this.memberName(frame, false);
          continue;
        }
      } else {
        value = this.scalar(stack[stack.length - 1]);
        node = { o: start };
      }
      // A complete value: attach it to its parent, closing every container that ends here.
      for (;;) {
        const top = stack[stack.length - 1];
        if (!top) {
          this.ws();
          if (this.i < t.length) {
            this.fail(this.i, `unexpected ${describeAt(t, this.i)} after the end of the JSON document`);
          }
          return { value, positions: node, duplicates: this.duplicates };
        }
        if (top.kind === 'object') {
          const obj = top.value as Record<string, unknown>;
          const members = top.node.c as Map<string, PosNode>;
          if (Object.prototype.hasOwnProperty.call(obj, top.key)) {
            this.duplicates.push(pointerJoin(top.pointer, top.key));
          }
          // "__proto__" must become a plain member, never the prototype; every other key is set directly (fast).
          if (top.key === '__proto__') Object.defineProperty(obj, top.key, { value, writable: true, enumerable: true, configurable: true });
          else obj[top.key] = value;
          node.k = top.keyOffset;
          members.set(top.key, node);
          this.ws();
          const d = t.charCodeAt(this.i);
          if (d === 0x2c /* , */) {
            this.i++;
            this.memberName(top, true);
            break;
          }
          if (d === 0x7d /* } */) {
            this.i++;
            stack.pop();
            value = top.value;
            node = top.node;
            continue;
          }
          this.failAfterValue(`the value of "${top.key}"`, '}');
        } else {
          (top.value as unknown[]).push(value);
          (top.node.c as PosNode[]).push(node);
          this.ws();
          const d = t.charCodeAt(this.i);
          if (d === 0x2c) {
            this.i++;
            this.ws();
            if (t.charCodeAt(this.i) === 0x5d) {
              this.fail(this.i, 'a trailing comma before "]" is not allowed in JSON: remove the comma');
            }
            break;
          }
          if (d === 0x5d) {
            this.i++;
            stack.pop();
            value = top.value;
            node = top.node;
            continue;
          }
          this.failAfterValue(`element ${(top.value as unknown[]).length - 1} of the list`, ']');
        }
      }
    }
  }

  /** Reads `"name" :` of the next member of an object. */
  private memberName(frame: Frame, afterComma: boolean): void {
    const t = this.text;
    this.ws();
    const at = this.i;
    const c = t.charCodeAt(at);
    if (c === 0x22 /* " */) {
      frame.keyOffset = at;
      frame.key = this.string();
      this.ws();
      if (t.charCodeAt(this.i) !== 0x3a /* : */) {
        this.fail(this.i, `expected ":" after the member name "${frame.key}", found ${describeAt(t, this.i)}`);
      }
      this.i++;
      return;
    }
    if (c === 0x7d && afterComma) {
      this.fail(at, 'a trailing comma before "}" is not allowed in JSON: remove the comma');
    }
    if (at >= t.length) this.fail(at, 'the file ends inside an object: a "}" is missing');
    this.fail(at, `expected a member name in double quotes, found ${describeAt(t, at)}${templateHint(t, at)}`);
  }

  private failAfterValue(what: string, close: string): never {
    const t = this.text;
    if (this.i >= t.length) this.fail(this.i, `the file ends after ${what}: a "${close}" is missing`);
    const c = t.charCodeAt(this.i);
    const missingComma = c === 0x22 || c === 0x7b || c === 0x5b || c === 0x2d || (c >= 0x30 && c <= 0x39);
    this.fail(this.i, `expected "," or "${close}" after ${what}, found ${describeAt(t, this.i)}` + (missingComma ? ': is a comma missing?' : templateHint(t, this.i)));
  }

  private scalar(parent: Frame | undefined): unknown {
    const t = this.text;
    const at = this.i;
    const c = t.charCodeAt(at);
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      NUMBER.lastIndex = at;
      const m = NUMBER.exec(t);
      if (!m) this.fail(at, `invalid number starting with ${describeAt(t, at)}`);
      this.i = at + m[0].length;
      const next = t.charCodeAt(this.i);
      if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45) {
        this.fail(at, `invalid number ${JSON.stringify(t.slice(at, at + 24).split(/[\s,\]}]/)[0])}`);
      }
      return Number(m[0]);
    }
    if (t.startsWith('true', at)) return this.literal(at, 4, true);
    if (t.startsWith('false', at)) return this.literal(at, 5, false);
    if (t.startsWith('null', at)) return this.literal(at, 4, null);
    if (at >= t.length) {
      this.fail(at, parent ? `the file ends where a value was expected${closing(parent)}` : 'the file is empty');
    }
    if (c === 0x2c && parent?.kind === 'array') {
      this.fail(at, 'an empty element (",,") is not allowed in JSON');
    }
    if ((c === 0x5d || c === 0x7d) && parent) {
      this.fail(at, `expected a value after "${parent.kind === 'object' ? parent.key + '":' : ','}", found ${describeAt(t, at)}`);
    }
    this.fail(at, `expected a value, found ${describeAt(t, at)}${templateHint(t, at)}`);
  }

  private literal(at: number, length: number, value: unknown): unknown {
    const next = this.text.charCodeAt(at + length);
    if (isWordChar(next)) this.fail(at, `expected a value, found ${describeAt(this.text, at)}${templateHint(this.text, at)}`);
    this.i = at + length;
    return value;
  }

  private string(): string {
    const t = this.text;
    const start = this.i;
    let i = start + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= t.length) this.fail(start, "a string that starts here is never closed: a closing '\"' is missing");
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        out += t.slice(chunk, i);
        this.i = i + 1;
        return out;
      }
      if (c === 0x5c /* \ */) {
        out += t.slice(chunk, i);
        const e = t.charCodeAt(i + 1);
        switch (e) {
          case 0x22:
            out += '"';
            break;
          case 0x5c:
            out += '\\';
            break;
          case 0x2f:
            out += '/';
            break;
          case 0x62:
            out += '\b';
            break;
          case 0x66:
            out += '\f';
            break;
          case 0x6e:
            out += '\n';
            break;
          case 0x72:
            out += '\r';
            break;
          case 0x74:
            out += '\t';
            break;
          case 0x75: {
            const hex = t.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(i, 'invalid \\u escape: it needs four hexadecimal digits');
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.fail(i, `invalid escape ${JSON.stringify(t.slice(i, i + 2))} in a string: write a backslash as "\\\\"`);
        }
        i += 2;
        chunk = i;
        continue;
      }
      if (c < 0x20) {
        this.fail(
          i,
          c === 0x0a || c === 0x0d
            ? "a string may not span lines: a closing '\"' is missing, or write the line break as \\n"
            : `control character U+${c.toString(16).padStart(4, '0').toUpperCase()} in a string: escape it as \\u${c.toString(16).padStart(4, '0')}`,
        );
      }
      i++;
    }
  }

  private ws(): void {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  private fail(offset: number, message: string): never {
    throw new SyntaxFailure(offset, message);
  }
}

function childPointer(parent: Frame): string {
  return parent.kind === 'object' ? pointerJoin(parent.pointer, parent.key) : pointerJoin(parent.pointer, (parent.value as unknown[]).length);
}

function closing(parent: Frame): string {
  return parent.kind === 'object' ? ': a "}" is missing' : ': a "]" is missing';
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

/** Names the token at an offset the way a person would: `'{'`, `the word "TEMPLATE_X"`, end of file. */
function describeAt(t: string, at: number): string {
  if (at >= t.length) return 'the end of the file';
  const word = /[A-Za-z_$][\w$.-]*/y;
  word.lastIndex = at;
  const m = word.exec(t);
  if (m) return `"${m[0].length > 40 ? m[0].slice(0, 39) + '…' : m[0]}"`;
  const ch = t[at] as string;
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${t.codePointAt(at)! > 0xffff ? String.fromCodePoint(t.codePointAt(at)!) : ch}'`;
}

/** Recognises the template syntaxes people leave in ECS JSON, to say what to do about them. */
function templateHint(t: string, at: number): string {
  const ahead = t.slice(Math.max(0, at - 1), at + 3);
  if (/\{\{|\$\{|\$\$|<%|\{%/.test(ahead) || t[at] === '$' || (t[at] === '{' && t[at - 1] === '{')) {
    return ': this looks like an unsubstituted template placeholder; render the template (or quote the placeholder) before passing the file to ecs2k8s';
  }
  if (/[A-Za-z_]/.test(t[at] ?? '')) {
    return ': strings must be in double quotes; if this is a template placeholder, render the template first';
  }
  return '';
}

export { LineIndex } from './lines.js';

/** Finds the position node of a JSON Pointer; undefined when the pointer names nothing present. */
export function findNode(root: PosNode, pointer: string): PosNode | undefined {
  let node: PosNode | undefined = root;
  for (const seg of pointerSegments(pointer)) {
    const c: PosNode['c'] = node?.c;
    if (!c) return undefined;
    node = c instanceof Map ? c.get(seg) : /^(0|[1-9][0-9]*)$/.test(seg) ? c[Number(seg)] : undefined;
    if (!node) return undefined;
  }
  return node;
}
