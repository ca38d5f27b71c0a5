/**
 * A Copilot manifest as a plain value with the position of every member: YAML parsed by the
 * `yaml` package (which keeps ranges), each map key and value recorded under its JSON Pointer.
 * Environment overrides (`environments.<env>`) merge into the manifest the way Copilot merges
 * them: maps member by member, anything else (scalars, lists) replaced whole; the merged value
 * keeps the positions of whichever document wrote each member.
 */
import type { Node } from 'yaml';
import { yaml } from '../../../yaml.js';
import { pointerJoin } from '../../../diagnostics.js';
import { isObject, type Obj } from '../../../model/values.js';
import type { Position, Span } from '../../source.js';

export interface Located {
  value: unknown;
  /** Manifest pointer → where it was written. */
  spans: Map<string, Span>;
}

export interface ParsedYaml extends Located {
  /** YAML syntax errors: message and position. */
  errors: { message: string; at: Position }[];
}

/** Parses YAML text into a plain value and the spans of its members. Never throws. */
export function parseLocated(text: string): ParsedYaml {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const spans = new Map<string, Span>();
  const errors: ParsedYaml['errors'] = [];
  let value: unknown;
  try {
    const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, merge: true });
    for (const e of doc.errors) {
      const p = lc.linePos(e.pos[0]);
      errors.push({ message: e.message.split('\n')[0] ?? e.message, at: { line: p.line, column: p.col } });
    }
    if (errors.length > 0) return { value: undefined, spans, errors };
    const pos = (offset: number): Position => {
      const p = lc.linePos(offset);
      return { line: p.line, column: p.col };
    };
    const walk = (node: unknown, pointer: string, key?: Position): unknown => {
      const n = node as Node | null | undefined;
      const at = n && 'range' in n && n.range ? pos(n.range[0]) : (key ?? { line: 1, column: 1 });
      spans.set(pointer, { ...(key && { key }), value: at });
      if (isMap(n)) {
        const out: Obj = {};
        for (const item of n.items) {
          const k = isScalar(item.key) ? item.key.value : item.key;
          const name = typeof k === 'string' ? k : k === null || k === undefined ? '' : String(k);
          const keyPos = isScalar(item.key) && item.key.range ? pos(item.key.range[0]) : at;
          out[name] = walk(item.value, pointerJoin(pointer, name), keyPos);
          if (item.value === null || item.value === undefined) spans.set(pointerJoin(pointer, name), { key: keyPos, value: keyPos });
        }
        return out;
      }
      if (isSeq(n)) return n.items.map((item, i) => walk(item, pointerJoin(pointer, i)));
      if (isScalar(n)) return n.value;
      return null;
    };
    value = walk(doc.contents, '');
  } catch (e) {
    errors.push({ message: e instanceof Error ? e.message : String(e), at: { line: 1, column: 1 } });
  }
  return { value, spans, errors };
}

/** The spans under `from`, re-rooted at `to` (an environment's section → the manifest's root). */
function rebase(spans: Map<string, Span>, from: string, to: string): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const [p, s] of spans) {
    if (p === from || p.startsWith(from + '/')) out.set(to + p.slice(from.length), s);
  }
  return out;
}

/** Fields where setting one member of a pair drops the other (Copilot's mutually exclusive fields). */
const EXCLUSIVE: Record<string, string[][]> = {
  '/image': [['build', 'location']],
  '/count': [['range', 'spot']],
};

/**
 * The manifest with the environment section `environments.<env>` merged over it (without the
 * `environments` member itself). `override` is the section's value; `section` its pointer.
 */
export function mergeEnvironment(base: Located, override: unknown, section: string): Located {
  const spans = new Map<string, Span>();
  for (const [p, s] of base.spans) if (!(p === '/environments' || p.startsWith('/environments/'))) spans.set(p, s);
  const over = rebase(base.spans, section, '');
  const baseValue = isObject(base.value) ? { ...base.value } : {};
  delete baseValue['environments'];
  const merged = merge(baseValue, override, '', spans, over);
  return { value: merged, spans };
}

function merge(a: unknown, b: unknown, pointer: string, spans: Map<string, Span>, over: Map<string, Span>): unknown {
  if (b === undefined) return a;
  if (isObject(a) && isObject(b)) {
    const out: Obj = { ...a };
    for (const group of EXCLUSIVE[pointer] ?? []) {
      if (group.some((k) => k in b)) {
        for (const k of group) if (!(k in b) && dropUnder(spans, pointerJoin(pointer, k))) delete out[k];
      }
    }
    for (const [k, v] of Object.entries(b)) out[k] = merge(out[k], v, pointerJoin(pointer, k), spans, over);
    return out;
  }
  // Replaced whole: the base's positions under it go, the override's come.
  dropUnder(spans, pointer);
  for (const [p, s] of over) if (p === pointer || p.startsWith(pointer + '/')) spans.set(p, s);
  return b;
}

function dropUnder(spans: Map<string, Span>, pointer: string): true {
  for (const p of [...spans.keys()]) if (p === pointer || p.startsWith(pointer + '/')) spans.delete(p);
  return true;
}
