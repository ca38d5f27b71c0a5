/**
 * Real CloudFormation templates and CDK output (fixtures/iac-corpus, README there): each file
 * builds alone with exit 0, no error, every diagnostic located in the file, and the folder holds
 * exactly what its SOURCES.tsv names, under licences whose texts are in LICENSES/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, repoRoot, runCli } from './helpers/cli.js';

const root = join(repoRoot, 'fixtures', 'iac-corpus');
const FOLDERS = ['cloudformation', 'cdk'];
const files = FOLDERS.flatMap((f) => readdirSync(join(root, f)).map((n) => `${f}/${n}`)).sort();
const rows = readFileSync(join(root, 'SOURCES.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t'));

describe('fixtures/iac-corpus', () => {
  it('SOURCES.tsv names every file, with a repository, a commit and a permissive licence whose text is in LICENSES/', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(files);
    const licences = readdirSync(join(root, 'LICENSES'));
    for (const [file, repo, path, commit, licence] of rows) {
      expect(repo, file).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(path, file).not.toBe('');
      expect(commit, file).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'MIT-0', 'Apache-2.0'], file).toContain(licence);
      expect(
        licences.some((l) => l.startsWith(licence!)),
        `${licence} text`,
      ).toBe(true);
    }
    expect(files.filter((f) => f.startsWith('cloudformation/')).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.startsWith('cdk/')).length).toBeGreaterThanOrEqual(1);
  });

  it.each(files)('%s builds: exit 0, no error, every diagnostic at a line and column of the file', async (name) => {
    const file = join(root, name);
    const r = await runCli(['build', file, '--stdout', '--verbose']);
    const ds = parseText(r.stderr);
    expect(
      ds.filter((d) => d.severity === 'error'),
      r.stderr,
    ).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^---\napiVersion: /);
    for (const d of ds.filter((x) => x.file !== undefined)) {
      expect(d.file, d.message).toBe(file);
      expect(d.line, `${d.code}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.column, `${d.code}: ${d.message}`).toBeGreaterThanOrEqual(1);
    }
  });
});
