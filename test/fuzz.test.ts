/**
 * Fuzzing the compiler in-process (SPEC §9: "No input makes it crash … Fuzz it").
 *
 * Seeds: every task definition and service of fixtures/corpus plus examples/web-app: the same on
 * every clone (never the wider corpus beside the repository), so that a seed that fails in CI
 * fails the same way on any checkout.
 * Mutations, applied with fast-check from a FIXED seed so that every run is the same run:
 * - structural: wrong types, deleted / duplicated / renamed keys, nulls, empty and huge strings,
 *   unicode and control characters (lone surrogates, RTL marks, NUL), deep nesting, huge arrays,
 *   numbers at and beyond their limits written as raw JSON text (-0, 2^31, 2^53+1, 1e400), grafts
 *   of subtrees between documents, and hostile command-line options;
 * - type-preserving (strings stay strings, numbers numbers), so that mutated inputs also get past
 *   validation and exercise conversion, output validation and rendering;
 * - known-invalid ("poisons"): mutations that ECS rejects, which must end in an error;
 * - text level: byte flips (through the real UTF-8 decoder, via stdin), truncation at every class
 *   of position, inserted templates, deleted and repeated spans.
 *
 * Every case checks the same invariants (`checkResult`): compile never throws; every diagnostic has
 * a known code, a severity, a message free of raw control characters, and — when it is about an
 * input text — a line and column inside that text; an error means no entries and no entries means
 * an error; `invalid-output` never appears (it means a bug); the entries render (YAML and JSON, as
 * files and as a stream) without throwing, to safe relative paths only, and the YAML reads back as
 * the same objects as the JSON.
 *
 * Runs: ECS2K8S_FUZZ_RUNS=<n> scales every property: 500 cases in all by default (`npm test`),
 * 10,500 with `npm run test:fuzz`; ECS2K8S_FUZZ_SEED=<int> replays another seed. A failure prints
 * the seed and the shrunk input.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBundle, renderStream } from '../src/bundle/index.js';
import { assertSafePath } from '../src/bundle/paths.js';
import { CODES } from '../src/codes.js';
import { compile, compileTexts, type CompileResult } from '../src/compile.js';
import type { InputText } from '../src/load/inputs.js';
import { defaultOptions, type Options, type WorkloadKind } from '../src/options.js';
import { validateK8sObject } from '../src/k8s/validate/index.js';
import { repoRoot } from './helpers/cli.js';
import { fixturesCorpus } from './helpers/corpus.js';

// ---------------------------------------------------------------------------------------------
// Configuration

const SEED = Number(process.env['ECS2K8S_FUZZ_SEED'] ?? 20_240_607);
/** Total cases across the properties below: 500 in `npm test`, 10,500 in `npm run test:fuzz`. */
const TOTAL = Number(process.env['ECS2K8S_FUZZ_RUNS'] ?? 500);
const share = (fraction: number) => Math.max(1, Math.round(TOTAL * fraction));
/** Long runs get time to match: about 6 ms a case on a slow machine, never less than the default. */
const TIMEOUT = Math.max(120_000, TOTAL * 12);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true, verbose: 1 });

// ---------------------------------------------------------------------------------------------
// Seeds

interface Seed {
  name: string;
  kind: 'taskDefinition' | 'service';
  value: unknown;
}

function readSeeds(dir: string, kind: Seed['kind'], label: string): Seed[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: `${label}/${f}`, kind, value: JSON.parse(readFileSync(join(dir, f), 'utf8').replace(/^\uFEFF/, '')) as unknown }));
}

const SEEDS: Seed[] = [
  ...readSeeds(join(fixturesCorpus.dir, 'taskdefs'), 'taskDefinition', fixturesCorpus.label),
  ...readSeeds(join(fixturesCorpus.dir, 'services'), 'service', fixturesCorpus.label),
  { name: 'web-app/task-definition.json', kind: 'taskDefinition', value: JSON.parse(readFileSync(join(repoRoot, 'examples/web-app/task-definition.json'), 'utf8')) },
  { name: 'web-app/service.json', kind: 'service', value: JSON.parse(readFileSync(join(repoRoot, 'examples/web-app/service.json'), 'utf8')) },
];
const TASKDEFS = SEEDS.filter((s) => s.kind === 'taskDefinition');
const SERVICES = SEEDS.filter((s) => s.kind === 'service');

// ---------------------------------------------------------------------------------------------
// JSON with what JavaScript values cannot hold: raw number text and repeated member names

/** A number written exactly as given (1e400, -0, 9007199254740993, 1E2). */
class RawNumber {
  constructor(readonly text: string) {}
}
/** Members written again after an object's own (a duplicate key: the parser keeps the last). */
const EXTRA_MEMBERS = new WeakMap<object, [string, unknown][]>();

type Json = unknown;
type Path = (string | number)[];

function clone(v: Json): Json {
  if (v instanceof RawNumber) return v;
  if (Array.isArray(v)) return v.map(clone);
  if (typeof v === 'object' && v !== null) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = clone(x);
    const extra = EXTRA_MEMBERS.get(v);
    if (extra)
      EXTRA_MEMBERS.set(
        o,
        extra.map(([k, x]) => [k, clone(x)]),
      );
    return o;
  }
  return v;
}

interface Style {
  indent: number;
  crlf: boolean;
}

function serialise(v: Json, style: Style): string {
  const out: string[] = [];
  const emit = (x: Json, depth: number): void => {
    // Deep nesting is written flat below 32 levels, or indentation alone would make it quadratic.
    const indent = depth < 32 ? style.indent : 0;
    const nl = indent ? (style.crlf ? '\r\n' : '\n') : '';
    const pad = indent ? ' '.repeat(indent * (depth + 1)) : '';
    const end = indent ? ' '.repeat(indent * depth) : '';
    if (x instanceof RawNumber) out.push(x.text);
    else if (Array.isArray(x)) {
      if (x.length === 0) return void out.push('[]');
      out.push('[', nl);
      x.forEach((el, i) => {
        out.push(pad);
        emit(el, depth + 1);
        out.push(i < x.length - 1 ? ',' : '', nl);
      });
      out.push(end, ']');
    } else if (typeof x === 'object' && x !== null) {
      const members: [string, unknown][] = [...Object.entries(x), ...(EXTRA_MEMBERS.get(x) ?? [])];
      if (members.length === 0) return void out.push('{}');
      out.push('{', nl);
      members.forEach(([k, el], i) => {
        out.push(pad, JSON.stringify(k), style.indent ? ': ' : ':');
        emit(el, depth + 1);
        out.push(i < members.length - 1 ? ',' : '', nl);
      });
      out.push(end, '}');
    } else if (typeof x === 'number' && !Number.isFinite(x)) out.push('null');
    else out.push(JSON.stringify(x) ?? 'null');
  };
  emit(v, 0);
  return out.join('') + (style.indent ? (style.crlf ? '\r\n' : '\n') : '');
}

/** Every path in a value (the root is []), parents before children. */
function paths(v: Json): Path[] {
  const out: Path[] = [];
  const stack: [Json, Path][] = [[v, []]];
  while (stack.length) {
    const [x, p] = stack.pop()!;
    out.push(p);
    if (out.length > 20_000) break;
    if (x instanceof RawNumber) continue;
    if (Array.isArray(x)) x.forEach((el, i) => stack.push([el, [...p, i]]));
    else if (typeof x === 'object' && x !== null) for (const [k, el] of Object.entries(x)) stack.push([el, [...p, k]]);
  }
  return out;
}

function get(v: Json, p: Path): Json {
  let x = v;
  for (const s of p) x = (x as Record<string | number, unknown>)[s];
  return x;
}

/** Sets the value at p (p non-empty); returns the new root for p = []. */
function set(root: Json, p: Path, value: Json): Json {
  if (p.length === 0) return value;
  const parent = get(root, p.slice(0, -1)) as Record<string | number, unknown>;
  parent[p[p.length - 1]!] = value;
  return root;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const HOSTILE_STRINGS: string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\udbff\udfff',
  '\u202eevil\u202c',
  'web\u200f',
  '\u200b',
  '\ufeff',
  'line\u2028break',
  'tab\there',
  'new\nline',
  '\r\n',
  '\u001b[31mred',
  '\u007f',
  'é',
  'e\u0301',
  '名前',
  'app😀',
  'İstanbul',
  '..',
  '.',
  '-',
  '_',
  '../../etc/passwd',
  '/etc/passwd',
  'C:\\Windows\\x',
  '..\\..\\x',
  'a/b',
  '~',
  '%2e%2e%2f',
  '${IMAGE}',
  '<IMAGE>',
  '{{ .Image }}',
  '{{ must_env `X` }}',
  '%{x}',
  '$$',
  '$X',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e400',
  '0x10',
  ' 80 ',
  '80',
  '0',
  '-1',
  '2147483648',
  '9007199254740993',
  'null',
  'true',
  'yes',
  'no',
  'on',
  '~',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'arn:aws:ecs:us-east-1:123456789012:task-definition/x:1',
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf:password::',
  'arn:aws:ssm:us-east-1:123456789012:parameter/a/b',
  'arn:',
  'DAEMON',
  'REPLICA',
  'FARGATE',
  'awsvpc',
  'host',
  'none',
  'CMD-SHELL',
  'A_b'.repeat(85),
  'x'.repeat(63),
  'x'.repeat(64),
  'x'.repeat(253),
  'x'.repeat(256),
  'a'.repeat(300),
  '---\nkind: Secret',
  '&a *a',
  '!!python/object:os.system',
  "'; DROP TABLE x; --",
  '"quoted"',
  'a: b',
  '# comment',
  'key=value',
  'AKIAIOSFODNN7EXAMPLE',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
];

/** Numbers written as JSON text: at and beyond the limits ECS and Kubernetes care about. */
const HOSTILE_NUMBERS: string[] = [
  '0',
  '-0',
  '-1',
  '1',
  '0.5',
  '-0.0',
  '1.5e3',
  '1E2',
  '4',
  '5',
  '120',
  '121',
  '300',
  '301',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740993',
  '1e21',
  '1e308',
  '1e400',
  '-1e400',
  '1e-400',
  '123456789012345678901234567890',
];

const stringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  // Names that ECS accepts (so that validation lets them through to naming and paths).
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/) },
  { weight: 1, arbitrary: fc.constant('A_b-9'.repeat(51)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '.', '/', '\\', '-', '_', ':', '\u0000', '\ud800', '\u202e', ' ', 'A', '0'), maxLength: 40 }) },
  // Huge strings.
  { weight: 1, arbitrary: fc.constantFrom(100_000, 1_000_000).chain((n) => fc.constantFrom('x', 'é', '\u0000', '😀').map((c) => c.repeat(n / c.length))) },
);

const numberArb: fc.Arbitrary<RawNumber | number> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS).map((t) => new RawNumber(t)) },
  { weight: 2, arbitrary: fc.integer({ min: -1000, max: 70_000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
);

const scalarArb: fc.Arbitrary<Json> = fc.oneof(stringArb, numberArb, fc.constantFrom(null, true, false), fc.constantFrom({}, [], [null], { '': '' }, [''], [[]], { __proto__: null }));

// ---------------------------------------------------------------------------------------------
// Structural mutations

type Op =
  | { t: 'set'; at: number; value: Json }
  | { t: 'string'; at: number; value: string }
  | { t: 'number'; at: number; value: RawNumber | number }
  | { t: 'delete'; at: number }
  | { t: 'dupKey'; at: number; value: Json | 'same' }
  | { t: 'rename'; at: number; how: number }
  | { t: 'retype'; at: number }
  | { t: 'nest'; at: number; depth: number; inArray: boolean }
  | { t: 'grow'; at: number; count: number }
  | { t: 'dupElem'; at: number }
  | { t: 'graft'; at: number; from: number; fromAt: number };

const at = fc.nat();
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('string' as const), at, value: stringArb }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('number' as const), at, value: numberArb }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('delete' as const), at }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('dupElem' as const), at }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('graft' as const), at, from: fc.nat(), fromAt: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('set' as const), at, value: scalarArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('retype' as const), at }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dupKey' as const), at, value: fc.oneof(fc.constant('same' as const), scalarArb) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('rename' as const), at, how: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('nest' as const), at, depth: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(200, 254, 255, 256, 257, 300, 1000)), inArray: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('grow' as const), at, count: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 2, max: 20 }) }, { weight: 1, arbitrary: fc.constantFrom(1000, 5000) }) }),
  },
);

/** Mostly strings ECS accepts anywhere a name goes, so that the input still validates. */
const gentleStringArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
);

/** Type-preserving operations only: the input stays close to valid, so conversion runs. */
const gentleOpArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('string' as const), at, value: gentleStringArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('number' as const), at, value: numberArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('delete' as const), at }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('dupElem' as const), at }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('graft' as const), at, from: fc.nat(), fromAt: fc.nat() }) },
);

const isContainer = (x: Json) => typeof x === 'object' && x !== null && !(x instanceof RawNumber);
const pick = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

function applyOp(root: Json, op: Op): Json {
  const all = paths(root);
  const nonRoot = all.filter((p) => p.length > 0);
  const members = nonRoot.filter((p) => typeof p[p.length - 1] === 'string');
  switch (op.t) {
    case 'set': {
      const p = pick(nonRoot, op.at);
      return p ? set(root, p, clone(op.value)) : root;
    }
    case 'string': {
      const p = pick(
        nonRoot.filter((q) => typeof get(root, q) === 'string'),
        op.at,
      );
      return p ? set(root, p, op.value) : root;
    }
    case 'number': {
      const p = pick(
        nonRoot.filter((q) => typeof get(root, q) === 'number' || get(root, q) instanceof RawNumber),
        op.at,
      );
      return p ? set(root, p, op.value) : root;
    }
    case 'delete': {
      const p = pick(nonRoot, op.at);
      if (!p) return root;
      const parent = get(root, p.slice(0, -1));
      const last = p[p.length - 1]!;
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete (parent as Record<string, unknown>)[last as string];
      return root;
    }
    case 'dupKey': {
      const p = pick(members, op.at);
      if (!p) return root;
      const parent = get(root, p.slice(0, -1)) as object;
      const key = p[p.length - 1] as string;
      const extra = EXTRA_MEMBERS.get(parent) ?? [];
      extra.push([key, op.value === 'same' ? clone(get(root, p)) : clone(op.value)]);
      EXTRA_MEMBERS.set(parent, extra);
      return root;
    }
    case 'rename': {
      const p = pick(members, op.at);
      if (!p) return root;
      const parent = get(root, p.slice(0, -1)) as Record<string, unknown>;
      const key = p[p.length - 1] as string;
      const renamed = [
        key.toUpperCase(),
        key[0] ? key[0].toUpperCase() + key.slice(1) : 'x',
        key.slice(0, -1),
        key + 's',
        key + '\u0000',
        key.replace(/a/g, 'а'), // Cyrillic a
        '',
        '__proto__',
      ][op.how]!;
      const value = parent[key];
      delete parent[key];
      Object.defineProperty(parent, renamed, { value, enumerable: true, writable: true, configurable: true });
      return root;
    }
    case 'retype': {
      const p = pick(nonRoot, op.at);
      if (!p) return root;
      const v = get(root, p);
      const next =
        typeof v === 'number'
          ? String(v)
          : v instanceof RawNumber
            ? v.text
            : typeof v === 'string'
              ? /^-?\d+$/.test(v)
                ? new RawNumber(v)
                : [v]
              : typeof v === 'boolean'
                ? String(v)
                : v === null
                  ? {}
                  : Array.isArray(v)
                    ? v.length
                      ? v[0]
                      : {}
                    : [v];
      return set(root, p, next);
    }
    case 'nest': {
      const p = pick(all, op.at)!;
      let v = get(root, p);
      // Built bottom-up without recursion; serialise recurses, so 5000 levels are fine for it.
      for (let i = 0; i < op.depth; i++) v = op.inArray ? [v] : { a: v };
      return set(root, p, v);
    }
    case 'grow': {
      const p = pick(
        nonRoot.filter((q) => Array.isArray(get(root, q)) && (get(root, q) as unknown[]).length > 0),
        op.at,
      );
      if (!p) return root;
      const arr = get(root, p) as unknown[];
      // Huge arrays, but not gigabytes of text: about 2 MB of copies at most.
      const size = serialise(arr, { indent: 0, crlf: false }).length / arr.length;
      const count = Math.min(op.count, Math.max(2, Math.floor(2e6 / size)));
      const grown = Array.from({ length: count }, (_, i) => clone(arr[i % arr.length]));
      return set(root, p, grown);
    }
    case 'dupElem': {
      const p = pick(
        nonRoot.filter((q) => typeof q[q.length - 1] === 'number'),
        op.at,
      );
      if (!p) return root;
      const parent = get(root, p.slice(0, -1)) as unknown[];
      parent.splice(p[p.length - 1] as number, 0, clone(get(root, p)));
      return root;
    }
    case 'graft': {
      const donor = SEEDS[op.from % SEEDS.length]!.value;
      const donorPaths = paths(donor).filter((q) => q.length > 0 && isContainer(get(donor, q)));
      const src = pick(donorPaths, op.fromAt);
      // Graft onto a path that ends in the same member name when there is one, else anywhere.
      if (!src) return root;
      const last = src[src.length - 1];
      const same = nonRoot.filter((q) => q[q.length - 1] === last);
      const p = pick(same.length ? same : nonRoot, op.at);
      return p ? set(root, p, clone(get(donor, src))) : root;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Options as the command line or the project file could give them

const optionsArb: fc.Arbitrary<Partial<Options>> = fc
  .record(
    {
      namespaceOverride: stringArb,
      serviceName: stringArb,
      workload: fc.constantFrom<WorkloadKind>('deployment', 'daemonset', 'job', 'cronjob'),
      schedule: fc.oneof(stringArb, fc.constantFrom('*/5 * * * *', 'rate(5 minutes)', 'cron(0 12 * * ? *)', '@hourly', '61 * * * *')),
      replicas: fc.oneof(fc.nat(10), fc.constantFrom(2147483647, 2147483648, 9007199254740991)),
      // The command line's overrides (--workload, --schedule, --replicas), which win over the inputs.
      // (a CronJob without a schedule, or with a bad one, is already reached through workload/schedule above)
      workloadOverride: fc.constantFrom<WorkloadKind>('deployment', 'daemonset', 'job'),
      scheduleOverride: fc.constantFrom('*/5 * * * *', 'rate(5 minutes)', 'cron(0 12 * * ? *)'),
      replicasOverride: fc.oneof(fc.nat(10), fc.constantFrom(2147483647)),
      images: fc.dictionary(stringArb, stringArb, { maxKeys: 2 }),
      // The project file's schema admits only valid label keys and values.
      labels: fc.dictionary(fc.constantFrom('team', 'example.com/owner', 'A_b.9', 'a'.repeat(63)), fc.stringMatching(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/), { maxKeys: 2 }),
    },
    { requiredKeys: [] },
  )
  .map((o) => ({
    ...o,
    // As the project file's images: (a container no input has is a warning, so that conversion is still reached).
    ...(o.images && { imageOrigins: Object.fromEntries(Object.keys(o.images).map((k) => [k, { via: 'images:', severity: 'warning' as const }])) }),
  }));

function makeOptions(extra: Partial<Options> | undefined): Options {
  return { ...defaultOptions(), ...(extra ?? {}) };
}

// ---------------------------------------------------------------------------------------------
// The invariants every case checks

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SEGMENT = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const stats = { cases: 0, withEntries: 0, errors: 0, byCode: new Map<string, number>() };

function linesOf(text: string): number[] {
  // Line lengths, counting \n, \r\n and a lone \r as line ends (as the compiler does).
  return text.split(/\r\n|\n|\r/).map((l) => l.length);
}

function checkResult(texts: readonly InputText[], r: CompileResult): void {
  stats.cases++;
  const byFile = new Map(texts.map((t) => [t.file, t.text] as const));
  const lineCache = new Map<string, number[]>();
  for (const d of r.diagnostics) {
    stats.byCode.set(d.code, (stats.byCode.get(d.code) ?? 0) + 1);
    if (!(d.code in CODES)) throw new Error(`unknown diagnostic code ${d.code}: ${d.message}`);
    if (d.code === 'invalid-output') throw new Error(`invalid-output (a bug): ${d.message}`);
    if (!['error', 'warning', 'info'].includes(d.severity)) throw new Error(`bad severity ${String(d.severity)}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') throw new Error(`empty message for ${d.code}`);
    if (RAW_CONTROL.test(d.message)) throw new Error(`raw control character in the message of ${d.code}: ${JSON.stringify(d.message.slice(0, 300))}`);
    if (d.message.length > 5000) throw new Error(`a message of ${d.message.length} characters (${d.code}): user values must be shortened`);
    const text = d.file !== undefined ? byFile.get(d.file) : undefined;
    if (text !== undefined) {
      if (d.line === undefined || d.column === undefined) throw new Error(`${d.code} about ${d.file} has no line/column`);
      const lines = lineCache.get(d.file!) ?? lineCache.set(d.file!, linesOf(text)).get(d.file!)!;
      const len = lines[d.line - 1];
      if (!Number.isInteger(d.line) || d.line < 1 || len === undefined) throw new Error(`${d.code}: line ${d.line} outside the text (${lines.length} lines)`);
      if (!Number.isInteger(d.column) || d.column < 1 || d.column > len + 1) throw new Error(`${d.code}: column ${d.column} outside line ${d.line} (${len} characters)`);
    }
  }
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) stats.errors++;
  if (errors.length > 0 && r.entries.length > 0) throw new Error('entries returned together with errors');
  if (errors.length === 0 && r.entries.length === 0) throw new Error('no entries and no error: the input vanished silently');
  if (r.entries.length === 0) return;
  stats.withEntries++;
  for (const e of r.entries) {
    const issues = validateK8sObject(e.object);
    if (issues.length) throw new Error(`output not valid: ${e.object.kind}/${e.object.metadata.name}: ${JSON.stringify(issues)}`);
  }
  const yaml = renderBundle(r.entries, 'yaml');
  const json = renderBundle(r.entries, 'json');
  for (const files of [yaml, json]) {
    for (const p of files.keys()) {
      assertSafePath(p);
      if (!p.split('/').every((s) => SEGMENT.test(s) || s === 'kustomization.yaml')) throw new Error(`unsafe bundle path ${p}`);
    }
  }
  // The YAML reads back as exactly the objects the JSON holds.
  for (const [p, text] of json) {
    if (p.endsWith('kustomization.yaml')) continue;
    const y = yaml.get(p.replace(/\.json$/, '.yaml'));
    if (y === undefined) throw new Error(`${p} has no YAML twin`);
    expect(parseYaml(y, { version: '1.2' })).toEqual(JSON.parse(text));
  }
  renderStream(r.entries, 'yaml');
  renderStream(r.entries, 'json');
}

function run(texts: InputText[], options?: Partial<Options>): CompileResult {
  let r: CompileResult;
  try {
    r = compileTexts(texts, makeOptions(options), { cwd: repoRoot });
  } catch (e) {
    throw new Error(`compile threw: ${(e as Error)?.stack ?? String(e)}`);
  }
  checkResult(texts, r);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Cases

interface Case {
  td: number;
  svc: number | undefined;
  tdOps: Op[];
  svcOps: Op[];
  style: Style;
  options: Partial<Options> | undefined;
}

const styleArb: fc.Arbitrary<Style> = fc.record({ indent: fc.constantFrom(0, 2, 2, 4), crlf: fc.boolean() });

/** A task definition, perhaps with a service paired to it by family, each mutated. */
function caseArb(op: fc.Arbitrary<Op>, maxOps: number): fc.Arbitrary<Case> {
  return fc.record({
    td: fc.nat(TASKDEFS.length - 1),
    svc: fc.option(fc.nat(SERVICES.length - 1), { freq: 2 }).map((x) => x ?? undefined),
    tdOps: fc.array(op, { minLength: 1, maxLength: maxOps }),
    svcOps: fc.array(op, { maxLength: 2 }),
    style: styleArb,
    options: fc.option(optionsArb, { freq: 4 }).map((x) => x ?? undefined),
  });
}

function familyOf(td: Json): string | undefined {
  const o = td as Record<string, unknown>;
  const inner = (o['taskDefinition'] as Record<string, unknown> | undefined) ?? o;
  return typeof inner['family'] === 'string' ? inner['family'] : undefined;
}

type Obj = Record<string, unknown>;

/**
 * Points a service (or each service of a describe response) at the task definition's family, and
 * its load balancers, registries and Service Connect at a port the task definition maps, so that
 * the pair can validate (mutations then break it on purpose, or not).
 */
function pairWith(svc: Json, td: Json): Json {
  const o = svc as Obj;
  const inner = ((td as Obj)['taskDefinition'] as Obj | undefined) ?? (td as Obj);
  const family = familyOf(td);
  const mapped = (Array.isArray(inner['containerDefinitions']) ? (inner['containerDefinitions'] as Obj[]) : [])
    .flatMap((c) => (Array.isArray(c['portMappings']) ? (c['portMappings'] as Obj[]).map((pm) => ({ container: c['name'], pm })) : []))
    .find((x) => typeof x.pm['containerPort'] === 'number');
  const list = Array.isArray(o['services']) ? (o['services'] as Obj[]) : [o];
  for (const s of list) {
    if (typeof s !== 'object' || s === null) continue;
    if (family !== undefined) s['taskDefinition'] = family;
    for (const key of ['loadBalancers', 'serviceRegistries']) {
      const entries = s[key];
      if (!Array.isArray(entries)) continue;
      if (!mapped) delete s[key];
      else for (const e of entries as Obj[]) if ('containerName' in e || key === 'loadBalancers') Object.assign(e, { containerName: mapped.container, containerPort: mapped.pm['containerPort'] });
    }
    const sc = s['serviceConnectConfiguration'] as Obj | undefined;
    if (sc && Array.isArray(sc['services'])) {
      if (typeof mapped?.pm['name'] === 'string') for (const x of sc['services'] as Obj[]) x['portName'] = mapped.pm['name'];
      else delete s['serviceConnectConfiguration'];
    }
  }
  return svc;
}

function materialise(c: Case, poison?: (root: Json) => Json): InputText[] {
  const tdSeed = TASKDEFS[c.td]!;
  let td = clone(tdSeed.value);
  const original = tdSeed.value;
  for (const op of c.tdOps) td = applyOp(td, op);
  if (poison) td = poison(td);
  const texts: InputText[] = [{ file: 'fuzz/task-definition.json', text: serialise(td, c.style) }];
  if (c.svc !== undefined) {
    let svc = pairWith(clone(SERVICES[c.svc]!.value), original);
    for (const op of c.svcOps) svc = applyOp(svc, op);
    texts.push({ file: 'fuzz/service.json', text: serialise(svc, c.style) });
  }
  return texts;
}

/** Mutations that ECS rejects: each must end in at least one error, wherever it lands. */
const POISONS: [string, (td: Record<string, unknown>) => void][] = [
  ['family is a number', (td) => (td['family'] = 123)],
  ['family is null (required)', (td) => (td['family'] = null)],
  ['family is ".."', (td) => (td['family'] = '..')],
  ['family is "a/b"', (td) => (td['family'] = 'a/b')],
  ['family has NUL', (td) => (td['family'] = 'a\u0000b')],
  ['family of 256 characters', (td) => (td['family'] = 'a'.repeat(256))],
  ['containerDefinitions deleted', (td) => delete td['containerDefinitions']],
  ['containerDefinitions is a string', (td) => (td['containerDefinitions'] = 'x')],
  ['containerDefinitions is an object', (td) => (td['containerDefinitions'] = {})],
  ['containerDefinitions is empty', (td) => (td['containerDefinitions'] = [])],
  ['an unknown member', (td) => (td['Family2'] = 'x')],
  ['container name is "../x"', (td) => firstContainer(td, (c) => (c['name'] = '../x'))],
  ['container name is "/abs"', (td) => firstContainer(td, (c) => (c['name'] = '/abs'))],
  ['container name is "a\\\\b"', (td) => firstContainer(td, (c) => (c['name'] = 'a\\b'))],
  ['container essential is "yes"', (td) => firstContainer(td, (c) => (c['essential'] = 'yes'))],
  ['containerPort 65536', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: 65536 }]))],
  ['containerPort -1', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: -1 }]))],
  ['containerPort 2^31', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: new RawNumber('2147483648') }]))],
  ['containerPort 1e400', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: new RawNumber('1e400') }]))],
  ['containerPort "80"', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: '80' }]))],
  ['containerPort 2^53+1', (td) => firstContainer(td, (c) => (c['portMappings'] = [{ containerPort: new RawNumber('9007199254740993') }]))],
  ['health check interval 4', (td) => firstContainer(td, (c) => (c['healthCheck'] = { command: ['CMD', 'true'], interval: 4 }))],
  ['container memory -1', (td) => firstContainer(td, (c) => (c['memory'] = -1))],
  ['container cpu NaN-ish string', (td) => firstContainer(td, (c) => (c['cpu'] = 'NaN'))],
  ['two containers with one name', (td) => firstContainer(td, (c) => (td['containerDefinitions'] as unknown[]).push(clone(c)))],
  ['dependsOn a missing container', (td) => firstContainer(td, (c) => (c['dependsOn'] = [{ containerName: 'no-such-container-x', condition: 'START' }]))],
  ['networkMode "awsvcp"', (td) => (td['networkMode'] = 'awsvcp')],
  ['the root is an array', () => undefined],
];

function firstContainer(td: Record<string, unknown>, f: (c: Record<string, unknown>) => void): void {
  const cs = td['containerDefinitions'];
  const c = Array.isArray(cs) ? cs.find((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof RawNumber)) : undefined;
  if (c) f(c as Record<string, unknown>);
  else td['containerDefinitions'] = 'x'; // nothing to poison: make the list itself wrong
}

function poisoned(index: number): (root: Json) => Json {
  const [name, f] = POISONS[index]!;
  return (root) => {
    if (name === 'the root is an array') return [root];
    if (typeof root !== 'object' || root === null || Array.isArray(root) || root instanceof RawNumber) return root; // already not a document
    const o = root as Record<string, unknown>;
    const inner = typeof o['taskDefinition'] === 'object' && o['taskDefinition'] !== null && !Array.isArray(o['taskDefinition']) ? (o['taskDefinition'] as Record<string, unknown>) : o;
    f(inner);
    return root;
  };
}

// ---------------------------------------------------------------------------------------------
// Text-level mutations

type TextOp =
  | { t: 'truncate'; cls: number; n: number }
  | { t: 'flip'; n: number; byte: number }
  | { t: 'insert'; n: number; what: string }
  | { t: 'delete'; n: number; len: number }
  | { t: 'repeat'; n: number; len: number }
  | { t: 'replaceChar'; n: number; with: string };

const TEMPLATES = [
  '{{ .Image }}',
  '${IMAGE_URI}',
  '<IMAGE>',
  '%{x}',
  '$$',
  '{{ must_env `TAG` }}',
  '"{{ x }}"',
  '${ssm:/a/b}',
  '{{#if x}},{{/if}}',
  '<%= tag %>',
  ',',
  '}',
  ']',
  '"',
  '\\',
  '\\u12',
  'NaN',
  'Infinity',
  '-',
  '01',
  '1e',
  'tru',
  'nul',
  '/* c */',
  '// c\n',
  '\u0000',
  '\ud800',
  '\ufeff',
  '\u2028',
  '\u202e',
  '\u00a0',
  '\r',
];

const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('truncate' as const), cls: fc.nat(9), n: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('flip' as const), n: fc.nat(), byte: fc.nat(255) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('insert' as const), n: fc.nat(), what: fc.constantFrom(...TEMPLATES) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('delete' as const), n: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('repeat' as const), n: fc.nat(), len: fc.integer({ min: 1, max: 80 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('replaceChar' as const),
      n: fc.nat(),
      with: fc.constantFrom('"', "'", ':', ',', '{', '}', '[', ']', ' ', '\t', '\n', '0', '-', 'e', '.', '\\', '\u0000', '\u001f', '\ud800', '\u00e9'),
    }),
  },
);

/**
 * Offsets of each class of position: 0 inside a string, 1 just after a member name, 2 after a
 * colon, 3 after a comma, 4 inside a number, 5 inside a literal (tru|fals|nul), 6 inside an escape,
 * 7 after an opening bracket, 8 before a closing bracket, 9 anywhere.
 */
function positionsOf(text: string, cls: number): number[] {
  const out: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') {
        if (cls === 6) out.push(i + 1, Math.min(i + 3, text.length));
        i++;
        continue;
      }
      if (c === '"') {
        inString = false;
        if (cls === 1 && /^\s*:/.test(text.slice(i + 1, i + 8))) out.push(i + 1);
        continue;
      }
      if (cls === 0) out.push(i);
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ':' && cls === 2) out.push(i + 1);
    else if (c === ',' && cls === 3) out.push(i + 1);
    else if (/[0-9.eE+-]/.test(c) && cls === 4) out.push(i);
    else if (/[tfn]/.test(c) && cls === 5) out.push(i + 1);
    else if ((c === '{' || c === '[') && cls === 7) out.push(i + 1);
    else if ((c === '}' || c === ']') && cls === 8) out.push(i);
    if (cls === 9) out.push(i);
  }
  return out;
}

/** Applies a text operation to bytes; `truncated` says the result is a strict prefix of a JSON object text. */
function applyTextOp(buf: Buffer, op: TextOp): { buf: Buffer; truncated: boolean } {
  const text = buf.toString('utf8');
  const clampB = (n: number) => (buf.length ? n % buf.length : 0);
  switch (op.t) {
    case 'truncate': {
      const end = text.lastIndexOf('}');
      const offsets = positionsOf(text, op.cls).filter((o) => o < end);
      const o = offsets.length ? offsets[op.n % offsets.length]! : Math.max(0, end > 0 ? op.n % end : 0);
      return { buf: Buffer.from(text.slice(0, o), 'utf8'), truncated: end > 0 };
    }
    case 'flip': {
      const b = Buffer.from(buf);
      if (b.length) b[clampB(op.n)] = op.byte;
      return { buf: b, truncated: false };
    }
    case 'insert': {
      const o = text.length ? op.n % (text.length + 1) : 0;
      return { buf: Buffer.from(text.slice(0, o) + op.what + text.slice(o), 'utf8'), truncated: false };
    }
    case 'delete': {
      const o = text.length ? op.n % text.length : 0;
      return { buf: Buffer.from(text.slice(0, o) + text.slice(o + op.len), 'utf8'), truncated: false };
    }
    case 'repeat': {
      const o = text.length ? op.n % text.length : 0;
      return { buf: Buffer.from(text.slice(0, o + op.len) + text.slice(o), 'utf8'), truncated: false };
    }
    case 'replaceChar': {
      const o = text.length ? op.n % text.length : 0;
      return { buf: Buffer.from(text.slice(0, o) + op.with + text.slice(o + 1), 'utf8'), truncated: false };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Properties

const timings: string[] = [];
let producedShare = 0;
afterAll(() => {
  const top = [...stats.byCode]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([c, n]) => `${c}:${n}`)
    .join(' ');
  // One line for the record (docs/reliability.md quotes it).
  console.log(
    `fuzz seed=${SEED} cases=${stats.cases} with-output=${stats.withEntries} (type-preserving: ${(producedShare * 100).toFixed(0)}% converted) with-errors=${stats.errors}; ${timings.join('; ')}; top codes ${top}`,
  );
});

function timed(name: string, f: () => void | Promise<void>): () => Promise<void> {
  return async () => {
    const t0 = performance.now();
    await f();
    timings.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  };
}

describe(`fuzz (seed ${SEED}, ${TOTAL} cases)`, () => {
  it(
    'structural mutations of the corpus: never a throw, diagnostics well-formed, no invalid-output, safe paths',
    timed('structural', () => {
      fc.assert(
        fc.property(caseArb(opArb, 4), (c) => {
          run(materialise(c), c.options);
        }),
        params(share(0.33)),
      );
    }),
    TIMEOUT,
  );

  it(
    'type-preserving mutations: inputs that still validate convert into valid, renderable objects',
    timed('type-preserving', () => {
      let produced = 0;
      fc.assert(
        fc.property(caseArb(gentleOpArb, 3), (c) => {
          if (run(materialise(c), c.options).entries.length > 0) produced++;
        }),
        params(share(0.3)),
      );
      // The point of this property is to reach conversion: most cases must get there.
      producedShare = produced / share(0.3);
      expect(producedShare).toBeGreaterThan(0.2);
    }),
    TIMEOUT,
  );

  it(
    'known-invalid mutations always end in at least one error diagnostic',
    timed('known-invalid', () => {
      fc.assert(
        fc.property(caseArb(gentleOpArb, 2), fc.nat(POISONS.length - 1), (c, p) => {
          const r = run(materialise({ ...c, svc: undefined }, poisoned(p)), c.options);
          if (!r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`no error for "${POISONS[p]![0]}"`);
        }),
        params(share(0.12)),
      );
    }),
    TIMEOUT,
  );

  it(
    'text-level mutations (byte flips through the UTF-8 decoder, truncation, templates): never a throw',
    timed('text', async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(SEEDS.length - 1), styleArb, fc.array(textOpArb, { minLength: 1, maxLength: 3 }), async (s, style, ops) => {
          let buf: Buffer = Buffer.from(serialise(SEEDS[s]!.value, style), 'utf8');
          let truncated = false;
          for (const op of ops) {
            const r = applyTextOp(buf, op);
            buf = r.buf;
            truncated = r.truncated && ops.length === 1;
          }
          // Through standard input, so that the bytes meet the same decoder as a file's.
          let r: CompileResult;
          try {
            r = await compile(['-'], defaultOptions(), { cwd: repoRoot, stdin: Readable.from([buf]) });
          } catch (e) {
            throw new Error(`compile threw: ${(e as Error)?.stack ?? String(e)}`);
          }
          // When the bytes decoded, positions must lie inside the decoded text.
          const text = (() => {
            try {
              return new TextDecoder('utf-8', { fatal: true }).decode(buf);
            } catch {
              return undefined;
            }
          })();
          checkResult(text === undefined ? [] : [{ file: '-', text }], r);
          if (truncated && !r.diagnostics.some((d) => d.severity === 'error')) throw new Error('a truncated document was accepted');
        }),
        params(share(0.2)),
      );
    }),
    TIMEOUT,
  );

  it(
    'texts in memory with characters no file can hold (lone surrogates, raw controls): never a throw',
    timed('raw-text', () => {
      fc.assert(
        fc.property(
          fc.nat(SEEDS.length - 1),
          fc.array(fc.record({ n: fc.nat(), what: fc.constantFrom('\ud800', '\udfff', '\u0000', '\u0085', '\u2029', '\ufffe', '\uffff', '\u202e') }), { minLength: 1, maxLength: 4 }),
          (s, inserts) => {
            let text = serialise(SEEDS[s]!.value, { indent: 2, crlf: false });
            for (const { n, what } of inserts) {
              const o = n % (text.length + 1);
              text = text.slice(0, o) + what + text.slice(o);
            }
            run([{ file: 'fuzz/raw.json', text }]);
          },
        ),
        params(share(0.05)),
      );
    }),
    TIMEOUT,
  );

  it(`ran every case it was asked for (${TOTAL}, rounding aside)`, () => {
    expect(stats.cases).toBeGreaterThanOrEqual(TOTAL - 5);
  });
});
