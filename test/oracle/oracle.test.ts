/**
 * The behavioural equivalence oracle (SPEC §10) over every golden case, the example and every
 * corpus task definition and service: what ECS would do (./ecs/, from the ECS documentation) is
 * compared with what the emitted bundle does (./k8s/, from the Kubernetes documentation), and the
 * differences, explained by a warning or not, must be exactly those of known-differences.json.
 * See README.md in this folder.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/files.js';
import { corpusCases, corpusRoots, exampleCase, goldenCases, type OracleCase } from './cases.js';
import type { Classified } from './compare.js';
import { BULLETS, FACTS, ruleOf } from './facts.js';
import { keyOf, readKnown, toKnown, writeKnown, type KnownDifference } from './known.js';
import { runCase } from './run-case.js';

const KNOWN = join(repoRoot, 'test', 'oracle', 'known-differences.json');
const UPDATE = process.env['UPDATE_ORACLE'] === '1';
const tmp = makeTempDir('ecs2k8s-oracle-');
afterAll(() => tmp.remove());

describe('the oracle reads the documentation, not the converter', () => {
  it('no module of the two behaviour functions or the comparison imports from src/', () => {
    const dir = join(repoRoot, 'test', 'oracle');
    const files = ['', 'ecs', 'k8s'].flatMap((sub) =>
      readdirSync(join(dir, sub))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'run-case.ts')
        .map((f) => join(dir, sub, f)),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/^\s*(?:import|export)\b[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      expect(
        imports.filter((i) => i.includes('/src/') || i.startsWith('../../src') || i.includes('helpers/')),
        f,
      ).toEqual([]);
    }
  });
});

describe('test/oracle/README.md', () => {
  it('lists every fact the oracle compares', () => {
    const readme = readFileSync(join(repoRoot, 'test', 'oracle', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## The facts'), readme.indexOf('## Decisions'));
    const listed = new Set([...table.matchAll(/`([a-z][a-zA-Z.:]*)`/g)].map((m) => m[1]!));
    expect(Object.keys(FACTS).filter((f) => !listed.has(f))).toEqual([]);
    expect([...listed].filter((f) => !(f in FACTS))).toEqual([]);
  });
});

const roots = corpusRoots(repoRoot);
if (roots.length === 0) console.warn('oracle.test.ts: no corpus (fixtures/corpus or ../shared/corpus): the corpus cases are skipped');
const cases: OracleCase[] = [...goldenCases(repoRoot), exampleCase(repoRoot), ...corpusCases(roots, tmp.dir)];
const found = new Map<string, Classified[]>();

describe('each case builds, and both sides describe its workloads', () => {
  it('has golden cases and the example', () => expect(cases.filter((c) => !c.id.startsWith('corpus/')).length).toBeGreaterThan(20));
  cases.forEach((c, i) => {
    it(c.id, async () => {
      const r = await runCase(c, join(tmp.dir, `case-${i}`));
      expect(r.code, r.stderr).toBe(0);
      expect(r.ecs.workloads.length).toBeGreaterThan(0);
      expect(r.k8s.workloads.length).toBeGreaterThan(0);
      for (const d of r.differences) expect(ruleOf(d.fact), d.fact).toBeDefined();
      found.set(c.id, r.differences);
    });
  });
});

describe('known-differences.json', () => {
  it('lists exactly the differences the oracle finds (each with its issue-14 bullet)', () => {
    expect(found.size, 'every case ran').toBe(cases.length);
    const actual: KnownDifference[] = [...found].flatMap(([id, ds]) => ds.map((d) => toKnown(id, d)).filter((k): k is KnownDifference => k !== undefined));
    const ran = new Set(found.keys());
    if (process.env['ORACLE_REPORT'])
      writeFileSync(
        process.env['ORACLE_REPORT'],
        JSON.stringify(
          [...found].map(([id, differences]) => ({ id, differences })),
          null,
          1,
        ),
      );
    if (UPDATE) writeKnown(KNOWN, actual, ran);
    const known = readKnown(KNOWN);
    for (const k of known) expect(BULLETS, keyOf(k)).toContain(k.bullet);
    const expected = new Set(known.filter((k) => ran.has(k.case)).map(keyOf));
    const got = new Set(actual.map(keyOf));
    const added = [...got].filter((k) => !expected.has(k)).sort();
    const gone = [...expected].filter((k) => !got.has(k)).sort();
    expect({ added, gone }, 'added: new differences (a defect, or a warning to write); gone: fixed or changed — shrink the list with UPDATE_ORACLE=1 and read the diff').toEqual({
      added: [],
      gone: [],
    });
    if (roots.length > 0) {
      const ids = new Set(cases.map((c) => c.id));
      // A corpus case whose file no corpus present holds (the wider corpus is not beside a fresh clone) cannot be judged here.
      const judged = (k: KnownDifference) => !k.case.startsWith('corpus/') || roots.some((r) => existsSync(join(r, k.case.slice('corpus/'.length).split('#')[0]!)));
      expect(known.filter((k) => judged(k) && !ids.has(k.case)).map(keyOf), 'entries of cases that no longer exist').toEqual([]);
    }
  });
});
