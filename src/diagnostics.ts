/**
 * Diagnostics are values, collected rather than thrown. Every stage returns them; the CLI
 * turns them into text, JSON or SARIF in a separate step (src/report/).
 */
import type { Code } from './codes.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable code, listed in src/codes.ts and docs/diagnostics.md. */
  code: Code;
  severity: Severity;
  /** Names the user's own key and value and says what to do. */
  message: string;
  /** Path of the input file as the user gave it (`-` for standard input). */
  file?: string;
  /** 1-based line and column (UTF-16 code units, as editors count) of the offending token. */
  line?: number;
  column?: number;
  /** RFC 6901 JSON Pointer into the file's document. */
  pointer?: string;
}

/** Where in a source a finding lies; `locate` turns a JSON Pointer into line and column. */
export interface SourceRef {
  file: string;
  locate(pointer: string, at?: 'key' | 'value'): { line: number; column: number } | undefined;
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Collects diagnostics; positions are resolved from the source at the time they are added. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  private errors = 0;
  private warnings = 0;

  add(d: Diagnostic): void {
    const message = safeMessage(d.message);
    if (message !== d.message) d = { ...d, message };
    this.items.push(d);
    this.count(d);
  }

  private count(d: Diagnostic): void {
    if (d.severity === 'error') this.errors++;
    else if (d.severity === 'warning') this.warnings++;
  }

  /** Report a finding at a JSON Pointer of a source; `at: 'key'` points at the member's name. */
  at(source: SourceRef | undefined, pointer: string, severity: Severity, code: Code, message: string, at: 'key' | 'value' = 'value'): void {
    const d: Diagnostic = { code, severity, message: safeMessage(message) };
    if (source) {
      d.file = source.file;
      d.pointer = pointer;
      const pos = source.locate(pointer, at) ?? nearestPosition(source, pointer);
      if (pos) {
        d.line = pos.line;
        d.column = pos.column;
      }
    } else if (pointer) {
      d.pointer = pointer;
    }
    this.items.push(d);
    this.count(d);
  }

  error(source: SourceRef | undefined, pointer: string, code: Code, message: string, at?: 'key' | 'value'): void {
    this.at(source, pointer, 'error', code, message, at);
  }

  warn(source: SourceRef | undefined, pointer: string, code: Code, message: string, at?: 'key' | 'value'): void {
    this.at(source, pointer, 'warning', code, message, at);
  }

  info(source: SourceRef | undefined, pointer: string, code: Code, message: string, at?: 'key' | 'value'): void {
    this.at(source, pointer, 'info', code, message, at);
  }

  push(...ds: Diagnostic[]): void {
    for (const d of ds) this.add(d);
  }

  get errorCount(): number {
    return this.errors;
  }

  get warningCount(): number {
    return this.warnings;
  }

  hasErrors(): boolean {
    return this.errors > 0;
  }
}

/**
 * Characters that must never reach a terminal, an annotation or a log raw from a user's input:
 * C0 and C1 controls (ANSI escapes, NUL, line breaks), DEL, the Unicode line and paragraph
 * separators, and the bidirectional marks and overrides that reorder what a reader sees.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Escapes UNSAFE_CHARS as \uXXXX. Applied to every message where diagnostics are collected, so
 * that a user's value is shown, never obeyed, whichever message quoted it (with show() or not).
 */
export function safeText(s: string): string {
  return s.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The longest message kept whole: user values are shortened by show(); this catches any that were not. */
const MAX_MESSAGE = 4000;

function safeMessage(s: string): string {
  const t = safeText(s);
  return t.length > MAX_MESSAGE ? t.slice(0, MAX_MESSAGE - 1) + '…' : t;
}

/** When a pointer names something absent (a missing member), point at its closest present parent. */
function nearestPosition(source: SourceRef, pointer: string): { line: number; column: number } | undefined {
  let p = pointer;
  while (p !== '') {
    p = p.slice(0, p.lastIndexOf('/'));
    const pos = source.locate(p, 'value');
    if (pos) return pos;
  }
  return source.locate('', 'value');
}

/** Deterministic order: file, line, column, severity, code, message. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort(
    (a, b) =>
      cmp(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      cmp(a.code, b.code) ||
      cmp(a.message, b.message),
  );
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** RFC 6901 pointer helpers. */
export function pointerJoin(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const segment of segments) {
    const s = String(segment);
    // Most segments are names and indices with nothing to escape: no expression runs for them.
    out += '/' + (s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s);
  }
  return out;
}

export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Quote a user's value for a message, shortened so that huge strings never flood the terminal. */
export function show(value: unknown, max = 60): string {
  if (typeof value === 'string' && value.startsWith('arn:')) max = Math.max(max, 160);
  let s: string;
  try {
    // JSON.stringify writes a number too large for a double (1e400 parses as Infinity) as "null".
    s = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  if (s === undefined) s = String(value);
  s = safeText(s);
  if (s.length <= max) return s;
  let cut = max - 1;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--; // never split a surrogate pair
  return s.slice(0, cut) + '…';
}
