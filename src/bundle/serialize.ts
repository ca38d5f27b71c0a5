/**
 * Deterministic YAML and JSON for Kubernetes objects.
 *
 * Key order: top-level apiVersion, kind, metadata, spec, then the rest in insertion order; nested
 * keys keep insertion order (the compiler builds objects in canonical order), except string maps
 * built from user input (labels, annotations, matchLabels, nodeSelector, a Service's selector),
 * whose keys are sorted by code point.
 *
 * YAML: no anchors or aliases, no line folding, and every string that a YAML 1.1 reader
 * (go-yaml v2 behind kubectl/kustomize) or a YAML 1.2 reader would take for another type is quoted.
 */
import { yaml } from '../yaml.js';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];
/** Maps whose keys come from user input and are sorted. */
const SORTED_MAPS = new Set(['labels', 'annotations', 'matchLabels', 'nodeSelector']);

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isStringMap(v: Record<string, unknown>): boolean {
  return Object.values(v).every((x) => typeof x === 'string');
}

function sortedCopy(v: Record<string, unknown>, quote: QuoteAs | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort(compareStrings)) out[k] = normaliseValue(v[k], k, quote);
  return out;
}

/** What a string that YAML would read as another type becomes in the copy: something always written in double quotes. */
type QuoteAs = (s: string) => unknown;

/** The fast path's mark (written by scalarText), which does not need the `yaml` library. */
class Quoted {
  constructor(readonly value: string) {}
}

const quoteForFastPath: QuoteAs = (s) => new Quoted(s);

/** The `yaml` library's node for the same string. */
function quoteForLibrary(s: string): unknown {
  const node = new (yaml().Scalar)(s);
  node.type = 'QUOTE_DOUBLE';
  return node;
}

function normaliseValue(v: unknown, key: string | undefined, quote?: QuoteAs): unknown {
  if (typeof v === 'string') return quote && isAmbiguousScalar(v) ? quote(v) : v;
  if (Object.is(v, -0)) return 0; // JSON writes -0 as 0; YAML would write "-0": both must say 0
  if (Array.isArray(v)) return v.map((x) => normaliseValue(x, undefined, quote));
  if (!isPlainObject(v)) return v;
  if (key !== undefined && (SORTED_MAPS.has(key) || (key === 'selector' && isStringMap(v)))) {
    return sortedCopy(v, quote);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = normaliseValue(x, k, quote);
  return out;
}

/**
 * A fresh copy of obj in output key order (never shares structure with obj, so repeated
 * sub-objects become independent copies). With `quoteAmbiguous`, every string that YAML would
 * read as another type becomes a mark that the serialiser writes in double quotes: `true` for the
 * fast path's, or a function making the `yaml` library's node.
 */
export function normaliseObject(obj: Record<string, unknown>, quoteAmbiguous: boolean | QuoteAs = false): Record<string, unknown> {
  const quote = quoteAmbiguous === true ? quoteForFastPath : quoteAmbiguous || undefined;
  const out: Record<string, unknown> = {};
  for (const k of TOP_ORDER) if (Object.hasOwn(obj, k)) out[k] = normaliseValue(obj[k], k, quote);
  for (const [k, v] of Object.entries(obj)) if (!TOP_ORDER.includes(k)) out[k] = normaliseValue(v, k, quote);
  return out;
}

/** True when some map key in v would be read back as another type (rare: keys are names and labels). */
function hasAmbiguousKey(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasAmbiguousKey);
  if (!isPlainObject(v)) return false;
  return Object.entries(v).some(([k, x]) => isAmbiguousScalar(k) || hasAmbiguousKey(x));
}

// Plain scalars that some YAML reader resolves to a non-string (YAML 1.1 types as go-yaml v2 and
// the yaml-1.1 schema read them, plus the YAML 1.2 core and JSON schemas).
// The words among them: null, and bool (1.1 includes y/n, yes/no, on/off). No other form starts with a letter.
const AMBIGUOUS_WORDS = new Set([
  'null',
  'Null',
  'NULL',
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
]);
export const AMBIGUOUS: readonly RegExp[] = [
  // null (~) and the words
  new RegExp(`^(?:~|${[...AMBIGUOUS_WORDS].join('|')})$`),
  // int, 1.1: binary, octal (leading 0), decimal, hex, sexagesimal; underscores allowed
  /^[-+]?0b[01_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?(?:0|[1-9][0-9_]*)$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  // int, 1.2 core and Go's ParseInt base 0 (0o, 0O, 0B, 0X prefixes, leading zeros, underscores)
  /^[-+]?0[oO][0-7_]+$/,
  /^[-+]?0[bB][01_]+$/,
  /^[-+]?0[xX][0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  // float, 1.1 and 1.2 (with or without a dot, with or without an exponent sign), sexagesimal
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  // timestamp (1.1)
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
  // merge key and value key (1.1)
  /^(?:<<|=)$/,
];
// One expression for all of them: V8 compiles each expression to machine code once it is used
// often, and a build tests every short scalar, so one costs a cold start less than eighteen.
const ANY_AMBIGUOUS = new RegExp(AMBIGUOUS.map((re) => `(?:${re.source})`).join('|'));

/** True when a plain (unquoted) scalar with this text would not be read back as this string. */
export function isAmbiguousScalar(s: string): boolean {
  if (s === '') return true;
  // Every ambiguous form is a word of AMBIGUOUS_WORDS or starts with a sign, a digit, ".", "~",
  // "<" or "=". Not every one is short: seventy digits are an int, and were once written plain.
  const c = s.charCodeAt(0);
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return AMBIGUOUS_WORDS.has(s);
  if (!/^[-+.0-9~<=]/.test(s)) return false;
  // Digits alone are an int; a character that no form holds (as in `512Mi` or `250m`) rules
  // them all out. Only the rest runs the expression, which compiles at its first use.
  let digits = true;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) continue;
    digits = false;
    if (!NUMERIC_FORM_CHARS.includes(s[i]!)) return false;
  }
  return digits || ANY_AMBIGUOUS.test(s);
}

/** Every character that an ambiguous form not starting with a letter can hold (AMBIGUOUS). */
const NUMERIC_FORM_CHARS = '0123456789_+-.:abcdefABCDEFoOxXiInNtTZ \t~<=';

/**
 * `yaml` already ends a document with one newline; a trailing block scalar that keeps its own
 * trailing newlines (`|+`) is the one case with more, and those newlines are content.
 */
function ensureNewline(s: string): string {
  return s.endsWith('\n') ? s : s + '\n';
}

/** The fast emitter met something it leaves to `yaml`. */
class NotSimple extends Error {}

/** Strings that `yaml` writes plain: printable ASCII, no indicator first, no ": " or " #", no edge spaces, no ":" at the end. */
const PLAIN = /^(?:[A-Za-z0-9_./$(]|-[^ ])[ -~]*$/;

function plainOk(s: string): boolean {
  return PLAIN.test(s) && !s.includes('#') && !s.includes(': ') && !s.endsWith(':') && !s.endsWith(' ') && !isAmbiguousScalar(s);
}

/**
 * One-line strings that `yaml` never writes plain (its plainString test: an indicator first, a
 * lone or spaced "-" or "?", ": ", " #", a space or ":" at the end). It quotes them as its
 * quotedString does: single quotes for a string with a double quote and no single one, double
 * quotes (JSON's escapes, which for printable ASCII are YAML's) otherwise; never folded (lineWidth 0).
 */
const QUOTED_BY_YAML = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/;

function quotedText(s: string): string | undefined {
  if (!/^[ -~]*$/.test(s) || !QUOTED_BY_YAML.test(s)) return undefined;
  return s.includes('"') && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}

function scalarText(v: unknown): string {
  if (v instanceof Quoted) {
    // An ambiguous string marked for double quotes: plain ASCII without a quote or backslash is written as is.
    const s = v.value;
    if (typeof s !== 'string' || !/^[ -~]*$/.test(s) || s.includes('"') || s.includes('\\')) throw new NotSimple();
    return `"${s}"`;
  }
  if (typeof v === 'string') {
    if (plainOk(v)) return v;
    const q = quotedText(v);
    if (q === undefined) throw new NotSimple();
    return q;
  }
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw new NotSimple();
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new NotSimple();
}

function emitValue(key: string, v: unknown, pad: string, out: string[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${pad}${key}: []\n`);
    else {
      out.push(`${pad}${key}:\n`);
      emitSeq(v, pad + '  ', out);
    }
  } else if (isPlainObject(v)) {
    if (Object.keys(v).length === 0) out.push(`${pad}${key}: {}\n`);
    else {
      out.push(`${pad}${key}:\n`);
      emitMap(v, pad + '  ', out);
    }
  } else {
    out.push(`${pad}${key}: ${scalarText(v)}\n`);
  }
}

function emitMap(o: Record<string, unknown>, pad: string, out: string[]): void {
  for (const [k, v] of Object.entries(o)) {
    if (!plainOk(k)) throw new NotSimple();
    emitValue(k, v, pad, out);
  }
}

function emitSeq(items: readonly unknown[], pad: string, out: string[]): void {
  for (const item of items) {
    const nested = Array.isArray(item) ? item.length > 0 : isPlainObject(item) && Object.keys(item).length > 0;
    if (!nested) {
      const text = Array.isArray(item) ? '[]' : isPlainObject(item) ? '{}' : scalarText(item);
      out.push(`${pad}- ${text}\n`);
      continue;
    }
    // A nested map or list starts on the dash's line: its first line loses its indent to "- ".
    const start = out.length;
    if (Array.isArray(item)) emitSeq(item, pad + '  ', out);
    else emitMap(item as Record<string, unknown>, pad + '  ', out);
    out[start] = `${pad}- ${(out[start] as string).slice(pad.length + 2)}`;
  }
}

/**
 * The YAML of a normalised object, byte for byte what `yaml` writes for it, for the plain shapes
 * this compiler emits; undefined when the object holds anything else (multi-line or non-ASCII
 * strings, strings `yaml` quotes in its own way, non-integer numbers), which `yaml` then writes.
 * `yaml`'s document model costs a third of a large build; test/serialize-fast.test.ts checks
 * that both write the same bytes.
 */
export function fastYaml(normalised: Record<string, unknown>): string | undefined {
  const out: string[] = [];
  try {
    emitMap(normalised, '', out);
  } catch (e) {
    if (e instanceof NotSimple) return undefined;
    throw e;
  }
  return out.join('');
}

/** One object as a YAML document (no `---`), ending with a newline. */
export function toYaml(obj: object): string {
  if (!hasAmbiguousKey(obj)) {
    const fast = fastYaml(normaliseObject(obj as Record<string, unknown>, true));
    if (fast !== undefined && fast !== '') return fast;
  }
  return yamlWithLibrary(obj);
}

/** One object as a YAML document written by the `yaml` library (what the fast path must equal). */
export function yamlWithLibrary(obj: object): string {
  // Values that YAML would read as another type are quoted while the copy is made; map keys are
  // checked by a visit only in the rare object that has such a key.
  const { Document, visit } = yaml();
  const doc = new Document(normaliseObject(obj as Record<string, unknown>, quoteForLibrary), {
    aliasDuplicateObjects: false,
  });
  if (hasAmbiguousKey(obj)) {
    visit(doc, {
      Scalar(_key, node) {
        if (typeof node.value === 'string' && isAmbiguousScalar(node.value)) node.type = 'QUOTE_DOUBLE';
      },
    });
  }
  return ensureNewline(doc.toString({ lineWidth: 0, minContentWidth: 0 }));
}

/** One object as JSON, 2-space indent, ending with one newline. */
export function toJson(obj: object): string {
  return JSON.stringify(normaliseObject(obj as Record<string, unknown>), null, 2) + '\n';
}
