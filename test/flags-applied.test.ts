/**
 * Flags are never silently ignored (README, "Flags that do not apply"): command-line flags win
 * over the inputs (with an `overridden` note where they replace what an input says), and a flag
 * with nothing to act on is a `not-applied` warning (a note when it acts on some workloads and
 * not others). Through the real bin.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseText, posOf, runBin, type TextDiagnostic } from './helpers/cli.js';
import { caseFolders, fixturesDir } from './helpers/build.js';
import { startCluster, type Cluster } from './apiserver/harness.js';

const fresh = caseFolders('ecs2k8s-flags-applied-');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');
const PAIRING = join(fixturesDir, 'pairing'); // the service "web", desiredCount 2
const DAEMON = join(fixturesDir, 'daemon'); // the DAEMON service "node-agent"

type Obj = { kind: string; metadata: { name: string }; spec: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const objects = (stream: string): Obj[] => parseAllDocuments(stream).map((d) => d.toJS() as Obj);
const of = (ds: TextDiagnostic[], code: string) => ds.filter((d) => d.code === code).map((d) => `${d.severity}: ${d.message}`);

async function build(args: string[]) {
  const r = await runBin(['build', ...args, '--stdout', '--verbose']);
  return { ...r, diagnostics: parseText(r.stderr), objects: r.code === 0 ? objects(r.stdout) : [] };
}

describe('--replicas', () => {
  it('next to a service: sets its replicas over desiredCount, with a note saying what it replaced', async () => {
    const r = await build([PAIRING, '--replicas', '5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objects.find((o) => o.kind === 'Deployment')!.spec['replicas']).toBe(5);
    expect(r.diagnostics.find((d) => d.code === 'overridden')).toMatchObject({
      severity: 'info',
      file: join(PAIRING, 'web-service.json'),
      message: "--replicas 5 replaces the service's desiredCount 2",
    });
    expect(of(r.diagnostics, 'not-applied')).toEqual([]);
  });

  it('over the ecs2k8s.io/replicas steering key too, with a note at the key', async () => {
    const c = fresh();
    const text = JSON.stringify({ family: 'tagged', tags: [{ key: 'ecs2k8s.io/replicas', value: '4' }], containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 128 }] }, null, 2);
    const td = join(c.dir, 'td.json');
    writeFileSync(td, text);
    const r = await build([td, '--replicas', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objects[0]!.spec['replicas']).toBe(2);
    expect(r.diagnostics.find((d) => d.code === 'overridden')).toMatchObject({ file: td, message: '--replicas 2 replaces "4" of the steering key ecs2k8s.io/replicas' });
  });

  it('with only a DaemonSet: a warning that it changes nothing (--strict: exit 2)', async () => {
    const r = await build([DAEMON, '--replicas', '3']);
    expect(r.code).toBe(0);
    expect(r.objects.find((o) => o.kind === 'DaemonSet')!.spec['replicas']).toBeUndefined();
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      'warning: --replicas 3 changes nothing: it sets the replicas of Deployments that no autoscaler owns, and this build has none ("node-agent" (DaemonSet))',
    ]);
    expect((await runBin(['build', DAEMON, '--replicas', '3', '--stdout', '--strict'])).code).toBe(2);
  });

  it('with a Deployment and a DaemonSet: applied to the one, a note for the other', async () => {
    const r = await build([PAIRING, DAEMON, '--replicas', '3']);
    expect(r.code).toBe(0);
    expect(of(r.diagnostics, 'not-applied')).toEqual(['info: --replicas 3 does not apply to "node-agent" (DaemonSet): only Deployments without an autoscaler have replicas']);
  });

  it('next to an autoscaled service: a warning that its autoscaler owns the replicas', async () => {
    const r = await build([join(fixturesDir, '..', 'golden', 'scaling-cpu-memory'), '--replicas', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objects.find((o) => o.kind === 'HorizontalPodAutoscaler')).toBeDefined();
    expect(r.objects.find((o) => o.kind === 'Deployment')!.spec['replicas']).toBeUndefined();
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      expect.stringMatching(
        /^warning: --replicas 3 changes nothing: it sets the replicas of Deployments that no autoscaler owns, and this build has none \(".*" \(autoscaled: its HorizontalPodAutoscaler sets the replicas\)\)$/,
      ),
    ]);
  });

  it("the project file's replicas is a default for task definitions without a service: a service keeps its desiredCount", async () => {
    const c = fresh();
    const config = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(config, 'replicas: 4\n');
    const r = await build([PAIRING, CLEAN, '--config', config]);
    expect(r.code, r.stderr).toBe(0);
    expect(Object.fromEntries(r.objects.filter((o) => o.kind === 'Deployment').map((o) => [o.metadata.name, o.spec['replicas']]))).toEqual({ web: 2, hello: 4 });
  });
});

describe('--workload and --schedule', () => {
  it('--workload job with services only: a warning', async () => {
    const r = await build([PAIRING, '--workload', 'job']);
    expect(r.code).toBe(0);
    expect(r.objects.map((o) => o.kind)).toContain('Deployment');
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      'warning: --workload changes nothing: it applies to task definitions built without a service, and every task definition here is built with its service ("web" (Deployment)), which ECS runs as a Deployment or, for DAEMON, a DaemonSet',
    ]);
  });

  it('--schedule with services only: one warning', async () => {
    const r = await build([PAIRING, '--schedule', '*/5 * * * *']);
    expect(r.code).toBe(0);
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      'warning: --schedule changes nothing: it applies to task definitions built without a service, and every task definition here is built with its service ("web" (Deployment)), which ECS runs as a Deployment or, for DAEMON, a DaemonSet',
    ]);
  });

  it('--schedule with --workload job: a warning (a Job has no schedule)', async () => {
    const r = await build([CLEAN, '--workload', 'job', '--schedule', '*/5 * * * *']);
    expect(r.code).toBe(0);
    expect(r.objects.map((o) => o.kind)).toContain('Job');
    expect(of(r.diagnostics, 'not-applied')).toEqual(['warning: --schedule changes nothing: no CronJob is built from a task definition without a service ("hello" (Job))']);
  });

  it('--workload wins over the ecs2k8s.io/workload steering key, with a note', async () => {
    const c = fresh();
    const text = JSON.stringify({ family: 'batch', tags: [{ key: 'ecs2k8s.io/workload', value: 'daemonset' }], containerDefinitions: [{ name: 'app', image: 'nginx:1.27', memory: 128 }] }, null, 2);
    const td = join(c.dir, 'td.json');
    writeFileSync(td, text);
    const r = await build([td, '--workload', 'job']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.objects.map((o) => o.kind)).toEqual(['Job']);
    expect(r.diagnostics.find((d) => d.code === 'overridden')).toMatchObject({
      file: td,
      ...posOf(text, '"daemonset"'),
      message: '--workload job replaces "daemonset" of the steering key ecs2k8s.io/workload',
    });
  });
});

describe('--service-name, --region', () => {
  it('--service-name next to a service that has its serviceName: a warning', async () => {
    const r = await build([PAIRING, '--service-name', 'shop']);
    expect(r.code).toBe(0);
    expect(r.objects.find((o) => o.kind === 'Deployment')!.metadata.name).toBe('web');
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      'warning: the service name "shop" (--service-name, or serviceName in the project file) names nothing: every service here has its own serviceName, and there is no task definition without a service',
    ]);
  });

  it('--region next to ECS JSON only: a warning (only CloudFormation templates use it; test/cloudformation.test.ts has the other side)', async () => {
    const r = await build([CLEAN, '--region', 'eu-west-1']);
    expect(r.code).toBe(0);
    expect(of(r.diagnostics, 'not-applied')).toEqual([
      'warning: --region "eu-west-1" changes nothing in this bundle: no CloudFormation template read uses AWS::Region (the ECS ARNs of the inputs carry their own)',
    ]);
  });

  it('region in the project file: a warning at its line', async () => {
    const c = fresh();
    const text = 'labels:\n  team: web\nregion: eu-west-1\n';
    const config = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(config, text);
    const r = await build([CLEAN, '--config', config]);
    expect(r.code).toBe(0);
    expect(r.diagnostics.filter((d) => d.code === 'not-applied')).toEqual([
      {
        file: config,
        ...posOf(text, 'region'),
        severity: 'warning',
        code: 'not-applied',
        message: 'region "eu-west-1" changes nothing in this bundle: no CloudFormation template read uses AWS::Region (the ECS ARNs of the inputs carry their own)',
      },
    ]);
  });

  it('flags that do apply say nothing', async () => {
    const r = await build([CLEAN, '--replicas', '2', '--workload', 'deployment', '--service-name', 'greeter', '--namespace', 'apps']);
    expect(r.code).toBe(0);
    expect(of(r.diagnostics, 'not-applied')).toEqual([]);
    const d = r.objects.find((o) => o.kind === 'Deployment')!;
    expect([d.metadata.name, d.spec['replicas']]).toEqual(['greeter', 2]);
  });
});

describe('diff and apply next to a bundle folder (the test API server)', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await startCluster();
    expect((await c.cli(['build', join(fixturesDir, 'clean'), '--out', 'k8s'])).code).toBe(0);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('each build flag given is a warning: the folder is used as build wrote it', async () => {
    const r = await runBin(['diff', 'k8s', '--replicas', '3', '-n', 'apps', '--image', 'web=nginx:1.28'], { cwd: c.tmp.dir, env: c.env });
    expect(r.code, r.stderr).toBe(1); // an empty cluster: everything differs
    const lines = r.stderr.split('\n').filter((l) => l.includes('not-applied'));
    expect(lines).toEqual(
      ['--image', '--namespace', '--replicas'].map(
        (f) => `ecs2k8s: warning not-applied: ${f} is ignored: k8s is a bundle folder, built already; the flags that shape compilation apply to ECS inputs only`,
      ),
    );
    // And the bundle was used as it is: the live diff shows its one replica, not 3.
    const deployment = r.stdout.split('+++ merged/default/deployment-hello.yaml\n')[1] ?? '';
    expect(deployment).toMatch(/^\+\s+replicas: 1$/m);
  });

  it('without build flags: no warning', async () => {
    const r = await runBin(['diff', 'k8s'], { cwd: c.tmp.dir, env: c.env });
    expect(r.stderr).not.toContain('not-applied');
  });
});
