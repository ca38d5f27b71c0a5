/**
 * The migration report's checklist of manual steps, derived from the objects a build emits
 * (SPEC §14), through the real bin with `--report markdown`: the secret stores and keys of
 * ExternalSecrets, the IAM role of a ServiceAccount (IRSA or Pod Identity), the load balancer
 * settings to carry over, and the add-ons (Load Balancer Controller, EFS CSI driver, External
 * Secrets Operator, Argo Rollouts, KEDA). A golden copy of a small report is checked byte for byte.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const golden = join(repoRoot, 'fixtures', 'golden');
const tmp = makeTempDir('ecs2k8s-report-checklist-');
const steps = (md: string) => md.split('\n').filter((l) => l.startsWith('- [ ] '));

async function markdown(caseDir: string, args: string[] = []) {
  const r = await runBin(['build', 'taskdef.json', 'service.json', ...args, '--out', join(tmp.fresh(), 'k8s'), '--report', 'markdown'], { cwd: caseDir });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('the checklist of a service', () => {
  it('the example: secret stores with their keys, the IRSA role, the load balancer, and three add-ons', async () => {
    const dir = join(repoRoot, 'examples', 'web-app');
    const r = await runBin(['build', '.', '--config', 'ecs2k8s.yaml', '--out', join(tmp.fresh(), 'k8s'), '--report', 'markdown'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const s = steps(r.stdout);
    expect(s).toContainEqual(expect.stringMatching(/^- \[ \] Make sure the ClusterSecretStore "aws-secrets-manager" exists/));
    expect(r.stdout).toContain('  - ` orders-api-secrets: arn:aws:secretsmanager:us-east-1:123456789012:secret:orders/db-Ab12Cd `');
    expect(s).toContainEqual(expect.stringMatching(/^- \[ \] Let the ServiceAccount "prod-eu\/orders-api" assume the IAM role arn:aws:iam::123456789012:role\/orders-api-task/));
    expect(r.stdout).toContain('--namespace prod-eu --service-account orders-api --role-arn arn:aws:iam::123456789012:role/orders-api-task');
    expect(s).toContainEqual(expect.stringMatching(/^- \[ \] Carry the load balancer's settings over to the Ingress "orders-api"/));
    expect(r.stdout).toContain('  - ` ecs2k8s.io/target-group-arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders-api/6d0ecf831eec9f09 `');
    const addOns = s.filter((l) => l.includes('Cluster add-on')).map((l) => /install (.*?) \\\(needed/.exec(l)?.[1]);
    expect(addOns).toEqual(['AWS Load Balancer Controller', 'Amazon EFS CSI driver', 'External Secrets Operator']);
    // The fleet table of add-ons says the same.
    expect(r.stdout).toContain('| External Secrets Operator | 1 |');
  });

  it('a canary rollout: Argo Rollouts and the Load Balancer Controller', async () => {
    const s = steps(await markdown(join(golden, 'rollout-canary'), ['alarms.json']));
    expect(s.filter((l) => l.includes('Cluster add-on')).map((l) => /install (.*?) \\\(needed/.exec(l)?.[1])).toEqual(['AWS Load Balancer Controller', 'Argo Rollouts']);
    expect(s.find((l) => l.includes('Argo Rollouts'))).toContain('Rollout/checkout');
  });

  it('step scaling through KEDA: KEDA, and nothing it does not need', async () => {
    const dir = join(golden, 'scaling-step');
    const r = await runBin(['build', '.', '--out', join(tmp.fresh(), 'k8s'), '--report', 'markdown'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const addOns = steps(r.stdout)
      .filter((l) => l.includes('Cluster add-on'))
      .map((l) => /install (.*?) \\\(needed/.exec(l)?.[1]);
    expect(addOns).toEqual(['KEDA']);
  });

  it('iam.mode pod-identity: the association to create', async () => {
    const s = steps(await markdown(join(golden, 'iam-pod-identity'), ['--config', 'ecs2k8s.yaml']));
    expect(s).toEqual([
      expect.stringMatching(
        /^- \[ \] Create an EKS Pod Identity association for namespace "shop-prod", service account "inventory" and role "arn:aws:iam::123456789012:role\/service-role\/inventory-task"/,
      ),
    ]);
  });
});

describe('a golden copy of a small report (fixtures/migration-report)', () => {
  const dir = join(repoRoot, 'fixtures', 'migration-report');
  for (const format of ['html', 'markdown'] as const) {
    it(`--report ${format} is what was reviewed`, async () => {
      const work = tmp.fresh();
      cpSync(join(dir, 'ecs'), join(work, 'ecs'), { recursive: true });
      const r = await runBin(['build', 'ecs', '--out', 'k8s', '--keep-going', '--report', format], { cwd: work });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe(readFileSync(join(dir, format === 'html' ? 'expected.html' : 'expected.md'), 'utf8'));
    });
  }
});
