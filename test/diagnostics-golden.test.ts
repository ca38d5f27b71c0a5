/**
 * Golden tests: one folder per case under fixtures/diagnostics/<case>/ with `input.json`, an
 * optional `args.json` (extra CLI arguments) and `expected.txt`, the exact stderr of
 * `ecs2k8s validate input.json` run in the case folder. fixtures/reports/<case>/ holds the
 * machine reports of one input.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/diagnostics-golden.test.ts`, then read
 * every changed file: the goldens are only as good as the review they got.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseText, repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

function golden(file: string, actual: string): void {
  if (UPDATE) writeFileSync(file, actual);
  expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const subdirs = (dir: string) =>
  readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory())
    .sort();

describe('diagnostics: stderr of `ecs2k8s validate` per case (fixtures/diagnostics)', () => {
  const root = join(repoRoot, 'fixtures', 'diagnostics');
  const cases = subdirs(root);

  it.each(cases)('%s', async (name) => {
    const dir = join(root, name);
    const argsFile = join(dir, 'args.json');
    const extra = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
    const r = await runCli(['validate', 'input.json', ...extra], { cwd: dir });
    const actual = r.stderr;
    golden(join(dir, 'expected.txt'), actual);
    // The exit code follows from the golden text: 2 with an error line, 0 without.
    const hasError = parseText(actual).some((d) => d.severity === 'error');
    expect(r.code).toBe(hasError ? 2 : 0);
    expect(r.stdout).toBe('');
  });

  it('the cases cover the main codes, each with file:line:col', () => {
    const all = cases.flatMap((name) => parseText(readFileSync(join(root, name, 'expected.txt'), 'utf8')));
    for (const d of all) {
      expect(d.file, `${d.code}: ${d.message}`).toBe('input.json');
      expect(d.line, `${d.code}: ${d.message}`).toBeGreaterThan(0);
    }
    const codes = new Set(all.map((d) => d.code));
    for (const code of [
      'unknown-member',
      'wrong-type',
      'invalid-value',
      'out-of-range',
      'dangling-reference',
      'duplicate-name',
      'fargate',
      'json-syntax',
      'host-port-mode',
      'null-as-absent',
      'empty-as-absent',
    ]) {
      expect(codes, code).toContain(code);
    }
    expect(all.some((d) => d.code === 'unknown-member' && d.message.includes('did you mean'))).toBe(true);
    expect(all.some((d) => d.code === 'invalid-value' && d.message.includes('did you mean'))).toBe(true);
  });
});

describe('reports: --report json and --report sarif of one case (fixtures/reports)', () => {
  const root = join(repoRoot, 'fixtures', 'reports');
  const tmp = makeTempDir();
  afterAll(() => tmp.remove());

  /** The report with the tool's version replaced, so that a release does not touch the goldens. */
  function normalise(kind: 'json' | 'sarif', text: string): string {
    const report = JSON.parse(text) as Record<string, any>;
    if (kind === 'json') report['version'] = '<version>';
    else report['runs'][0].tool.driver.version = '<version>';
    return JSON.stringify(report, null, 2) + '\n';
  }

  describe.each(subdirs(root))('%s', (name) => {
    const dir = join(root, name);
    const inCase = { cwd: dir };

    it.each(['json', 'sarif'] as const)('--report %s on stdout', async (kind) => {
      const r = await runCli(['validate', 'input.json', '--report', kind], inCase);
      expect(r.code).toBe(2);
      golden(join(dir, `expected.${kind}`), normalise(kind, r.stdout));
      // The human lines still go to stderr, the same as without --report.
      const text = await runCli(['validate', 'input.json'], inCase);
      expect(r.stderr).toBe(text.stderr);
    });

    it.each(['json', 'sarif'] as const)('--report %s --report-file writes the same report to the file and nothing to stdout', async (kind) => {
      const out = tmp.path(`${name}.${kind}`);
      const r = await runCli(['validate', 'input.json', '--report', kind, '--report-file', out], inCase);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(parseText(r.stderr).length).toBeGreaterThan(0);
      expect(normalise(kind, readFileSync(out, 'utf8'))).toBe(readFileSync(join(dir, `expected.${kind}`), 'utf8'));
    });

    it('--report-file into a folder that does not exist → exit 3 (environment), saying where', async () => {
      const out = tmp.path(`missing-folder/${name}.json`);
      const r = await runCli(['validate', 'input.json', '--report', 'json', '--report-file', out], inCase);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`ecs2k8s: cannot write the report to ${out}: ENOENT`);
    });

    it('GITHUB_ACTIONS=true → workflow annotations on stderr', async () => {
      const r = await runCli(['validate', 'input.json'], { ...inCase, env: { GITHUB_ACTIONS: 'true' } });
      expect(r.code).toBe(2);
      golden(join(dir, 'expected.github.txt'), r.stderr);
    });
  });
});
