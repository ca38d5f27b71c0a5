/**
 * Output independent of the working directory (README, "The project root"): the
 * `ecs2k8s.io/source` annotations name the inputs relative to the project root (the project
 * file's folder, else the repository root of each input, else the inputs' common folder), so
 * one checkout gives one bundle, byte for byte, from any folder and wherever the checkout lies.
 * Through the real bin, in Git repositories made by `git init`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asText, bundleObjects, exampleDir, snapshot } from './helpers/build.js';
import { runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-source-root-');
afterAll(() => tmp.remove());
let seq = 0;

/** A Git checkout holding the example under ecs/ (and nothing else); returns its folder. */
function checkout(): string {
  const repo = tmp.path(`checkout-${++seq}/repo`);
  mkdirSync(join(repo, 'ecs'), { recursive: true });
  for (const f of ['task-definition.json', 'service.json']) cpSync(join(exampleDir, f), join(repo, 'ecs', f));
  execFileSync('git', ['init', '-q', repo]);
  return repo;
}

/** The distinct source annotations of a bundle (the Namespace carries none). */
const sources = (out: string) => [...new Set(bundleObjects(out).flatMap((o) => (o.object.kind === 'Namespace' ? [] : [o.object.metadata.annotations?.['ecs2k8s.io/source']])))];

async function build(cwd: string, args: string[]): Promise<void> {
  const r = await runBin(['build', ...args], { cwd });
  expect(r.code, r.stderr).toBe(0);
}

describe('the same checkout gives the same bundle from any working directory', () => {
  it("from the repository root, from the inputs' folder and from elsewhere (absolute paths): byte-identical bundles, sources relative to the repository root", async () => {
    const repo = checkout();
    await build(repo, ['ecs', '--out', join(repo, 'k8s-root')]);
    await build(join(repo, 'ecs'), ['.', '--out', '../k8s-inputs']);
    await build(tmp.dir, [join(repo, 'ecs', 'task-definition.json'), join(repo, 'ecs', 'service.json'), '--out', join(repo, 'k8s-elsewhere')]);
    const a = snapshot(join(repo, 'k8s-root'));
    expect(a.size).toBeGreaterThan(5);
    expect(asText(snapshot(join(repo, 'k8s-inputs')))).toEqual(asText(a));
    expect(asText(snapshot(join(repo, 'k8s-elsewhere')))).toEqual(asText(a));
    expect(sources(join(repo, 'k8s-root'))).toEqual(['ecs/task-definition.json, ecs/service.json']);
  });

  it("--gitops: the default path in the repository is the output folder's own, from any working directory", async () => {
    const repo = checkout();
    const gitops = ['--gitops', 'argocd', '--repo-url', 'https://github.com/acme/deploy.git'];
    await build(repo, ['ecs', '--out', 'deploy/k8s', ...gitops]);
    await build(join(repo, 'ecs'), ['.', '--out', '../deploy/k8s-2', ...gitops]);
    const app = (out: string) => readFileSync(join(repo, out, 'gitops', 'application-deploy.yaml'), 'utf8');
    expect(app('deploy/k8s')).toMatch(/^ {4}path: deploy\/k8s$/m);
    expect(app('deploy/k8s-2')).toMatch(/^ {4}path: deploy\/k8s-2$/m);
    expect(app('deploy/k8s-2').replace('deploy/k8s-2', 'deploy/k8s')).toBe(app('deploy/k8s'));
  });

  it('--check from another folder finds the bundle current (exit 0, nothing on stdout: no diff)', async () => {
    const repo = checkout();
    await build(repo, ['ecs', '--out', 'k8s']);
    const r = await runBin(['build', 'task-definition.json', 'service.json', '--out', '../k8s', '--check'], { cwd: join(repo, 'ecs') });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('out of date');
  });

  it('moving the checkout keeps the bundle identical, and --check at the new place passes', async () => {
    const repo = checkout();
    await build(repo, ['ecs', '--out', 'k8s']);
    const before = snapshot(join(repo, 'k8s'));
    const moved = tmp.path(`moved-${seq}/somewhere/else`);
    mkdirSync(join(moved, '..'), { recursive: true });
    renameSync(repo, moved);
    const check = await runBin(['build', join(moved, 'ecs'), '--out', join(moved, 'k8s'), '--check'], { cwd: tmp.dir });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    await build(moved, ['ecs', '--out', 'k8s-again']);
    expect(asText(snapshot(join(moved, 'k8s-again')))).toEqual(asText(before));
  });

  it('a worktree or submodule (.git is a file) is a repository root too', async () => {
    const repo = tmp.path(`worktree-${++seq}`);
    mkdirSync(join(repo, 'deploy', 'ecs'), { recursive: true });
    for (const f of ['task-definition.json', 'service.json']) cpSync(join(exampleDir, f), join(repo, 'deploy', 'ecs', f));
    writeFileSync(join(repo, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
    await build(join(repo, 'deploy'), ['ecs', '--out', join(repo, 'k8s')]);
    expect(sources(join(repo, 'k8s'))).toEqual(['deploy/ecs/task-definition.json, deploy/ecs/service.json']);
  });
});

describe('outside a repository, and with a project file', () => {
  it("no repository: relative to the inputs' common folder, whatever the working directory", async () => {
    const dir = tmp.path(`plain-${++seq}`);
    mkdirSync(join(dir, 'td'), { recursive: true });
    mkdirSync(join(dir, 'svc'), { recursive: true });
    cpSync(join(exampleDir, 'task-definition.json'), join(dir, 'td', 'api.json'));
    cpSync(join(exampleDir, 'service.json'), join(dir, 'svc', 'api.json'));
    await build(dir, ['td', 'svc', '--out', 'out-a']);
    await build(join(dir, 'td'), ['.', '../svc', '--out', '../out-b']);
    expect(sources(join(dir, 'out-a'))).toEqual(['td/api.json, svc/api.json']);
    expect(asText(snapshot(join(dir, 'out-b')))).toEqual(asText(snapshot(join(dir, 'out-a'))));
  });

  it('a project file: relative to its folder (found with --config or in the working directory), in a repository or not', async () => {
    const repo = checkout();
    writeFileSync(join(repo, 'ecs', 'ecs2k8s.yaml'), 'labels:\n  team: orders\n');
    await build(repo, ['ecs', '--config', 'ecs/ecs2k8s.yaml', '--out', 'k8s-config']);
    await build(join(repo, 'ecs'), ['.', '--out', '../k8s-found']);
    expect(sources(join(repo, 'k8s-config'))).toEqual(['task-definition.json, service.json']);
    expect(asText(snapshot(join(repo, 'k8s-found')))).toEqual(asText(snapshot(join(repo, 'k8s-config'))));
  });

  it('standard input stays "-"', async () => {
    const r = await runBin(['build', '-', '--stdout'], { cwd: tmp.dir, stdin: readFileSync(join(exampleDir, 'task-definition.json')) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ecs2k8s.io/source: "-"');
  });
});
