/**
 * The bundle on disk through the CLI (SPEC §5): `--check` (exit 0 silent when current; exit 1 with
 * a unified diff, writing nothing, when stale), and safe writing: stale generated files removed,
 * foreign files kept, a failed build leaves the previous bundle byte for byte, no symbolic link
 * followed.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { asText, fixturesDir, runIn, snapshot } from './helpers/build.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-build-bundle-');
afterAll(() => tmp.remove());
let seq = 0;

/** A case folder with copies of the pairing (shop/web) and clean (default/hello) inputs, and an out path. */
function setup(): { dir: string; web: string; webService: string; hello: string; out: string } {
  const dir = tmp.path(`case-${++seq}`);
  mkdirSync(join(dir, 'ecs'), { recursive: true });
  cpSync(join(fixturesDir, 'pairing'), join(dir, 'ecs', 'web'), { recursive: true });
  cpSync(join(fixturesDir, 'clean'), join(dir, 'ecs', 'hello'), { recursive: true });
  return {
    dir,
    web: join(dir, 'ecs', 'web', 'web-task-definition.json'),
    webService: join(dir, 'ecs', 'web', 'web-service.json'),
    hello: join(dir, 'ecs', 'hello', 'task-definition.json'),
    out: join(dir, 'k8s'),
  };
}

const mtimes = (out: string) => new Map([...snapshot(out).keys()].map((p) => [p, statSync(join(out, p)).mtimeMs]));
const editJson = (file: string, edit: (v: Record<string, unknown>) => void) => {
  const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(v);
  writeFileSync(file, JSON.stringify(v, null, 2) + '\n');
};

describe('build --check', () => {
  it('right after a build: exit 0, nothing on stdout or stderr, nothing touched', async () => {
    const c = setup();
    const b = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out]);
    expect(b.code, b.stderr).toBe(0);
    const before = snapshot(c.out);
    const times = mtimes(c.out);
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(asText(snapshot(c.out))).toEqual(asText(before));
    expect(mtimes(c.out)).toEqual(times);
  });

  it('the example (which deserves warnings): exit 0 and nothing on stdout', async () => {
    const dir = tmp.path(`case-${++seq}`);
    const out = join(dir, 'out');
    const example = join(fixturesDir, '..', '..', 'examples', 'web-app');
    expect((await runIn(['build', example, '--out', out])).code).toBe(0);
    const r = await runIn(['build', example, '--out', out, '--check']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/: error /);
  });

  it('after desiredCount changed: exit 1, a unified diff of the field on stdout, nothing written', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    const before = snapshot(c.out);
    const times = mtimes(c.out);
    editJson(c.webService, (v) => (v['desiredCount'] = 5));
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('--- a/shop/deployment-web.yaml\n+++ b/shop/deployment-web.yaml\n@@ ');
    expect(r.stdout).toMatch(/^-\s+replicas: 2$/m);
    expect(r.stdout).toMatch(/^\+\s+replicas: 5$/m);
    // Only the one file differs, and only that line.
    expect(r.stdout.match(/^\+\+\+ /gm)).toHaveLength(1);
    expect(r.stdout.match(/^[-+](?![-+]{2} )/gm)).toHaveLength(2);
    expect(r.stderr).toMatch(/out of date \(1 to change\)/);
    expect(asText(snapshot(c.out))).toEqual(asText(before));
    expect(mtimes(c.out)).toEqual(times);
    // A build brings it up to date; --check agrees.
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    expect(await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('after a workload’s input was deleted: exit 1, its files shown as removed, nothing removed', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    const before = snapshot(c.out);
    rmSync(c.hello);
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check']);
    expect(r.code, r.stderr).toBe(1);
    for (const f of ['default/deployment-hello.yaml', 'default/service-hello.yaml', 'default/kustomization.yaml']) {
      expect(r.stdout).toContain(`--- a/${f}\n+++ /dev/null\n`);
    }
    // The root kustomization no longer lists the default folder.
    expect(r.stdout).toContain('--- a/kustomization.yaml\n+++ b/kustomization.yaml\n');
    expect(r.stdout).toMatch(/^-\s+- default$/m);
    expect(r.stderr).toMatch(/3 to remove/);
    expect(asText(snapshot(c.out))).toEqual(asText(before));
  });

  it('with no bundle yet: exit 1, every file to create, and no folder created', async () => {
    const c = setup();
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('--- /dev/null\n+++ b/shop/deployment-web.yaml\n');
    expect(r.stdout).toContain('--- /dev/null\n+++ b/kustomization.yaml\n');
    expect(existsSync(c.out)).toBe(false);
  });

  it('with invalid input: exit 2, not 1, and no diff', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    editJson(c.hello, (v) => (v['family'] = 'bad/family'));
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out, '--check']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error invalid-value/);
  });
});

describe('safe writing', () => {
  it('a dropped input: its generated files and its empty namespace folder go, the root kustomization follows', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    expect(readdirSync(c.out).sort()).toEqual(['.ecs2k8s-manifest.json', 'default', 'kustomization.yaml', 'shop']);
    const r = await runIn(['build', join(c.dir, 'ecs', 'web'), '--out', c.out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/3 removed\)/);
    expect(readdirSync(c.out).sort()).toEqual(['.ecs2k8s-manifest.json', 'kustomization.yaml', 'shop']);
    expect(parseYaml(readFileSync(join(c.out, 'kustomization.yaml'), 'utf8'))).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['shop'] });
    // The manifest lists exactly the files on disk.
    const manifest = JSON.parse(readFileSync(join(c.out, '.ecs2k8s-manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path).sort()).toEqual([...snapshot(c.out).keys()].filter((p) => !p.startsWith('.')).sort());
  });

  it('a renamed service: the old files go, the new ones come', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    editJson(c.webService, (v) => (v['serviceName'] = 'storefront'));
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    expect(readdirSync(join(c.out, 'shop')).sort()).toEqual([
      'deployment-storefront.yaml',
      'kustomization.yaml',
      'namespace-shop.yaml',
      'poddisruptionbudget-storefront.yaml',
      'service-storefront.yaml',
    ]);
  });

  it('files the user put in the bundle survive rebuilds, even when their folder is no longer generated', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    const foreign: Record<string, string> = {
      'README.md': '# generated by ecs2k8s, plus my notes\n',
      'shop/patch-replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
      'default/my-configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mine\n',
      'extra/kustomization.yaml': 'resources: []\n',
      '.gitignore': '*.bak\n',
    };
    for (const [p, text] of Object.entries(foreign)) {
      mkdirSync(join(c.out, p, '..'), { recursive: true });
      writeFileSync(join(c.out, p), text);
    }
    // Rebuild with a change, then with the hello input dropped.
    editJson(c.webService, (v) => (v['desiredCount'] = 4));
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    expect((await runIn(['build', join(c.dir, 'ecs', 'web'), '--out', c.out])).code).toBe(0);
    for (const [p, text] of Object.entries(foreign)) expect(readFileSync(join(c.out, p), 'utf8'), p).toBe(text);
    expect(existsSync(join(c.out, 'default', 'deployment-hello.yaml'))).toBe(false);
    expect(readFileSync(join(c.out, 'shop', 'deployment-web.yaml'), 'utf8')).toMatch(/replicas: 4/);
    // --check does not count foreign files as differences.
    expect((await runIn(['build', join(c.dir, 'ecs', 'web'), '--out', c.out, '--check'])).code).toBe(0);
  });

  it('a generated file the user edited is not removed when it becomes stale', async () => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    const edited = join(c.out, 'default', 'deployment-hello.yaml');
    writeFileSync(edited, readFileSync(edited, 'utf8') + '# hand edit\n');
    expect((await runIn(['build', join(c.dir, 'ecs', 'web'), '--out', c.out])).code).toBe(0);
    expect(readFileSync(edited, 'utf8')).toMatch(/# hand edit\n$/);
    expect(existsSync(join(c.out, 'default', 'service-hello.yaml'))).toBe(false);
  });

  it.each([
    ['an invalid family', (c: ReturnType<typeof setup>) => editJson(c.hello, (v) => (v['family'] = '../../etc'))],
    ['a JSON syntax error', (c: ReturnType<typeof setup>) => writeFileSync(c.hello, '{"family": "hello", ')],
    ['a service whose task definition is gone', (c: ReturnType<typeof setup>) => rmSync(c.web)],
    ['a name collision', (c: ReturnType<typeof setup>) => editJson(c.hello, (v) => (v['family'] = 'Hello'))],
  ])('a failed build (%s) leaves the previous bundle untouched, byte for byte', async (_label, breakIt) => {
    const c = setup();
    expect((await runIn(['build', join(c.dir, 'ecs'), '--out', c.out])).code).toBe(0);
    // The name-collision case needs a second "hello": add a copy that stays valid.
    if (_label === 'a name collision') cpSync(c.hello, join(c.dir, 'ecs', 'hello', 'copy.json'));
    writeFileSync(join(c.out, 'NOTES.md'), 'mine\n');
    const before = snapshot(c.out);
    const times = mtimes(c.out);
    breakIt(c);
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(asText(snapshot(c.out))).toEqual(asText(before));
    expect(mtimes(c.out)).toEqual(times);
    expect(readdirSync(c.out).filter((n) => /staging|journal|lock/.test(n))).toEqual([]);
  });

  it('a symbolic link in the bundle is refused (exit 3) and nothing is written through it', async () => {
    const c = setup();
    const elsewhere = join(c.dir, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(c.out);
    symlinkSync(elsewhere, join(c.out, 'shop'));
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/output-symlink/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('--out as a symbolic link is refused (exit 3)', async () => {
    const c = setup();
    const real = join(c.dir, 'real');
    mkdirSync(real);
    symlinkSync(real, c.out);
    const r = await runIn(['build', join(c.dir, 'ecs'), '--out', c.out]);
    expect(r.code).toBe(3);
    expect(readdirSync(real)).toEqual([]);
  });

  it('an --out folder inside an input folder is not read back as input (--format json)', async () => {
    const c = setup();
    const out = join(c.dir, 'ecs', 'k8s');
    const a = await runIn(['build', join(c.dir, 'ecs'), '--out', out, '--format', 'json']);
    expect(a.code, a.stderr).toBe(0);
    const b = await runIn(['build', join(c.dir, 'ecs'), '--out', out, '--format', 'json', '--check']);
    expect(b.stderr).not.toMatch(/not-an-ecs-document/);
    expect(b).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
