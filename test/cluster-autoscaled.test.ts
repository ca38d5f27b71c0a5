/**
 * A workload with an autoscaler leaves `.spec.replicas` to it (SPEC §11): `apply`, the HPA
 * controller scales (test/apiserver/fake-hpa.ts owns `.spec.replicas`), and `apply` again meets
 * no conflict and keeps the controller's count. The same service without its scaling inputs
 * still carries replicas, and there the second apply fails on the conflict: what happened to
 * every autoscaled service before.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from './apiserver/harness.js';
import { HPA_MANAGER, hpaScales } from './apiserver/fake-hpa.js';
import { repoRoot } from './helpers/cli.js';

const CASE = join(repoRoot, 'fixtures', 'golden', 'scaling-cpu-memory');
const inputs = (filter: (f: string) => boolean = () => true) =>
  readdirSync(CASE)
    .filter((f) => f.endsWith('.json') && filter(f))
    .sort()
    .map((f) => join(CASE, f));

let c: Cluster;
beforeEach(async () => {
  c = await startCluster();
});
afterEach(async () => {
  await c?.close();
});

async function buildAndApply(files: string[]) {
  const b = await c.cli(['build', ...files, '--out', 'k8s']);
  expect(b.code, b.stderr).toBe(0);
  return c.cli(['apply', 'k8s']);
}

describe('apply twice with the HPA controller scaling in between', () => {
  it('no conflict: ecs2k8s does not own .spec.replicas of an autoscaled Deployment', async () => {
    const first = await buildAndApply(inputs());
    expect(first.code, first.stderr).toBe(0);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'orders')!['spec'].replicas).toBeUndefined();
    const scaled = await hpaScales(c.server, 'shop', 'orders', 5);
    expect(scaled.status, scaled.body).toBe(200);
    const second = await c.cli(['apply', 'k8s']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toContain('conflict');
    const live = c.server.get('apps/v1', 'Deployment', 'shop', 'orders')!;
    expect(live['spec'].replicas).toBe(5);
    const owners = (live['metadata'].managedFields as { manager: string; fieldsV1: { 'f:spec'?: Record<string, unknown> } }[])
      .filter((m) => m.fieldsV1['f:spec']?.['f:replicas'] !== undefined)
      .map((m) => m.manager);
    expect(owners).toEqual([HPA_MANAGER]);
  });

  it('the same for an HPA on an Argo Rollout, and a KEDA ScaledObject is applied beside its Deployment', async () => {
    const linear = join(repoRoot, 'fixtures', 'golden', 'rollout-linear');
    const alb = join(repoRoot, 'fixtures', 'golden', 'scaling-alb-request-count');
    const files = [linear, alb].flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(d, f)),
    );
    const first = await buildAndApply(files);
    expect(first.code, first.stderr).toBe(0);
    expect(c.server.get('keda.sh/v1alpha1', 'ScaledObject', 'web', 'storefront')).toBeDefined();
    // a Rollout is argoproj.io like Argo CD's Application, but it is the bundle's: applied, not skipped as a GitOps object
    expect(first.stdout).toContain('Rollout shop/catalog: created');
    expect((await hpaScales(c.server, 'shop', 'catalog', 7)).status).toBe(200);
    const second = await c.cli(['apply', 'k8s']);
    expect(second.code, second.stderr).toBe(0);
    expect(c.server.get('argoproj.io/v1alpha1', 'Rollout', 'shop', 'catalog')!['spec'].replicas).toBe(7);
  });

  it('without the scaling inputs the Deployment carries replicas, and the second apply conflicts with the controller', async () => {
    const first = await buildAndApply(inputs((f) => f === 'taskdef.json' || f === 'service.json'));
    expect(first.code, first.stderr).toBe(0);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'orders')!['spec'].replicas).toBe(3);
    // No HPA in this bundle: the controller of the earlier one scales the Deployment all the same.
    c.server.seed({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'orders', namespace: 'shop' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' }, minReplicas: 2, maxReplicas: 12 },
    });
    expect((await hpaScales(c.server, 'shop', 'orders', 5)).status).toBe(200);
    const second = await c.cli(['apply', 'k8s']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`conflict: field manager "${HPA_MANAGER}" owns .spec.replicas`);
  });
});
