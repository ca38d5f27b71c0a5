/**
 * Issue 14 (SPEC §10), bullets Traffic, Docker's rules, Silent losses and Storage: what the bundle
 * does where ECS would behave otherwise, checked on small inputs through the library API
 * (compileTexts, as the CLI compiles) — the objects a user would read, and the warnings they get
 * without --verbose. The golden cases (fixtures/golden/traffic-*, docker-*, silent-*, storage-*)
 * show the same on whole bundles; the oracle (test/oracle) compares the behaviour.
 */
import { describe, expect, it } from 'vitest';
import { compileTexts, defaultOptions } from '../src/index.js';
import type { Options } from '../src/options.js';

type Obj = Record<string, any>;

function build(docs: Record<string, unknown>, options: Partial<Options> = {}) {
  const texts = Object.entries(docs).map(([file, v]) => ({ file, text: JSON.stringify(v, null, 2) }));
  const r = compileTexts(texts, { ...defaultOptions(), ...options }, { cwd: process.cwd() });
  const objects = r.entries.map((e) => e.object as Obj);
  const find = (kind: string) => objects.filter((o) => o.kind === kind);
  const pod = (): Obj => {
    const w = objects.find((o) => ['Deployment', 'Rollout', 'DaemonSet', 'Job'].includes(o.kind))!;
    return w['spec']['template']['spec'];
  };
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  return { r, objects, find, pod, warnings, errors: r.diagnostics.filter((d) => d.severity === 'error') };
}

const td = (containers: Obj[], extra: Obj = {}): Obj => ({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: containers,
  ...extra,
});
const app = (extra: Obj = {}): Obj => ({
  name: 'app',
  image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1',
  essential: true,
  memory: 512,
  portMappings: [{ containerPort: 8080, name: 'http' }],
  ...extra,
});
const svc = (extra: Obj = {}): Obj => ({
  cluster: 'shop',
  serviceName: 'web',
  taskDefinition: 'web',
  desiredCount: 3,
  loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef', containerName: 'app', containerPort: 8080 }],
  ...extra,
});

describe('Traffic: readiness gates, draining, rollout bounds and disruption budgets', () => {
  it('behind an ALB (target type ip): the namespace gets the readiness-gate label, the target a preStop sleep, the grace period covers it and the stop timeout', () => {
    const b = build({ 'td.json': td([app({ stopTimeout: 40 })]), 'svc.json': svc() });
    expect(b.errors).toEqual([]);
    const ns = b.find('Namespace').find((n) => n['metadata'].name === 'shop')!;
    expect(ns['metadata'].labels['elbv2.k8s.aws/pod-readiness-gate-inject']).toBe('enabled');
    const c = b.pod()['containers'][0];
    expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 15 } } });
    expect(b.pod()['terminationGracePeriodSeconds']).toBe(55);
    expect(b.find('Ingress')[0]!['metadata'].annotations['alb.ingress.kubernetes.io/target-type']).toBe('ip');
  });

  it('below Kubernetes 1.30 the pause is an exec sleep, and a warning says the image needs `sleep`', () => {
    const b = build({ 'td.json': td([app()]), 'svc.json': svc() }, { kubernetesVersion: '1.29' });
    expect(b.pod()['containers'][0].lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '15'] } } });
    expect(b.warnings.some((w) => w.code === 'load-balancer' && /1\.30/.test(w.message) && /sleep/.test(w.message))).toBe(true);
  });

  it('in the namespace "default", which the bundle does not hold, a warning says how to label it', () => {
    const b = build({ 'td.json': td([app()]), 'svc.json': svc({ cluster: undefined }) });
    expect(b.find('Namespace')).toEqual([]);
    const w = b.warnings.find((x) => x.code === 'load-balancer' && x.message.includes('kubectl label namespace default elbv2.k8s.aws/pod-readiness-gate-inject=enabled'));
    expect(w?.file).toBe('svc.json');
  });

  it('a gRPC target port gets the ALB backend protocol version GRPC', () => {
    const b = build({ 'td.json': td([app({ portMappings: [{ containerPort: 8080, name: 'grpc', appProtocol: 'grpc' }] })]), 'svc.json': svc() });
    expect(b.find('Ingress')[0]!['metadata'].annotations['alb.ingress.kubernetes.io/backend-protocol-version']).toBe('GRPC');
  });

  it('150 % / 50 % of 3 tasks: at most 4 run (maxSurge 1, where 50 % would round up to 2), at least 2 stay (PDB minAvailable 50 % = 2)', () => {
    const b = build({ 'td.json': td([app()]), 'svc.json': svc({ deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 } }) });
    const d = b.find('Deployment')[0]!;
    expect(d['spec'].strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: '50%' });
    const pdb = b.find('PodDisruptionBudget')[0]!;
    expect(pdb['apiVersion']).toBe('policy/v1');
    expect(pdb['spec'].minAvailable).toBe('50%');
    expect(pdb['spec'].selector.matchLabels).toEqual(d['spec'].selector.matchLabels);
    expect(b.warnings.filter((w) => w.code === 'disruption-budget')).toEqual([]);
  });

  it('200 % keeps a percentage (it is exact at any count)', () => {
    const b = build({ 'td.json': td([app()]), 'svc.json': svc() });
    expect(b.find('Deployment')[0]!['spec'].strategy.rollingUpdate).toEqual({ maxSurge: '100%', maxUnavailable: '0%' });
  });

  it('minimumHealthyPercent 100: never a budget that blocks every drain — one eviction at a time, and a warning that says so', () => {
    for (const desiredCount of [1, 3]) {
      const b = build({ 'td.json': td([app()]), 'svc.json': svc({ desiredCount, deploymentConfiguration: { minimumHealthyPercent: 100 } }) });
      expect(b.find('PodDisruptionBudget')[0]!['spec']).toMatchObject({ maxUnavailable: 1 });
      expect(b.find('PodDisruptionBudget')[0]!['spec'].minAvailable).toBeUndefined();
      const w = b.warnings.find((x) => x.code === 'disruption-budget')!;
      expect(w.message).toMatch(/drain/);
      expect(w.pointer).toBe('/deploymentConfiguration/minimumHealthyPercent');
    }
  });

  it('minimumHealthyPercent 0: no budget (ECS keeps nothing either)', () => {
    const b = build({ 'td.json': td([app()]), 'svc.json': svc({ deploymentConfiguration: { minimumHealthyPercent: 0 } }) });
    expect(b.find('PodDisruptionBudget')).toEqual([]);
  });

  it("one grace period for the pod covers the longest stop timeout, counting ECS's 30 s for a container without one", () => {
    const b = build({ 'td.json': td([app(), { name: 'side', image: 'busybox:1', essential: false, memory: 64, stopTimeout: 20 }]) });
    expect(b.pod()['terminationGracePeriodSeconds']).toBe(30);
  });
});

describe("Docker's rules", () => {
  it('entryPoint [""] clears the image entrypoint: the command is the command, with no args', () => {
    const b = build({ 'td.json': td([app({ entryPoint: [''], command: ['node', 'server.js'] })]) });
    const c = b.pod()['containers'][0];
    expect(c.command).toEqual(['node', 'server.js']);
    expect(c.args).toBeUndefined();
  });

  it('entryPoint [""] and no command: a warning (Docker cannot start it either), and no empty command', () => {
    const b = build({ 'td.json': td([app({ entryPoint: [''] })]) });
    expect(b.pod()['containers'][0].command).toBeUndefined();
    expect(b.warnings.find((w) => w.code === 'entrypoint-reset')?.pointer).toBe('/containerDefinitions/0/entryPoint');
  });

  it('a health check without CMD/CMD-SHELL runs no check: no probes, and the warning says a probe would always fail', () => {
    const b = build({ 'td.json': td([app({ healthCheck: { command: ['curl -f http://localhost:8080/ || exit 1'] } })]) });
    const c = b.pod()['containers'][0];
    expect([c.livenessProbe, c.readinessProbe, c.startupProbe]).toEqual([undefined, undefined, undefined]);
    expect(b.warnings.find((w) => w.code === 'health-check-form')?.message).toMatch(/always fail/);
  });

  it('volumesFrom a container without mountPoints (its image VOLUMEs) is warned, and so is the start order links/volumesFrom imply', () => {
    const b = build({ 'td.json': td([app({ name: 'php' }), { name: 'nginx', image: 'nginx:1', essential: true, memory: 128, volumesFrom: [{ sourceContainer: 'php' }] }]) });
    const codes = b.warnings
      .filter((w) => w.pointer === '/containerDefinitions/1/volumesFrom/0')
      .map((w) => w.code)
      .sort();
    expect(codes).toEqual(['implied-order', 'shared-volume']);
  });
});

describe('Silent losses', () => {
  it('FireLens routing is a warning naming the destination and the idle router', () => {
    const b = build({
      'td.json': td([
        app({ logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs', log_group_name: '/app' } } }),
        { name: 'log_router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2', essential: true, memory: 64, firelensConfiguration: { type: 'fluentbit' } },
      ]),
    });
    const w = b.warnings.find((x) => x.code === 'log-routing')!;
    expect(w.pointer).toBe('/containerDefinitions/0/logConfiguration');
    expect(w.message).toContain('"cloudwatch_logs"');
    expect(w.message).toContain('"log_router"');
  });

  it('placeholders outside images are warned at their own place', () => {
    const b = build({
      'td.json': td(
        [
          app({
            environment: [{ name: 'STAGE', value: '{{ env `STAGE` }}' }],
            secrets: [{ name: 'DB', valueFrom: 'arn:aws:secretsmanager:us-east-1:<AWS_ACCOUNT_ID>:secret:db-AbCdEf' }],
            mountPoints: [{ sourceVolume: 'files', containerPath: '/files' }],
          }),
        ],
        {
          taskRoleArn: 'arn:aws:iam::{{must_env `ACCOUNT`}}:role/web',
          volumes: [{ name: 'files', efsVolumeConfiguration: { fileSystemId: 'FILESYSTEM_ID' } }],
        },
      ),
    });
    const at = b.warnings
      .filter((w) => w.code === 'value-placeholder')
      .map((w) => w.pointer)
      .sort();
    expect(at).toEqual(['/containerDefinitions/0/environment/0/value', '/containerDefinitions/0/secrets/0/valueFrom', '/taskRoleArn', '/volumes/0/efsVolumeConfiguration/fileSystemId']);
  });

  it('an SSM parameter of another account and region keeps its whole ARN, with a warning naming the region the store must read', () => {
    const arn = 'arn:aws:ssm:eu-west-1:222222222222:parameter/shared/token';
    const b = build({
      'td.json': td(
        [
          app({
            secrets: [
              { name: 'TOKEN', valueFrom: arn },
              { name: 'KEY', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/web/key' },
            ],
          }),
        ],
        { executionRoleArn: 'arn:aws:iam::123456789012:role/exec' },
      ),
    });
    const es = b.find('ExternalSecret')[0]!;
    const keys = Object.fromEntries(es['spec'].data.map((d: Obj) => [d['secretKey'], d['remoteRef'].key]));
    expect(keys).toEqual({ TOKEN: arn, KEY: '/web/key' });
    expect(b.warnings.find((w) => w.code === 'secret-ref')?.message).toContain('eu-west-1');
  });

  it('a Windows task without runtimePlatform gets the Windows node selector, with a warning', () => {
    const b = build({ 'td.json': td([app({ image: 'mcr.microsoft.com/windows/servercore/iis:latest' })], { requiresCompatibilities: ['EC2'], networkMode: 'awsvpc' }) });
    expect(b.pod()['nodeSelector']).toEqual({ 'kubernetes.io/os': 'windows' });
    expect(b.warnings.find((w) => w.code === 'windows')?.pointer).toBe('/containerDefinitions/0/image');
  });

  it('two bridge-mode containers on one container port: a warning naming both', () => {
    const b = build({
      'td.json': td([app({ name: 'a', portMappings: [{ containerPort: 80 }] }), app({ name: 'b', portMappings: [{ containerPort: 80 }] })], {
        networkMode: 'bridge',
        requiresCompatibilities: ['EC2'],
      }),
    });
    const w = b.warnings.find((x) => x.code === 'duplicate-port')!;
    expect(w.message).toContain('"a" and "b"');
  });

  it('Service Connect without client aliases: its default name discoveryName.namespace is warned when clients must change it', () => {
    const b = build({
      'td.json': td([app()]),
      'svc.json': svc({ loadBalancers: undefined, serviceConnectConfiguration: { enabled: true, namespace: 'internal', services: [{ portName: 'http', discoveryName: 'web-api' }] } }),
    });
    expect(b.warnings.find((w) => w.code === 'client-alias')?.message).toContain('"web-api.internal"');
  });
});

describe('Storage', () => {
  const efs = (config: Obj) =>
    td([app({ mountPoints: [{ sourceVolume: 'files', containerPath: '/files' }] })], { volumes: [{ name: 'files', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0', ...config } }] });

  it('a static EFS volume is reserved for its claim, and transitEncryption DISABLED (the default) is honoured', () => {
    const b = build({ 'td.json': efs({}) });
    const pv = b.find('PersistentVolume')[0]!;
    const pvc = b.find('PersistentVolumeClaim')[0]!;
    expect(pv['spec'].claimRef).toEqual({ namespace: 'default', name: pvc['metadata'].name });
    expect(pv['spec'].csi.volumeAttributes).toEqual({ encryptInTransit: 'false' });
    const tls = build({ 'td.json': efs({ transitEncryption: 'ENABLED' }) }).find('PersistentVolume')[0]!;
    expect(tls['spec'].mountOptions).toEqual(['tls']);
    expect(tls['spec'].csi.volumeAttributes).toBeUndefined();
  });

  it('iam ENABLED: a warning that the CSI driver mounts with its own identity, not the task role', () => {
    const b = build({ 'td.json': efs({ transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } }) });
    expect(b.warnings.find((w) => w.code === 'efs-volume')?.pointer).toBe('/volumes/0/efsVolumeConfiguration/authorizationConfig/iam');
  });

  const ebsTd = td([app({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })], { volumes: [{ name: 'data', configuredAtLaunch: true }] });

  it("managed EBS: a StorageClass from the service's volume configuration and a per-pod ephemeral volume", () => {
    const b = build({
      'td.json': ebsTd,
      'svc.json': svc({
        loadBalancers: undefined,
        volumeConfigurations: [
          { name: 'data', managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/ebs', sizeInGiB: 50, volumeType: 'io2', iops: 4000, encrypted: true, filesystemType: 'xfs' } },
        ],
      }),
    });
    expect(b.warnings.filter((w) => /volumeConfigurations|volume-at-launch/.test(w.code + w.message))).toEqual([]);
    const sc = b.find('StorageClass')[0]!;
    expect(sc['metadata'].namespace).toBeUndefined();
    expect(sc).toMatchObject({
      provisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      parameters: { type: 'io2', iops: '4000', encrypted: 'true', 'csi.storage.k8s.io/fstype': 'xfs' },
    });
    const vol = b.pod()['volumes'].find((v: Obj) => v['name'] === 'data');
    expect(vol.ephemeral.volumeClaimTemplate.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: sc['metadata'].name, resources: { requests: { storage: '50Gi' } } });
    expect(b.find('PersistentVolumeClaim')).toEqual([]);
  });

  it('a volume configured at launch without its service: an ephemeral volume of the default class, and a warning that says exactly that', () => {
    const b = build({ 'td.json': ebsTd });
    expect(b.pod()['volumes'][0].ephemeral.volumeClaimTemplate.spec.storageClassName).toBeUndefined();
    expect(b.warnings.find((w) => w.code === 'volume-at-launch')?.message).toMatch(/ephemeral volume of the default StorageClass and 1Gi/);
  });
});
