/**
 * One service, several sources, one bundle (SPEC §12): each case of fixtures/five-sources/ holds
 * the same service written in several forms, one folder per form (`ecs/` JSON, `cloudformation/`,
 * `cdk/`; the Terraform forms join later). Each folder is built on its own (`build <folder>
 * --out … --verbose`, plus the case's `sources.json` arguments for that form); the ECS JSON
 * build is the golden (`expected/`, byte for byte with its manifest), and every other form must
 * write the same files, byte for byte once the `ecs2k8s.io/source` annotation (which names the
 * input files) is set aside. Each form's stderr is `expected-diagnostics/<form>.txt`.
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/five-sources.test.ts`, then read the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { listFiles } from './helpers/golden.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const FORMS = ['ecs', 'cloudformation', 'cdk', 'terraform-plan', 'terraform'];
const root = join(repoRoot, 'fixtures', 'five-sources');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** A bundle file with its source annotation's value blanked. */
const withoutSource = (text: string) => text.replace(/^(\s*ecs2k8s\.io\/source:).*$/gm, '$1 …');

describe('one service, many sources, one bundle (fixtures/five-sources)', () => {
  const tmp = makeTempDir('ecs2k8s-five-');
  afterAll(() => tmp.remove());

  it('has cases, each with ECS JSON, CloudFormation and CDK forms and a README', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      for (const f of ['ecs', 'cloudformation', 'cdk', 'README.md']) expect(existsSync(join(root, c, f)), `${c}/${f}`).toBe(true);
    }
  });

  for (const name of cases) {
    const dir = join(root, name);
    const forms = FORMS.filter((f) => existsSync(join(dir, f)));
    const extra = existsSync(join(dir, 'sources.json')) ? (JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8')) as Record<string, string[]>) : {};
    const build = async (form: string) => {
      const out = tmp.path(`${name}-${form}`);
      const r = await runCli(['build', `fixtures/five-sources/${name}/${form}`, '--out', out, '--verbose', ...(extra[form] ?? [])], { cwd: repoRoot });
      return { ...r, out };
    };

    it(`${name}: the ECS JSON build is the golden bundle`, async () => {
      const r = await build('ecs');
      const expected = join(dir, 'expected');
      if (UPDATE) {
        rmSync(expected, { recursive: true, force: true });
        mkdirSync(expected, { recursive: true });
        cpSync(r.out, expected, { recursive: true });
      }
      expect(r.code, r.stderr).toBe(0);
      expect(listFiles(r.out)).toEqual(listFiles(expected));
      for (const f of listFiles(r.out)) expect(readFileSync(join(r.out, f), 'utf8'), f).toBe(readFileSync(join(expected, f), 'utf8'));
    });

    for (const form of forms) {
      it(`${name}: ${form} builds the same bundle (ecs2k8s.io/source aside), with the diagnostics it expects`, async () => {
        const r = await build(form);
        const diag = join(dir, 'expected-diagnostics', `${form}.txt`);
        if (UPDATE) {
          mkdirSync(join(dir, 'expected-diagnostics'), { recursive: true });
          writeFileSync(diag, r.stderr);
        }
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).toBe(readFileSync(diag, 'utf8'));
        const expected = join(dir, 'expected');
        const files = listFiles(r.out);
        expect(files).toEqual(listFiles(expected));
        for (const f of files.filter((x) => x !== '.ecs2k8s-manifest.json')) {
          const got = readFileSync(join(r.out, f), 'utf8');
          expect(withoutSource(got), f).toBe(withoutSource(readFileSync(join(expected, f), 'utf8')));
          if (form !== 'ecs' && got.includes('ecs2k8s.io/source:')) expect(got, `${f} names the ${form} input`).toContain(`fixtures/five-sources/${name}/${form}/`);
        }
      });
    }
  }
});
