/**
 * One Copilot manifest (merged for one environment) as the translators read it: typed getters
 * by manifest pointer, located diagnostics, and the recording of where each member of a produced
 * ECS document was written (src/load/source.ts MappedSource).
 */
import { Diagnostics, pointerSegments, type SourceRef } from '../../../diagnostics.js';
import type { Code } from '../../../codes.js';
import { isObject, type Obj } from '../../../model/values.js';
import { MappedSource, type Span } from '../../source.js';

export class Manifest {
  /** Reports at manifest pointers. */
  readonly source: SourceRef;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: Obj,
    readonly spans: Map<string, Span>,
    readonly d: Diagnostics,
    /** `${COPILOT_APPLICATION_NAME}`-style variables that Copilot substitutes in manifests. */
    readonly vars: Readonly<Record<string, string>>,
    /** The environment this manifest is merged for, if any. */
    readonly env: string | undefined,
    readonly app: string | undefined,
  ) {
    const src = new MappedSource(file, text);
    for (const [p, s] of spans) src.map(p, s);
    this.source = src;
  }

  has(pointer: string): boolean {
    return this.get(pointer) !== undefined;
  }

  get(pointer: string): unknown {
    let v: unknown = this.value;
    for (const s of pointerSegments(pointer)) {
      if (Array.isArray(v)) v = v[Number(s)];
      else if (isObject(v)) v = Object.prototype.hasOwnProperty.call(v, s) ? v[s] : undefined;
      else return undefined;
    }
    return v === null ? undefined : v;
  }

  /** A string (numbers and booleans written as strings), with Copilot's ${VAR} substitution. */
  str(pointer: string): string | undefined {
    const v = this.get(pointer);
    if (typeof v === 'string') return this.subst(v);
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }

  subst(s: string): string {
    return s.replace(/\$\{(\w+)\}/g, (all, name: string) => this.vars[name] ?? all);
  }

  num(pointer: string): number | undefined {
    const v = this.get(pointer);
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) return Number(v);
    if (v !== undefined) this.warn(pointer, 'copilot-manifest', `${pointer.slice(1).replace(/\//g, '.')} must be a number, not ${JSON.stringify(v)}: it is ignored`);
    return undefined;
  }

  bool(pointer: string): boolean | undefined {
    const v = this.get(pointer);
    return typeof v === 'boolean' ? v : undefined;
  }

  obj(pointer: string): Obj | undefined {
    const v = this.get(pointer);
    return isObject(v) ? v : undefined;
  }

  /** A string or a list of strings (entrypoint, command): a string is split as a shell would, without expansion. */
  words(pointer: string): string[] | undefined {
    const v = this.get(pointer);
    if (Array.isArray(v)) return v.map((x) => this.subst(String(x)));
    if (typeof v === 'string') return splitWords(this.subst(v));
    return undefined;
  }

  /** Seconds of a Copilot duration ("30s", "1m30s", "500ms", "2h"; a bare number is seconds). */
  seconds(pointer: string): number | undefined {
    const v = this.get(pointer);
    if (v === undefined) return undefined;
    const s = parseDuration(v);
    if (s === undefined) this.warn(pointer, 'copilot-manifest', `${JSON.stringify(v)} is not a duration (write it as 30s, 1m30s or 500ms): it is ignored`);
    return s;
  }

  warn(pointer: string, code: Code, message: string, at: 'key' | 'value' = 'value'): void {
    this.d.warn(this.source, pointer, code, message, at);
  }

  error(pointer: string, code: Code, message: string, at: 'key' | 'value' = 'value'): void {
    this.d.error(this.source, pointer, code, message, at);
  }

  /** Where the manifest wrote `pointer`, or its nearest written ancestor. */
  span(pointer: string): Span | undefined {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const s = this.spans.get(p);
      if (s) return s;
      if (p === '') return undefined;
    }
  }
}

/** An ECS document under construction: its value, and where each member came from in the manifest. */
export class Built {
  readonly source: MappedSource;

  constructor(readonly m: Manifest) {
    this.source = new MappedSource(m.file, m.text);
    const root = m.span('');
    if (root) this.source.map('', root);
  }

  /** Records that the ECS member at `ecs` was written at `manifest`. */
  from(ecs: string, manifest: string): void {
    const s = this.m.spans.get(manifest) ?? this.m.span(manifest);
    if (s) this.source.map(ecs, s);
  }
}

export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? Math.round(total * 1000) / 1000 : undefined;
}

/** Splits a command line into words: spaces separate, single and double quotes group, a backslash escapes. */
export function splitWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}
