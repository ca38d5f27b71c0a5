/**
 * Autoscalers and Argo Rollouts through the GitOps outputs (docs/scaling.md, docs/gitops.md),
 * from the inputs of the scaling and rollout golden cases: `--format helm` charts pass
 * `helm lint --strict` and render, with their default values, exactly the plain bundle; an
 * HPA's and a ScaledObject's bounds and a Rollout's images are values; and `--env` overlays
 * reproduce, with the real kustomize, a plain build of each environment when the scaling and the
 * strategy differ between environments.
 */
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIn } from './helpers/build.js';
import { repoRoot } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { helm, helmPath } from './helpers/helm.js';
import { bundleFolderObjects, byKey, hasKubectl, kustomize, parseStream, type Obj } from './helpers/kustomize.js';

const hasHelm = helmPath() !== undefined;
const tmp = makeTempDir('ecs2k8s-scaling-gitops-');
afterAll(() => tmp.remove());

const golden = (name: string) => join(repoRoot, 'fixtures', 'golden', name);
const inputsOf = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'args.json')
    .sort()
    .map((f) => join(dir, f));

/** `ecs2k8s build` of the cases' inputs into `out` (plain, or with more flags). */
async function build(cases: string[], out: string, flags: string[] = []): Promise<void> {
  const r = await runIn(['build', ...cases.flatMap((c) => inputsOf(golden(c))), '--out', out, ...flags]);
  expect(r.code, r.stderr).toBe(0);
}

const spec = (o: Obj | undefined) => o?.['spec'] as Record<string, unknown>;

describe.skipIf(!hasHelm)('--format helm: an autoscaled Rollout and a KEDA-scaled Deployment', () => {
  const plain = tmp.path('plain');
  const charts = tmp.path('charts');
  const cases = ['rollout-linear', 'scaling-alb-request-count'];

  it('lint passes, the default values render the plain bundle, bounds and images are values', async () => {
    await build(cases, plain);
    await build(cases, charts, ['--format', 'helm']);
    for (const ns of ['shop', 'web']) {
      const chart = join(charts, ns);
      expect(helm(['lint', '--strict', chart])).toContain('0 chart(s) failed');
      const want = byKey(bundleFolderObjects(plain).filter((o) => o.kind !== 'Namespace' && o.metadata.namespace === ns));
      expect(byKey(parseStream(helm(['template', 'r', chart, '--namespace', ns])))).toEqual(want);
    }
    // rollout-linear: a Rollout scaled by an HPA: the HPA's bounds and the Rollout's image are values; no replicas value
    const shop = join(charts, 'shop');
    const set = (...kv: string[]) => parseStream(helm(['template', 'r', shop, '--namespace', 'shop', ...kv.flatMap((x) => ['--set', x])]));
    const values = readFileSync(join(shop, 'values.yaml'), 'utf8');
    expect(values).toMatch(/autoscaling:\n\s+minReplicas: 3\n\s+maxReplicas: 9\n/);
    expect(values).not.toMatch(/^\s+replicas:/m);
    const changed = set('workloads.catalog.autoscaling.maxReplicas=20', 'workloads.catalog.containers.catalog.image.tag=9.9.9');
    expect(spec(changed.find((o) => o.kind === 'HorizontalPodAutoscaler'))['maxReplicas']).toBe(20);
    const rollout = changed.find((o) => o.kind === 'Rollout')!;
    expect(JSON.stringify(spec(rollout)['template'])).toMatch(/"image":"[^"]+:9\.9\.9"/);
    expect(spec(rollout)['replicas']).toBeUndefined();
    expect(() => set('workloads.catalog.autoscaling.minReplicas=0')).toThrow(/minimum|schema/i);
    expect(readFileSync(join(shop, 'templates', 'NOTES.txt'), 'utf8')).toContain('kubectl argo rollouts -n {{ .Release.Namespace }} status catalog');
    // scaling-alb-request-count: a ScaledObject's bounds, which may go down to 0 (KEDA scales to zero)
    const web = join(charts, 'web');
    const so = parseStream(
      helm(['template', 'r', web, '--namespace', 'web', '--set', 'workloads.storefront.autoscaling.minReplicaCount=0', '--set', 'workloads.storefront.autoscaling.maxReplicaCount=9']),
    ).find((o) => o.kind === 'ScaledObject');
    expect([spec(so)['minReplicaCount'], spec(so)['maxReplicaCount']]).toEqual([0, 9]);
  }, 120_000);
});

describe.skipIf(!hasKubectl)('--env: environments that scale and roll out differently', () => {
  it('kubectl kustomize overlays/<env> equals a plain build of that environment', async () => {
    const root = tmp.path('envs');
    // dev: the golden inputs; prod: a higher maximum, another target, a new image tag and a canary instead of linear steps
    for (const env of ['dev', 'prod']) cpSync(golden('rollout-linear'), join(root, 'ecs', env), { recursive: true, filter: (f) => !/expected|README|args\.json$/.test(f) });
    const prod = join(root, 'ecs', 'prod');
    const edit = (file: string, change: (v: Record<string, any>) => void) => {
      // eslint-disable-line @typescript-eslint/no-explicit-any
      const v = JSON.parse(readFileSync(join(prod, file), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      change(v);
      writeFileSync(join(prod, file), JSON.stringify(v, null, 2));
    };
    edit('scalable-targets.json', (v) => (v['ScalableTargets'][0]['MaxCapacity'] = 40));
    edit('scaling-policies.json', (v) => (v['ScalingPolicies'][0]['TargetTrackingScalingPolicyConfiguration']['TargetValue'] = 70));
    edit('taskdef.json', (v) => (v['containerDefinitions'][0]['image'] = String(v['containerDefinitions'][0]['image']).replace(/:[^:/]+$/, ':2.0.0')));
    edit('service.json', (v) => {
      v['deploymentConfiguration']['strategy'] = 'CANARY';
      delete v['deploymentConfiguration']['linearConfiguration'];
      v['deploymentConfiguration']['canaryConfiguration'] = { canaryPercent: 20, canaryBakeTimeInMinutes: 10 };
    });
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'k8s'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    for (const env of ['dev', 'prod']) {
      const p = await runIn(['build', `ecs/${env}`, '--out', `plain/${env}`], { cwd: root });
      expect(p.code, p.stderr).toBe(0);
      const want = byKey(bundleFolderObjects(join(root, 'plain', env)));
      const got = byKey(kustomize(join(root, 'k8s', 'overlays', env)));
      expect([...got.keys()]).toEqual([...want.keys()]);
      for (const [k, o] of want) expect(got.get(k), `overlays/${env}: ${k}`).toEqual(o);
    }
    const prodHpa = byKey(kustomize(join(root, 'k8s', 'overlays', 'prod')));
    const hpa = [...prodHpa.values()].find((o) => o.kind === 'HorizontalPodAutoscaler');
    expect(spec(hpa)['maxReplicas']).toBe(40);
  }, 120_000);
});
