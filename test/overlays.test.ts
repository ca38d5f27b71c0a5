/**
 * Environments → base + overlays (SPEC §13), checked with the real kustomize (kubectl 1.32):
 * for generated sets of environments (fast-check, fixed seed), `kubectl kustomize
 * overlays/<env>` gives, object for object, what a plain build of that environment alone gives.
 */
import fc from 'fast-check';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn } from './helpers/build.js';
import { plainBuildOf, worldArb, writeWorld, type World } from './helpers/environments.js';
import { makeTempDir } from './helpers/files.js';
import { bundleFolderObjects, byKey, hasKubectl, kustomize } from './helpers/kustomize.js';

const SEED = 1717;
if (!hasKubectl) console.warn('overlays.test.ts: kubectl is not on PATH: the kustomize checks are skipped');

async function checkWorld(w: World, root: string): Promise<void> {
  mkdirSync(root, { recursive: true });
  writeWorld(root, w);
  const built = await runIn(['build', '--out', 'k8s'], { cwd: root });
  expect(built.stderr.split('\n').filter((l) => / error /.test(l)), built.stderr).toEqual([]);
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
        { seed: SEED, numRuns: 25, endOnFailure: true, verbose: 1 },
      );
    } finally {
      tmp.remove();
    }
  }, 600_000);
});
