/**
 * A template as a tree of located nodes, whatever it was written in: JSON (with the positions
 * of ../../json.ts) or YAML (the `yaml` package's nodes, with CloudFormation's short intrinsic
 * tags `!Ref X` turned into their long form `{"Ref": "X"}`). Every node keeps the offset of its
 * value and, in a mapping, of its key, so that the translated documents map back to the text.
 */
import type { Document, Node as YamlNode } from 'yaml';
import { yaml } from '../../../yaml.js';
import { isSyntaxError, parseJson, type PosNode } from '../../json.js';

export type Scalar = string | number | boolean | null;

export type TNode =
  | { t: 'scalar'; v: Scalar; at: number; /** The scalar as written (YAML), so that `1.10` stays "1.10" where a string is wanted. */ raw?: string }
  | { t: 'seq'; items: TNode[]; at: number }
  | { t: 'map'; entries: TEntry[]; at: number };

export interface TEntry {
  key: string;
  keyAt: number;
  value: TNode;
}

export type ParsedTemplate = { root: TNode } | { error: string; at: number };

/** The member of a mapping node, or undefined. */
export function member(node: TNode | undefined, key: string): TNode | undefined {
  if (node?.t !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i]!.value;
  return undefined;
}

/** The entry of a mapping node, or undefined. */
export function entry(node: TNode | undefined, key: string): TEntry | undefined {
  if (node?.t !== 'map') return undefined;
  for (let i = node.entries.length - 1; i >= 0; i--) if (node.entries[i]!.key === key) return node.entries[i];
  return undefined;
}

export function str(node: TNode | undefined): string | undefined {
  return node?.t === 'scalar' && typeof node.v === 'string' ? node.v : undefined;
}

/** The plain value of a node (no intrinsic resolved). */
export function plain(node: TNode): unknown {
  if (node.t === 'scalar') return node.v;
  if (node.t === 'seq') return node.items.map(plain);
  const o: Record<string, unknown> = {};
  for (const e of node.entries) o[e.key] = plain(e.value);
  return o;
}

export function fromJson(value: unknown, pos: PosNode | undefined, at = 0): TNode {
  const here = pos?.o ?? at;
  if (Array.isArray(value)) {
    const kids = Array.isArray(pos?.c) ? pos.c : [];
    return { t: 'seq', items: value.map((v, i) => fromJson(v, kids[i], here)), at: here };
  }
  if (value !== null && typeof value === 'object') {
    const kids = pos?.c instanceof Map ? pos.c : undefined;
    const entries: TEntry[] = [];
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const p = kids?.get(k);
      entries.push({ key: k, keyAt: p?.k ?? p?.o ?? here, value: fromJson(v, p, here) });
    }
    return { t: 'map', entries, at: here };
  }
  return { t: 'scalar', v: value as Scalar, at: here };
}

export function parseJsonTemplate(text: string): ParsedTemplate {
  const parsed = parseJson(text);
  if (isSyntaxError(parsed)) return { error: parsed.message, at: parsed.offset };
  return { root: fromJson(parsed.value, parsed.positions) };
}

/** The short forms of the intrinsic functions, and the long form each stands for. */
const SHORT_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Sub': 'Fn::Sub',
  '!GetAtt': 'Fn::GetAtt',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Split': 'Fn::Split',
  '!Base64': 'Fn::Base64',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!GetAZs': 'Fn::GetAZs',
  '!Cidr': 'Fn::Cidr',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Transform': 'Fn::Transform',
};

export function parseYamlTemplate(text: string): ParsedTemplate {
  let doc: Document;
  try {
    doc = yaml().parseDocument(text, { keepSourceTokens: false, uniqueKeys: false, prettyErrors: false, strict: false });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e), at: 0 };
  }
  const err = doc.errors[0];
  if (err) return { error: err.message.split('\n')[0] ?? err.message, at: err.pos[0] };
  if (!doc.contents) return { error: 'the file is empty', at: 0 };
  const budget = { nodes: 0, alias: -1 };
  const root = fromYaml(doc.contents as YamlNode, doc, 0, 0, budget);
  if (budget.nodes > MAX_NODES) return { error: `aliases expand the template past ${MAX_NODES} nodes (an alias bomb?): write the values out`, at: budget.alias < 0 ? 0 : budget.alias };
  return { root };
}

/** The most nodes a template may expand to through its aliases: far more than any real template. */
const MAX_NODES = 1_000_000;

function fromYaml(node: YamlNode | null | undefined, doc: Document, depth: number, fallback: number, budget: { nodes: number; alias: number }): TNode {
  if (!node || depth > 256 || ++budget.nodes > MAX_NODES) return { t: 'scalar', v: null, at: fallback };
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  if (isAlias(node)) {
    if (budget.alias < 0) budget.alias = node.range?.[0] ?? fallback;
    return fromYaml(node.resolve(doc) as YamlNode | undefined, doc, depth + 1, node.range?.[0] ?? fallback, budget);
  }
  const at = node.range?.[0] ?? fallback;
  let out: TNode;
  if (isMap(node)) {
    const entries: TEntry[] = [];
    for (const p of node.items) {
      if (!isPair(p)) continue;
      const k = p.key as YamlNode | null;
      const keyAt = k?.range?.[0] ?? at;
      const key = isScalar(k) ? String(k.value) : k ? String((k as { toJSON?: () => unknown }).toJSON?.() ?? '') : '';
      entries.push({ key, keyAt, value: fromYaml(p.value as YamlNode | null, doc, depth + 1, keyAt, budget) });
    }
    out = { t: 'map', entries, at };
  } else if (isSeq(node)) {
    out = { t: 'seq', items: node.items.map((i) => fromYaml(i as YamlNode, doc, depth + 1, at, budget)), at };
  } else if (isScalar(node)) {
    const v = node.value;
    const value: Scalar = v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    out = { t: 'scalar', v: value, at, ...(node.source !== undefined && typeof v !== 'string' && { raw: node.source }) };
    if (node.tag !== undefined && SHORT_TAGS[node.tag] === undefined) {
      // A core-schema tag (!!str, !!int) the parser applied already; any other tag keeps the text.
      if (typeof value !== 'string' && !node.tag.startsWith('tag:yaml.org')) out = { t: 'scalar', v: node.source ?? String(value), at };
    }
  } else {
    out = { t: 'scalar', v: null, at };
  }
  const tag = node.tag === undefined ? undefined : SHORT_TAGS[node.tag];
  if (tag === undefined) return out;
  let arg = out;
  // `!GetAtt A.B` is `Fn::GetAtt: [A, B]`.
  if (tag === 'Fn::GetAtt' && arg.t === 'scalar' && typeof arg.v === 'string') {
    const dot = arg.v.indexOf('.');
    arg = {
      t: 'seq',
      items:
        dot < 0
          ? [arg]
          : [
              { t: 'scalar', v: arg.v.slice(0, dot), at },
              { t: 'scalar', v: arg.v.slice(dot + 1), at: at + dot + 1 },
            ],
      at,
    };
  }
  if (arg.t === 'scalar' && arg.raw !== undefined && (tag === 'Ref' || tag === 'Condition' || tag === 'Fn::Sub' || tag === 'Fn::ImportValue')) arg = { t: 'scalar', v: arg.raw, at };
  return { t: 'map', entries: [{ key: tag, keyAt: at, value: arg }], at };
}

/** The value of a map's member, or undefined (not a map, or no such key). */
export function memberOf(node: TNode | undefined, key: string): TNode | undefined {
  if (node?.t !== 'map') return undefined;
  return node.entries.find((e) => e.key === key)?.value;
}

/** A scalar as it was written (its raw text when kept), or undefined. */
export function scalarText(node: TNode | undefined): string | undefined {
  if (node?.t !== 'scalar' || node.v === null) return undefined;
  return node.raw ?? String(node.v);
}
