/**
 * The oracle's rules on small hand-made inputs: each ECS rule and each Kubernetes rule against the
 * documented behaviour it encodes, and the comparison and its classification. If one of these
 * fails, the oracle would mislead the converter work, so each case states what the docs say.
 */
import { describe, expect, it } from 'vitest';
import { classify, compareBehaviour, type Diagnostic, type Difference } from './compare.js';
import { ecsBehaviour } from './ecs/behaviour.js';
import type { EcsInputs, Invocation } from './ecs/read.js';
import { k8sBehaviour } from './k8s/behaviour.js';
import type { K8sObject } from './k8s/read.js';

type O = Record<string, unknown>;

function ecs(td: O, svc?: O, invocation: Partial<Invocation> = {}): EcsInputs {
  return {
    taskDefinitions: [{ file: '/in/td.json', pointer: '', value: { family: 'app', ...td }, outerTags: [] }],
    services: svc ? [{ file: '/in/svc.json', pointer: '', value: { serviceName: 'app', taskDefinition: 'app', ...svc } }] : [],
    invocation: { images: {}, ...invocation },
  };
}

const labels = { 'app.kubernetes.io/name': 'app' };
const meta = (kind: string, name = 'app', extra: O = {}): K8sObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'ns', annotations: { 'ecs2k8s.io/task-definition': 'app', 'ecs2k8s.io/service': 'app' } },
  ...extra,
});

function deployment(pod: O, spec: O = {}, kind = 'Deployment'): K8sObject {
  const template = { metadata: { labels }, spec: pod };
  if (kind === 'CronJob') return meta(kind, 'app', { spec: { schedule: '0 * * * *', ...spec, jobTemplate: { spec: { template } } } });
  return meta(kind, 'app', { spec: { ...spec, template } });
}

/** Differences (fact → [ecs, k8s]) between the two sides; `only` keeps some facts. */
function diff(input: EcsInputs, objects: K8sObject[], only?: string[], version?: string): Record<string, [string, string]> {
  const ds = compareBehaviour(ecsBehaviour(input), k8sBehaviour(objects, version ? { kubernetesVersion: version } : {}));
  const out: Record<string, [string, string]> = {};
  for (const d of ds) if (!only || only.includes(d.fact)) out[`${d.container ? `${d.container} ` : ''}${d.fact}`] = [d.ecs, d.k8s];
  return out;
}

const c = (name: string, extra: O = {}): O => ({ name, image: `img/${name}:1`, essential: true, ...extra });
const k = (name: string, extra: O = {}): O => ({ name, image: `img/${name}:1`, ...extra });

describe('memory and CPU ceilings', () => {
  const tenContainers = ecs({ memory: '4096', cpu: '2048', containerDefinitions: Array.from({ length: 10 }, (_, i) => c(`c${i}`)) });

  it('a task budget split into container limits caps each container below what ECS lets it use', () => {
    const pod = { containers: Array.from({ length: 10 }, (_, i) => k(`c${i}`, { resources: { limits: { memory: '409Mi' } } })) };
    const d = diff(tenContainers, [deployment(pod)], ['memory.ceiling', 'memory.task']);
    expect(d['c3 memory.ceiling']).toEqual(['4096Mi', '409Mi']);
    expect(d['memory.task']).toEqual(['4096Mi', '4090Mi']);
  });

  it('pod-level resources carry the task budget from 1.34; an older target drops them', () => {
    const pod = { resources: { limits: { memory: '4Gi', cpu: '2' } }, containers: Array.from({ length: 10 }, (_, i) => k(`c${i}`)) };
    expect(diff(tenContainers, [deployment(pod)], ['memory.ceiling', 'memory.task', 'cpu.task', 'cpu.ceiling'])).toEqual({});
    expect(diff(tenContainers, [deployment(pod)], ['memory.task', 'cpu.task'], '1.33')).toEqual({ 'memory.task': ['4096Mi', 'none'], 'cpu.task': ['2000m', 'none'] });
  });

  it('only memoryReservation everywhere: ECS still caps the task; a pod of requests has no cap', () => {
    const input = ecs({ memory: '2048', containerDefinitions: [c('a', { memoryReservation: 512 }), c('b', { memoryReservation: 256 })] });
    const pod = { containers: [k('a', { resources: { requests: { memory: '512Mi' } } }), k('b', { resources: { requests: { memory: '256Mi' } } })] };
    expect(diff(input, [deployment(pod)], ['memory.ceiling', 'memory.task'])).toEqual({
      'memory.task': ['2048Mi', 'none'],
      'a memory.ceiling': ['2048Mi', 'none'],
      'b memory.ceiling': ['2048Mi', 'none'],
    });
  });

  it('an init container never adds to the pod: its limit counts against the larger of init and regular sums', () => {
    const input = ecs({ containerDefinitions: [c('migrate', { essential: false, memory: 1024 }), c('app', { memory: 1024, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] })] });
    const pod = { initContainers: [k('migrate', { resources: { limits: { memory: '1Gi' } } })], containers: [k('app', { resources: { limits: { memory: '1Gi' } } })] };
    // ECS: migrate has exited before app starts, so the two never need 2048 together.
    expect(diff(input, [deployment(pod)], ['memory.task', 'memory.ceiling'])).toEqual({});
  });

  it('CPU units become millicores (1024 = 1000m), within a millicore of rounding', () => {
    const input = ecs({ containerDefinitions: [c('a', { cpu: 64 }), c('b', { cpu: 512 })] });
    const pod = { containers: [k('a', { resources: { requests: { cpu: '62m' } } }), k('b', { resources: { requests: { cpu: '250m' } } })] };
    expect(diff(input, [deployment(pod)], ['cpu.share'])).toEqual({ 'b cpu.share': ['500m', '250m'] });
  });
});

describe('essential, start order, completion', () => {
  const withCollector = ecs({ containerDefinitions: [c('app'), c('otel', { essential: false })] }, undefined, { workload: 'job' });

  it('a Job completes when its essential container exits in ECS; a long-running regular container holds a Job forever', () => {
    const regular = { restartPolicy: 'Never', containers: [k('app'), k('otel')] };
    expect(diff(withCollector, [deployment(regular, {}, 'Job')], ['completes'])).toEqual({ completes: ['when app exits', 'when all of app, otel have exited'] });
    const sidecar = { restartPolicy: 'Never', initContainers: [k('otel', { restartPolicy: 'Always' })], containers: [k('app')] };
    expect(diff(withCollector, [deployment(sidecar, {}, 'Job')], ['completes'])).toEqual({});
    // Below 1.29 the sidecar is a plain init container, which must exit before app starts.
    expect(diff(withCollector, [deployment(sidecar, {}, 'Job')], ['runs'], '1.28')).toEqual({ 'otel runs': ['for the task life', 'once, before the others'] });
  });

  it('dependsOn COMPLETE is not SUCCESS; HEALTHY is a started sidecar with a startup probe; START is not HEALTHY', () => {
    const input = ecs({
      containerDefinitions: [
        c('init', { essential: false }),
        c('proxy', { healthCheck: { command: ['CMD', 'true'] } }),
        c('agent', { essential: false }),
        c('app', {
          dependsOn: [
            { containerName: 'init', condition: 'COMPLETE' },
            { containerName: 'proxy', condition: 'HEALTHY' },
            { containerName: 'agent', condition: 'START' },
          ],
        }),
      ],
    });
    const probe = { exec: { command: ['true'] } };
    const pod = { initContainers: [k('init'), k('proxy', { restartPolicy: 'Always', startupProbe: probe }), k('agent', { restartPolicy: 'Always', startupProbe: probe })], containers: [k('app')] };
    expect(diff(input, [deployment(pod)], ['start.after'])).toEqual({ 'app start.after': ['agent:START, init:COMPLETE, proxy:HEALTHY', 'agent:HEALTHY, init:SUCCESS, proxy:HEALTHY'] });
  });

  it('links and volumesFrom start the other container first (START); regular containers start together', () => {
    const input = ecs({ networkMode: 'bridge', containerDefinitions: [c('web', { memory: 128, links: ['app'] }), c('app', { memory: 128 })] });
    const pod = { containers: [k('web'), k('app')] };
    expect(diff(input, [deployment(pod)], ['start.after'])).toEqual({ 'web start.after': ['app:START', 'immediately'] });
  });

  it('a non-essential container stays exited in ECS; Kubernetes restarts it', () => {
    const input = ecs({ containerDefinitions: [c('app'), c('sync', { essential: false })] });
    expect(diff(input, [deployment({ containers: [k('app'), k('sync')] })], ['exit'])).toEqual({ 'sync exit': ['stays-exited', 'restarted'] });
  });

  it('a scheduled task starts at every occurrence; Forbid skips runs while one is running; ECS does not retry', () => {
    const input = ecs({ containerDefinitions: [c('job')] }, undefined, { schedule: '0 * * * *' });
    const cron = deployment({ restartPolicy: 'OnFailure', containers: [k('job')] }, { concurrencyPolicy: 'Forbid' }, 'CronJob');
    expect(diff(input, [cron], ['job.overlap', 'job.retries'])).toEqual({ 'job.overlap': ['allowed', 'skipped while one runs'], 'job.retries': ['0', '6'] });
  });
});

describe("Docker's rules", () => {
  it('entryPoint [""] clears the image entrypoint; command [""] cannot exec', () => {
    const input = ecs({ containerDefinitions: [c('app', { entryPoint: [''], command: ['node', 'server.js'] })] });
    expect(diff(input, [deployment({ containers: [k('app', { command: [''], args: ['node', 'server.js'] })] })], ['process'])).toEqual({
      'app process': ['exec ["node","server.js"]', 'cannot exec ""'],
    });
    expect(diff(input, [deployment({ containers: [k('app', { command: ['node', 'server.js'] })] })], ['process'])).toEqual({});
  });

  it('an entrypoint clears the image CMD in both; args alone keep the image entrypoint', () => {
    const input = ecs({ containerDefinitions: [c('a', { entryPoint: ['/bin/x'] }), c('b', { command: ['serve'] })] });
    expect(diff(input, [deployment({ containers: [k('a', { command: ['/bin/x'] }), k('b', { args: ['serve'] })] })], ['process'])).toEqual({});
  });

  it('a health check without CMD/CMD-SHELL runs no check in Docker; the exec probe made of it always fails', () => {
    const input = ecs({ containerDefinitions: [c('app', { healthCheck: { command: ['curl -f http://localhost/ || exit 1'] } })] });
    const probe = { exec: { command: ['curl -f http://localhost/ || exit 1'] } };
    expect(diff(input, [deployment({ containers: [k('app', { readinessProbe: probe, livenessProbe: probe })] })], ['readiness', 'unhealthy'])).toEqual({
      'app readiness': ['no', 'never-ready'],
      'app unhealthy': ['nothing', 'restarted-forever'],
    });
    const shell = ecs({ containerDefinitions: [c('app', { healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/'] } })] });
    const sh = { exec: { command: ['/bin/sh', '-c', 'curl -f http://localhost/'] } };
    expect(diff(shell, [deployment({ containers: [k('app', { readinessProbe: sh, livenessProbe: sh })] })], ['readiness', 'unhealthy'])).toEqual({});
  });

  it("a non-essential container's health does not gate the task", () => {
    const input = ecs({ containerDefinitions: [c('app'), c('agent', { essential: false, healthCheck: { command: ['CMD', 'true'] } })] });
    const probe = { exec: { command: ['true'] } };
    expect(diff(input, [deployment({ containers: [k('app'), k('agent', { readinessProbe: probe })] })], ['readiness'])).toEqual({ 'agent readiness': ['no', 'gates'] });
  });

  it("volumesFrom shares the source's volumes and its image VOLUMEs, not its tmpfs", () => {
    const input = ecs({
      volumes: [{ name: 'data' }],
      containerDefinitions: [c('php', { linuxParameters: { tmpfs: [{ containerPath: '/run', size: 64 }] } }), c('nginx', { volumesFrom: [{ sourceContainer: 'php' }] })],
    });
    const pod = { volumes: [{ name: 'run', emptyDir: { medium: 'Memory' } }], containers: [k('php', { volumeMounts: [{ name: 'run', mountPath: '/run' }] }), k('nginx')] };
    expect(diff(input, [deployment(pod)], ['mount.paths', 'mount:/run'])).toEqual({ 'nginx mount.paths': ['(image VOLUMEs of php)', '(none)'] });
  });
});

describe('traffic', () => {
  const lb = { loadBalancers: [{ containerName: 'app', containerPort: 80, targetGroupArn: 'arn:tg' }], desiredCount: 3, deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 } };
  const input = ecs({ networkMode: 'awsvpc', containerDefinitions: [c('app', { portMappings: [{ containerPort: 80 }] })] }, lb);
  const pod = (extra: O = {}): O => ({ containers: [k('app', { ports: [{ containerPort: 80, name: 'http' }], ...extra })], terminationGracePeriodSeconds: 45 });
  const service = meta('Service', 'app', { spec: { selector: labels, ports: [{ port: 80, targetPort: 'http' }] } });
  const ingress = (ann: Record<string, string>): K8sObject => ({
    ...meta('Ingress', 'app', { spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'app', port: { number: 80 } } } }] } }] } }),
    metadata: { name: 'app', namespace: 'ns', annotations: ann },
  });

  it('ECS rounds 150 % / 50 % of 3 tasks to 4 running and 2 healthy; Kubernetes percentages give 5', () => {
    const d = deployment(pod(), { replicas: 3, strategy: { rollingUpdate: { maxSurge: '50%', maxUnavailable: '50%' } } });
    expect(diff(input, [d], ['rollout.maxRunning', 'rollout.minHealthy'])).toEqual({ 'rollout.maxRunning': ['4', '5'] });
    const whole = deployment(pod(), { replicas: 3, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
    expect(diff(input, [whole], ['rollout.maxRunning', 'rollout.minHealthy'])).toEqual({});
  });

  it('minimumHealthyPercent holds during draining: a PodDisruptionBudget carries it, never one that blocks every eviction', () => {
    const d = deployment(pod(), { replicas: 3 });
    expect(diff(input, [d], ['disruption.floor'])).toEqual({ 'disruption.floor': ['2 of 3', '0 of 3'] });
    const pdb = meta('PodDisruptionBudget', 'app', { spec: { selector: { matchLabels: labels }, minAvailable: 2 } });
    expect(diff(input, [d, pdb], ['disruption.floor'])).toEqual({});
    const one = ecs({ networkMode: 'awsvpc', containerDefinitions: [c('app')] }, { desiredCount: 1 });
    const all = meta('PodDisruptionBudget', 'app', { spec: { selector: { matchLabels: labels }, maxUnavailable: 0 } });
    expect(diff(one, [deployment(pod(), { replicas: 1 }), all], ['disruption.floor'])).toEqual({ 'disruption.floor': ['1 of 1, replacements started first', 'blocks every eviction'] });
  });

  it('behind an ALB: a rollout waits for target health only with ip targets and the readiness gate; draining needs a preStop pause', () => {
    const plain = diff(input, [deployment(pod()), service, ingress({ 'alb.ingress.kubernetes.io/target-type': 'ip' })], ['traffic.waitsForTargetHealth', 'traffic.drainsBeforeStop', 'ports.lb']);
    expect(plain).toEqual({ 'traffic.waitsForTargetHealth': ['yes', 'no'], 'traffic.drainsBeforeStop': ['yes', 'no'] });
    const ns: K8sObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns', labels: { 'elbv2.k8s.aws/pod-readiness-gate-inject': 'enabled' } } };
    const drained = deployment(pod({ lifecycle: { preStop: { sleep: { seconds: 15 } } } }));
    expect(diff(input, [drained, service, ns, ingress({ 'alb.ingress.kubernetes.io/target-type': 'ip' })], ['traffic.waitsForTargetHealth', 'traffic.drainsBeforeStop', 'ports.lb'])).toEqual({});
    expect(diff(input, [drained, service, ns, ingress({})], ['traffic.waitsForTargetHealth'])).toEqual({ 'traffic.waitsForTargetHealth': ['yes', 'no'] });
  });

  it('SIGKILL comes stopTimeout (default 30) after the stop in ECS; grace minus the preStop pause in Kubernetes', () => {
    const one = ecs({ containerDefinitions: [c('a'), c('b', { stopTimeout: 10 })] });
    const short = deployment({ terminationGracePeriodSeconds: 20, containers: [k('a'), k('b')] });
    expect(diff(one, [short], ['stop.killAfterSeconds'])).toEqual({ 'a stop.killAfterSeconds': ['30', '20'] });
  });

  it('Service Connect clients use discoveryName.namespace by default; a Kubernetes Service answers to svc.namespace', () => {
    const sc = ecs(
      { networkMode: 'awsvpc', containerDefinitions: [c('app', { portMappings: [{ containerPort: 80, name: 'web' }] })] },
      { serviceConnectConfiguration: { enabled: true, namespace: 'internal', services: [{ portName: 'web', discoveryName: 'orders' }] } },
    );
    const svc = meta('Service', 'orders', { spec: { selector: labels, ports: [{ port: 80, targetPort: 80 }] } });
    const ports = { containers: [k('app', { ports: [{ containerPort: 80 }] })] };
    expect(diff(sc, [deployment(ports), svc], ['ports.names'])).toEqual({ 'ports.names': ['orders.internal:80 → app:80', 'orders.ns:80 → app:80'] });
    const same = ecs(
      { networkMode: 'awsvpc', containerDefinitions: [c('app', { portMappings: [{ containerPort: 80, name: 'web' }] })] },
      { serviceConnectConfiguration: { enabled: true, namespace: 'internal', services: [{ portName: 'web', clientAliases: [{ port: 80, dnsName: 'orders.ns' }] }] } },
    );
    expect(diff(same, [deployment(ports), svc], ['ports.names'])).toEqual({});
  });

  it('two bridge containers may listen on one port; two containers of a pod cannot', () => {
    const input2 = ecs({ networkMode: 'bridge', containerDefinitions: [c('a', { memory: 64, portMappings: [{ containerPort: 80 }] }), c('b', { memory: 64, portMappings: [{ containerPort: 80 }] })] });
    const p = { containers: [k('a', { ports: [{ containerPort: 80 }] }), k('b', { ports: [{ containerPort: 80 }] })] };
    expect(diff(input2, [deployment(p)], ['ports.bind'])).toEqual({ 'a ports.bind': ['ok', 'clashes with b on 80/tcp'], 'b ports.bind': ['ok', 'clashes with a on 80/tcp'] });
  });
});

describe('identity and platform', () => {
  it('a parameter of another account and region is another parameter than its bare name', () => {
    const input = ecs({
      executionRoleArn: 'arn:aws:iam::111111111111:role/exec',
      containerDefinitions: [c('app', { secrets: [{ name: 'TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:222222222222:parameter/shared/token' }] })],
    });
    const es = (key: string): K8sObject => meta('ExternalSecret', 'app-params', { spec: { target: { name: 'app-params' }, data: [{ secretKey: 'TOKEN', remoteRef: { key } }] } });
    const pod = { containers: [k('app', { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'app-params', key: 'TOKEN' } } }] })] };
    expect(diff(input, [deployment(pod), es('/shared/token')], ['secret.sources'])).toEqual({ 'app secret.sources': ['TOKEN=/shared/token in 222222222222/eu-west-1', 'TOKEN=/shared/token'] });
    expect(diff(input, [deployment(pod), es('arn:aws:ssm:eu-west-1:222222222222:parameter/shared/token')], ['secret.sources'])).toEqual({});
  });

  it('Windows images and paths make a Windows task without runtimePlatform', () => {
    const input = ecs({ containerDefinitions: [c('web', { image: 'mcr.microsoft.com/windows/servercore/iis:latest', memory: 512 })] });
    expect(diff(input, [deployment({ containers: [k('web')] })], ['os'])).toEqual({ os: ['windows', 'linux'] });
    expect(diff(input, [deployment({ nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [k('web')] })], ['os'])).toEqual({});
  });

  it('container names are compared in their Kubernetes form', () => {
    const input = ecs({ containerDefinitions: [c('log_router', { essential: false }), c('app', { dependsOn: [{ containerName: 'log_router', condition: 'START' }] })] });
    const pod = { initContainers: [k('log-router', { restartPolicy: 'Always' })], containers: [k('app')] };
    expect(diff(input, [deployment(pod)], ['start.after', 'present'])).toEqual({});
  });
});

describe('classification against the diagnostics', () => {
  const input = ecs({ containerDefinitions: [c('app'), c('sync', { essential: false })] });
  const bundle = [deployment({ containers: [k('app'), k('sync')] })];
  const run = (diagnostics: Diagnostic[]): string[] => {
    const e = ecsBehaviour(input);
    return classify(
      compareBehaviour(e, k8sBehaviour(bundle)).filter((d: Difference) => d.fact === 'exit'),
      e,
      diagnostics,
    ).map((d) => `${d.status}${d.by ? ` by ${d.by}` : ''}${d.noted ? ` noted ${d.noted}` : ''}`);
  };
  const note = (severity: Diagnostic['severity'], pointer: string): Diagnostic => ({
    code: 'non-essential',
    severity,
    message: 'Kubernetes restarts it whenever it exits',
    file: '/in/td.json',
    pointer,
  });

  it('a warning at the container explains; an info note does not; a warning about another container does not', () => {
    expect(run([note('warning', '/containerDefinitions/1/essential')])).toEqual(['explained by non-essential']);
    expect(run([note('info', '/containerDefinitions/1')])).toEqual(['unexplained noted non-essential (info)']);
    expect(run([note('warning', '/containerDefinitions/0')])).toEqual(['unexplained']);
    expect(run([{ ...note('warning', '/containerDefinitions/1'), file: '/in/other.json' }])).toEqual(['unexplained']);
  });

  it("a volume's warning explains a mount only if it names that volume", () => {
    const efs = ecs({
      volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }, { name: 'cache' }],
      containerDefinitions: [
        c('app', {
          mountPoints: [
            { sourceVolume: 'shared', containerPath: '/data' },
            { sourceVolume: 'cache', containerPath: '/cache' },
          ],
        }),
      ],
    });
    const pv = meta('PersistentVolume', 'pv-1', { spec: { csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-1' } } });
    const pvc = meta('PersistentVolumeClaim', 'shared', { spec: { volumeName: 'pv-1' } });
    const pod = {
      volumes: [
        { name: 'shared', persistentVolumeClaim: { claimName: 'shared' } },
        { name: 'cache', emptyDir: {} },
      ],
      containers: [
        k('app', {
          volumeMounts: [
            { name: 'shared', mountPath: '/data' },
            { name: 'cache', mountPath: '/cache' },
          ],
        }),
      ],
    };
    const e = ecsBehaviour(efs);
    const ds = compareBehaviour(e, k8sBehaviour([deployment(pod), pv, pvc]));
    expect(ds.map((d) => `${d.fact}: ${d.ecs} → ${d.k8s}`)).toEqual(['mount:/data: [efs fs-1 tls off iam off, this volume only] → [efs fs-1 tls on iam off, any claim of its class may bind it]']);
    const warn = (volume: string): Diagnostic => ({
      code: 'efs-volume',
      severity: 'warning',
      message: `the EFS volume "${volume}" is mounted with encryption in transit, and any claim may bind it`,
      file: '/in/td.json',
      pointer: '/volumes/0',
    });
    expect(classify(ds, e, [warn('cache')])[0]!.status).toBe('unexplained');
    expect(classify(ds, e, [warn('shared')])[0]!.status).toBe('explained');
  });
});

describe('scaling and traffic over time (issue 15)', () => {
  const target = { ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount', ResourceId: 'service/default/app', MinCapacity: 2, MaxCapacity: 8 };
  const policy = (extra: O = {}) => ({
    ...target,
    MinCapacity: undefined,
    MaxCapacity: undefined,
    PolicyName: 'cpu',
    TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' }, ...extra },
  });
  const hpa = (spec: O) => meta('HorizontalPodAutoscaler', 'app', { apiVersion: 'autoscaling/v2', spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'app' }, ...spec } });
  const pod = { containers: [k('app')] };

  it('a scalable target with a policy is a range; the HPA must keep the same one, and scale-in must be as allowed', () => {
    const input = { ...ecs({ containerDefinitions: [c('app')] }, { desiredCount: 3 }), scaling: [target, policy({ DisableScaleIn: true })] };
    expect(diff(input, [deployment(pod), hpa({ minReplicas: 2, maxReplicas: 8, behavior: { scaleDown: { selectPolicy: 'Disabled' } } })], ['replicas', 'scaling.in'])).toEqual({});
    expect(diff(input, [deployment(pod), hpa({ minReplicas: 1, maxReplicas: 8 })], ['replicas', 'scaling.in'])).toEqual({ replicas: ['2..8', '1..8'], 'scaling.in': ['never', 'allowed'] });
    // Without a policy or scheduled action nothing scales the service: its desiredCount holds.
    expect(diff({ ...input, scaling: [target] }, [deployment(pod, { replicas: 3 })], ['replicas'])).toEqual({});
  });

  it('CANARY: the weights over time, the manual wait of a PAUSE hook and the bake time must match the Rollout steps', () => {
    const svc = {
      desiredCount: 4,
      deploymentConfiguration: {
        strategy: 'CANARY',
        canaryConfiguration: { canaryPercent: 12.5, canaryBakeTimeInMinutes: 10 },
        bakeTimeInMinutes: 15,
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }],
      },
    };
    const input = ecs({ containerDefinitions: [c('app')] }, svc);
    const rollout = (steps: O[], delay = 900) => deployment(pod, { replicas: 4, strategy: { canary: { scaleDownDelaySeconds: delay, steps } } }, 'Rollout');
    expect(diff(input, [rollout([{ pause: {} }, { setWeight: 13 }, { pause: { duration: '10m' } }])], ['rollout.weights'])).toEqual({});
    expect(diff(input, [rollout([{ setWeight: 50 }], 30)], ['rollout.weights'])).toEqual({
      'rollout.weights': ['12.5%@0m 100%@10m, waits for a person, old revision kept 15m', '50%@0m 100%@0m, old revision kept 0.5m'],
    });
    // A rolling Deployment loses the canary altogether.
    expect(diff(input, [deployment(pod, { replicas: 4 })], ['rollout.weights'])).toEqual({ 'rollout.weights': ['12.5%@0m 100%@10m, waits for a person, old revision kept 15m', 'rolling'] });
  });

  it('LINEAR with a timed PAUSE hook before every shift, the last one included', () => {
    const svc = {
      deploymentConfiguration: {
        strategy: 'LINEAR',
        linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 2 },
        lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], timeoutConfiguration: { action: 'CONTINUE', timeoutInMinutes: 1 } }],
      },
    };
    const input = ecs({ containerDefinitions: [c('app')] }, svc);
    const steps = [{ pause: { duration: '1m' } }, { setWeight: 50 }, { pause: { duration: '2m' } }, { pause: { duration: '1m' } }, { setWeight: 100 }];
    expect(diff(input, [deployment(pod, { strategy: { canary: { scaleDownDelaySeconds: 0, steps } } }, 'Rollout')], ['rollout.weights'])).toEqual({});
    expect(diff(input, [deployment(pod, { strategy: { canary: { scaleDownDelaySeconds: 0, steps: steps.slice(0, 3) } } }, 'Rollout')], ['rollout.weights'])).toEqual({
      'rollout.weights': ['50%@1m 100%@4m, old revision kept 0m', '50%@1m 100%@3m, old revision kept 0m'],
    });
  });
});
