/**
 * Progress on a terminal and kubectl's habits for diff and apply (SPEC §14): the real bin under a
 * pseudo-terminal (util-linux `script`) shows a progress line on stderr, a pipe never does, and
 * --quiet silences it; `diff` and `apply` take `--report json` (and `--report-file`), against
 * the test API server.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, WEB_APP, type Cluster } from './apiserver/harness.js';
import { binPath, runBin, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { awsEnv, importBin, SECRET, startEndpoint } from './ecs-endpoint/harness.js';
import { seedMany } from './ecs-endpoint/seed.js';
import type { EcsEndpoint } from './ecs-endpoint/server.js';

const tmp = makeTempDir('ecs2k8s-progress-');
afterAll(() => tmp.remove());
const ERASE = '\r\x1b[2K';
const SCRIPT = '/usr/bin/script';

/** A fleet of n task definitions in dir/ecs. */
function fleet(n: number): string {
  const dir = tmp.fresh();
  const ecs = join(dir, 'ecs');
  for (let i = 0; i < n; i++) {
    const family = `svc-${String(i).padStart(3, '0')}`;
    tmp.write(
      join(ecs.slice(tmp.dir.length + 1), `${family}.json`),
      JSON.stringify({ family, containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27.0', essential: true, memory: 256 }] }),
    );
  }
  return dir;
}

/** Runs the bin with stdout and stderr on a pseudo-terminal; what the terminal showed. */
function underTerminal(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, binPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    execFile(SCRIPT, ['-qec', command, '/dev/null'], { cwd, env: { ...env, PATH: process.env['PATH'] ?? '/usr/bin:/bin', TERM: 'xterm' } }, (err, stdout) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, screen: stdout });
    });
  });
}

describe('progress of build', () => {
  it.skipIf(!existsSync(SCRIPT))('on a terminal: files read and services converted, on one line rewritten in place, erased at the end', async () => {
    const dir = fleet(60);
    const r = await underTerminal(['build', 'ecs', '--out', 'k8s'], dir);
    expect(r.code).toBe(0);
    expect(r.screen).toContain(`${ERASE}ecs2k8s: converting services 60/60 (100%)`);
    // eslint-disable-next-line no-control-regex -- control characters are what it matches
    expect(r.screen).toMatch(/\r\x1b\[2Kecs2k8s: reading inputs \d+\/60/);
    // The progress line is erased before the summary, which starts a clean line.
    // eslint-disable-next-line no-control-regex -- control characters are what it matches
    expect(r.screen).toMatch(/\r\x1b\[2Kecs2k8s: 60 objects in 1 namespace → k8s/);
    const quiet = await underTerminal(['build', 'ecs', '--out', 'k8s2', '--quiet'], dir);
    expect(quiet.code).toBe(0);
    expect(quiet.screen).not.toContain('\x1b[2K');
    expect(quiet.screen).toContain('ecs2k8s: 60 objects in 1 namespace → k8s2');
  });

  it('in a pipe: none, and none in a json report', async () => {
    const dir = fleet(30);
    const r = await runBin(['build', 'ecs', '--out', 'k8s', '--report', 'json'], { cwd: dir, env: { TERM: 'xterm' } });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\x1b');
    expect(r.stderr).not.toContain('converting');
    expect(JSON.parse(r.stdout).summary.errors).toBe(0);
  });
});

describe('progress of import', () => {
  let endpoint: EcsEndpoint;
  beforeEach(async () => {
    endpoint = await startEndpoint((e) => seedMany(e, 'big', 205));
  });
  afterEach(async () => {
    await endpoint?.close();
  });

  it.skipIf(!existsSync(SCRIPT))('on a terminal: pages listed, services and task definitions described; erased before the summary; none with --quiet or in a pipe', async () => {
    const dir = tmp.fresh();
    const env = awsEnv(tmp);
    const args = ['import', '--cluster', 'big', '--endpoint-url', endpoint.url];
    const r = await underTerminal([...args, '--out', 'ecs'], dir, env);
    expect(r.code, r.screen).toBe(0);
    // 205 services: three pages of ListServices, 21 calls of DescribeServices, one task definition.
    expect(r.screen).toContain(`${ERASE}ecs2k8s: listing services: 3 pages, 205 services`);
    expect(r.screen).toContain(`${ERASE}ecs2k8s: describing services 205/205 (100%)`);
    expect(r.screen).toContain(`${ERASE}ecs2k8s: describing task definitions 1/1 (100%)`);
    expect(r.screen).toMatch(new RegExp(`${ERASE.replace(/[[\]\\]/g, '\\$&')}ecs2k8s: 205 services and 1 task definition from cluster "big" → ecs`));
    expect(r.screen).not.toContain(SECRET);

    const quiet = await underTerminal([...args, '--out', 'ecs2', '--quiet'], dir, env);
    expect(quiet.code, quiet.screen).toBe(0);
    expect(quiet.screen).not.toContain('\x1b[2K');
    expect(quiet.screen).toContain('ecs2k8s: 205 services and 1 task definition from cluster "big" → ecs2');

    const piped = await importBin(endpoint, ['--cluster', 'big', '--out', join(dir, 'ecs3')], { ...env, TERM: 'xterm' });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr + piped.stdout).not.toContain('\x1b');
    expect(piped.stderr).not.toContain('describing');
  });
});

describe('diff and apply --report json', () => {
  let c: Cluster;
  beforeEach(async () => {
    c = await startCluster();
  });
  afterEach(async () => {
    await c?.close();
  });

  it('apply: every object created, as JSON on stdout; the object lines go to stderr; diff then finds nothing', async () => {
    expect((await c.cli(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
    const r = await c.cli(['apply', 'k8s', '--applyset', 'orders', '--report', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { command: string; exit: number; changed: boolean; counts: Record<string, number>; objects: { object: string; outcome: string }[] };
    expect(report.command).toBe('apply');
    expect(report.changed).toBe(true);
    expect(report.objects.length).toBeGreaterThan(5);
    expect(report.objects.every((o) => o.outcome === 'created')).toBe(true);
    expect(report.counts['created']).toBe(report.objects.length);
    expect(report.objects.map((o) => o.object)).toContain('Deployment prod-eu/orders-api');
    expect(r.stderr).toContain('Deployment prod-eu/orders-api');

    const same = await c.cli(['diff', 'k8s', '--applyset', 'orders', '--report', 'json', '--report-file', 'diff.json']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('');
    const diff = JSON.parse(readFileSync(c.tmp.path('diff.json'), 'utf8')) as { command: string; changed: boolean; exit: number; counts: Record<string, number> };
    expect([diff.command, diff.changed, diff.exit]).toEqual(['diff', false, 0]);
    expect(diff.counts['unchanged']).toBe(report.objects.length);

    // One change: diff says so with exit 1, and its diff text goes to stderr beside the json.
    const file = c.tmp.path('k8s/prod-eu/deployment-orders-api.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/replicas: \d+/, 'replicas: 7'));
    const changed = await c.cli(['diff', 'k8s', '--applyset', 'orders', '--report', 'json']);
    expect(changed.code).toBe(1);
    const after = JSON.parse(changed.stdout) as { changed: boolean; counts: Record<string, number> };
    expect(after.changed).toBe(true);
    expect(after.counts['configured']).toBe(1);
    expect(changed.stderr).toContain('+  replicas: 7');
  });

  it('progress of apply on a terminal: objects done of total; none with --quiet', async () => {
    expect((await c.cli(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
    const r = await runCli(['apply', 'k8s', '--applyset', 'orders'], { env: c.env, cwd: c.tmp.dir, tty: true });
    expect(r.code, r.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex -- control characters are what it matches
    expect(r.stderr).toMatch(/\r\x1b\[2Kecs2k8s: objects \d+\/\d+ \(\d+%\)/);
    expect(r.stdout).not.toContain('objects 1/');
    const quiet = await runCli(['diff', 'k8s', '--applyset', 'orders', '--quiet'], { env: c.env, cwd: c.tmp.dir, tty: true });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain('\x1b[2K');
  });

  it('--report-file without --report json is a usage error', async () => {
    const r = await c.cli(['diff', 'k8s', '--report-file', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--report-file writes the json report: add --report json');
  });
});
