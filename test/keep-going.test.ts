/**
 * `build --keep-going` through the real bin (SPEC §14): a fleet where one service is bad. What
 * builds is written, the bad service keeps the files of its previous build byte for byte and is
 * listed at the end, exit 2; without the flag nothing is written.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseText, runBin, type JsonReport } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { servicesDir, taskdefsDir } from './helpers/build.js';

const tmp = makeTempDir('ecs2k8s-keep-going-');
afterAll(() => tmp.remove());

function taskDefinition(family: string, port: number) {
  return {
    family,
    containerDefinitions: [
      { name: 'app', image: `public.ecr.aws/nginx/nginx:1.${port}`, essential: true, cpu: 256, memory: 512, portMappings: [{ name: 'http', containerPort: port, protocol: 'tcp' }] },
    ],
  };
}
const service = (name: string, family: string) => ({ cluster: 'shop', serviceName: name, taskDefinition: `${family}:1`, desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 50 } });

/** A fleet of three services, each a task definition file and a service file. */
function fleet(): { dir: string; ecs: string; out: string } {
  const dir = tmp.fresh();
  const ecs = join(dir, 'ecs');
  mkdirSync(ecs);
  for (const [name, port] of [
    ['cart', 8080],
    ['orders', 8081],
    ['web', 8082],
  ] as const) {
    writeFileSync(join(ecs, `${name}-td.json`), JSON.stringify(taskDefinition(name, port), null, 2));
    writeFileSync(join(ecs, `${name}-svc.json`), JSON.stringify(service(name, name), null, 2));
  }
  return { dir, ecs, out: join(dir, 'k8s') };
}

const files = (dir: string) => readdirSync(dir).sort();
const read = (p: string) => readFileSync(p, 'utf8');

describe('build --keep-going', () => {
  it('one bad service: the others are rebuilt, it keeps its previous files, it is listed, exit 2', async () => {
    const f = fleet();
    const first = await runBin(['build', 'ecs', '--out', 'k8s'], { cwd: f.dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const before = new Map(files(join(f.out, 'shop')).map((n) => [n, read(join(f.out, 'shop', n))]));
    expect([...before.keys()]).toContain('deployment-orders.yaml');

    // Change two services, and break the third (orders) with a value ECS rejects.
    for (const [name, port] of [
      ['cart', 9090],
      ['web', 9092],
    ] as const)
      writeFileSync(join(f.ecs, `${name}-td.json`), JSON.stringify(taskDefinition(name, port), null, 2));
    const broken = taskDefinition('orders', 7000) as { containerDefinitions: { cpu: unknown }[] };
    broken.containerDefinitions[0]!.cpu = 'lots';
    writeFileSync(join(f.ecs, 'orders-td.json'), JSON.stringify(broken, null, 2));

    const all = await runBin(['build', 'ecs', '--out', 'k8s'], { cwd: f.dir });
    expect(all.code).toBe(2);
    for (const [n, text] of before) expect(read(join(f.out, 'shop', n)), `${n} without --keep-going`).toBe(text);

    const r = await runBin(['build', 'ecs', '--out', 'k8s', '--keep-going'], { cwd: f.dir });
    expect(r.code).toBe(2);
    // The diagnostic of the bad input, located.
    const diags = parseText(r.stderr);
    expect(diags).toContainEqual(expect.objectContaining({ file: 'ecs/orders-td.json', severity: 'error', code: 'wrong-type', line: expect.any(Number), column: expect.any(Number) }));
    // Listed at the end: the task definition, and its service that failed without it.
    const tail = r.stderr.slice(r.stderr.indexOf('--keep-going:'));
    expect(tail).toMatch(/^--keep-going: 2 of 6 inputs failed and were not built; \d+ files of their previous build kept:\n/);
    expect(tail).toContain('  ecs/orders-td.json (orders): 1 error\n');
    expect(tail).toContain('  ecs/orders-svc.json (orders): failed once ecs/orders-td.json was left out\n');
    expect(r.stderr.endsWith('  ecs/orders-td.json (orders): 1 error\n')).toBe(true);
    // The others are rebuilt with their new ports, the failed one is as it was.
    expect(read(join(f.out, 'shop', 'deployment-cart.yaml'))).toContain('containerPort: 9090');
    expect(read(join(f.out, 'shop', 'deployment-web.yaml'))).toContain('containerPort: 9092');
    for (const n of ['deployment-orders.yaml', 'service-orders.yaml', 'serviceaccount-orders.yaml']) {
      if (before.has(n)) expect(read(join(f.out, 'shop', n)), n).toBe(before.get(n));
    }
    expect(files(join(f.out, 'shop'))).toEqual([...before.keys()]);
    // The namespace's kustomization still lists the kept files, so kubectl applies them.
    expect(read(join(f.out, 'shop', 'kustomization.yaml'))).toContain('deployment-orders.yaml');

    // A json report lists them too, and the build is repeatable.
    const again = await runBin(['build', 'ecs', '--out', 'k8s', '--keep-going', '--report', 'json', '--report-file', 'r.json'], { cwd: f.dir });
    expect(again.code).toBe(2);
    expect(again.stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
    const report = JSON.parse(read(join(f.dir, 'r.json'))) as JsonReport & { keepGoing: { failed: { file: string; name?: string; because?: string[] }[]; kept: string[] } };
    expect(report.keepGoing.failed.map((x) => x.file)).toEqual(['ecs/orders-svc.json', 'ecs/orders-td.json']);
    expect(report.keepGoing.failed[0]!.because).toEqual(['ecs/orders-td.json']);
    expect(report.keepGoing.kept).toContain('shop/deployment-orders.yaml');

    // Fixed, the service is rebuilt and nothing is listed.
    writeFileSync(join(f.ecs, 'orders-td.json'), JSON.stringify(taskDefinition('orders', 7000), null, 2));
    const fixed = await runBin(['build', 'ecs', '--out', 'k8s', '--keep-going'], { cwd: f.dir });
    expect(fixed.stderr).toBe('');
    expect(fixed.code).toBe(0);
    expect(read(join(f.out, 'shop', 'deployment-orders.yaml'))).toContain('containerPort: 7000');
  });

  it('a bad service file on a first build: its task definition is not built on its own either', async () => {
    const f = fleet();
    writeFileSync(join(f.ecs, 'web-svc.json'), '{ "cluster": "shop", "serviceName": "web", "taskDefinition": "web:1", ');
    const r = await runBin(['build', 'ecs', '--out', 'k8s', '--keep-going'], { cwd: f.dir });
    expect(r.code).toBe(2);
    expect(parseText(r.stderr)).toContainEqual(expect.objectContaining({ file: 'ecs/web-svc.json', code: 'json-syntax' }));
    expect(r.stderr).toContain('  ecs/web-td.json (web): failed once ecs/web-svc.json was left out\n');
    const shop = files(join(f.out, 'shop'));
    expect(shop).toContain('deployment-cart.yaml');
    expect(shop).toContain('deployment-orders.yaml');
    expect(shop.filter((n) => n.includes('web'))).toEqual([]);
  });

  it('the corpus plus invalid files: every service that builds is written, each failure listed', async () => {
    const dir = tmp.fresh();
    const out = join(dir, 'k8s');
    const invalid = join(taskdefsDir, '..', 'invalid');
    const plain = await runBin(['build', taskdefsDir, servicesDir, invalid, '--out', out], { cwd: dir });
    expect(plain.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const r = await runBin(['build', taskdefsDir, servicesDir, invalid, '--out', out, '--keep-going', '--report', 'json', '--report-file', 'r.json'], { cwd: dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(read(join(dir, 'r.json'))) as JsonReport & { keepGoing: { failed: { file: string }[] } };
    const failed = report.keepGoing.failed.map((x) => x.file);
    // Every file with an error is listed, and only those.
    const withErrors = [...new Set(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))].sort();
    expect(failed).toEqual(withErrors);
    for (const name of readdirSync(invalid))
      expect(
        failed.some((x) => x.endsWith(name)),
        name,
      ).toBe(true);
    // What built is there: one Deployment (or other workload) per task definition that did not fail.
    const built = readdirSync(join(out, 'default')).filter((n) => /^(deployment|daemonset|job|cronjob|rollout)-/.test(n));
    expect(built.length).toBeGreaterThan(10);
    expect(r.stderr).toMatch(/--keep-going: \d+ of \d+ inputs failed and were not built:\n(  .*\n)+$/);
  });

  it('is refused where it means nothing', async () => {
    const f = fleet();
    for (const extra of [['--stdout'], ['--out', 'k8s', '--check'], ['--out', 'k8s', '--format', 'helm']]) {
      const r = await runBin(['build', 'ecs', '--keep-going', ...extra], { cwd: f.dir });
      expect(r.code, extra.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^ecs2k8s: --keep-going .*\nRun "ecs2k8s build --help" for usage\.\n$/);
    }
  });
});
