/**
 * Fuzzing the CloudFormation and CDK readers in-process (SPEC §9 "No input makes it crash", for
 * the templates of SPEC §12). Seeds: the templates of fixtures/five-sources and
 * fixtures/iac-corpus. Mutations, from a FIXED seed so that every run is the same run:
 * - text level (YAML and JSON): truncation, deleted and repeated spans, inserted fragments that
 *   templates are made of (short tags `!Ref` `!GetAtt` `!Sub` `!If`, `${…}`, anchors and
 *   aliases, `{{resolve:…}}`, brackets, colons, tabs, lone surrogates);
 * - structural (JSON templates): a node replaced by an intrinsic with a malformed or hostile
 *   argument (unknown names, wrong arity, self-referring conditions, deep nesting, huge lists),
 *   or by a value of another type.
 * Invariants: compile never throws; every diagnostic has a known code and, when about an input,
 * a line and column inside it; errors mean no entries; the bundle that is built passes the
 * output validation. Through the CLI, bad templates exit 2 without a stack trace.
 * ECS2K8S_FUZZ_RUNS scales the runs (300 by default), ECS2K8S_FUZZ_SEED replays another seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/codes.js';
import { compileTexts, type CompileResult } from '../src/compile.js';
import type { InputText } from '../src/load/inputs.js';
import { validateK8sObject } from '../src/k8s/validate/index.js';
import { defaultOptions } from '../src/options.js';
import { expectCleanRejection, repoRoot, runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const SEED = Number(process.env['ECS2K8S_FUZZ_SEED'] ?? 20_261_202);
const TOTAL = Number(process.env['ECS2K8S_FUZZ_RUNS'] ?? 300);
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

const corpus = join(repoRoot, 'fixtures', 'iac-corpus');
const SEEDS: { file: string; text: string }[] = [
  join(repoRoot, 'fixtures/five-sources/web-alb-scaling/cloudformation/web.yaml'),
  join(repoRoot, 'fixtures/five-sources/web-alb-scaling/cdk/cdk.out/WebStack.template.json'),
  ...['cloudformation', 'cdk'].flatMap((f) =>
    readdirSync(join(corpus, f))
      .sort()
      .map((n) => join(corpus, f, n)),
  ),
].map((file) => ({ file: file.slice(repoRoot.length + 1), text: readFileSync(file, 'utf8') }));
const JSON_SEEDS = SEEDS.filter((s) => s.file.endsWith('.json'));

const FRAGMENTS = [
  '!Ref ',
  '!GetAtt ',
  '!Sub ',
  '!If [',
  '!Join [',
  '!Select [9, ',
  '!FindInMap [',
  '!ImportValue ',
  '!Condition ',
  '!Equals [',
  '!Not [',
  '${',
  '${AWS::Region}',
  '${Nope.Arn}',
  '${!x}',
  '&a ',
  '*a',
  '*nope',
  '{{resolve:ssm:/x}}',
  '[',
  ']',
  '{',
  '}',
  ': ',
  '- ',
  '\t',
  '"',
  "'",
  '\n',
  '\n  ',
  '#',
  '\ud800',
  '\u202e',
  'Fn::If',
  'AWS::NoValue',
  '---\n',
  '? ',
  '!!binary ',
  '<<: *a\n',
];

/** A text mutation: truncate, delete a span, repeat a span, or insert a fragment, at `at` (0..1). */
const textMutation = fc.tuple(fc.constantFrom('truncate', 'delete', 'repeat', 'insert'), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 200 }), fc.constantFrom(...FRAGMENTS));

function mutateText(text: string, [op, where, len, frag]: [string, number, number, string]): string {
  const at = Math.floor(where * text.length);
  switch (op) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + len);
    case 'repeat':
      return text.slice(0, at + len) + text.slice(at, at + len) + text.slice(at + len);
    default:
      return text.slice(0, at) + frag + text.slice(at);
  }
}

const deep = (n: number): unknown => (n === 0 ? { Ref: 'AWS::Region' } : { 'Fn::Join': ['', [deep(n - 1)]] });
const HOSTILE: unknown[] = [
  { Ref: 'Nope' },
  { Ref: 42 },
  { Ref: ['a'] },
  { 'Fn::GetAtt': 'NoDot' },
  { 'Fn::GetAtt': ['Nope', 'Arn'] },
  { 'Fn::GetAtt': [1, 2, 3] },
  { 'Fn::Sub': ['${x}', 'notamap'] },
  { 'Fn::Sub': 7 },
  { 'Fn::Sub': '${' },
  { 'Fn::Join': [',', 'notalist'] },
  { 'Fn::Join': [[], []] },
  { 'Fn::If': ['Nope', 1, 2] },
  { 'Fn::If': 'x' },
  { 'Fn::Select': [99, ['a']] },
  { 'Fn::Select': ['-1', ['a']] },
  { 'Fn::Split': ['', 'abc'] },
  { 'Fn::FindInMap': ['A', 'B'] },
  { 'Fn::FindInMap': ['A', 'B', 'C', { DefaultValue: 'd' }] },
  { 'Fn::Base64': { Ref: 'AWS::NoValue' } },
  { 'Fn::Equals': [1] },
  { 'Fn::And': [] },
  { 'Fn::Not': [1, 2] },
  { 'Fn::Cidr': ['10.0.0.0/16', 1, 8] },
  { 'Fn::Length': 'x' },
  { 'Fn::ToJsonString': { a: [1] } },
  { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-x' } },
  { 'Fn::Transform': {} },
  { Condition: 'Self' },
  { Ref: 'AWS::NoValue' },
  deep(150),
  Array.from({ length: 5000 }, (_, i) => i),
  '{{resolve:secretsmanager:x}}',
  null,
  true,
  -0,
  1e308,
  '',
  'x'.repeat(20_000),
  {},
  [],
];

type Json = unknown;
/** Every path to a node of a JSON value, up to `limit`. */
function paths(v: Json, limit = 4000): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (x: Json, p: (string | number)[]) => {
    if (out.length >= limit) return;
    out.push(p);
    if (Array.isArray(x)) x.forEach((e, i) => walk(e, [...p, i]));
    else if (x !== null && typeof x === 'object') for (const [k, e] of Object.entries(x)) walk(e, [...p, k]);
  };
  walk(v, []);
  return out;
}

function replaceAt(v: Json, path: (string | number)[], by: Json): Json {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((e, i) => (i === head ? replaceAt(e, rest, by) : e));
  const o = { ...(v as Record<string, unknown>) };
  o[head as string] = replaceAt(o[head as string], rest, by);
  return o;
}

// eslint-disable-next-line no-control-regex -- control characters are what it matches
const RAW_CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function check(texts: readonly InputText[], r: CompileResult): void {
  const byFile = new Map(texts.map((t) => [t.file, t.text.split(/\r\n|\r|\n/)] as const));
  for (const d of r.diagnostics) {
    if (!(d.code in CODES)) throw new Error(`unknown diagnostic code ${d.code}`);
    if (d.code === 'invalid-output') throw new Error(`invalid-output (a bug): ${d.message}`);
    if (RAW_CONTROL.test(d.message)) throw new Error(`raw control character in the message of ${d.code}: ${JSON.stringify(d.message.slice(0, 200))}`);
    if (d.message.length > 5000) throw new Error(`a message of ${d.message.length} characters (${d.code})`);
    const lines = d.file !== undefined ? byFile.get(d.file) : undefined;
    if (!lines) continue;
    if (d.line === undefined || d.column === undefined) throw new Error(`${d.code} about ${d.file} has no line/column: ${d.message}`);
    const len = lines[d.line - 1]?.length;
    if (len === undefined) throw new Error(`${d.code}: line ${d.line} outside the text (${lines.length} lines)`);
    if (d.column < 1 || d.column > len + 1) throw new Error(`${d.code}: column ${d.column} outside line ${d.line} (${len} characters)`);
  }
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 && r.entries.length > 0) throw new Error('entries returned together with errors');
  if (errors.length === 0 && r.entries.length === 0 && !r.diagnostics.some((d) => d.code === 'empty-document')) throw new Error('no entries, no error and no word: the template vanished silently');
  for (const e of r.entries) {
    const issues = validateK8sObject(e.object);
    if (issues.length) throw new Error(`output not valid: ${e.object.kind}/${e.object.metadata.name}: ${JSON.stringify(issues)}`);
  }
}

function run(file: string, text: string): void {
  const texts = [{ file, text }];
  const options = { ...defaultOptions(), read: { region: 'us-east-1', account: '123456789012' } };
  let r: CompileResult;
  try {
    r = compileTexts(texts, options, { cwd: repoRoot });
  } catch (e) {
    throw new Error(`compile threw on a mutated ${file}: ${(e as Error).stack ?? String(e)}\n--- input ---\n${text.slice(0, 3000)}`);
  }
  check(texts, r);
}

describe('fuzzing the CloudFormation and CDK readers', () => {
  it('the seeds build', () => {
    for (const s of SEEDS) run(s.file, s.text);
  });

  it('text mutations of every seed: never a throw, only located diagnostics', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SEEDS), fc.array(textMutation, { minLength: 1, maxLength: 4 }), (s, ms) => run(s.file, ms.reduce(mutateText, s.text))),
      params(Math.round(TOTAL * 0.6)),
    );
  }, 120_000);

  it('structural mutations of JSON templates: hostile intrinsics and values anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...JSON_SEEDS), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...HOSTILE), (s, where, by) => {
        const value = JSON.parse(s.text) as Json;
        const ps = paths(value);
        const mutated = replaceAt(value, ps[Math.floor(where * ps.length)] ?? [], by);
        run(s.file, JSON.stringify(mutated, null, 1));
      }),
      params(Math.round(TOTAL * 0.4)),
    );
  }, 120_000);

  it('an alias bomb and a self-referring condition are errors, not a hang', () => {
    const bomb = `Resources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: x\n      A: &a [1,1,1,1,1,1,1,1,1,1]\n${Array.from(
      { length: 8 },
      (_, i) =>
        `      B${i}: &b${i} [${Array(10)
          .fill(i === 0 ? '*a' : `*b${i - 1}`)
          .join(',')}]`,
    ).join('\n')}\n`;
    const r = compileTexts([{ file: 'bomb.yaml', text: bomb }], defaultOptions(), { cwd: repoRoot });
    expect(r.diagnostics.find((d) => d.severity === 'error')).toMatchObject({ code: 'cfn-syntax', file: 'bomb.yaml' });
    const self =
      'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  T:\n    Type: AWS::ECS::TaskDefinition\n    Condition: A\n    Properties: { Family: x, ContainerDefinitions: [{ Name: a, Image: nginx, Memory: 64 }] }\n';
    const s = compileTexts([{ file: 'self.yaml', text: self }], defaultOptions(), { cwd: repoRoot });
    expect(s.diagnostics.filter((d) => d.code === 'cfn-invalid').map((d) => d.message)).toContain('the condition "A" depends on itself');
  });

  it('through the CLI: broken templates exit 2 with a located error and no stack trace', async () => {
    const tmp = makeTempDir('ecs2k8s-fuzz-cfn-');
    try {
      const yaml = SEEDS[0]!.text;
      for (const [name, text] of [
        ['truncated.yaml', yaml.slice(0, yaml.indexOf('ContainerDefinitions:') + 40) + '\n    - [unclosed'],
        ['badref.yaml', yaml.replace('!Ref TaskDefinition', '!Ref TaskDefinitoin')],
        ['badtag.json', SEEDS[1]!.text.replace('"Fn::Join"', '"Fn::Jion"')],
      ] as const) {
        const r = await runBin(['build', tmp.write(name, text), '--stdout']);
        expectCleanRejection(r);
        expect(r.stderr).toMatch(new RegExp(`${name}:\\d+:\\d+: error `));
      }
    } finally {
      tmp.remove();
    }
  }, 60_000);
});
