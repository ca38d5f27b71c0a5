/**
 * The fast YAML path (src/bundle/serialize.ts fastYaml) must write exactly what the `yaml`
 * library writes, or decline. Checked on every object the compiler makes from the corpus and the
 * example, and on generated objects whose strings are made to be awkward.
 */
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { AMBIGUOUS, isAmbiguousScalar, normaliseObject, fastYaml, toYaml, yamlWithLibrary } from '../src/bundle/serialize.js';
import { compile } from '../src/compile.js';
import { defaultOptions } from '../src/options.js';
import { corpusRoots } from './helpers/corpus.js';

describe('the fast YAML path', () => {
  it('writes the same bytes as the yaml library for every object built from the corpus and the example', async () => {
    const inputs = [...corpusRoots.flatMap((r) => readdirSync(join(r.dir, 'taskdefs')).map((f) => join(r.dir, 'taskdefs', f))), 'examples/web-app'];
    let fast = 0;
    let total = 0;
    for (const input of inputs) {
      const r = await compile([input], defaultOptions(), { cwd: process.cwd() });
      for (const { object } of r.entries) {
        total++;
        const f = fastYaml(normaliseObject(object as Record<string, unknown>, true));
        if (f !== undefined) {
          fast++;
          expect(f, `${object.kind} ${object.metadata.name}`).toBe(yamlWithLibrary(object));
        }
        expect(toYaml(object)).toBe(yamlWithLibrary(object));
      }
    }
    // Most real objects take the fast path; the rest (multi-line scripts, JSON in annotations) fall back.
    expect(fast / total).toBeGreaterThan(0.5);
  });

  it('either declines or matches the yaml library on generated objects with awkward strings', () => {
    const char = fc.constantFrom(...'aZ09 -_./:#@`\'"\\,[]{}&*!|>%?=~<+()$^;\t\né'.split(''));
    const str = fc.oneof(
      fc.string({ unit: char, maxLength: 8 }),
      fc.constantFrom(
        '',
        '-',
        '- x',
        '--to',
        'yes',
        'No',
        'on',
        '0755',
        '1e3',
        '0x1F',
        '12:30',
        'null',
        '~',
        'true',
        '.inf',
        '<<',
        '=',
        'a: b',
        'a #b',
        'tail:',
        ' lead',
        'trail ',
        'arn:aws:iam::1:role/x',
        '8080',
        '2026-01-01',
        '1_000',
        '+1',
        '.5',
      ),
    );
    const key = fc.oneof(str, fc.constantFrom('name', 'app.kubernetes.io/name', 'ecs2k8s.io/tags'));
    const leaf = fc.oneof(str, fc.integer(), fc.double(), fc.boolean(), fc.constant(-0));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), (o) => {
        const f = fastYaml(normaliseObject(o as Record<string, unknown>, true));
        if (f !== undefined && f !== '') expect(f).toBe(yamlWithLibrary(o));
        expect(toYaml(o)).toBe(yamlWithLibrary(o));
      }),
      { seed: 20261122, numRuns: 3000 },
    );
  });

  it('quotes one-line strings as the yaml library does (single quotes around a double quote, JSON escapes otherwise)', () => {
    const char = fc.constantFrom(...'aZ09 -_./:#@`\'"\\,[]{}&*!|>%?=~<+()$^;'.split(''));
    let fast = 0;
    fc.assert(
      fc.property(fc.string({ unit: char, maxLength: 10 }), fc.string({ unit: char, maxLength: 10 }), (a, b) => {
        const o = { metadata: { annotations: { 'ecs2k8s.io/tags': a } }, spec: { args: [a, b, `{"k":"${b}"}`] } };
        const f = fastYaml(normaliseObject(o, true));
        if (f !== undefined) {
          fast++;
          expect(f).toBe(yamlWithLibrary(o));
        }
      }),
      { seed: 20261203, numRuns: 3000 },
    );
    // The rest hold a string `yaml` writes plain that the fast path does not (e.g. "a#b", "=x"): declined.
    expect(fast).toBeGreaterThan(1500);
  });

  it('quotes the YAML 1.1 words that some reader takes for a bool or null, and only those among words', () => {
    // go-yaml v2 (YAML 1.1) reads these as bool or null; the yaml library's 1.1 schema agrees.
    for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'null', 'Null', 'NULL']) {
      expect(isAmbiguousScalar(w), w).toBe(true);
      expect(toYaml({ v: w })).toBe(`v: "${w}"\n`);
    }
    for (const w of ['yES', 'nO', 'oN', 'Nope', 'onion', 'Off1', 'nullable', 'TRUEish', 'x', 'Z9']) {
      expect(isAmbiguousScalar(w), w).toBe(false);
      expect(toYaml({ v: w })).toBe(`v: ${w}\n`);
    }
    for (const w of ['~', '0755', '1e3', '.inf', '.NaN', '<<', '=', '12:30', '2026-01-01', '+1']) expect(isAmbiguousScalar(w), w).toBe(true);
  });

  it('calls a string ambiguous exactly when one of the YAML forms reads it as something else, however long', () => {
    const reference = (s: string) => s === '' || AMBIGUOUS.some((re) => re.test(s));
    // The characters of the numeric, timestamp and merge forms, and some that none of them holds.
    const chars = [...'0123456789_+-.:abcdefABCDEFoOxXiInNtTZ \t~<=', ...'mMgGKiyY/%!'];
    const first = [...'-+.0123456789~<=', 'a', 'N', 'y'];
    const scalar = fc.tuple(fc.constantFrom(...first), fc.array(fc.constantFrom(...chars), { maxLength: 90 })).map(([c, rest]) => c + rest.join(''));
    const shaped = fc.constantFrom(
      '0x1F',
      '0o17',
      '0b101',
      '1_000',
      '1.5e3',
      '-.inf',
      '.NaN',
      '12:30:45',
      '2026-01-01T10:00:00Z',
      '2026-1-1 1:00:00 +01:00',
      '512Mi',
      '250m',
      '1.0.3',
      '0.25',
      '1'.repeat(70),
      '9'.repeat(65) + '.5',
    );
    fc.assert(
      fc.property(fc.oneof(scalar, shaped), (s) => isAmbiguousScalar(s) === reference(s)),
      { seed: 20261204, numRuns: 20000 },
    );
    // Long digit strings are numbers to a YAML reader: written quoted, they stay strings.
    for (const v of ['1'.repeat(70), `0.${'5'.repeat(70)}`]) {
      expect(toYaml({ v })).toBe(`v: "${v}"\n`);
      expect(parse(toYaml({ v })).v, v).toBe(v);
    }
  });
});
