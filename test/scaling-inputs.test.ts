/**
 * The Application Auto Scaling and CodeDeploy inputs through the CLI: every shape is recognised,
 * bad input gets the same located diagnostics as ECS input (file:line:col, stable code, the
 * user's key and value, a did-you-mean), and pairing says what it did with each document.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './helpers/files.js';
import { runCli } from './helpers/cli.js';
import { repoRoot } from './helpers/cli.js';

const tmp = makeTempDir('ecs2k8s-scaling-inputs-');
afterAll(() => tmp.remove());
const golden = (c: string, f: string) => join(repoRoot, 'fixtures', 'golden', c, f);
const TD = golden('scaling-disable-scale-in', 'taskdef.json');
const SVC = golden('scaling-disable-scale-in', 'service.json');
const write = (name: string, value: unknown) => tmp.write(name, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
const target = { ServiceNamespace: 'ecs', ResourceId: 'service/finance/ledger', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 1, MaxCapacity: 4 };

describe('Application Auto Scaling inputs', () => {
  it('an unknown member: located, with a did-you-mean, exit 2', async () => {
    const f = write(
      'typo.json',
      `{"ScalableTargets": [\n  {"ServiceNamespace": "ecs", "ResourceId": "service/finance/ledger", "ScalableDimension": "ecs:service:DesiredCount",\n   "MinCapacty": 1, "MaxCapacity": 4}\n]}\n`,
    );
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:3:4: error unknown-member: "MinCapacty" is not a member of a scalable target: did you mean "MinCapacity"?`);
  });

  it('a wrong enum value names the allowed ones and the nearest', async () => {
    const f = write('enum.json', { ...target, ScalableDimension: 'ecs:service:desiredcount' });
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error invalid-value: "ScalableDimension" is "ecs:service:desiredcount", which is not one of .*: did you mean "ecs:service:DesiredCount"\?/);
  });

  it('the rules the model does not carry: capacities, ResourceId form, required members named with the API', async () => {
    const f = write('rules.json', { ...target, ResourceId: 'ledger', MinCapacity: 5, MaxCapacity: 2 });
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error invalid-value: "ResourceId" is "ledger", but an ECS service\'s resource ID has the form "service/CLUSTER/SERVICE"');
    expect(r.stderr).toContain('error out-of-range: "MinCapacity" 5 is more than "MaxCapacity" 2');
    const p = write('policy.json', { PolicyName: 'cpu', ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' });
    expect((await runCli(['validate', p])).stderr).toContain('error missing-member: a scaling policy has no "ResourceId", which Application Auto Scaling requires: add it');
  });

  it('a page of a paginated response is a warning', async () => {
    const f = write('page.json', { ScalableTargets: [target], NextToken: 'eyJ2IjoxfQ==' });
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning incomplete-response: the response has a "NextToken"');
  });

  it('at build: another namespace is skipped with a note; a scaling document without its service names the services found', async () => {
    const other = write('dynamodb.json', { ServiceNamespace: 'dynamodb', ResourceId: 'table/orders', ScalableDimension: 'dynamodb:table:ReadCapacityUnits', MinCapacity: 5, MaxCapacity: 50 });
    const stray = write('stray.json', { ...target, ResourceId: 'service/finance/payments' });
    const r = await runCli(['build', TD, SVC, other, stray, '--stdout', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('info scaling-skipped: this scalable target is for "dynamodb" "dynamodb:table:ReadCapacityUnits" ("table/orders"), not an ECS service\'s desired count: it is skipped');
    expect(r.stderr).toContain('warning scaling-unpaired: the scalable target is for "service/finance/payments", which is not among the services given (found: "service/finance/ledger")');
    expect(r.stdout).not.toContain('HorizontalPodAutoscaler');
  });

  it('policies without their scalable target: a warning, and the service keeps its replicas', async () => {
    const r = await runCli(['build', TD, SVC, golden('scaling-disable-scale-in', 'put-scaling-policy.json'), '--stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning scaling-no-target: service "ledger" has scaling policies or scheduled actions but no scalable target among the inputs');
    expect(r.stdout).toMatch(/kind: Deployment[\s\S]*replicas: 3/);
  });

  it('a cluster ARN on the service pairs with the cluster name in ResourceId', async () => {
    const svc = write('svc-arn.json', { cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/finance', serviceName: 'ledger', taskDefinition: 'ledger', desiredCount: 3 });
    const t = write('t.json', target);
    const r = await runCli(['build', TD, svc, t, golden('scaling-disable-scale-in', 'put-scaling-policy.json'), '--stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('kind: HorizontalPodAutoscaler');
  });
});

describe('CodeDeploy deployment groups', () => {
  it('a custom deployment configuration is warned and becomes all at once (blueGreen)', async () => {
    const group = JSON.parse(JSON.stringify(await import('../fixtures/golden/rollout-codedeploy/deployment-group.json', { with: { type: 'json' } }).then((m) => m.default))) as {
      deploymentGroupInfo: Record<string, unknown>;
    };
    group.deploymentGroupInfo['deploymentConfigName'] = 'Canary20Percent2Minutes';
    const f = write('group.json', group);
    const dir = join(repoRoot, 'fixtures', 'golden', 'rollout-codedeploy');
    const r = await runCli(['build', join(dir, 'taskdef.json'), join(dir, 'service.json'), f, '--stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning deployment-config: the deployment configuration "Canary20Percent2Minutes" is not one of CodeDeploy\'s predefined ECS configurations');
    expect(r.stdout).toContain('blueGreen:');
  });

  it('an unknown member of deploymentGroupInfo: located with a did-you-mean', async () => {
    const f = write('group-typo.json', `{"deploymentGroupInfo": {\n  "deploymentGroupName": "DgpECS-shop-search",\n  "deploymentConfgName": "CodeDeployDefault.ECSAllAtOnce"\n}}\n`);
    const r = await runCli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${f}:3:3: error unknown-member: "deploymentConfgName" is not a member of a deployment group: did you mean "deploymentConfigName"?`);
  });
});

describe('step scaling and CloudWatch alarms', () => {
  it('a step scaling policy without its alarm among the inputs is a warning naming the alarm', async () => {
    const dir = join(repoRoot, 'fixtures', 'golden', 'scaling-step');
    const r = await runCli(['build', ...['taskdef.json', 'service.json', 'scalable-targets.json', 'scaling-policies.json'].map((f) => join(dir, f)), '--stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'warning scaling-policy: step scaling policy "worker-queue-depth" is not converted: the metric it steps on belongs to its CloudWatch alarm ("worker-queue-depth-high"), which the policy does not hold',
    );
    expect(r.stdout).toContain('kind: HorizontalPodAutoscaler'); // the CPU policy alone
  });

  it('an anomaly detection alarm is warned and no AnalysisTemplate is written', async () => {
    const dir = join(repoRoot, 'fixtures', 'golden', 'rollout-canary');
    const f = write('anomaly.json', {
      MetricAlarms: [
        {
          AlarmName: 'checkout-5xx-rate',
          ComparisonOperator: 'GreaterThanUpperThreshold',
          EvaluationPeriods: 3,
          ThresholdMetricId: 'ad1',
          Metrics: [
            { Id: 'm1', ReturnData: true, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' }, Period: 60, Stat: 'Sum' } },
            { Id: 'ad1', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)' },
          ],
        },
      ],
    });
    const r = await runCli(['build', join(dir, 'taskdef.json'), join(dir, 'service.json'), f, '--stdout']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning rollout-alarms: the deployment alarm "checkout-5xx-rate" is not converted: its comparison "GreaterThanUpperThreshold" is not a fixed threshold');
    expect(r.stdout).not.toContain('AnalysisTemplate');
  });
});
