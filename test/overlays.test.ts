/**
 * Environments → base + overlays (SPEC §13), checked with the real kustomize (kubectl 1.32):
 * for generated sets of environments (fast-check, fixed seed), `kubectl kustomize
 * overlays/<env>` gives, object for object, what a plain build of that environment alone gives.
 */
import fc from 'fast-check';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { asText, collisionFreeGroups, corpusTaskdef, corpusTaskdefs, runIn, snapshot, taskdefsDir, writeJson } from './helpers/build.js';
import { plainBuildOf, worldArb, writeWorld, type World } from './helpers/environments.js';
import { makeTempDir } from './helpers/files.js';
import { bundleFolderObjects, byKey, hasKubectl, kustomize } from './helpers/kustomize.js';

const SEED = 1717;
if (!hasKubectl) console.warn('overlays.test.ts: kubectl is not on PATH: the kustomize checks are skipped');

async function checkWorld(w: World, root: string): Promise<void> {
  mkdirSync(root, { recursive: true });
  writeWorld(root, w);
  const built = await runIn(['build', '--out', 'k8s'], { cwd: root });
  expect(
    built.stderr.split('\n').filter((l) => / error /.test(l)),
    built.stderr,
  ).toEqual([]);
  expect(built.code, built.stderr).toBe(0);
  for (const env of w.envs) {
    const plain = await runIn([...plainBuildOf(root, w, env), '--out', `plain/${env}`], { cwd: root });
    expect(plain.code, plain.stderr).toBe(0);
    const want = byKey(bundleFolderObjects(join(root, 'plain', env)));
    const got = byKey(kustomize(join(root, 'k8s', 'overlays', env)));
    expect([...got.keys()], `overlays/${env}: the objects`).toEqual([...want.keys()]);
    for (const [k, o] of want) expect(got.get(k), `overlays/${env}: ${k}`).toEqual(o);
  }
}

describe.skipIf(!hasKubectl)('kubectl kustomize overlays/<env> equals a plain build of that environment', () => {
  it('for generated sets of environments (fixed seed)', async () => {
    const tmp = makeTempDir('ecs2k8s-overlays-');
    let n = 0;
    try {
      await fc.assert(
        fc.asyncProperty(worldArb, async (w) => {
          await checkWorld(w, tmp.path(`run-${++n}`));
        }),
        { seed: SEED, numRuns: 20, endOnFailure: true, verbose: 1 },
      );
    } finally {
      tmp.remove();
    }
  }, 600_000);
});

/** A minimal service and task definition for the targeted cases. */
function service(dir: string, file: string, o: { family: string; serviceName?: string; cluster: string; count: number; images: Record<string, string>; env?: Record<string, string> }): void {
  const containers = Object.entries(o.images).map(([name, image], i) => ({
    name,
    image,
    essential: i === 0,
    memory: 128,
    environment: Object.entries(o.env ?? {}).map(([n, value]) => ({ name: n, value })),
  }));
  writeJson(dir, `${file}.task.json`, { family: o.family, networkMode: 'awsvpc', containerDefinitions: containers });
  writeJson(dir, `${file}.service.json`, { cluster: o.cluster, serviceName: o.serviceName ?? o.family, taskDefinition: o.family, desiredCount: o.count });
}

async function expectOverlaysReproduce(root: string, envs: string[], out = 'k8s'): Promise<void> {
  for (const env of envs) {
    const plain = await runIn(['build', `ecs/${env}`, '--out', `plain/${env}`], { cwd: root });
    expect(plain.code, plain.stderr).toBe(0);
    if (!hasKubectl) continue;
    const want = byKey(bundleFolderObjects(join(root, 'plain', env)));
    const got = byKey(kustomize(join(root, out, 'overlays', env)));
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [k, o] of want) expect(got.get(k), `overlays/${env}: ${k}`).toEqual(o);
  }
}

describe('overlays: the transformers are used only where they cannot touch another object', () => {
  const tmp = makeTempDir('ecs2k8s-overlays-cases-');
  afterAll(() => tmp.remove());

  it('one Deployment name in two namespaces: its counts are patched, not set by replicas:', async () => {
    const root = tmp.path('two-namespaces');
    for (const [env, a, b] of [
      ['dev', 1, 2],
      ['prod', 3, 5],
    ] as const) {
      service(join(root, 'ecs', env), 'a', { family: 'web-blue', serviceName: 'web', cluster: 'blue', count: a, images: { web: `repo/web:${env}` } });
      service(join(root, 'ecs', env), 'b', { family: 'web-green', serviceName: 'web', cluster: 'green', count: b, images: { web: `repo/web:${env}` } });
    }
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'k8s'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const k = parseYaml(readFileSync(join(root, 'k8s/overlays/prod/kustomization.yaml'), 'utf8')) as Record<string, unknown>;
    expect(k['replicas']).toBeUndefined();
    // One image for both, so one images: entry serves both Deployments.
    expect(k['images']).toEqual([{ name: 'repo/web', newTag: 'prod' }]);
    expect(readdirSync(join(root, 'k8s/base')).sort()).toEqual(['blue', 'green', 'kustomization.yaml']);
    await expectOverlaysReproduce(root, ['dev', 'prod']);
  });

  it('two containers of one image with different tags in one environment: patched, not set by images:', async () => {
    const root = tmp.path('two-tags');
    for (const [env, t1, t2] of [
      ['dev', '1', '1'],
      ['prod', '2', '3'],
    ] as const) {
      service(join(root, 'ecs', env), 'svc', {
        family: 'app',
        cluster: `shop-${env}`,
        count: 1,
        images: { main: `registry.example.com:5000/app:${t1}`, migrate: `registry.example.com:5000/app:${t2}` },
      });
    }
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'k8s'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    const prod = parseYaml(readFileSync(join(root, 'k8s/overlays/prod/kustomization.yaml'), 'utf8')) as Record<string, unknown>;
    expect(prod['images']).toBeUndefined();
    expect(prod['namespace']).toBe('shop-prod');
    const dev = parseYaml(readFileSync(join(root, 'k8s/overlays/dev/kustomization.yaml'), 'utf8')) as Record<string, unknown>;
    expect(dev['images']).toEqual([{ name: 'registry.example.com:5000/app', newTag: '1' }]);
    await expectOverlaysReproduce(root, ['dev', 'prod']);
  });

  it('one environment: the base holds everything, its overlay only points at it', async () => {
    const root = tmp.path('one-env');
    service(join(root, 'ecs', 'prod'), 'svc', { family: 'app', cluster: 'shop', count: 2, images: { app: 'repo/app:1' }, env: { A: '1' } });
    const r = await runIn(['build', '--env', 'prod=ecs/prod', '--out', 'k8s'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(root, 'k8s/overlays/prod/kustomization.yaml'), 'utf8')).toBe('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n');
    await expectOverlaysReproduce(root, ['prod']);
  });

  it('the same bytes whatever the order of the environments; an environment dropped later loses its overlay', async () => {
    const root = tmp.path('order');
    for (const env of ['dev', 'qa', 'prod'])
      service(join(root, 'ecs', env), 'svc', { family: 'app', cluster: `shop-${env}`, count: env.length, images: { app: `repo/app:${env}` }, env: { MODE: env } });
    const a = await runIn(['build', '--env', 'prod=ecs/prod', '--env', 'dev=ecs/dev', '--env', 'qa=ecs/qa', '--out', 'a'], { cwd: root });
    const b = await runIn(['build', '--env', 'qa=ecs/qa', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'b'], { cwd: root });
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(asText(snapshot(join(root, 'b')))).toEqual(asText(snapshot(join(root, 'a'))));
    const c = await runIn(['build', '--env', 'prod=ecs/prod', '--env', 'dev=ecs/dev', '--out', 'a'], { cwd: root });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/removed\)/);
    expect(existsSync(join(root, 'a/overlays/qa'))).toBe(false);
    await expectOverlaysReproduce(root, ['dev', 'prod'], 'a');
  });
});

const familyKey = (f: string) =>
  String(corpusTaskdef(f)['family'] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

/** A corpus task definition as another environment has it: other image tags, more memory, one more env var first. */
function otherEnvironment(td: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(td);
  for (const c of (copy['containerDefinitions'] as Record<string, unknown>[] | undefined) ?? []) {
    if (typeof c['image'] === 'string') c['image'] = /:[^/:@]*$/.test(c['image']) ? c['image'].replace(/:[^/:@]*$/, ':other') : `${c['image']}:other`;
    if (typeof c['memory'] === 'number') c['memory'] += 64;
    c['environment'] = [{ name: 'DEPLOY_ENV', value: 'other' }, ...((c['environment'] as unknown[] | undefined) ?? [])];
  }
  return copy;
}

describe.skipIf(!hasKubectl || !existsSync(taskdefsDir))('overlays over the real task definitions of fixtures/corpus', () => {
  const tmp = makeTempDir('ecs2k8s-overlays-corpus-');
  afterAll(() => tmp.remove());
  const groups = existsSync(taskdefsDir) ? collisionFreeGroups(corpusTaskdefs(), familyKey) : [];
  it.each(groups.map((g, i) => [i + 1, groups.length, g] as const))('group %i of %i: two environments (tags, memory, env, namespace) reproduce their builds', async (i, _n, group) => {
    const root = tmp.path(`group-${i}`);
    for (const f of group) {
      writeJson(join(root, 'ecs', 'one'), f, corpusTaskdef(f));
      writeJson(join(root, 'ecs', 'two'), f, otherEnvironment(corpusTaskdef(f)));
    }
    writeFileSync(join(root, 'ecs2k8s.yaml'), 'environments:\n  one: { inputs: [ecs/one] }\n  two: { inputs: [ecs/two], namespace: two }\n');
    const r = await runIn(['build', '--out', 'k8s'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    await expectCorpusOverlays(root);
  });
});

async function expectCorpusOverlays(root: string): Promise<void> {
  writeFileSync(join(root, 'none.yaml'), '{}\n');
  for (const [env, extra] of [
    ['one', []],
    ['two', ['--namespace', 'two']],
  ] as const) {
    const plain = await runIn(['build', `ecs/${env}`, ...extra, '--config', 'none.yaml', '--out', `plain/${env}`], { cwd: root });
    expect(plain.code, plain.stderr).toBe(0);
    const want = byKey(bundleFolderObjects(join(root, 'plain', env)));
    const got = byKey(kustomize(join(root, 'k8s', 'overlays', env)));
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [k, o] of want) expect(got.get(k), `overlays/${env}: ${k}`).toEqual(o);
  }
}
