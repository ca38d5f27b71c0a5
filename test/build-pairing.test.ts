/**
 * Pairing services with task definitions (SPEC §2): family, family:revision and ARN references,
 * the exact revision when several are given, unpaired services, DescribeServices responses,
 * DAEMON services, and ecspresso services without serviceName.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf } from './helpers/cli.js';
import { buildJson, bundleObjects, fixturesDir, objectKey, writeJson, type BundleObject, caseFolders } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-build-pairing-');
type Obj = BundleObject['object'] & { spec?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
const workloads = (out: string): Obj[] =>
  bundleObjects(out)
    .map((o) => o.object as Obj)
    .filter((o) => ['Deployment', 'DaemonSet', 'Job', 'CronJob'].includes(o.kind));
const images = (o: Obj): string[] => o.spec.template.spec.containers.map((c: { image: string }) => c.image);

const pairing = join(fixturesDir, 'pairing');
const revisions = join(fixturesDir, 'revisions');

describe('pairing', () => {
  it('a service naming family:revision pairs with a file of that family that has no revision, with an info note', async () => {
    const c = fresh();
    const { code, report, stderr } = await buildJson([pairing, '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    const note = report.diagnostics.find((d) => d.code === 'paired');
    expect(note).toMatchObject({ severity: 'info', file: join(pairing, 'web-service.json'), pointer: '/taskDefinition' });
    expect(note!.message).toContain('"web:7"');
    expect(note!.message).toContain('web-task-definition.json');
    // A note is not shown without --verbose.
    expect(stderr).toBe('');
    const [d] = workloads(c.out);
    expect(objectKey(d!)).toBe('Deployment/shop/web');
    expect(d!.spec.replicas).toBe(2);
    // Stable selector: no revision in it.
    expect(d!.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/name': 'web' });
  });

  it('with revisions 1 and 2 of the family, the service runs the exact revision it names', async () => {
    const c = fresh();
    const { code, stderr } = await buildJson([revisions, '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    const d = workloads(c.out).find((o) => o.metadata.namespace === 'shop');
    expect(d && images(d)).toEqual(['public.ecr.aws/nginx/nginx:1.2.0']);
  });

  it('with revisions 1 and 2 given, the revision the service does not run is not built as a second workload', async () => {
    const c = fresh();
    // The service in the default namespace (no cluster): a second "web" there would collide.
    mkdirSync(join(c.dir, 'in'));
    cpSync(join(revisions, 'web-revision-1.json'), join(c.dir, 'in', 'web-revision-1.json'));
    cpSync(join(revisions, 'web-revision-2.json'), join(c.dir, 'in', 'web-revision-2.json'));
    writeJson(join(c.dir, 'in'), 'web-service.json', { serviceName: 'web', taskDefinition: 'web:2', desiredCount: 2 });
    const { code, report, stderr } = await buildJson([join(c.dir, 'in'), '--out', c.out], c.report);
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code).toBe(0);
    const ws = workloads(c.out);
    expect(ws.map(objectKey)).toEqual(['Deployment/default/web']);
    expect(images(ws[0]!)).toEqual(['public.ecr.aws/nginx/nginx:1.2.0']);
  });

  it('with revisions 1 and 2 given and a service naming the family alone: exit 2, asking which revision', async () => {
    const c = fresh();
    const svc = writeJson(c.dir, 'svc.json', { serviceName: 'web', taskDefinition: 'web', desiredCount: 1 });
    const { code, report } = await buildJson([join(revisions, 'web-revision-1.json'), join(revisions, 'web-revision-2.json'), svc, '--out', c.out], c.report);
    expect(code).toBe(2);
    const e = errorsOf(report).find((d) => d.code === 'unpaired-service');
    expect(e?.message).toMatch(/revisions: 1, 2/);
  });

  it('a service whose task definition is not among the inputs: exit 2 unpaired-service naming the families found', async () => {
    const c = fresh();
    const ghost = join(fixturesDir, 'unpaired', 'ghost-service.json');
    const { code, report } = await buildJson([ghost, pairing, join(fixturesDir, 'clean'), '--out', c.out], c.report);
    expect(code).toBe(2);
    const e = errorsOf(report).filter((d) => d.code === 'unpaired-service');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ file: ghost, pointer: '/taskDefinition', line: 4 });
    expect(e[0]!.message).toContain('"ghost:3"');
    expect(e[0]!.message).toContain('"hello", "web"');
    expect(() => bundleObjects(c.out)).toThrow(); // nothing written
  });

  it('a DescribeServices response with two services, and both task definitions: two workloads', async () => {
    const c = fresh();
    const { code, report, stderr } = await buildJson([join(fixturesDir, 'describe-services'), '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    expect(workloads(c.out).map((o) => [objectKey(o), o.spec.replicas])).toEqual([
      ['Deployment/shop/api', 3],
      ['Deployment/shop/worker', 1],
    ]);
    // Each service was paired by its task definition ARN, and the note points into the services array.
    const notes = report.diagnostics.filter((d) => d.code === 'paired').map((d) => d.pointer);
    expect(notes).toEqual(['/services/0/taskDefinition', '/services/1/taskDefinition']);
  });

  it('schedulingStrategy DAEMON: a DaemonSet', async () => {
    const c = fresh();
    const { code, stderr } = await buildJson([join(fixturesDir, 'daemon'), '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    const ws = workloads(c.out);
    expect(ws.map(objectKey)).toEqual(['DaemonSet/ops/node-agent']);
    expect(ws[0]!.apiVersion).toBe('apps/v1');
    expect(ws[0]!.spec.replicas).toBeUndefined();
  });

  it('a service without serviceName (ecspresso) takes its name from --service-name', async () => {
    const c = fresh();
    const svc = join(fixturesDir, 'ecspresso', 'ecs-service-def.json');
    const td = join(pairing, 'web-task-definition.json');
    const { code, stderr } = await buildJson([svc, td, '--out', c.out, '--service-name', 'storefront'], c.report);
    expect(code, stderr).toBe(0);
    const ws = workloads(c.out);
    expect(ws.map(objectKey)).toEqual(['Deployment/default/storefront']);
    expect(ws[0]!.spec.replicas).toBe(2);
  });

  it('with --service-name given, the ecspresso service is not warned about a missing serviceName (so --strict passes, the drain-floor warning acknowledged)', async () => {
    const c = fresh();
    const svc = join(fixturesDir, 'ecspresso', 'ecs-service-def.json');
    const td = join(pairing, 'web-task-definition.json');
    const config = join(c.dir, 'ecs2k8s.yaml');
    writeFileSync(config, 'diagnostics:\n  ignore: [disruption-budget]\n');
    const { code, report, stderr } = await buildJson([svc, td, '--out', c.out, '--service-name', 'storefront', '--strict', '--config', config], c.report);
    expect(report.diagnostics.filter((d) => d.code === 'missing-service-name')).toEqual([]);
    expect(code, stderr).toBe(0);
  });

  it('a service without serviceName and without --service-name takes the family, with a warning', async () => {
    const c = fresh();
    const svc = join(fixturesDir, 'ecspresso', 'ecs-service-def.json');
    const { code, report, stderr } = await buildJson([svc, join(pairing, 'web-task-definition.json'), '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    expect(report.diagnostics.find((d) => d.code === 'missing-service-name')?.severity).toBe('warning');
    expect(workloads(c.out).map(objectKey)).toEqual(['Deployment/default/web']);
  });

  it('two services of one task definition in two clusters: two workloads from one file', async () => {
    const c = fresh();
    const blue = writeJson(c.dir, 'blue.json', { cluster: 'blue', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 });
    const green = writeJson(c.dir, 'green.json', { cluster: 'green', serviceName: 'web', taskDefinition: 'web:3', desiredCount: 4 });
    const { code, stderr } = await buildJson([blue, green, join(pairing, 'web-task-definition.json'), '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    expect(workloads(c.out).map((o) => [objectKey(o), o.spec.replicas])).toEqual([
      ['Deployment/blue/web', 1],
      ['Deployment/green/web', 4],
    ]);
  });
});
