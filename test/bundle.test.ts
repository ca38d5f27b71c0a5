import * as fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import {
  BundlePathClash,
  BundleWriteError,
  UnsafeBundlePath,
  checkBundle,
  findHandEdits,
  renderBundle,
  renderStream,
  toJson,
  toYaml,
  unifiedDiff,
  writeBundle,
  type BundleEntry,
  type BundleFiles,
  type K8sObject,
} from '../src/bundle/index.js';
import { diffLines, splitLines } from '../src/bundle/diff.js';
import { ioError } from '../src/bundle/fsutil.js';
import { JOURNAL_FILE } from '../src/bundle/journal.js';
import { LOCK_FILE } from '../src/bundle/lock.js';
import { MANIFEST_FILE, sha256 } from '../src/bundle/manifest.js';

// ---------------------------------------------------------------------------------------------
// helpers

function obj(kind: string, name: string, extra: Record<string, unknown> = {}, apiVersion = 'v1'): K8sObject {
  return { apiVersion, kind, metadata: { name }, ...extra };
}

function deployment(name: string, image = 'nginx:1.27', labels: Record<string, string> = { app: name }): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image }] } },
    },
  };
}

function sampleEntries(): BundleEntry[] {
  return [
    { namespace: 'shop', object: deployment('web') },
    { namespace: 'shop', object: obj('Service', 'web', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }) },
    { namespace: 'shop', object: obj('ConfigMap', 'web-config', { data: { A: '1' } }) },
    { namespace: 'shop', object: obj('ServiceAccount', 'web') },
    { namespace: 'shop', object: obj('Namespace', 'shop') },
    { namespace: 'shop', object: obj('HorizontalPodAutoscaler', 'web', {}, 'autoscaling/v2') },
    { namespace: 'shop', object: obj('Secret', 'db') },
    { namespace: 'shop', object: obj('ExternalSecret', 'db', {}, 'external-secrets.io/v1') },
    { namespace: 'shop', object: obj('PersistentVolumeClaim', 'data') },
    { namespace: 'shop', object: obj('PersistentVolume', 'data') },
    { namespace: 'shop', object: obj('Ingress', 'web', {}, 'networking.k8s.io/v1') },
    { namespace: 'shop', object: obj('PodDisruptionBudget', 'web', {}, 'policy/v1') },
    { namespace: 'shop', object: obj('CronJob', 'nightly', {}, 'batch/v1') },
    { namespace: 'shop', object: obj('Job', 'migrate', {}, 'batch/v1') },
    { namespace: 'shop', object: obj('StatefulSet', 'db', {}, 'apps/v1') },
    { namespace: 'shop', object: obj('DaemonSet', 'agent', {}, 'apps/v1') },
    { namespace: 'shop', object: obj('NetworkPolicy', 'deny', {}, 'networking.k8s.io/v1') },
    { namespace: 'shop', object: obj('Deployment', 'api', {}, 'apps/v1') },
    { namespace: 'billing', object: deployment('worker') },
    { namespace: 'billing', object: obj('Namespace', 'billing') },
  ];
}

/** Deterministic Fisher-Yates with a small LCG. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

let tmp: string;
beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ecs2k8s-bundle-'));
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

/** Every file under dir (relative POSIX paths → content), links listed as 'LINK → target'. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function rec(rel: string): Promise<void> {
    const abs = path.join(dir, rel);
    for (const e of await fs.readdir(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out.set(r, `LINK → ${await fs.readlink(path.join(dir, r))}`);
      else if (e.isDirectory()) await rec(r);
      else out.set(r, await fs.readFile(path.join(dir, r), 'utf8'));
    }
  }
  await rec('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function withoutManifest(m: Map<string, string>): Map<string, string> {
  const out = new Map(m);
  out.delete(MANIFEST_FILE);
  return out;
}

function expectErrorCode(err: unknown, code: string): BundleWriteError {
  expect(err).toBeInstanceOf(BundleWriteError);
  expect((err as BundleWriteError).code).toBe(code);
  return err as BundleWriteError;
}

async function catchError(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

// ---------------------------------------------------------------------------------------------
// serialisation

describe('toYaml / toJson', () => {
  it('puts apiVersion, kind, metadata, spec first and keeps nested insertion order', () => {
    const o = { spec: { z: 1, a: 2 }, status: {}, metadata: { name: 'x' }, kind: 'Thing', extra: 1, apiVersion: 'v1' };
    const y = toYaml(o as unknown as K8sObject);
    expect(y).toBe('apiVersion: v1\nkind: Thing\nmetadata:\n  name: x\nspec:\n  z: 1\n  a: 2\nstatus: {}\nextra: 1\n');
    expect(Object.keys(JSON.parse(toJson(o as unknown as K8sObject)))).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status', 'extra']);
  });

  it('sorts labels, annotations, matchLabels, nodeSelector anywhere, but not other maps', () => {
    const o: K8sObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { z: '1', a: '2' }, annotations: { 'z/b': 'x', 'a/b': 'y' } },
      spec: {
        selector: { matchLabels: { zz: 'a', aa: 'b' } },
        template: {
          metadata: { labels: { b: 'x', a: 'y' } },
          spec: {
            nodeSelector: { 'kubernetes.io/os': 'linux', 'a/b': 'c' },
            containers: [
              {
                name: 'c',
                image: 'i',
                env: [
                  { name: 'Z', value: '1' },
                  { name: 'A', value: '2' },
                ],
              },
            ],
          },
        },
      },
      data: { z: '1', a: '2' },
    };
    const back = JSON.parse(toJson(o)) as {
      metadata: { labels: object; annotations: object };
      spec: { selector: { matchLabels: object }; template: { metadata: { labels: object }; spec: { nodeSelector: object; containers: { env: { name: string }[] }[] } } };
      data: object;
    };
    expect(Object.keys(back.metadata.labels)).toEqual(['a', 'z']);
    expect(Object.keys(back.metadata.annotations)).toEqual(['a/b', 'z/b']);
    expect(Object.keys(back.spec.selector.matchLabels)).toEqual(['aa', 'zz']);
    expect(Object.keys(back.spec.template.metadata.labels)).toEqual(['a', 'b']);
    expect(Object.keys(back.spec.template.spec.nodeSelector)).toEqual(['a/b', 'kubernetes.io/os']);
    expect(back.spec.template.spec.containers[0]?.env.map((e) => e.name)).toEqual(['Z', 'A']);
    expect(Object.keys(back.data)).toEqual(['z', 'a']);
    // same order in YAML
    const y = toYaml(o);
    expect(y.indexOf('a: "2"')).toBeLessThan(y.indexOf('z: "1"'));
  });

  const ambiguous = [
    'true',
    'false',
    'True',
    'FALSE',
    'yes',
    'no',
    'Yes',
    'NO',
    'on',
    'off',
    'On',
    'OFF',
    'y',
    'n',
    'Y',
    'N',
    'null',
    'Null',
    '~',
    '',
    '1',
    '0',
    '-1',
    '+1',
    '0755',
    '0o17',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1E3',
    '1.5',
    '.5',
    '1.',
    '-.inf',
    '.NaN',
    '.inf',
    '12:30',
    '1:20:30',
    '190:20:30.15',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '2001-12-14 21:59:43.10 -5',
    '<<',
    '=',
    '1e+3',
    '6.8523015e+5',
    '685_230.15',
  ];

  it.each(ambiguous)('quotes %j so YAML 1.1 and 1.2 readers read a string', (s) => {
    const o = obj('ConfigMap', 'x', { data: { [s === '' ? 'empty' : s]: s, key: s } });
    const y = toYaml(o);
    for (const version of ['1.1', '1.2'] as const) {
      const back = parse(y, { version }) as { data: Record<string, unknown> };
      expect(back.data.key).toBe(s);
      // keys too (a YAML 1.1 reader turns an `on:` key into true)
      expect(Object.keys(back.data)).toContain(s === '' ? 'empty' : s);
      expect(typeof Object.values(back.data)[0]).toBe('string');
    }
  });

  it('leaves ordinary strings plain', () => {
    const y = toYaml(obj('ConfigMap', 'x', { data: { a: 'hello', b: 'nginx:1.27', c: 'v1.2.3', d: '10.0.0.1', e: 'yess' } }));
    expect(y).toContain('a: hello\n');
    expect(y).toContain('b: nginx:1.27\n');
    expect(y).toContain('c: v1.2.3\n');
    expect(y).toContain('d: 10.0.0.1\n');
    expect(y).toContain('e: yess\n');
  });

  it('keeps numbers and booleans unquoted', () => {
    const y = toYaml(obj('X', 'x', { spec: { replicas: 3, enabled: true, ratio: 0.5, none: null } }));
    expect(y).toContain('replicas: 3\n  enabled: true\n  ratio: 0.5\n  none: null\n');
  });

  it('never emits anchors or aliases, even for an object referenced twice', () => {
    const shared = { name: 'x', value: 'y' };
    const labels = { app: 'web' };
    const o = obj('Deployment', 'web', { metadata: { name: 'web', labels }, spec: { selector: { matchLabels: labels }, env: [shared, shared], env2: [shared] } });
    const y = toYaml(o);
    expect(y).not.toMatch(/[&*]a\d/);
    expect(y).not.toMatch(/(^|\s)[&*][A-Za-z0-9]/m);
    expect(parse(y)).toEqual(JSON.parse(toJson(o)));
  });

  it('does not fold long lines and keeps multi-line strings exact', () => {
    const long = 'x'.repeat(300) + ' ' + 'y'.repeat(300);
    const multi = 'line one\nline two\n\n';
    const y = toYaml(obj('ConfigMap', 'x', { data: { long, multi } }));
    expect(y).toContain(`long: ${long}\n`);
    expect((parse(y) as { data: { multi: string } }).data.multi).toBe(multi);
    expect(y.endsWith('\n')).toBe(true);
  });

  it('ends YAML with exactly one newline and JSON with 2-space indent and a newline', () => {
    const y = toYaml(deployment('web'));
    expect(y.endsWith('\n')).toBe(true);
    expect(y.endsWith('\n\n')).toBe(false);
    const j = toJson(deployment('web'));
    expect(j).toMatch(/^\{\n {2}"apiVersion": "apps\/v1",\n/);
    expect(j.endsWith('}\n')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// layout

describe('renderBundle / renderStream', () => {
  it('is deterministic: shuffled entries give identical files byte for byte', () => {
    const base = renderBundle(sampleEntries(), 'yaml');
    for (let seed = 1; seed < 20; seed++) {
      const other = renderBundle(shuffle(sampleEntries(), seed), 'yaml');
      expect([...other]).toEqual([...base]);
    }
    const j = renderBundle(sampleEntries(), 'json');
    expect([...renderBundle(shuffle(sampleEntries(), 7), 'json')]).toEqual([...j]);
    expect(renderStream(shuffle(sampleEntries(), 3), 'yaml')).toBe(renderStream(sampleEntries(), 'yaml'));
    expect(renderStream(shuffle(sampleEntries(), 3), 'json')).toBe(renderStream(sampleEntries(), 'json'));
  });

  it('names files <kind>-<name>.<ext> in one folder per namespace, with kustomizations', () => {
    const files = renderBundle(sampleEntries(), 'yaml');
    expect([...files.keys()]).toEqual([...files.keys()].sort());
    expect(files.has('shop/deployment-web.yaml')).toBe(true);
    expect(files.has('shop/persistentvolume-data.yaml')).toBe(true);
    expect(files.has('shop/horizontalpodautoscaler-web.yaml')).toBe(true);
    expect(files.get('kustomization.yaml')).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - billing\n  - shop\n');
    const json = renderBundle(sampleEntries(), 'json');
    expect(json.has('shop/deployment-web.json')).toBe(true);
    expect(json.has('shop/kustomization.yaml')).toBe(true);
    expect(JSON.parse(json.get('shop/deployment-web.json') as string)).toEqual(parse(files.get('shop/deployment-web.yaml') as string));
  });

  it('lists resources in apply order, by name within a kind, other kinds last', () => {
    const k = parse(renderBundle(shuffle(sampleEntries(), 5), 'yaml').get('shop/kustomization.yaml') as string) as { resources: string[] };
    expect(k.resources).toEqual([
      'namespace-shop.yaml',
      'serviceaccount-web.yaml',
      'secret-db.yaml',
      'externalsecret-db.yaml',
      'configmap-web-config.yaml',
      'persistentvolume-data.yaml',
      'persistentvolumeclaim-data.yaml',
      'service-web.yaml',
      'ingress-web.yaml',
      'deployment-api.yaml',
      'deployment-web.yaml',
      'daemonset-agent.yaml',
      'statefulset-db.yaml',
      'job-migrate.yaml',
      'cronjob-nightly.yaml',
      'horizontalpodautoscaler-web.yaml',
      'poddisruptionbudget-web.yaml',
      'networkpolicy-deny.yaml',
    ]);
  });

  it('streams in the same order: namespaces sorted, apply order within', () => {
    const docs = parseAllDocuments(renderStream(sampleEntries(), 'yaml')).map((d) => d.toJS() as K8sObject);
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`).slice(0, 3)).toEqual(['Namespace/billing', 'Deployment/worker', 'Namespace/shop']);
    expect(docs).toHaveLength(sampleEntries().length);
    const list = JSON.parse(renderStream(sampleEntries(), 'json')) as { apiVersion: string; kind: string; items: K8sObject[] };
    expect(list.apiVersion).toBe('v1');
    expect(list.kind).toBe('List');
    expect(list.items.map((d) => d.kind)).toEqual(docs.map((d) => d.kind));
    expect(renderStream([], 'yaml')).toBe('');
  });

  it('throws BundlePathClash for two objects with one path', () => {
    const e = [
      { namespace: 'a', object: deployment('web') },
      { namespace: 'a', object: deployment('web', 'other') },
    ];
    expect(() => renderBundle(e, 'yaml')).toThrow(BundlePathClash);
    expect(() => renderBundle([e[0] as BundleEntry, { namespace: 'b', object: deployment('web') }], 'yaml')).not.toThrow();
  });

  it.each([
    ['namespace ..', '..', 'web'],
    ['namespace .', '.', 'web'],
    ['namespace with slash', 'a/b', 'web'],
    ['namespace upper case', 'Shop', 'web'],
    ['namespace empty', '', 'web'],
    ['namespace with dot', 'kustomization.yaml', 'web'],
    ['name with slash', 'shop', '../../etc/passwd'],
    ['name with dotdot', 'shop', '..'],
    ['name upper case', 'shop', 'Web'],
    ['name empty', 'shop', ''],
    ['name with NUL', 'shop', 'a\u0000b'],
    ['name too long', 'shop', 'a'.repeat(260)],
    ['name starting with a dot', 'shop', '.hidden'],
  ])('throws UnsafeBundlePath for %s', (_what, namespace, name) => {
    expect(() => renderBundle([{ namespace, object: deployment(name) }], 'yaml')).toThrow(UnsafeBundlePath);
    expect(() => renderStream([{ namespace, object: deployment(name) }], 'yaml')).toThrow(UnsafeBundlePath);
  });

  it('writeBundle and checkBundle refuse unsafe paths in a hand-made file map', async () => {
    for (const bad of ['../x.yaml', '/etc/x', 'a/../../x', 'a//b', '.ecs2k8s-manifest.json', 'a/./b']) {
      const files: BundleFiles = new Map([[bad, 'x\n']]);
      await expect(writeBundle(tmp, files)).rejects.toBeInstanceOf(UnsafeBundlePath);
      await expect(checkBundle(tmp, files)).rejects.toBeInstanceOf(UnsafeBundlePath);
    }
    expect(await fs.readdir(tmp)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// writing

describe('writeBundle', () => {
  it('writes, then keeps unchanged files (mtimes), rewrites changed, removes stale, keeps foreign files', async () => {
    const out = path.join(tmp, 'out', 'nested');
    const v1 = renderBundle(sampleEntries(), 'yaml');
    const r1 = await writeBundle(out, v1);
    expect(r1.written).toEqual([...v1.keys()]);
    expect(r1.removed).toEqual([]);
    expect(withoutManifest(await snapshot(out))).toEqual(v1);
    const manifest = JSON.parse(await fs.readFile(path.join(out, MANIFEST_FILE), 'utf8')) as { version: number; files: { path: string; sha256: string }[] };
    expect(manifest.version).toBe(1);
    expect(manifest.files.map((f) => f.path)).toEqual([...v1.keys()]);
    expect(manifest.files[0]?.sha256).toBe(sha256(v1.get(manifest.files[0]?.path as string) as string));

    // foreign files: at the root and inside a namespace folder
    await fs.writeFile(path.join(out, 'README.md'), 'mine\n');
    await fs.writeFile(path.join(out, 'billing', 'notes.txt'), 'mine too\n');

    // age every file so a rewrite would show
    const old = new Date('2020-01-01T00:00:00Z');
    for (const p of v1.keys()) await fs.utimes(path.join(out, p), old, old);

    const r2 = await writeBundle(out, renderBundle(shuffle(sampleEntries(), 9), 'yaml'));
    expect(r2.written).toEqual([]);
    expect(r2.removed).toEqual([]);
    expect(r2.unchanged).toEqual([...v1.keys()]);
    for (const p of v1.keys()) expect((await fs.stat(path.join(out, p))).mtime.getTime()).toBe(old.getTime());

    // change one object, drop the billing namespace and one shop object
    const entries = sampleEntries()
      .filter((e) => e.namespace !== 'billing' && e.object.kind !== 'NetworkPolicy')
      .map((e) => (e.object.kind === 'Deployment' && e.object.metadata.name === 'web' ? { ...e, object: deployment('web', 'nginx:1.28') } : e));
    const v3 = renderBundle(entries, 'yaml');
    const r3 = await writeBundle(out, v3);
    expect(r3.written).toEqual(['kustomization.yaml', 'shop/deployment-web.yaml', 'shop/kustomization.yaml']);
    expect(r3.removed).toEqual(['billing/deployment-worker.yaml', 'billing/kustomization.yaml', 'billing/namespace-billing.yaml', 'shop/networkpolicy-deny.yaml']);
    const snap = withoutManifest(await snapshot(out));
    const expected = new Map([...v3, ['README.md', 'mine\n'], ['billing/notes.txt', 'mine too\n']]);
    expect(new Map([...snap].sort())).toEqual(new Map([...expected].sort()));
    // unchanged files kept their mtime
    expect((await fs.stat(path.join(out, 'shop/service-web.yaml'))).mtime.getTime()).toBe(old.getTime());
    // billing is not empty (foreign file), so it stays; no staging, journal or lock left
    const rootNames = await fs.readdir(out);
    expect(rootNames.filter((n) => n.startsWith('.')).sort()).toEqual([MANIFEST_FILE]);

    // a later build with nothing stale leaves the (now foreign) folder and the user's files alone
    await fs.mkdir(path.join(out, 'mine'));
    const r4 = await writeBundle(
      out,
      renderBundle(
        entries.filter((e) => e.object.kind !== 'Job'),
        'yaml',
      ),
    );
    expect(r4.removed).toEqual(['shop/job-migrate.yaml']);
    expect(existsSync(path.join(out, 'mine'))).toBe(true);
    expect(await fs.readFile(path.join(out, 'billing', 'notes.txt'), 'utf8')).toBe('mine too\n');
    expect(existsSync(path.join(out, 'shop'))).toBe(true);
  });

  it('removes a namespace folder it created once it holds nothing', async () => {
    const v1 = renderBundle(sampleEntries(), 'yaml');
    await writeBundle(tmp, v1);
    const v2 = renderBundle(
      sampleEntries().filter((e) => e.namespace !== 'billing'),
      'yaml',
    );
    const r = await writeBundle(tmp, v2);
    expect(r.removed).toEqual(['billing/deployment-worker.yaml', 'billing/kustomization.yaml', 'billing/namespace-billing.yaml']);
    expect(existsSync(path.join(tmp, 'billing'))).toBe(false);
    expect(withoutManifest(await snapshot(tmp))).toEqual(v2);
  });

  it('leaves a generated file that the user has since edited', async () => {
    await writeBundle(tmp, renderBundle(sampleEntries(), 'yaml'));
    await fs.appendFile(path.join(tmp, 'shop/networkpolicy-deny.yaml'), '# edited\n');
    const r = await writeBundle(
      tmp,
      renderBundle(
        sampleEntries().filter((e) => e.object.kind !== 'NetworkPolicy'),
        'yaml',
      ),
    );
    expect(r.removed).toEqual([]);
    expect(existsSync(path.join(tmp, 'shop/networkpolicy-deny.yaml'))).toBe(true);
  });

  it('overwrites a generated file edited by hand when it is generated again', async () => {
    const v = renderBundle(sampleEntries(), 'yaml');
    await writeBundle(tmp, v);
    await fs.writeFile(path.join(tmp, 'shop/service-web.yaml'), 'hand edit\n');
    const r = await writeBundle(tmp, v);
    expect(r.written).toEqual(['shop/service-web.yaml']);
    expect(await fs.readFile(path.join(tmp, 'shop/service-web.yaml'), 'utf8')).toBe(v.get('shop/service-web.yaml'));
  });

  it('refuses a symlinked namespace folder pointing outside, before writing anything', async () => {
    const out = path.join(tmp, 'out');
    const outside = path.join(tmp, 'outside');
    await fs.mkdir(out);
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'deployment-web.yaml'), 'precious\n');
    await fs.symlink(outside, path.join(out, 'shop'));
    const before = await snapshot(tmp);
    const err = await catchError(writeBundle(out, renderBundle(sampleEntries(), 'yaml')));
    const e = expectErrorCode(err, 'output-symlink');
    expect(e.path).toBe(path.join(out, 'shop'));
    expect(await snapshot(tmp)).toEqual(before); // nothing written anywhere (billing/ neither)
    expectErrorCode(await catchError(checkBundle(out, renderBundle(sampleEntries(), 'yaml'))), 'output-symlink');
  });

  it('refuses when outDir itself is a symlink, or a target file is one', async () => {
    const real = path.join(tmp, 'real');
    await fs.mkdir(real);
    await fs.symlink(real, path.join(tmp, 'link'));
    expectErrorCode(await catchError(writeBundle(path.join(tmp, 'link'), renderBundle(sampleEntries(), 'yaml'))), 'output-symlink');
    expect(await fs.readdir(real)).toEqual([]);

    const out = path.join(tmp, 'out');
    await fs.mkdir(path.join(out, 'shop'), { recursive: true });
    const victim = path.join(tmp, 'victim.txt');
    await fs.writeFile(victim, 'keep\n');
    await fs.symlink(victim, path.join(out, 'shop', 'deployment-web.yaml'));
    expectErrorCode(await catchError(writeBundle(out, renderBundle(sampleEntries(), 'yaml'))), 'output-symlink');
    expect(await fs.readFile(victim, 'utf8')).toBe('keep\n');
    expect(await fs.readdir(path.join(out, 'shop'))).toEqual(['deployment-web.yaml']);
  });

  it('refuses when a stale generated path goes through a symlink', async () => {
    const out = path.join(tmp, 'out');
    await writeBundle(out, renderBundle(sampleEntries(), 'yaml'));
    const outside = path.join(tmp, 'outside');
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'deployment-worker.yaml'), (await snapshot(out)).get('billing/deployment-worker.yaml') as string);
    await fs.rm(path.join(out, 'billing'), { recursive: true });
    await fs.symlink(outside, path.join(out, 'billing'));
    const err = await catchError(
      writeBundle(
        out,
        renderBundle(
          sampleEntries().filter((e) => e.namespace !== 'billing'),
          'yaml',
        ),
      ),
    );
    expectErrorCode(err, 'output-symlink');
    expect(await fs.readdir(outside)).toEqual(['deployment-worker.yaml']);
  });

  it('maps an unwritable output folder to output-io naming the path and errno', async () => {
    // Running as root, chmod does not stop writes: put the output folder under a regular file.
    const file = path.join(tmp, 'a-file');
    await fs.writeFile(file, 'x');
    const out = path.join(file, 'out');
    const e = expectErrorCode(await catchError(writeBundle(out, renderBundle(sampleEntries(), 'yaml'))), 'output-io');
    expect(e.errno).toBe('ENOTDIR');
    expect(e.message).toContain(out);
    expect(e.message).toContain('ENOTDIR');
    // outDir is itself a file
    expectErrorCode(await catchError(writeBundle(file, renderBundle(sampleEntries(), 'yaml'))), 'output-io');
    expectErrorCode(await catchError(checkBundle(file, renderBundle(sampleEntries(), 'yaml'))), 'output-io');
  });

  it('a first build (an empty folder, written in place) that fails half way takes back what it wrote', async () => {
    // A bundle whose second file cannot be written: "shop" is a file, then a folder for shop/x.yaml.
    const files = new Map([
      ['shop', 'a file\n'],
      ['shop/x.yaml', 'kind: ConfigMap\n'],
    ]);
    for (const out of [path.join(tmp, 'none-yet'), path.join(tmp, 'empty')]) {
      if (out.endsWith('empty')) await fs.mkdir(out);
      const e = expectErrorCode(await catchError(writeBundle(out, files)), 'output-io');
      expect(e.message).toContain(path.join(out, 'shop'));
      expect(await fs.readdir(out)).toEqual([]);
    }
    // Over a bundle (not written in place), the same failure leaves the bundle as it was.
    const out = path.join(tmp, 'over');
    const v1 = renderBundle(sampleEntries(), 'yaml');
    await writeBundle(out, v1);
    const before = await snapshot(out);
    expectErrorCode(await catchError(writeBundle(out, new Map([...v1, ...files]))), 'output-io');
    expect(await snapshot(out)).toEqual(before);
  });

  it('maps EACCES and EROFS to output-io with a clear message', () => {
    for (const [code, words] of [
      ['EACCES', 'permission denied'],
      ['EROFS', 'read-only file system'],
    ] as const) {
      const e = ioError(Object.assign(new Error(`${code}: whatever`), { code }), '/srv/out/shop/x.yaml', 'write');
      expect(e).toBeInstanceOf(BundleWriteError);
      expect(e.code).toBe('output-io');
      expect(e.errno).toBe(code);
      expect(e.path).toBe('/srv/out/shop/x.yaml');
      expect(e.message).toBe(`cannot write /srv/out/shop/x.yaml (${code}: ${words}${code === 'EACCES' ? '; is the output folder writable?' : ''})`);
    }
  });

  it.skipIf(process.platform !== 'linux' || !existsSync('/sys/kernel'))('gives output-io for a folder the kernel will not let anyone write (/sys)', async () => {
    const e = expectErrorCode(await catchError(writeBundle('/sys/ecs2k8s-test-out', renderBundle(sampleEntries(), 'yaml'))), 'output-io');
    expect(['EPERM', 'EACCES', 'EROFS', 'ENOENT']).toContain(e.errno);
  });

  it('rolls forward a journal left by a killed build, then builds normally', async () => {
    const out = path.join(tmp, 'out');
    const v1 = renderBundle(sampleEntries(), 'yaml');
    await writeBundle(out, v1);
    // A killed build that wanted: change shop/deployment-web.yaml, add shop/configmap-extra.yaml,
    // remove billing/deployment-worker.yaml. It renamed the first file already.
    const staging = '.ecs2k8s-staging-999-dead';
    await fs.mkdir(path.join(out, staging));
    await fs.writeFile(path.join(out, 'shop/deployment-web.yaml'), 'changed\n');
    await fs.writeFile(path.join(out, staging, 'f1'), 'extra\n');
    const manifest = JSON.stringify({ format: 'ecs2k8s-manifest', version: 1, files: [] }) + '\n';
    await fs.writeFile(
      path.join(out, JOURNAL_FILE),
      JSON.stringify({
        format: 'ecs2k8s-journal',
        version: 1,
        staging,
        renames: [
          { from: 'f0', to: 'shop/deployment-web.yaml' },
          { from: 'f1', to: 'shop/configmap-extra.yaml' },
        ],
        removals: ['billing/deployment-worker.yaml'],
        dirs: [],
        manifest,
      }),
    );
    // an unrelated leftover staging folder without a journal
    await fs.mkdir(path.join(out, '.ecs2k8s-staging-1-old'));
    await fs.writeFile(path.join(out, '.ecs2k8s-staging-1-old', 'f0'), 'junk');

    // check sees the half-done state but writes nothing
    const c = await checkBundle(out, v1);
    expect(c.interrupted).toBe(true);
    expect(c.modified).toEqual(['shop/deployment-web.yaml']);
    expect(existsSync(path.join(out, JOURNAL_FILE))).toBe(true);

    // The next build first finishes the journal: prove it with a build of the same v1 files,
    // which then sees configmap-extra (roll-forward wrote it) as foreign (manifest was emptied).
    const r = await writeBundle(out, v1);
    expect(await fs.readFile(path.join(out, 'shop/configmap-extra.yaml'), 'utf8')).toBe('extra\n');
    expect(r.written).toEqual(['billing/deployment-worker.yaml', 'shop/deployment-web.yaml']);
    expect(r.removed).toEqual([]);
    const names = await fs.readdir(out);
    expect(names.filter((n) => n.startsWith('.')).sort()).toEqual([MANIFEST_FILE]);
    const snap = withoutManifest(await snapshot(out));
    const expected = new Map(v1);
    expected.set('shop/configmap-extra.yaml', 'extra\n');
    expect(new Map([...snap].sort())).toEqual(new Map([...expected].sort()));
  });

  it('refuses a journal that names a path outside the folder', async () => {
    await fs.writeFile(path.join(tmp, JOURNAL_FILE), JSON.stringify({ version: 1, staging: '.ecs2k8s-staging-x', renames: [], removals: ['../../etc/passwd'] }));
    const e = expectErrorCode(await catchError(writeBundle(tmp, renderBundle(sampleEntries(), 'yaml'))), 'output-io');
    expect(e.message).toContain('unsafe path');
  });

  it('takes over a stale lock whose pid is dead', async () => {
    // find a pid that is not running
    let dead = 999_999;
    for (;;) {
      try {
        process.kill(dead, 0);
        dead--;
      } catch (err) {
        if ((err as { code?: string }).code === 'ESRCH') break;
        dead--;
      }
    }
    await fs.writeFile(path.join(tmp, LOCK_FILE), `${dead}\nsome-token\n`);
    const r = await writeBundle(tmp, renderBundle(sampleEntries(), 'yaml'), { lockTimeoutMs: 2000 });
    expect(r.written.length).toBeGreaterThan(0);
    expect(existsSync(path.join(tmp, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock with our own pid left by an earlier process (containers reuse pids)', async () => {
    await fs.writeFile(path.join(tmp, LOCK_FILE), `${process.pid}\nnot-ours\n`);
    await writeBundle(tmp, renderBundle(sampleEntries(), 'yaml'), { lockTimeoutMs: 2000 });
    expect(existsSync(path.join(tmp, LOCK_FILE))).toBe(false);
  });

  it('gives up with output-locked while a live process holds the lock', async () => {
    // pid 1 is always alive
    await fs.writeFile(path.join(tmp, LOCK_FILE), '1\nsomeone-else\n');
    const t0 = Date.now();
    const e = expectErrorCode(await catchError(writeBundle(tmp, renderBundle(sampleEntries(), 'yaml'), { lockTimeoutMs: 300 })), 'output-locked');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(e.message).toContain('pid 1');
    expect(await fs.readdir(tmp)).toEqual([LOCK_FILE]); // nothing else written, lock not ours: kept
  });

  it('two concurrent builds into one folder leave exactly one whole bundle', async () => {
    for (let round = 0; round < 5; round++) {
      const out = path.join(tmp, `out${round}`);
      const a = renderBundle(sampleEntries(), 'yaml');
      const b = renderBundle(
        sampleEntries()
          .filter((e) => e.namespace === 'billing' || e.object.kind === 'Namespace' || e.object.kind === 'Service')
          .map((e) => ({ ...e, object: { ...e.object, metadata: { ...e.object.metadata, labels: { round: String(round) } } } })),
        'json',
      );
      const results = await Promise.all([writeBundle(out, a), writeBundle(out, b)]);
      expect(results).toHaveLength(2);
      const snap = withoutManifest(await snapshot(out));
      const isA = JSON.stringify([...snap]) === JSON.stringify([...a]);
      const isB = JSON.stringify([...snap]) === JSON.stringify([...b]);
      expect(isA || isB).toBe(true);
      expect((await checkBundle(out, isA ? a : b)).changed).toBe(false);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// check

describe('checkBundle', () => {
  it('reports created, changed and removed files as a unified diff, and nothing after a write', async () => {
    const out = path.join(tmp, 'out');
    const v1 = renderBundle(sampleEntries(), 'yaml');
    const c0 = await checkBundle(out, v1);
    expect(c0.changed).toBe(true);
    expect(c0.created).toEqual([...v1.keys()]);
    expect(c0.diff).toContain('--- /dev/null\n+++ b/shop/deployment-web.yaml\n@@ -0,0 +1,');
    expect(existsSync(out)).toBe(false); // never writes

    await writeBundle(out, v1);
    const same = await checkBundle(out, v1);
    expect(same).toEqual({ changed: false, diff: '', created: [], modified: [], removed: [], interrupted: false, edited: [], unowned: [], kept: [] });

    const entries = sampleEntries()
      .filter((e) => e.object.kind !== 'NetworkPolicy')
      .map((e) => (e.object.kind === 'Deployment' && e.object.metadata.name === 'web' ? { ...e, object: deployment('web', 'nginx:1.28') } : e));
    entries.push({ namespace: 'shop', object: obj('ConfigMap', 'extra', { data: { k: 'v' } }) });
    const v2 = renderBundle(entries, 'yaml');
    const before = await snapshot(out);
    const c = await checkBundle(out, v2);
    expect(await snapshot(out)).toEqual(before);
    expect(c.changed).toBe(true);
    expect(c.created).toEqual(['shop/configmap-extra.yaml']);
    expect(c.modified).toEqual(['shop/deployment-web.yaml', 'shop/kustomization.yaml']);
    expect(c.removed).toEqual(['shop/networkpolicy-deny.yaml']);
    const oldDep = v1.get('shop/deployment-web.yaml') as string;
    const newDep = v2.get('shop/deployment-web.yaml') as string;
    expect(c.diff).toContain(unifiedDiff(oldDep, newDep, { oldLabel: 'a/shop/deployment-web.yaml', newLabel: 'b/shop/deployment-web.yaml' }));
    expect(c.diff).toContain('-          image: nginx:1.27\n+          image: nginx:1.28\n');
    expect(c.diff).toContain('--- a/shop/networkpolicy-deny.yaml\n+++ /dev/null\n@@ -1,4 +0,0 @@\n-apiVersion: networking.k8s.io/v1\n');
    expect(c.diff).toContain('--- /dev/null\n+++ b/shop/configmap-extra.yaml\n@@ -0,0 +1,6 @@\n+apiVersion: v1\n');
    // files appear in path order
    const order = [...c.diff.matchAll(/^\+\+\+ (\S+)|^--- a\/(\S+)\n\+\+\+ \/dev\/null/gm)].length;
    expect(order).toBeGreaterThan(0);
    const headers = [...c.diff.matchAll(/^--- (\S+)\n\+\+\+ (\S+)$/gm)].map((m) => (m[2] === '/dev/null' ? m[1] : m[2])?.slice(2));
    expect(headers).toEqual([...headers].sort());

    await writeBundle(out, v2);
    expect((await checkBundle(out, v2)).changed).toBe(false);
  });
});

describe('hand edits', () => {
  it('names what a person changed: a generated file edited, a file ecs2k8s never wrote at a bundle path, a stale generated file edited', async () => {
    const out = path.join(tmp, 'out');
    const v1 = renderBundle(sampleEntries(), 'yaml');
    await writeBundle(out, v1);
    expect(await findHandEdits(out, v1)).toEqual({ edited: [], unowned: [], kept: [] });
    await fs.writeFile(path.join(out, 'shop/deployment-web.yaml'), (v1.get('shop/deployment-web.yaml') as string).replace('nginx:1.27', 'nginx:9'));
    await fs.writeFile(path.join(out, 'shop/networkpolicy-deny.yaml'), 'edited\n');
    // The next bundle no longer has the NetworkPolicy, and has a ConfigMap where a person put a file.
    const entries = sampleEntries().filter((e) => e.object.kind !== 'NetworkPolicy');
    entries.push({ namespace: 'shop', object: obj('ConfigMap', 'extra', { data: { k: 'v' } }) });
    const v2 = renderBundle(entries, 'yaml');
    await fs.writeFile(path.join(out, 'shop/configmap-extra.yaml'), 'mine\n');
    const edits = { edited: ['shop/deployment-web.yaml'], unowned: ['shop/configmap-extra.yaml'], kept: ['shop/networkpolicy-deny.yaml'] };
    expect(await findHandEdits(out, v2)).toEqual(edits);
    expect(await checkBundle(out, v2)).toMatchObject(edits);
    // An unchanged regeneration (the inputs changed, nobody edited) is not a hand edit.
    const v3 = renderBundle(
      sampleEntries().map((e) => (e.object.kind === 'Deployment' && e.object.metadata.name === 'worker' ? { ...e, object: deployment('worker', 'nginx:2') } : e)),
      'yaml',
    );
    expect(await findHandEdits(out, v3)).toEqual({ edited: ['shop/deployment-web.yaml', 'shop/networkpolicy-deny.yaml'], unowned: [], kept: [] });
    // Writing replaces the edited and the unowned file, and leaves the stale edited one.
    await writeBundle(out, v2);
    expect(await fs.readFile(path.join(out, 'shop/deployment-web.yaml'), 'utf8')).toBe(v2.get('shop/deployment-web.yaml'));
    expect(await fs.readFile(path.join(out, 'shop/configmap-extra.yaml'), 'utf8')).toBe(v2.get('shop/configmap-extra.yaml'));
    expect(await fs.readFile(path.join(out, 'shop/networkpolicy-deny.yaml'), 'utf8')).toBe('edited\n');
    // The kept file is the person's now: the new manifest does not list it.
    expect(await findHandEdits(out, v2)).toEqual({ edited: [], unowned: [], kept: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// diff

describe('unifiedDiff', () => {
  const opts = { oldLabel: 'a/f', newLabel: 'b/f' };

  it('is empty for equal texts', () => {
    expect(unifiedDiff('', '', opts)).toBe('');
    expect(unifiedDiff('a\nb\n', 'a\nb\n', opts)).toBe('');
  });

  it('handles empty files on either side', () => {
    expect(unifiedDiff('', 'a\nb\n', { oldLabel: '/dev/null', newLabel: 'b/f' })).toBe('--- /dev/null\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n');
    expect(unifiedDiff('a\n', '', { oldLabel: 'a/f', newLabel: '/dev/null' })).toBe('--- a/f\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n');
  });

  it('marks a missing newline at the end', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', opts)).toBe('--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
    expect(unifiedDiff('a\n', 'a\nc', opts)).toBe('--- a/f\n+++ b/f\n@@ -1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n');
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a\n', '\n']);
    expect(splitLines('')).toEqual([]);
  });

  const ten = Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join('\n') + '\n';

  it('changes at the first and the last line get their own hunks with 3 lines of context', () => {
    const changed = ten.replace('l1\n', 'L1\n').replace('l10\n', 'L10\n');
    expect(unifiedDiff(ten, changed, opts)).toBe('--- a/f\n+++ b/f\n' + '@@ -1,4 +1,4 @@\n-l1\n+L1\n l2\n l3\n l4\n' + '@@ -7,4 +7,4 @@\n l7\n l8\n l9\n-l10\n+L10\n');
  });

  it('merges changes less than 7 lines apart into one hunk', () => {
    const changed = ten.replace('l2\n', 'L2\n').replace('l8\n', 'L8\n');
    expect(unifiedDiff(ten, changed, opts)).toBe('--- a/f\n+++ b/f\n@@ -1,10 +1,10 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n l6\n l7\n-l8\n+L8\n l9\n l10\n');
  });

  it('handles insertions and deletions in the middle', () => {
    const changed = ten.replace('l5\n', 'l5\nnew\n').replace('l7\n', '');
    expect(unifiedDiff(ten, changed, opts)).toBe('--- a/f\n+++ b/f\n@@ -3,8 +3,8 @@\n l3\n l4\n l5\n+new\n l6\n-l7\n l8\n l9\n l10\n');
  });

  it('finds a shortest edit script', () => {
    const a = 'a b c a b b a'.split(' ');
    const b = 'c b a b a c'.split(' ');
    const edits = diffLines(a, b) ?? [];
    expect(edits.filter((e) => e.op !== ' ')).toHaveLength(5); // the classic Myers example: D = 5
    expect(edits.filter((e) => e.op !== '+').map((e) => e.line)).toEqual(a);
    expect(edits.filter((e) => e.op !== '-').map((e) => e.line)).toEqual(b);
  });

  it('applies back: random edits reproduce the new text', () => {
    let s = 42;
    const rnd = (n: number): number => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % n;
    };
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: rnd(15) }, () => `x${rnd(5)}\n`);
      const b = Array.from({ length: rnd(15) }, () => `x${rnd(5)}\n`);
      const edits = diffLines(a, b) ?? [];
      expect(edits.filter((e) => e.op !== '+').map((e) => e.line)).toEqual(a);
      expect(edits.filter((e) => e.op !== '-').map((e) => e.line)).toEqual(b);
      // and the unified diff's hunks, applied, give b
      const d = unifiedDiff(a.join(''), b.join(''), opts);
      expect(applyPatch(a.join(''), d)).toBe(b.join(''));
    }
  });

  it('falls back to one whole-file hunk for big, very different inputs', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}\n`).join('');
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}\n`).join('');
    const t0 = Date.now();
    const d = unifiedDiff(a, b, { ...opts, maxEdits: 100 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(d.startsWith('--- a/f\n+++ b/f\n@@ -1,5000 +1,5000 @@\n-a0\n')).toBe(true);
    expect(applyPatch(a, d)).toBe(b);
    // a small change to a big file stays small
    const c = a.replace('a2500\n', 'changed\n');
    expect(unifiedDiff(a, c, opts)).toBe('--- a/f\n+++ b/f\n@@ -2498,7 +2498,7 @@\n a2497\n a2498\n a2499\n-a2500\n+changed\n a2501\n a2502\n a2503\n');
  });
});

/** A tiny patch applier for unified diffs produced above (checks context). */
function applyPatch(old: string, diff: string): string {
  if (diff === '') return old;
  const a = splitLines(old);
  const out: string[] = [];
  let ia = 0;
  const lines = diff.split('\n');
  lines.pop();
  let i = 2;
  while (i < lines.length) {
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i] as string);
    if (!m) throw new Error(`bad hunk header ${lines[i]}`);
    const startA = Number(m[1]);
    const countA = m[2] === undefined ? 1 : Number(m[2]);
    const from = countA === 0 ? startA : startA - 1;
    while (ia < from) out.push(a[ia++] as string);
    i++;
    while (i < lines.length && !(lines[i] as string).startsWith('@@')) {
      const l = lines[i] as string;
      const noEol = lines[i + 1] === '\\ No newline at end of file';
      const text = l.slice(1) + (noEol ? '' : '\n');
      if (l[0] === ' ' || l[0] === '-') {
        if (a[ia] !== text) throw new Error(`context mismatch at ${ia}: ${JSON.stringify(a[ia])} vs ${JSON.stringify(text)}`);
        ia++;
      }
      if (l[0] === ' ' || l[0] === '+') out.push(text);
      i += noEol ? 2 : 1;
    }
  }
  while (ia < a.length) out.push(a[ia++] as string);
  return out.join('');
}
