/**
 * `ecs2k8s build` end to end through the public CLI: every corpus task definition builds on its own
 * and its output passes the strict output validation; `kubectl kustomize` reads the bundles
 * (when kubectl is installed); the output is byte-deterministic whatever the order of the inputs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { validateK8sObject } from '../src/k8s/validate/index.js';
import { errorsOf } from './helpers/cli.js';
import {
  asText,
  buildJson,
  bundleObjects,
  collisionFreeGroups,
  corpusTaskdef,
  corpusTaskdefs,
  exampleDir,
  fixturesDir,
  objectKey,
  runIn,
  shuffled,
  snapshot,
  taskdefsDir,
  type BundleObject,
} from './helpers/build.js';
import { corpusRoots, type CorpusRoot } from './helpers/corpus.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-build-');
afterAll(() => tmp.remove());
let seq = 0;
/** A fresh folder under the test's temp dir. */
const fresh = (label: string): string => {
  const d = tmp.path(`${label}-${++seq}`);
  mkdirSync(d, { recursive: true });
  return d;
};

/** Output validation of every object file; the issues as readable strings. */
function outputIssues(objects: readonly BundleObject[]): string[] {
  return objects.flatMap(({ path, object }) => validateK8sObject(object).map((i) => `${path} ${i.code} at ${i.pointer || '/'}: ${i.message}`));
}

const roots = corpusRoots.map((r) => [r.label, r, join(r.dir, 'taskdefs')] as [string, CorpusRoot, string]);

describe.each(roots)('%s: every task definition builds on its own, and its output passes the strict output validation', (_label, _root, dir) => {
  const files = corpusTaskdefs(dir);
  it('holds task definitions', () => expect(files.length).toBeGreaterThan(10));

  it.each(files)('%s', async (name) => {
    const c = fresh('corpus');
    const out = join(c, 'out');
    const { code, report, stderr } = await buildJson([join(dir, name), '--out', out], join(c, 'report.json'));
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code, stderr).toBe(0);
    const objects = bundleObjects(out);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.some((o) => ['Deployment', 'DaemonSet', 'Job', 'CronJob'].includes(o.object.kind))).toBe(true);
    expect(outputIssues(objects)).toEqual([]);
    // Every object lies in the folder of its namespace (cluster-scoped ones in the folder of their workload).
    for (const { path, object } of objects) {
      if (object.metadata.namespace !== undefined) expect(path.split('/')[0], path).toBe(object.metadata.namespace);
    }
  });
});

/** The family of a corpus file, sanitised the way a Kubernetes name is (lower case, runs of other characters → '-'). */
const familyKey =
  (dir: string) =>
  (file: string): string =>
    String(corpusTaskdef(file, dir)['family'])
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');

describe.each(roots)('%s: all task definitions in one build', (_label, _root, dir) => {
  it('fails only on genuine collisions: files that share one family, each named', async () => {
    const c = fresh('corpus-all');
    const out = join(c, 'out');
    const { code, report } = await buildJson([dir, '--out', out], join(c, 'report.json'));
    const errors = errorsOf(report);
    const key = familyKey(dir);
    const families = new Map<string, string[]>();
    for (const f of corpusTaskdefs(dir)) families.set(key(f), [...(families.get(key(f)) ?? []), f]);
    const shared = [...families.values()].filter((fs) => fs.length > 1);
    if (shared.length === 0) {
      expect(errors).toEqual([]);
      expect(code).toBe(0);
      return;
    }
    // Today: four aws-samples firelens examples all have the family "firelens-example-cloudwatch".
    expect(code).toBe(2);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.code, e.message).toBe('name-collision');
      const named = corpusTaskdefs(dir).filter((f) => e.message.includes(f));
      expect(named, e.message).toHaveLength(2);
      expect(key(named[0]!), e.message).toBe(key(named[1]!));
    }
    // Nothing was written.
    expect(() => snapshot(out)).toThrow();
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
const hasKubectl = kubectl.status === 0;
if (!hasKubectl) console.warn('build.test.ts: kubectl is not on PATH: the kustomize tests are skipped');

/** `kubectl kustomize dir`, parsed. */
function kustomize(dir: string): BundleObject['object'][] {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  return parseAllDocuments(text).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as BundleObject['object'];
  });
}

/** kubectl kustomize accepts every namespace folder and the root, and prints exactly the bundle's objects. */
function expectKustomizeReads(out: string): void {
  const objects = bundleObjects(out);
  const byKey = (list: readonly BundleObject['object'][]) => new Map(list.map((o) => [objectKey(o), o]));
  const root = kustomize(out);
  expect(root).toHaveLength(objects.length);
  expect([...byKey(root).keys()].sort()).toEqual(objects.map((o) => objectKey(o.object)).sort());
  expect(byKey(root)).toEqual(byKey(objects.map((o) => o.object)));
  const rootKustomization = parseYaml(snapshot(out).get('kustomization.yaml')!.toString('utf8')) as { resources: string[] };
  expect(rootKustomization.resources.length).toBeGreaterThan(0);
  for (const ns of rootKustomization.resources) {
    const inFolder = objects.filter((o) => o.path.startsWith(`${ns}/`)).map((o) => o.object);
    const printed = kustomize(join(out, ns));
    expect(printed.map(objectKey).sort(), ns).toEqual(inFolder.map(objectKey).sort());
    expect(byKey(printed), ns).toEqual(byKey(inFolder));
  }
}

describe.skipIf(!hasKubectl)('kubectl kustomize reads the bundles (skipped when kubectl is not on PATH)', () => {
  it('the example (examples/web-app)', async () => {
    const dir = fresh('kz-example');
    const out = join(dir, 'out');
    const r = await runIn(['build', exampleDir, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expectKustomizeReads(out);
  });

  it('the example as JSON object files (--format json)', async () => {
    const dir = fresh('kz-example-json');
    const out = join(dir, 'out');
    const r = await runIn(['build', exampleDir, '--out', out, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expectKustomizeReads(out);
  });

  // The corpus holds files that share a family (four firelens examples): they cannot go into one
  // namespace, so the corpus is built in as few groups as keep every family apart.
  const groups = roots.flatMap(([label, , dir]) => {
    const g = collisionFreeGroups(corpusTaskdefs(dir), familyKey(dir));
    return g.map((files, i) => [label, i + 1, g.length, files.map((f) => join(dir, f))] as const);
  });
  it.each(groups)('%s task definitions, group %i of %i', async (_label, _i, _n, group) => {
    const dir = fresh('kz-corpus');
    const out = join(dir, 'out');
    const { code, report, stderr } = await buildJson([...group, '--out', out], join(dir, 'report.json'));
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code).toBe(0);
    expect(outputIssues(bundleObjects(out))).toEqual([]);
    expectKustomizeReads(out);
  });

  it('services with their task definitions, in several namespaces', async () => {
    const dir = fresh('kz-services');
    const out = join(dir, 'out');
    const r = await runIn(['build', exampleDir, join(fixturesDir, 'pairing'), join(fixturesDir, 'daemon'), join(fixturesDir, 'describe-services'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const namespaces = (parseYaml(snapshot(out).get('kustomization.yaml')!.toString('utf8')) as { resources: string[] }).resources;
    expect(namespaces).toEqual(['ops', 'prod-eu', 'shop']);
    expectKustomizeReads(out);
  });
});

describe('determinism: the same inputs in any order give the same bytes', () => {
  const inputs = [
    join(exampleDir, 'task-definition.json'),
    join(exampleDir, 'service.json'),
    join(fixturesDir, 'pairing', 'web-task-definition.json'),
    join(fixturesDir, 'pairing', 'web-service.json'),
    join(fixturesDir, 'daemon', 'agent-task-definition.json'),
    join(fixturesDir, 'daemon', 'agent-service.json'),
    join(taskdefsDir, 'aws-samples__ecs-firelens-examples__efs-describe-output.json'),
    join(taskdefsDir, 'aws__amazon-ecs-agent__stop-timeout.json'),
    join(taskdefsDir, 'ecs2k8s__written__fargate-ssm-sm-secrets.json'),
    join(taskdefsDir, 'aws__amazon-ecs-agent__tmpfs.json'),
  ];
  const orders = [inputs, [...inputs].reverse(), shuffled(inputs, 1), shuffled(inputs, 42)];

  it.each(['yaml', 'json'])('--format %s: four orders, four folders, identical trees', async (format) => {
    const trees: Map<string, Buffer>[] = [];
    for (const order of orders) {
      const out = join(fresh(`det-${format}`), 'out');
      const r = await runIn(['build', ...order, '--out', out, '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      trees.push(snapshot(out));
    }
    const first = trees[0]!;
    expect(first.size).toBeGreaterThan(10);
    expect([...first.keys()].filter((p) => p.endsWith(`.${format}`)).length).toBeGreaterThan(5);
    for (const t of trees.slice(1)) expect(asText(t)).toEqual(asText(first));
    for (const t of trees.slice(1)) for (const [p, b] of first) expect(t.get(p)?.equals(b), p).toBe(true);
    // No YAML anchors or aliases, no timestamps.
    for (const [p, b] of first) {
      const text = b.toString('utf8');
      if (p.endsWith('.yaml')) expect(text, p).not.toMatch(/(^|\s)[&*][A-Za-z0-9_-]+\s*$/m);
      expect(text, p).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it('building twice into the same folder rewrites nothing', async () => {
    const out = join(fresh('det-twice'), 'out');
    const a = await runIn(['build', ...orders[2]!, '--out', out]);
    expect(a.code, a.stderr).toBe(0);
    const before = snapshot(out);
    const b = await runIn(['build', ...orders[3]!, '--out', out]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toMatch(/\(0 written, \d+ unchanged, 0 removed\)/);
    expect(asText(snapshot(out))).toEqual(asText(before));
  });

  it.each(['yaml', 'json'])('--stdout --format %s is the same stream for every order', async (format) => {
    const streams: string[] = [];
    for (const order of orders) {
      const r = await runIn(['build', ...order, '--stdout', '--format', format]);
      expect(r.code, r.stderr).toBe(0);
      streams.push(r.stdout);
    }
    expect(streams[0]!.length).toBeGreaterThan(1000);
    for (const s of streams.slice(1)) expect(s).toBe(streams[0]);
  });

  it('--stdout holds the same objects as the bundle files', async () => {
    const out = join(fresh('det-stream'), 'out');
    const w = await runIn(['build', ...inputs, '--out', out]);
    expect(w.code, w.stderr).toBe(0);
    const s = await runIn(['build', ...shuffled(inputs, 7), '--stdout']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.startsWith('---\n')).toBe(true);
    const docs = parseAllDocuments(s.stdout);
    for (const d of docs) expect(d.errors).toEqual([]);
    const streamed = docs.map((d) => d.toJS() as BundleObject['object']);
    const files = bundleObjects(out).map((o) => o.object);
    expect(new Map(streamed.map((o) => [objectKey(o), o]))).toEqual(new Map(files.map((o) => [objectKey(o), o])));
    expect(streamed).toHaveLength(files.length);
  });
});
