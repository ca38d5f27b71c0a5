/**
 * Golden build tests: one case per folder of fixtures/golden/ (one per mapping area of SPEC §4),
 * each built in-process with `build <inputs> --out <tmp> --verbose [args.json]` and compared
 * byte for byte with `expected/` (no file missing, none extra; the manifest, which only records the
 * other files' sha256, is recomputed instead of kept) and `expected-diagnostics.txt`.
 * Every expected file was read and checked by hand against the SPEC table (each case's README.md
 * says what was checked). Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`,
 * then read every changed file again: a golden is only as good as the review it got.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { buildCase, bundleFiles, listCases, listFiles, manifestProblems, updateExpected } from './helpers/golden.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

describe('golden bundles per mapping area (fixtures/golden)', () => {
  const root = join(repoRoot, 'fixtures', 'golden');
  const cases = listCases(root);
  const tmp = makeTempDir('ecs2k8s-golden-');
  afterAll(() => tmp.remove());

  it('has a case for every mapping area named in issue 3', () => {
    const names = cases.map((c) => c.name);
    for (const area of [
      'resources',
      'probes',
      'secrets',
      'iam-irsa',
      'iam-pod-identity',
      'iam-none',
      'volumes',
      'sidecars-dependson',
      'networking-bridge',
      'networking-alb',
      'networking-nlb',
      'placement',
      'deployment',
      'tags-labels',
      'daemonset',
      'job',
      'cronjob-args',
      'cronjob-tag',
    ]) {
      expect(names, area).toContain(area);
    }
    // Issue 15: scaling and progressive delivery.
    for (const area of [
      'scaling-cpu-memory',
      'scaling-disable-scale-in',
      'scaling-alb-request-count',
      'scaling-step',
      'scaling-scheduled',
      'rollout-canary',
      'rollout-linear',
      'rollout-blue-green',
      'rollout-codedeploy',
      'rollout-none',
    ]) {
      expect(names, area).toContain(area);
    }
    for (const c of cases) expect(existsSync(join(c.dir, 'README.md')), `${c.name}/README.md`).toBe(true);
  });

  for (const c of cases) {
    if (c.todo !== undefined) {
      it.todo(`${c.name}: ${c.todo}`);
      continue;
    }
    it(c.name, async () => {
      expect(c.inputs.length, `${c.name} has no input *.json`).toBeGreaterThan(0);
      const out = tmp.path(c.name);
      const r = await buildCase(c, out);
      if (UPDATE) updateExpected(c, out, r);

      expect(r.code, r.stderr).toBe(c.exitCode);
      expect(r.stderr).toBe(readFileSync(join(c.dir, 'expected-diagnostics.txt'), 'utf8'));

      const expectedDir = join(c.dir, 'expected');
      if (c.exitCode !== 0) {
        expect(listFiles(out), 'a failed build writes nothing').toEqual([]);
        expect(existsSync(expectedDir)).toBe(false);
        return;
      }
      expect(r.stdout).toMatch(/^ecs2k8s: \d+ objects in \d+ namespaces? → .* \(\d+ written, 0 unchanged, 0 removed\)\n$/);
      const actualFiles = bundleFiles(out);
      expect(actualFiles, 'files of the bundle').toEqual(listFiles(expectedDir));
      for (const f of actualFiles) {
        expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(expectedDir, f), 'utf8'));
      }
      // The manifest lists every other file with the sha256 of what was written.
      expect(manifestProblems(out)).toEqual([]);
    });
  }
});
