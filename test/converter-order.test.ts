/**
 * The converter order (src/convert/pipeline.ts): every step comes after the steps it declares it
 * reads, and each declared dependency is real: moving the step to just before the one it reads
 * changes what the golden fixtures convert to (objects or diagnostics, compared regardless of key
 * order) for at least one of them.
 * And the list is the one the compiler runs: converting with it gives what compileTexts emits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTexts } from '../src/compile.js';
import { pairDocuments } from '../src/convert/pairing.js';
import { FlagUse } from '../src/convert/overrides.js';
import { CONVERTER_STEPS, convertPair, type ConverterStep, type PairEnv } from '../src/convert/pipeline.js';
import { pairScaling } from '../src/convert/scaling-pair.js';
import { Diagnostics, sortDiagnostics } from '../src/diagnostics.js';
import type { InputText } from '../src/load/inputs.js';
import { str } from '../src/model/values.js';
import { defaultOptions, type Options } from '../src/options.js';
import { loadInputs } from '../src/validate/index.js';
import { repoRoot } from './helpers/cli.js';
import { listCases } from './helpers/golden.js';

const cases = listCases(join(repoRoot, 'fixtures', 'golden')).filter((c) => c.todo === undefined && c.exitCode === 0);
const inputs: InputText[][] = cases.map((c) => c.inputs.map((f) => ({ file: join(c.dir, f), text: readFileSync(join(c.dir, f), 'utf8') })));

/** JSON with every object's keys sorted: a difference is one of content, not of key order. */
const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, x]) => [k, canonical(x)]),
        )
      : v;

/**
 * Every workload of one case converted with `steps`: objects and (sorted) diagnostics, the
 * flags' report included. `--image` names a container no case has: its error lists the
 * containers seen.
 */
function convertCase(
  texts: InputText[],
  steps: readonly ConverterStep[],
  options: Options = { ...defaultOptions(), images: { 'no-such-container': 'example.com/x:1' } },
): { objects: unknown[]; diagnostics: unknown[] } {
  const d = new Diagnostics();
  const documents = loadInputs(texts, d, { imageOverrides: new Set(), serviceNameGiven: false }, { options: {}, cwd: repoRoot, used: new Set() });
  const env: PairEnv = {
    options,
    d,
    source: (f) => f,
    flags: new FlagUse(options),
    scaling: pairScaling(
      documents,
      documents.filter((x) => x.kind === 'service'),
      d,
    ),
    alarms: new Map(documents.filter((x) => x.kind === 'metricAlarm').map((x) => [str(x.value['AlarmName']) ?? '', x] as const)),
  };
  const objects = pairDocuments(documents, d).map((pair) => {
    try {
      return convertPair(pair, env, steps).objects;
    } catch (e) {
      return `threw: ${String(e)}`; // a step run before what it reads may find nothing there
    }
  });
  env.flags.report(d);
  return { objects, diagnostics: sortDiagnostics(d.items) };
}

describe('the converter order (src/convert/pipeline.ts)', () => {
  const names = CONVERTER_STEPS.map((s) => s.name);

  it('names each step once; containers run first and the workload is assembled last', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('containers');
    expect(names.at(-1)).toBe('workload');
  });

  it('runs every step after the steps it reads', () => {
    const late = CONVERTER_STEPS.flatMap((s, i) =>
      Object.keys(s.reads)
        .filter((r) => !names.slice(0, i).includes(r))
        .map((r) => `${s.name} reads ${r}, which does not run before it`),
    );
    expect(late).toEqual([]);
  });

  it('declares only real dependencies: moving a step before one it reads changes some golden case', { timeout: 120_000 }, () => {
    expect(cases.length).toBeGreaterThan(30);
    const run = (t: InputText[], steps: readonly ConverterStep[]) => JSON.stringify(canonical(convertCase(t, steps)));
    const normal = inputs.map((t) => run(t, CONVERTER_STEPS));
    const unseen: string[] = [];
    for (const [i, step] of CONVERTER_STEPS.entries()) {
      for (const dep of Object.keys(step.reads)) {
        const at = names.indexOf(dep);
        const moved = [...CONVERTER_STEPS.slice(0, at), step, ...CONVERTER_STEPS.slice(at, i), ...CONVERTER_STEPS.slice(i + 1)];
        if (!inputs.some((t, k) => run(t, moved) !== normal[k])) unseen.push(`${step.name} before ${dep}`);
      }
    }
    expect(unseen, 'these moves change no golden case: the dependency is not real, or no case shows it').toEqual([]);
  });

  it('is the list the compiler runs: converting with it gives the objects compileTexts emits', () => {
    for (const texts of inputs) {
      const r = compileTexts(texts, defaultOptions(), { cwd: repoRoot, source: (f) => f });
      const emitted = r.entries.map((e) => e.object).filter((o) => o.kind !== 'Namespace');
      const converted = convertCase(texts, CONVERTER_STEPS, defaultOptions()).objects.flat();
      expect(JSON.stringify(converted)).toBe(JSON.stringify(emitted));
    }
  });
});
