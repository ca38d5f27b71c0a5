/**
 * Public Terraform modules (fixtures/iac-corpus/terraform/, sources and licenses beside them)
 * build with no crash and no error; what is not known offline is warned at its location.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const root = join(repoRoot, 'fixtures/iac-corpus/terraform');
const modules = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== 'LICENSES')
  .map((e) => e.name)
  .sort();
const tmp = makeTempDir('ecs2k8s-tfc-');
afterAll(() => tmp.remove());

describe('public Terraform files (fixtures/iac-corpus/terraform)', () => {
  it('every file has its source and license', () => {
    const rows = readFileSync(join(root, 'SOURCES.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const listed = new Set(rows.map((r) => r[0]));
    for (const m of modules) for (const f of readdirSync(join(root, m))) expect(listed.has(`${m}/${f}`), `${m}/${f}`).toBe(true);
    for (const r of rows) {
      expect(r).toHaveLength(5);
      expect(existsSync(join(root, r[0]!)), r[0]).toBe(true);
      const licenses = readdirSync(join(root, 'LICENSES'));
      expect(
        licenses.some((l) => l.startsWith(`${r[4]}--${r[1]!.replace('/', '--')}`)),
        `${r[1]} ${r[4]}`,
      ).toBe(true);
    }
  });

  for (const m of modules) {
    it(`${m}: builds with no error`, async () => {
      const tf = readdirSync(join(root, m))
        .filter((f) => f.endsWith('.tf'))
        .map((f) => `fixtures/iac-corpus/terraform/${m}/${f}`);
      const r = await runCli(['build', ...tf, '--out', tmp.path(m)], { cwd: repoRoot });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/ error /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readdirSync(tmp.path(m)).length).toBeGreaterThan(1);
    });
  }

  it('hashicorp-ecs-alb: templatefile renders the container definitions; an undeclared variable is warned at its column', async () => {
    const dir = 'fixtures/iac-corpus/terraform/hashicorp-ecs-alb';
    const r = await runCli(['build', `${dir}/main.tf`, `${dir}/variables.tf`, '--stdout'], { cwd: repoRoot });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('image: ghost:latest');
    expect(r.stdout).toContain('namespace: terraform-example-ecs-cluster');
    expect(r.stderr).toContain(`${dir}/main.tf:173:24: warning terraform-unresolved: var.aws_region is not known offline (no such variable is declared in this module)`);
  });
});
