/**
 * `ecs2k8s import` reads the services' Application Auto Scaling too (DescribeScalableTargets,
 * DescribeScalingPolicies, DescribeScheduledActions, ServiceNamespace ecs, paginated), against the
 * loopback endpoint (test/ecs-endpoint/, which answers AnyScaleFrontendService.*): the files hold
 * request members only, `validate` and `build` take them, and the build autoscales the service.
 * Access denied on the scaling calls is a note, not a failure.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from './helpers/files.js';
import { runBin } from './helpers/cli.js';
import { awsEnv, importBin, lines, profileEnv, startEndpoint } from './ecs-endpoint/harness.js';
import { seedProd } from './ecs-endpoint/seed.js';
import type { EcsEndpoint } from './ecs-endpoint/server.js';

const tmp = makeTempDir('ecs2k8s-import-scaling-');
afterAll(() => tmp.remove());
const fresh = (): string => tmp.fresh();

const ID = 'service/prod/ecspresso-demo';
function seedScaling(e: EcsEndpoint): void {
  seedProd(e);
  e.registerScalableTarget({ ServiceNamespace: 'ecs', ResourceId: ID, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 8 });
  e.registerScalableTarget({ ServiceNamespace: 'dynamodb', ResourceId: 'table/orders', ScalableDimension: 'dynamodb:table:ReadCapacityUnits', MinCapacity: 5, MaxCapacity: 50 });
  for (const [name, metric, value] of [
    ['cpu', 'ECSServiceAverageCPUUtilization', 60],
    ['memory', 'ECSServiceAverageMemoryUtilization', 70],
  ] as const) {
    e.putScalingPolicy({
      PolicyName: name,
      ServiceNamespace: 'ecs',
      ResourceId: ID,
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: value, PredefinedMetricSpecification: { PredefinedMetricType: metric } },
    });
  }
  e.putScheduledAction({
    ServiceNamespace: 'ecs',
    ResourceId: ID,
    ScalableDimension: 'ecs:service:DesiredCount',
    ScheduledActionName: 'night',
    Schedule: 'cron(0 22 * * ? *)',
    ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 8 },
  });
}

let endpoint: EcsEndpoint;
beforeEach(async () => {
  endpoint = await startEndpoint(seedScaling);
  endpoint.aasPageSize = 1; // every list comes in pages of one
});
afterEach(async () => {
  await endpoint.close();
});

describe('import with scaling', () => {
  it('writes the scalable target, policies and scheduled actions of the services that have them, following every page', async () => {
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', 'ecs'], awsEnv(tmp), dir);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)[0]).toBe('ecs2k8s: 4 services, 4 task definitions and 4 scaling documents from cluster "prod" → ecs (11 written, 0 unchanged)');
    expect(readdirSync(join(dir, 'ecs', 'scaling')).sort()).toEqual(['ecspresso-demo-policies.json', 'ecspresso-demo-schedules.json', 'ecspresso-demo-targets.json']);
    const targets = endpoint.callsOf('DescribeScalableTargets');
    expect(targets).toHaveLength(1);
    expect(targets[0]!.body).toEqual({
      ServiceNamespace: 'ecs',
      ScalableDimension: 'ecs:service:DesiredCount',
      MaxResults: 50,
      ResourceIds: ['service/prod/ecspresso-demo', 'service/prod/ecspresso-demo-canary', 'service/prod/gitlab-runner', 'service/prod/internal-nginx'],
    });
    // Two policies in pages of one: two calls, the second with the first's NextToken.
    const policies = endpoint.callsOf('DescribeScalingPolicies');
    expect(policies.map((c) => c.body['ResourceId'])).toEqual([ID, ID]);
    expect(policies[1]!.body['NextToken']).toEqual(expect.any(String));
    const file = JSON.parse(readFileSync(join(dir, 'ecs', 'scaling', 'ecspresso-demo-policies.json'), 'utf8')) as { ScalingPolicies: Record<string, unknown>[] };
    expect(file.ScalingPolicies.map((p) => p['PolicyName'])).toEqual(['cpu', 'memory']);
    for (const p of file.ScalingPolicies) for (const k of ['PolicyARN', 'Alarms', 'CreationTime']) expect(p, k).not.toHaveProperty(k);
    const target = JSON.parse(readFileSync(join(dir, 'ecs', 'scaling', 'ecspresso-demo-targets.json'), 'utf8')) as { ScalableTargets: Record<string, unknown>[] };
    expect(Object.keys(target.ScalableTargets[0]!)).toEqual(['MaxCapacity', 'MinCapacity', 'ResourceId', 'RoleARN', 'ScalableDimension', 'ServiceNamespace', 'SuspendedState']);
  });

  it('the imported folder validates and builds into an autoscaled Deployment', async () => {
    const dir = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', 'ecs'], awsEnv(tmp), dir)).code).toBe(0);
    const v = await runBin(['validate', 'ecs'], { cwd: dir });
    expect(v.code, v.stderr).toBe(0);
    const b = await runBin(['build', 'ecs', '--stdout'], { cwd: dir });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('kind: HorizontalPodAutoscaler');
    expect(b.stdout).toMatch(/kind: Deployment\nmetadata:\n  name: ecspresso-demo\n[\s\S]*?spec:\n  selector:/);
  });

  it('access denied on the scaling calls: a note naming the permissions, and the services are imported all the same', async () => {
    endpoint.inject({ op: 'DescribeScalableTargets', type: 'AccessDeniedException', message: 'User is not authorized to perform: application-autoscaling:DescribeScalableTargets', times: Infinity });
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', 'ecs'], awsEnv(tmp), dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      "ecs2k8s: note: the services' scaling was not read (access denied to application-autoscaling:DescribeScalableTargets on 4 services in region us-east-1): allow application-autoscaling:DescribeScalableTargets, application-autoscaling:DescribeScalingPolicies, application-autoscaling:DescribeScheduledActions to import scalable targets, scaling policies and scheduled actions\n",
    );
    expect(readdirSync(join(dir, 'ecs')).sort()).toEqual(['services', 'taskdefs']);
  });

  it('a throttled scaling call that stays throttled fails the import with exit 3, and nothing is written', async () => {
    endpoint.inject({ op: 'DescribeScalingPolicies', type: 'ThrottlingException', message: 'Rate exceeded', times: Infinity });
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', 'ecs'], awsEnv(tmp), dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error aws-throttled: AWS throttled application-autoscaling:DescribeScalingPolicies on service/prod/ecspresso-demo');
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a session token that no file holds (credential_process), echoed by a scaling call's error, is redacted as on the ECS calls", async () => {
    const token = 'IQoJSCALINGSESSIONTOKEN000000000000000000000000abcdef';
    const home = tmp.fresh();
    mkdirSync(join(home, '.aws'));
    writeFileSync(
      join(home, 'creds.mjs'),
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS000000002', SecretAccessKey: 'processSecretKey00000000000000000000000000', SessionToken: ${JSON.stringify(token)} }));\n`,
    );
    writeFileSync(join(home, '.aws', 'config'), `[profile proc]\ncredential_process = "${process.execPath}" "${join(home, 'creds.mjs')}"\n`);
    endpoint.inject({ op: 'DescribeScalableTargets', type: 'ExpiredTokenException', message: `The security token ${token} has expired`, times: Infinity });
    const env = profileEnv(tmp, home);
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--profile', 'proc', '--out', 'ecs'], env, dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(
      'error aws-credentials-rejected: AWS rejected the credentials on application-autoscaling:DescribeScalableTargets (ExpiredTokenException: The security token [redacted] has expired)',
    );
    expect(r.stderr).not.toContain(token);
    expect(endpoint.callsOf('DescribeScalableTargets')[0]!.accessKeyId).toBe('AKIAPROCESS000000002');
  });
});
