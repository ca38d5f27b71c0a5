/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), run by the real `pre-commit` tool (the Debian
 * package; .ci/run installs it) from a `git commit` in a temporary repository whose
 * .pre-commit-config.yaml names this checkout as the hook repository.
 *
 * pre-commit clones the hook repository at the `rev` the config names, so it only sees committed
 * files. To test the working tree as it is (uncommitted changes included), the test commits a
 * snapshot of it (tracked and untracked files that .gitignore does not exclude) into a fresh
 * repository under a temporary folder and names that one; in CI, a clean clone, the snapshot is
 * HEAD's tree. pre-commit then installs it as a `language: node` hook: npm install in its clone
 * (whose `prepare` script builds dist/ with esbuild), npm pack, npm install -g of the tarball into
 * an environment under PRE_COMMIT_HOME: one temporary PRE_COMMIT_HOME is shared by the whole file,
 * so that happens once.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { posOf, repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const which = (cmd: string) => spawnSync(cmd, ['--version'], { encoding: 'utf8' });
const preCommit = which('pre-commit');
const havePreCommit = preCommit.status === 0;
const haveGit = which('git').status === 0;
const runnable = havePreCommit && haveGit;
if (!runnable) {
  console.warn(`test/precommit.test.ts skipped: ${havePreCommit ? 'git' : 'pre-commit'} is not installed (apt-get install -y pre-commit git; .ci/run installs pre-commit)`);
}

// CI installs pre-commit (.ci/run): there, its absence is a failure, not a reason to skip.
describe.runIf(!runnable && process.env['CI'] === 'true')('in CI', () => {
  it('pre-commit and git are installed (.ci/run installs pre-commit)', () => {
    expect({ preCommit: havePreCommit, git: haveGit }).toEqual({ preCommit: true, git: true });
  });
});

interface HookDef {
  id: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
  always_run?: boolean;
  require_serial?: boolean;
}

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as HookDef[];
  const byId = Object.fromEntries(hooks.map((h) => [h.id, h]));

  it('declares the three node hooks', () => {
    expect(hooks.map((h) => h.id)).toEqual(['ecs2k8s-validate', 'ecs2k8s-check', 'ecs2k8s-build']);
    for (const h of hooks) expect(h.language).toBe('node');
    expect(byId['ecs2k8s-validate']!.entry).toBe('ecs2k8s validate --convert');
    expect(byId['ecs2k8s-check']).toMatchObject({ entry: 'ecs2k8s build --check', pass_filenames: false, always_run: true, require_serial: true });
    expect(byId['ecs2k8s-build']).toMatchObject({ entry: 'ecs2k8s build --fail-on-change', pass_filenames: false, always_run: true, require_serial: true });
  });

  it('the validate hook matches the names people give ECS files, and not other JSON', () => {
    // pre-commit matches `files` with Python's re.search on the repository-relative path; this
    // pattern uses nothing that JavaScript reads differently but the leading (?i).
    const source = byId['ecs2k8s-validate']!.files!;
    expect(source.startsWith('(?i)')).toBe(true);
    const re = new RegExp(source.slice(4), 'i');
    const yes = [
      'task-definition.json',
      '.aws/task-definition.json',
      'deploy/.aws/worker.json',
      'taskdef.json',
      'ecs/taskdef-prod.json',
      'TaskDef.json',
      'web-task-def.json',
      'ecs/web-task-def.prod.json',
      'ecs-task-def.json',
      'ecs-service-def.json',
      'service.json',
      'services.json',
      'service-web.json',
      'ecs/service.json',
      'ecs-service.json',
      'infra/taskdefinition.json',
      'task_definition.json',
      'api-service-definition.json',
    ];
    const no = [
      'package.json',
      'tsconfig.json',
      'k8s/.ecs2k8s-manifest.json',
      'services/config.json',
      'my-service.json',
      'microservice.json',
      'servicebus.json',
      '.aws/task-definition.yaml',
      'k8s/prod/deployment-web.yaml',
    ];
    for (const f of yes) expect(re.test(f), f).toBe(true);
    for (const f of no) expect(re.test(f), f).toBe(false);
  });
});

describe.skipIf(!runnable)('pre-commit runs the hooks from this checkout', () => {
  const tmp = makeTempDir('ecs2k8s-precommit-');
  afterAll(() => tmp.remove());
  const hookRepo = tmp.path('hook-repo');
  const user = tmp.path('user-repo');
  const preCommitHome = tmp.path('pre-commit-home');
  let rev = '';

  /** The environment of every command: nothing of the npm or vitest process that runs this test leaks in. */
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(npm_|NPM_|VITEST|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$|GIT_|PRE_COMMIT)/.test(k)) continue;
    env[k] = v;
  }
  env['PATH'] = (process.env['PATH'] ?? '/usr/bin:/bin')
    .split(delimiter)
    .filter((p) => !p.includes('node_modules'))
    .join(delimiter);
  Object.assign(env, {
    PRE_COMMIT_HOME: preCommitHome,
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: tmp.path('gitconfig'),
    GIT_AUTHOR_NAME: 'ecs2k8s test',
    GIT_AUTHOR_EMAIL: 'test@ecs2k8s.invalid',
    GIT_COMMITTER_NAME: 'ecs2k8s test',
    GIT_COMMITTER_EMAIL: 'test@ecs2k8s.invalid',
  });

  const sh = (cmd: string, args: string[], cwd: string, timeout = 120_000): SpawnSyncReturns<string> & { all: string } => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    return { ...r, all: `${r.stdout}${r.stderr}` };
  };
  const ok = (cmd: string, args: string[], cwd: string, timeout?: number): string => {
    const r = sh(cmd, args, cwd, timeout);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.all}`);
    return r.stdout;
  };
  const git = (args: string[], cwd = user) => ok('git', args, cwd);
  const head = () => git(['rev-parse', 'HEAD']).trim();
  const commit = (message: string) => sh('git', ['commit', '-m', message], user);

  const TD = '.aws/task-definition.json';
  const SVC = '.aws/service.json';
  const build = async () => {
    const r = await runCli(['build', TD, SVC, '--out', 'k8s'], { cwd: user });
    expect(r.code, r.stderr).toBe(0);
  };

  beforeAll(async () => {
    writeFileSync(env['GIT_CONFIG_GLOBAL']!, '[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[advice]\n\tdetachedHead = false\n');

    // The hook repository: a snapshot of this working tree, committed.
    mkdirSync(hookRepo, { recursive: true });
    git(['init', '-q'], hookRepo);
    const files = ok('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repoRoot).split('\0').filter(Boolean);
    for (const f of new Set(files)) {
      if (/^(node_modules|dist)(\/|$)/.test(f)) continue; // never, even when not ignored (a symbolic link)
      const from = join(repoRoot, f);
      if (!existsSync(from) && !isSymlink(from)) continue; // deleted in the working tree
      mkdirSync(dirname(join(hookRepo, f)), { recursive: true });
      cpSync(from, join(hookRepo, f), { verbatimSymlinks: true });
    }
    git(['add', '-A'], hookRepo);
    git(['commit', '-q', '-m', 'snapshot of the ecs2k8s working tree'], hookRepo);
    rev = git(['rev-parse', 'HEAD'], hookRepo).trim();

    // The user's repository: the web-app example kept as the AWS actions keep it, and its bundle.
    mkdirSync(join(user, '.aws'), { recursive: true });
    git(['init', '-q'], user);
    cpSync(join(repoRoot, 'examples/web-app/task-definition.json'), join(user, TD));
    cpSync(join(repoRoot, 'examples/web-app/service.json'), join(user, SVC));
    writeFileSync(join(user, 'README.md'), '# orders-api\n');
    writeFileSync(
      join(user, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${hookRepo}`, `    rev: ${rev}`, '    hooks:', '      - id: ecs2k8s-validate', '      - id: ecs2k8s-check', `        args: [${TD}, ${SVC}, --out, k8s]`, ''].join('\n'),
    );
    await build();
    ok('pre-commit', ['install'], user);
    // Installs the hook environment once (npm install, npm pack, npm install -g), for every test below.
    const installed = sh('pre-commit', ['install-hooks'], user, 280_000);
    if (installed.status !== 0) {
      const log = join(preCommitHome, 'pre-commit.log');
      // npm 10+ runs `npm pack`'s scripts in the foreground, printing their banner on stdout, where
      // pre-commit expects only the tarball's name: the repository's .npmrc must turn that off.
      const hint = /> ecs2k8s@[^\n]* prepare/.test(installed.all) ? '\nnpm pack printed the prepare script on stdout: the repository needs an .npmrc with "foreground-scripts=false".' : '';
      throw new Error(`pre-commit install-hooks failed (exit ${installed.status}):${hint}\n${installed.all}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-6000) : ''}`);
    }
  }, 300_000);

  it('installs this repository as a node package whose bin is ecs2k8s', () => {
    expect(preCommit.stdout).toMatch(/^pre-commit \d+\.\d+/);
    const bins = ok('find', [preCommitHome, '-path', '*/node_env-*/bin/ecs2k8s'], user).trim().split('\n').filter(Boolean);
    expect(bins).toHaveLength(1);
    expect(sh(bins[0]!, ['--version'], user).stdout.trim()).toBe((JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('a commit of valid ECS files with a current bundle passes both hooks', () => {
    git(['add', '-A']);
    const r = commit('orders-api: ECS definitions and their Kubernetes bundle');
    expect(r.status, r.all).toBe(0);
    expect(r.all).toMatch(/ecs2k8s validate \(ECS task definitions and services\)\.+Passed/);
    expect(r.all).toMatch(/ecs2k8s build --check \(the Kubernetes bundle is up to date\)\.+Passed/);
    expect(git(['log', '--format=%s', '-1'])).toBe('orders-api: ECS definitions and their Kubernetes bundle\n');
    expect(git(['ls-files'])).toContain('k8s/prod-eu/deployment-orders-api.yaml\n');
  }, 120_000);

  it('a commit that touches no ECS file skips validate; check runs all the same', () => {
    writeFileSync(join(user, 'README.md'), '# orders-api\n\nDeployed with ecs2k8s.\n');
    git(['add', 'README.md']);
    const r = commit('docs');
    expect(r.status, r.all).toBe(0);
    expect(r.all).toMatch(/ecs2k8s validate \(ECS task definitions and services\)\.+\(no files to check\)Skipped/);
    expect(r.all).toMatch(/ecs2k8s build --check \(the Kubernetes bundle is up to date\)\.+Passed/);
  }, 120_000);

  it('a commit of invalid ECS JSON is blocked, with file:line:column', () => {
    const before = head();
    const good = readFileSync(join(user, TD), 'utf8');
    const bad = good.replace('"portMappings"', '"portMapping"');
    expect(bad).not.toBe(good);
    writeFileSync(join(user, TD), bad);
    git(['add', TD]);
    const r = commit('typo');
    expect(r.status, r.all).not.toBe(0);
    const at = posOf(bad, '"portMapping"');
    expect(r.all).toMatch(/ecs2k8s validate \(ECS task definitions and services\)\.+Failed/);
    expect(r.all).toContain(`${TD}:${at.line}:${at.column}: error unknown-member: "portMapping" is not a member of "containerDefinitions[1]": did you mean "portMappings"?`);
    expect(head()).toBe(before);
    git(['reset', '-q', '--hard']);
  }, 120_000);

  it('a commit that leaves the bundle stale is blocked, with the diff; rebuilding unblocks it', async () => {
    const before = head();
    const td = readFileSync(join(user, TD), 'utf8');
    const old = '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.14.0';
    expect(td).toContain(old);
    writeFileSync(join(user, TD), td.replaceAll(old, '123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.15.0'));
    git(['add', TD]);
    const r = commit('orders-api 2.15.0');
    expect(r.status, r.all).not.toBe(0);
    expect(r.all).toMatch(/ecs2k8s validate \(ECS task definitions and services\)\.+Passed/);
    expect(r.all).toMatch(/ecs2k8s build --check \(the Kubernetes bundle is up to date\)\.+Failed/);
    expect(r.all).toContain('--- a/prod-eu/deployment-orders-api.yaml\n+++ b/prod-eu/deployment-orders-api.yaml\n');
    expect(r.all).toMatch(/^\+ +image: 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/orders-api:2\.15\.0$/m);
    expect(r.all).toContain('ecs2k8s: the bundle in k8s is out of date (1 to change): run ecs2k8s build without --check to update it');
    expect(head()).toBe(before);

    await build();
    git(['add', '-A']);
    const again = commit('orders-api 2.15.0');
    expect(again.status, again.all).toBe(0);
    expect(again.all).toMatch(/ecs2k8s build --check \(the Kubernetes bundle is up to date\)\.+Passed/);
    expect(head()).not.toBe(before);
  }, 120_000);

  it('the regenerating hook writes the bundle and fails when it changed it; staged, the commit passes', () => {
    writeFileSync(
      join(user, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${hookRepo}`, `    rev: ${rev}`, '    hooks:', '      - id: ecs2k8s-validate', '      - id: ecs2k8s-build', `        args: [${TD}, ${SVC}, --out, k8s]`, ''].join('\n'),
    );
    git(['add', '.pre-commit-config.yaml']);
    const current = commit('regenerate the bundle in the hook');
    expect(current.status, current.all).toBe(0);
    expect(current.all).toMatch(/ecs2k8s build \(regenerate the Kubernetes bundle\)\.+Passed/);

    const before = head();
    const td = readFileSync(join(user, TD), 'utf8');
    writeFileSync(join(user, TD), td.replaceAll('orders-api:2.15.0', 'orders-api:2.16.0'));
    git(['add', TD]);
    const r = commit('orders-api 2.16.0');
    expect(r.status, r.all).not.toBe(0);
    expect(r.all).toMatch(/ecs2k8s build \(regenerate the Kubernetes bundle\)\.+Failed/);
    expect(r.all).toContain('ecs2k8s: the bundle in k8s was out of date and is updated (1 written, 0 removed): review and stage it (git add k8s)');
    expect(head()).toBe(before);
    // The hook wrote the update: staging it is all that is left.
    expect(readFileSync(join(user, 'k8s/prod-eu/deployment-orders-api.yaml'), 'utf8')).toContain('orders-api:2.16.0');
    git(['add', '-A']);
    const again = commit('orders-api 2.16.0');
    expect(again.status, again.all).toBe(0);
    expect(again.all).toMatch(/ecs2k8s build \(regenerate the Kubernetes bundle\)\.+Passed/);
  }, 120_000);

  it('the validate hook fails where build fails: a warning the project file makes an error', () => {
    const before = head();
    writeFileSync(join(user, 'ecs2k8s.yaml'), 'diagnostics:\n  error: [efs-volume]\n');
    const td = readFileSync(join(user, TD), 'utf8');
    writeFileSync(join(user, TD), td.replaceAll('orders-api:2.16.0', 'orders-api:2.17.0'));
    git(['add', '-A']);
    const r = commit('orders-api 2.17.0, EFS made an error');
    expect(r.status, r.all).not.toBe(0);
    expect(r.all).toMatch(/ecs2k8s validate \(ECS task definitions and services\)\.+Failed/);
    expect(r.all).toMatch(/ecs2k8s build \(regenerate the Kubernetes bundle\)\.+Failed/);
    const at = posOf(td, '"authorizationConfig"');
    expect(r.all).toMatch(new RegExp(`^\\.aws/task-definition\\.json:${at.line}:\\d+: error efs-volume: `, 'm'));
    expect(head()).toBe(before);
    git(['reset', '-q', '--hard']);
  }, 120_000);
});

function isSymlink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
