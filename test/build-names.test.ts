/**
 * Hostile names (SPEC §3, §5, §9): names ECS rejects are rejected (exit 2, a clear diagnostic,
 * nothing written); names ECS accepts but Kubernetes does not are sanitised to DNS-1123 labels,
 * said so (name-sanitised / port-name), and never lead a file outside --out. Two inputs that
 * sanitise to one name fail with name-collision and write nothing.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateK8sObject } from '../src/k8s/validate/index.js';
import { errorsOf, type JsonReport, type ReportDiagnostic } from './helpers/cli.js';
import { allPaths, asText, buildJson, bundleObjects, corpusTaskdef, runIn, snapshot, writeJson } from './helpers/build.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-build-names-');
afterAll(() => tmp.remove());
let seq = 0;

/** The corpus task definition the variants start from: one container with a port, an EFS volume mounted. */
const BASE = 'ecs2k8s__written__fargate-efs-one-container.json';
type Td = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function baseTd(): Td {
  const td = structuredClone(corpusTaskdef(BASE)) as Td;
  td['containerDefinitions'][0].portMappings[0].name = 'web';
  return td;
}

type Field = 'family' | 'container' | 'volume' | 'port';
function withName(field: Field, value: string): Td {
  const td = baseTd();
  const c = td['containerDefinitions'][0];
  if (field === 'family') td['family'] = value;
  if (field === 'container') c.name = value;
  if (field === 'volume') {
    td['volumes'][0].name = value;
    c.mountPoints[0].sourceVolume = value;
  }
  if (field === 'port') c.portMappings[0].name = value;
  return td;
}
const POINTER: Record<Field, string> = {
  family: '/family',
  container: '/containerDefinitions/0/name',
  volume: '/volumes/0/name',
  port: '/containerDefinitions/0/portMappings/0/name',
};

/**
 * A case folder: `in/` (inputs), `a/b/c/out` (the bundle, three levels down so that a path
 * climbing out of it with ../.. would still land in the case folder, where the test sees it).
 */
function caseDir(): { dir: string; input: string; out: string; report: string } {
  const dir = tmp.path(`case-${++seq}`);
  mkdirSync(join(dir, 'in'), { recursive: true });
  mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
  return { dir, input: join(dir, 'in'), out: join(dir, 'a', 'b', 'c', 'out'), report: join(dir, 'report.json') };
}

/** The case folder holds only the inputs, the report and the bundle; the bundle only plain files and folders inside it. */
function expectContained(c: ReturnType<typeof caseDir>): void {
  const expected = new Set([join(c.dir, 'in'), join(c.dir, 'report.json'), join(c.dir, 'a'), join(c.dir, 'a', 'b'), join(c.dir, 'a', 'b', 'c'), c.out]);
  const stray = allPaths(c.dir).filter((p) => !expected.has(p) && !p.startsWith(c.out + sep) && !p.startsWith(join(c.dir, 'in') + sep));
  expect(stray, 'files written outside --out').toEqual([]);
  if (existsSync(c.out)) {
    for (const p of allPaths(c.out)) {
      expect(resolve(p).startsWith(resolve(c.out) + sep), p).toBe(true);
      expect(
        p
          .slice(c.out.length + 1)
          .split(sep)
          .every((s) => /^[.a-z0-9][-a-z0-9.]*$/.test(s) && s !== '..' && s !== '.'),
        p,
      ).toBe(true);
    }
    expect(() => snapshot(c.out)).not.toThrow(); // no symbolic links
  }
}

const ecsName = /^[A-Za-z0-9_-]{1,255}$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Names whose value ECS rejects for family, container and volume names (letters, digits, - and _, 1 to 255). */
const REJECTED: [string, string][] = [
  ['..', '..'],
  ['../../x', '../../x'],
  ['/etc/passwd', '/etc/passwd'],
  ['a/b', 'a/b'],
  ['backslash', 'a\\b'],
  ['..\\..\\x', '..\\..\\x'],
  ['NUL', 'a\u0000b'],
  ['newline', 'a\nb'],
  ['dot', 'web.app'],
  ['space', 'web app'],
  ['unicode', 'ünïcødé'],
  ['CJK', '名前'],
  ['emoji', 'app😀'],
  ['256 characters', 'a'.repeat(256)],
  ['300 characters', 'A_b'.repeat(100)],
  ['empty', ''],
];

/** Names ECS accepts that Kubernetes needs changed. */
const ACCEPTED: [string, string][] = [
  ['255 characters of A_b', 'A_b'.repeat(85)],
  ['255 characters of x', 'x'.repeat(255)],
  ['uppercase and _', 'My_App'],
  ['only _', '___'],
  ['leading and trailing - and _', '-_Web_-'],
  ['digits', '2024'],
];

let tmpBefore: Set<string>;
beforeAll(() => {
  tmpBefore = new Set(readdirSync(tmpdir()));
});
afterAll(() => {
  // Nothing named after a hostile input appeared in the temp folder (other suites create their own folders there).
  const fresh = readdirSync(tmpdir()).filter((n) => !tmpBefore.has(n));
  expect(fresh.filter((n) => /^(x|b|etc|passwd|web|app|\.\.)$/i.test(n) || n.includes('passwd') || n.includes('..'))).toEqual([]);
});

describe('names that ECS rejects: exit 2 at the field, nothing written', () => {
  const cases = (['family', 'container', 'volume'] as const).flatMap((field) => REJECTED.map(([label, value]) => [field, label, value] as const));
  it.each(cases)('%s %s', async (field, _label, value) => {
    expect(ecsName.test(value)).toBe(false);
    const c = caseDir();
    const file = writeJson(c.input, 'task-definition.json', withName(field, value));
    const { code, report, stderr } = await buildJson([file, '--out', c.out], c.report);
    expect(code, stderr).toBe(2);
    const errors = errorsOf(report);
    // An empty name is an absent one: the error may sit on the object that lacks it, or on a reference to it.
    const near = (ptr: string | undefined) =>
      ptr === POINTER[field] || (value === '' && ptr !== undefined && (POINTER[field].startsWith(`${ptr}/`) || (field === 'volume' && ptr.startsWith('/containerDefinitions/0/mountPoints/0'))));
    const at = errors.find((e) => near(e.pointer));
    expect(at, JSON.stringify(errors, null, 2)).toBeDefined();
    expect(at!.file).toBe(file);
    expect(at!.line).toBeGreaterThanOrEqual(1);
    // A clear message: it names the rule, and shows the value escaped (no raw control character).
    if (value !== '') expect(at!.message).toMatch(/letters, digits|255|pattern|characters/);
    // eslint-disable-next-line no-control-regex
    expect(at!.message).not.toMatch(/[\u0000-\u001f]/);
    expect(existsSync(c.out)).toBe(false);
    expectContained(c);
  });

  it.each(REJECTED.filter(([, v]) => v !== ''))('service name %s', async (_label, value) => {
    const c = caseDir();
    const td = writeJson(c.input, 'task-definition.json', baseTd());
    const svc = writeJson(c.input, 'service.json', { cluster: 'apps', serviceName: value, taskDefinition: 'file-browser', desiredCount: 1 });
    const { code, report, stderr } = await buildJson([td, svc, '--out', c.out], c.report);
    expect(code, stderr).toBe(2);
    expect(
      errorsOf(report).find((e) => e.pointer === '/serviceName' && e.file === svc),
      JSON.stringify(report.diagnostics, null, 2),
    ).toBeDefined();
    expect(existsSync(c.out)).toBe(false);
    expectContained(c);
  });
});

/** Every object valid, every name a DNS-1123 name of at most 63 (253 for a PersistentVolume(Claim)), every label a valid label. */
function expectSanitisedBundle(out: string): void {
  const objects = bundleObjects(out);
  expect(objects.length).toBeGreaterThan(0);
  for (const { path, object } of objects) {
    expect(validateK8sObject(object), path).toEqual([]);
    const long = ['PersistentVolume', 'PersistentVolumeClaim', 'ExternalSecret', 'ConfigMap', 'Secret'].includes(object.kind);
    expect(object.metadata.name.length, path).toBeLessThanOrEqual(long ? 253 : 63);
    expect(object.metadata.name, path).toMatch(long ? /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/ : DNS1123);
    expect(path.split('/').pop()!.length, path).toBeLessThanOrEqual(255);
  }
}

const diagAt = (report: JsonReport, pointer: string, codes: string[]): ReportDiagnostic | undefined => report.diagnostics.find((d) => d.pointer === pointer && codes.includes(d.code));

describe('names that ECS accepts: sanitised, said so, written inside --out', () => {
  const cases = (['family', 'container', 'volume'] as const).flatMap((field) => ACCEPTED.map(([label, value]) => [field, label, value] as const));
  it.each(cases)('%s %s', async (field, _label, value) => {
    expect(ecsName.test(value)).toBe(true);
    const c = caseDir();
    const file = writeJson(c.input, 'task-definition.json', withName(field, value));
    const { code, report, stderr } = await buildJson([file, '--out', c.out, '--verbose'], c.report);
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code).toBe(0);
    expectContained(c);
    expectSanitisedBundle(c.out);
    // The change is reported at the name (a warning for the workload's name, a note at least for the others).
    if (!DNS1123.test(value) || value.length > 63) {
      const d = diagAt(report, POINTER[field], ['name-sanitised']);
      expect(d, `no name-sanitised at ${POINTER[field]}: ${JSON.stringify(report.diagnostics, null, 2)}`).toBeDefined();
      if (field === 'family') expect(d!.severity).toBe('warning');
    }
    // The workload keeps a stable, valid name.
    const workload = bundleObjects(c.out).find((o) => o.object.kind === 'Deployment')!.object;
    expect(workload.metadata.name).toMatch(DNS1123);
    expect(workload.metadata.labels?.['app.kubernetes.io/name']).toMatch(DNS1123);
  });

  it('two long families that differ only at the end stay apart (hash suffix)', async () => {
    const c = caseDir();
    const a = writeJson(c.input, 'a.json', withName('family', `${'A_b'.repeat(84)}_1`));
    const b = writeJson(c.input, 'b.json', withName('family', `${'A_b'.repeat(84)}_2`));
    const { code, stderr } = await buildJson([a, b, '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    const deployments = bundleObjects(c.out)
      .filter((o) => o.object.kind === 'Deployment')
      .map((o) => o.object.metadata.name);
    expect(new Set(deployments).size).toBe(2);
    expectContained(c);
  });

  const PORTS: [string, string][] = [...REJECTED.filter(([, v]) => v !== ''), ['uppercase and _', 'Http_Admin'], ['long', 'metrics-endpoint-for-prometheus']];
  it.each(PORTS)('port name %s: a valid IANA port name of at most 15 characters, with a warning', async (_label, value) => {
    const c = caseDir();
    const file = writeJson(c.input, 'task-definition.json', withName('port', value));
    const { code, report, stderr } = await buildJson([file, '--out', c.out], c.report);
    expectContained(c);
    if (code === 2) {
      // ECS itself limits port names; rejecting one is fine if it says where.
      expect(
        errorsOf(report).some((e) => e.pointer === POINTER.port),
        stderr,
      ).toBe(true);
      return;
    }
    expect(code, stderr).toBe(0);
    expectSanitisedBundle(c.out);
    expect(diagAt(report, POINTER.port, ['port-name', 'name-sanitised']), JSON.stringify(report.diagnostics, null, 2)).toBeDefined();
    const deployment = bundleObjects(c.out).find((o) => o.object.kind === 'Deployment')!.object as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    const names: string[] = deployment.spec.template.spec.containers.flatMap((x: any) => (x.ports ?? []).map((p: any) => p.name)); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(names.length).toBe(1);
    expect(names[0]!.length).toBeLessThanOrEqual(15);
    expect(names[0]).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(names[0]).toMatch(/[a-z]/);
  });

  it.each([
    ['dots and slashes', 'my.cluster/../../etc', 'my-cluster-etc'],
    ['uppercase and _', 'Prod_EU', 'prod-eu'],
    ['an ARN', 'arn:aws:ecs:eu-west-1:123456789012:cluster/Prod_EU', 'prod-eu'],
  ])('cluster name with %s becomes a namespace folder inside --out', async (_label, cluster, namespace) => {
    const c = caseDir();
    const td = writeJson(c.input, 'task-definition.json', baseTd());
    const svc = writeJson(c.input, 'service.json', { cluster, serviceName: 'cmd', taskDefinition: 'file-browser', desiredCount: 1 });
    const { code, report, stderr } = await buildJson([td, svc, '--out', c.out, '--verbose'], c.report);
    expectContained(c);
    if (code === 2) {
      expect(
        errorsOf(report).some((e) => e.pointer === '/cluster'),
        stderr,
      ).toBe(true);
      return;
    }
    expect(code, stderr).toBe(0);
    expectSanitisedBundle(c.out);
    expect(readdirSync(c.out).sort()).toEqual(['.ecs2k8s-manifest.json', 'kustomization.yaml', namespace]);
    for (const { object } of bundleObjects(c.out)) if (object.kind !== 'Namespace' && object.kind !== 'PersistentVolume') expect(object.metadata.namespace).toBe(namespace);
    expect(diagAt(report, '/cluster', ['name-sanitised']), JSON.stringify(report.diagnostics, null, 2)).toBeDefined();
  });

  it('service name of 255 characters of A_b: a warning and a valid name', async () => {
    const c = caseDir();
    const td = writeJson(c.input, 'task-definition.json', baseTd());
    const svc = writeJson(c.input, 'service.json', { cluster: 'apps', serviceName: 'A_b'.repeat(85), taskDefinition: 'file-browser', desiredCount: 1 });
    const { code, report, stderr } = await buildJson([td, svc, '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    expect(diagAt(report, '/serviceName', ['name-sanitised'])?.severity).toBe('warning');
    expectSanitisedBundle(c.out);
    expectContained(c);
  });

  it.each([
    ['--service-name', ['--service-name', '../../../etc/passwd']],
    ['--namespace', ['--namespace', '../../Evil_NS']],
    ['--namespace ..', ['--namespace', '..']],
  ])('hostile %s on the command line: rejected, or sanitised with a warning, and never outside --out', async (_label, flags) => {
    const c = caseDir();
    const td = writeJson(c.input, 'task-definition.json', baseTd());
    const { code, report, stderr } = await buildJson([td, '--out', c.out, ...flags], c.report);
    expectContained(c);
    if (code === 2) {
      expect(
        errorsOf(report).some((e) => e.message.includes(flags[0]!)),
        stderr,
      ).toBe(true);
      return;
    }
    expect(code, stderr).toBe(0);
    expectSanitisedBundle(c.out);
    // A value the user typed that does not reach the output unchanged is not changed silently.
    expect(report.diagnostics.filter((d) => d.code === 'name-sanitised' && d.severity === 'warning').length, JSON.stringify(report.diagnostics, null, 2)).toBeGreaterThan(0);
  });
});

describe('collisions: two inputs, one Kubernetes name → exit 2, nothing written', () => {
  function pair(c: ReturnType<typeof caseDir>): [string, string] {
    return [writeJson(c.input, 'my-underscore-app.json', withName('family', 'My_App')), writeJson(c.input, 'my-dash-app.json', withName('family', 'my-app'))];
  }

  it('families My_App and my-app, into a new folder: name-collision naming both files; no folder created', async () => {
    const c = caseDir();
    const [a, b] = pair(c);
    const { code, report, stderr } = await buildJson([a, b, '--out', c.out], c.report);
    expect(code).toBe(2);
    const collisions = errorsOf(report).filter((e) => e.code === 'name-collision');
    expect(collisions.length, stderr).toBeGreaterThan(0);
    for (const e of collisions) {
      expect(e.message).toContain(a);
      expect(e.message).toContain(b);
      expect(e.message).toMatch(/"(default-)?my-app(-[a-z0-9-]+)?"/);
    }
    expect(stderr).toContain('name-collision');
    expect(existsSync(c.out)).toBe(false);
    expectContained(c);
  });

  it('into a folder holding an earlier bundle: every byte of it intact', async () => {
    const c = caseDir();
    const [a, b] = pair(c);
    const first = await runIn(['build', a, '--out', c.out]);
    expect(first.code, first.stderr).toBe(0);
    const before = snapshot(c.out);
    const mtimes = new Map([...before.keys()].map((p) => [p, statSync(join(c.out, p)).mtimeMs]));
    const { code } = await buildJson([a, b, '--out', c.out], c.report);
    expect(code).toBe(2);
    expect(asText(snapshot(c.out))).toEqual(asText(before));
    for (const [p, m] of mtimes) expect(statSync(join(c.out, p)).mtimeMs, p).toBe(m);
    expect(readdirSync(c.out).filter((n) => n.includes('staging') || n.includes('lock') || n.includes('journal'))).toEqual([]);
  });

  it('container names App_Main and app-main in one task definition: name-collision at the second', async () => {
    const c = caseDir();
    const td = baseTd();
    td['containerDefinitions'].push({ ...structuredClone(td['containerDefinitions'][0]), name: 'app-main', portMappings: [] });
    td['containerDefinitions'][0].name = 'App_Main';
    const file = writeJson(c.input, 'td.json', td);
    const { code, report } = await buildJson([file, '--out', c.out], c.report);
    expect(code).toBe(2);
    expect(errorsOf(report).some((e) => e.code === 'name-collision' && e.pointer === '/containerDefinitions/1/name')).toBe(true);
    expect(existsSync(c.out)).toBe(false);
  });

  it('volume names Data_Vol and data-vol in one task definition: name-collision', async () => {
    const c = caseDir();
    const td = baseTd();
    td['volumes'].push({ name: 'data-vol' });
    td['volumes'][0].name = 'Data_Vol';
    td['containerDefinitions'][0].mountPoints[0].sourceVolume = 'Data_Vol';
    const file = writeJson(c.input, 'td.json', td);
    const { code, report } = await buildJson([file, '--out', c.out], c.report);
    expect(code).toBe(2);
    expect(errorsOf(report).some((e) => e.code === 'name-collision' && e.pointer === '/volumes/1/name')).toBe(true);
    expect(existsSync(c.out)).toBe(false);
  });

  it('the same family in two namespaces (two clusters) does not collide', async () => {
    const c = caseDir();
    const td = writeJson(c.input, 'td.json', baseTd());
    const s1 = writeJson(c.input, 's1.json', { cluster: 'blue', serviceName: 'cmd', taskDefinition: 'file-browser', desiredCount: 1 });
    const s2 = writeJson(c.input, 's2.json', { cluster: 'green', serviceName: 'cmd', taskDefinition: 'file-browser', desiredCount: 1 });
    const { code, stderr } = await buildJson([td, s1, s2, '--out', c.out], c.report);
    expect(code, stderr).toBe(0);
    const deployments = bundleObjects(c.out)
      .filter((o) => o.object.kind === 'Deployment')
      .map((o) => o.path)
      .sort();
    expect(deployments).toEqual(['blue/deployment-cmd.yaml', 'green/deployment-cmd.yaml']);
  });
});
