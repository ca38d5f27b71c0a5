/**
 * The fixtures' layout (issue 13): fixtures/<family>/<case>/, every family and every case with a
 * README.md (what the case is, what was checked by hand), and every case that compares with
 * expected output holding at least one expected entry (`expected/`, `expected.*`, `expected-*`).
 *
 * The rules are in `layoutViolations`, so that the test can also show they catch a violation.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

/** Corpora (SOURCES.tsv, LICENSES, NOTICE): collections of third-party files, not cases. */
const CORPORA = new Set(['corpus', 'iac-corpus']);
/** Families that are one case: the family folder holds the inputs (in subfolders) and the expected files. */
const ONE_CASE = new Set(['migration-report']);
/** Families whose cases have no expected entry, and why. */
const NO_EXPECTED = new Map([
  ['build', 'inputs only: the build tests assert in code'],
  ['import', 'prod/ is itself what test/import.test.ts compares the import with'],
]);

const dirs = (dir: string) =>
  readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();

const isExpected = (name: string) => name === 'expected' || name.startsWith('expected.') || name.startsWith('expected-');

/** Every way the fixtures folder `root` breaks the layout, one line each (empty: none). */
function layoutViolations(root: string): string[] {
  const problems: string[] = [];
  for (const family of dirs(root)) {
    if (CORPORA.has(family)) continue;
    const familyDir = join(root, family);
    if (!existsSync(join(familyDir, 'README.md'))) problems.push(`${family}/: the family has no README.md`);
    const cases = ONE_CASE.has(family) ? [''] : dirs(familyDir);
    for (const name of cases) {
      const caseDir = join(familyDir, name);
      const label = name ? `${family}/${name}/` : `${family}/ (a one-case family)`;
      const entries = readdirSync(caseDir);
      // A one-case family's README.md is the case's, checked above.
      if (name && !entries.includes('README.md')) problems.push(`${label}: the case has no README.md`);
      // A golden case waiting for a bug fix (todo.txt) has no expected files yet (fixtures/golden/README.md).
      if (!NO_EXPECTED.has(family) && !entries.includes('todo.txt') && !entries.some(isExpected)) {
        problems.push(`${label}: no expected entry (expected/, expected.*, expected-*)`);
      }
    }
  }
  return problems;
}

describe('fixtures layout: fixtures/<family>/<case>/ with inputs, expected and a README.md', () => {
  it('every family except the corpora, and every case, has a README.md; every golden-style case an expected entry', () => {
    expect(layoutViolations(join(repoRoot, 'fixtures'))).toEqual([]);
  });

  it('the families are the ones this test knows how to read', () => {
    const families = dirs(join(repoRoot, 'fixtures'));
    for (const known of [...CORPORA, ...ONE_CASE, ...NO_EXPECTED.keys()]) expect(families, known).toContain(known);
  });

  it('reports a family or a case without README.md, and a case without expected entry', () => {
    const tmp = makeTempDir('ecs2k8s-layout-');
    try {
      const root = tmp.path('fixtures');
      const write = (path: string, text = '') => {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), text);
      };
      write('corpus/SOURCES.tsv'); // a corpus: no README.md needed
      write('golden/README.md');
      write('golden/ok/README.md');
      write('golden/ok/expected/kustomization.yaml');
      write('golden/no-readme/expected-diagnostics.txt');
      write('golden/no-expected/README.md');
      write('golden/no-expected/input.json', '{}');
      write('golden/waiting/README.md');
      write('golden/waiting/todo.txt');
      write('regressions/one/README.md'); // the family has no README.md
      write('regressions/one/expected.yaml');
      write('build/README.md');
      write('build/inputs/README.md'); // no expected entry needed here
      write('migration-report/ecs/service.json'); // a one-case family: the family folder is the case
      write('migration-report/expected.md');
      expect(layoutViolations(root)).toEqual([
        'golden/no-expected/: no expected entry (expected/, expected.*, expected-*)',
        'golden/no-readme/: the case has no README.md',
        'migration-report/: the family has no README.md',
        'regressions/: the family has no README.md',
      ]);
      rmSync(join(root, 'golden', 'no-readme'), { recursive: true });
      rmSync(join(root, 'golden', 'no-expected'), { recursive: true });
      write('migration-report/README.md');
      write('regressions/README.md');
      expect(layoutViolations(root)).toEqual([]);
    } finally {
      tmp.remove();
    }
  });
});
