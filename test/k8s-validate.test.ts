import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBERNETES_VERSION, supportedKinds, validateK8sObject, type OutputIssue } from '../src/k8s/validate/index.js';
import { parseQuantity } from '../src/k8s/quantity.js';

type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const meta = (name = 'web', extra: J = {}): J => ({ name, namespace: 'shop', ...extra });
const podSpec = (extra: J = {}): J => ({
  containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }],
  ...extra,
});
const template = (spec: J = podSpec()): J => ({ metadata: { labels: { app: 'web' } }, spec });

function deployment(mut: (d: J) => void = () => {}): J {
  const d: J = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web', { labels: { 'app.kubernetes.io/name': 'web' } }),
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template() },
  };
  mut(d);
  return d;
}

const VALID: Record<string, J> = {
  'v1/Namespace': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
  'v1/ServiceAccount': { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web') },
  'v1/ConfigMap': { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('web-config'), data: { 'app.properties': 'a=1' } },
  'v1/Secret': { apiVersion: 'v1', kind: 'Secret', metadata: meta('web-secret'), type: 'Opaque', data: { token: 'c2VjcmV0' } },
  'v1/Service': {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web'),
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
  },
  'v1/PersistentVolume': {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'efs-data' },
    spec: {
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteMany'],
      persistentVolumeReclaimPolicy: 'Retain',
      csi: { driver: 'efs.csi.aws.com', volumeHandle: 'fs-123' },
    },
  },
  'v1/PersistentVolumeClaim': {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: meta('data'),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  },
  'apps/v1/Deployment': deployment(),
  'apps/v1/DaemonSet': {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent'),
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  },
  'batch/v1/Job': {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('migrate'),
    spec: { backoffLimit: 2, template: { spec: podSpec({ restartPolicy: 'Never' }) } },
  },
  'batch/v1/CronJob': {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('nightly'),
    spec: {
      schedule: '0 3 * * MON-FRI',
      jobTemplate: { spec: { template: { spec: podSpec({ restartPolicy: 'OnFailure' }) } } },
    },
  },
  'networking.k8s.io/v1/Ingress': {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: meta('web'),
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          host: 'shop.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
        },
      ],
    },
  },
  'policy/v1/PodDisruptionBudget': {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: meta('web'),
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  },
  'storage.k8s.io/v1/StorageClass': {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'prod-web-data' },
    provisioner: 'ebs.csi.aws.com',
    parameters: { type: 'gp3', encrypted: 'true' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta('web'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  },
  'keda.sh/v1alpha1/ScaledObject': {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    metadata: meta('web'),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicaCount: 2,
      maxReplicaCount: 10,
      triggers: [
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } },
        { type: 'cron', metadata: { timezone: 'Etc/UTC', start: '0 8 * * 1-5', end: '0 20 * * 1-5', desiredReplicas: '6' } },
      ],
    },
  },
  'keda.sh/v1alpha1/TriggerAuthentication': {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    metadata: meta('aws'),
    spec: { podIdentity: { provider: 'aws', identityOwner: 'keda' } },
  },
  'argoproj.io/v1alpha1/Rollout': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: meta('web'),
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      strategy: { canary: { canaryService: 'web-canary', stableService: 'web', steps: [{ setWeight: 10 }, { pause: { duration: '5m' } }] } },
    },
  },
  'argoproj.io/v1alpha1/AnalysisTemplate': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: meta('web-alarms'),
    spec: {
      metrics: [
        {
          name: 'errors',
          interval: '1m',
          failureLimit: 0,
          failureCondition: 'result[0] >= 5',
          provider: {
            cloudWatch: {
              interval: '1m',
              metricDataQueries: [
                {
                  id: 'm1',
                  metricStat: {
                    metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: [{ name: 'LoadBalancer', value: 'app/web/1234' }] },
                    period: 60,
                    stat: 'Sum',
                  },
                },
              ],
            },
          },
        },
      ],
    },
  },
  'external-secrets.io/v1/ExternalSecret': {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: meta('db'),
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { name: 'aws', kind: 'ClusterSecretStore' },
      target: { name: 'db', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: [{ secretKey: 'password', remoteRef: { key: 'prod/db', property: 'password' } }],
      dataFrom: [{ extract: { key: 'prod/app' } }],
    },
  },
};

const codes = (issues: OutputIssue[]) => issues.map((i) => `${i.code} ${i.pointer}`);

function expectIssue(obj: unknown, code: string, pointer: string): OutputIssue {
  const issues = validateK8sObject(obj);
  const hit = issues.find((i) => i.code === code && i.pointer === pointer);
  expect(hit, `expected ${code} at ${pointer}, got ${JSON.stringify(codes(issues))}`).toBeDefined();
  return hit as OutputIssue;
}

describe('validateK8sObject: valid objects', () => {
  it('supports exactly the emitted kinds, for Kubernetes 1.36', () => {
    expect(KUBERNETES_VERSION).toBe('1.36');
    expect(supportedKinds().sort()).toEqual(Object.keys(VALID).sort());
  });
  for (const [gvk, obj] of Object.entries(VALID)) {
    it(`accepts a minimal ${gvk}`, () => {
      expect(validateK8sObject(obj)).toEqual([]);
    });
  }
  it('accepts native sidecars, numeric quantities, named probe ports and an empty label value', () => {
    const d = deployment((d) => {
      const spec = d.spec.template.spec;
      spec.initContainers = [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always', readinessProbe: { tcpSocket: { port: 9901 } } }];
      spec.containers[0].resources = { requests: { cpu: 0.25, memory: '128Mi' }, limits: { cpu: '500m', memory: '1Gi' } };
      spec.containers[0].livenessProbe = { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10, failureThreshold: 3, successThreshold: 1 };
      spec.containers[0].env = [{ name: 'my.var-1 weird:ok', value: 'x' }];
      d.metadata.labels['example.com/tier'] = '';
    });
    expect(validateK8sObject(d)).toEqual([]);
  });
});

describe('validateK8sObject: schema (strict)', () => {
  it('rejects unknown fields with a "did you mean"', () => {
    const d = deployment((d) => {
      d.spec.replica = 3;
      d.spec.template.spec.containers[0].imagePulPolicy = 'Always';
    });
    const a = expectIssue(d, 'k8s-unknown-field', '/spec/replica');
    expect(a.message).toBe('unknown field "replica" in /spec (did you mean "replicas"?)');
    const b = expectIssue(d, 'k8s-unknown-field', '/spec/template/spec/containers/0/imagePulPolicy');
    expect(b.message).toContain('did you mean "imagePullPolicy"?');
  });
  it('rejects unknown fields in metadata and status', () => {
    expectIssue(
      deployment((d) => (d.metadata.label = { a: 'b' })),
      'k8s-unknown-field',
      '/metadata/label',
    );
    expectIssue(
      deployment((d) => (d.status = {})),
      'k8s-unknown-field',
      '/status',
    );
  });
  it('requires integers where Kubernetes declares int32', () => {
    const i = expectIssue(
      deployment((d) => (d.spec.replicas = '3')),
      'k8s-type',
      '/spec/replicas',
    );
    expect(i.message).toBe('/spec/replicas must be an integer, got "3"');
    expectIssue(
      deployment((d) => (d.spec.replicas = 1.5)),
      'k8s-type',
      '/spec/replicas',
    );
    expectIssue(
      deployment((d) => (d.spec.replicas = 2 ** 31)),
      'k8s-range',
      '/spec/replicas',
    );
  });
  it('checks enums, required members, IntOrString and quantities', () => {
    const e = expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].imagePullPolicy = 'always')),
      'k8s-enum',
      '/spec/template/spec/containers/0/imagePullPolicy',
    );
    expect(e.message).toContain('did you mean "Always"?');
    expectIssue(
      deployment((d) => delete d.spec.selector),
      'k8s-required',
      '/spec',
    );
    expectIssue(
      deployment((d) => delete d.spec.template.spec.containers[0].name),
      'k8s-required',
      '/spec/template/spec/containers/0',
    );
    const svc = structuredClone(VALID['v1/Service']) as J;
    svc.spec.ports[0].targetPort = true;
    expectIssue(svc, 'k8s-type', '/spec/ports/0/targetPort');
    const q = expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].resources = { limits: { memory: '512 MiB' } })),
      'k8s-quantity',
      '/spec/template/spec/containers/0/resources/limits/memory',
    );
    expect(q.message).toContain('"512 MiB"');
  });
  it('checks Secret data is base64 and ExternalSecret enums', () => {
    const s = structuredClone(VALID['v1/Secret']) as J;
    s.data.token = 'not base64!';
    expectIssue(s, 'k8s-base64', '/data/token');
    const es = structuredClone(VALID['external-secrets.io/v1/ExternalSecret']) as J;
    es.spec.secretStoreRef.kind = 'Store';
    es.spec.data[0].remoteRef.decodingStrategy = 'base64';
    es.spec.target.extra = 1;
    expectIssue(es, 'k8s-enum', '/spec/secretStoreRef/kind');
    expectIssue(es, 'k8s-enum', '/spec/data/0/remoteRef/decodingStrategy');
    expectIssue(es, 'k8s-unknown-field', '/spec/target/extra');
  });
  it('reports an unknown apiVersion/kind and non-objects', () => {
    const i = expectIssue({ apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'x' } }, 'k8s-kind', '');
    expect(i.message).toContain('"apps/v1"');
    expectIssue({ apiVersion: 'v1', kind: 'Pod' }, 'k8s-kind', '');
    expectIssue([], 'k8s-object', '');
  });
});

describe('validateK8sObject: API-server rules', () => {
  const c0 = '/spec/template/spec/containers/0';
  it('k8s-null', () => {
    const i = expectIssue(
      deployment((d) => (d.spec.replicas = null)),
      'k8s-null',
      '/spec/replicas',
    );
    expect(codes(validateK8sObject(deployment((d) => (d.spec.replicas = null))))).toEqual(['k8s-null /spec/replicas']);
    expect(i.message).toContain('null');
  });
  it('k8s-name', () => {
    expectIssue(
      deployment((d) => delete d.metadata.name),
      'k8s-name',
      '/metadata/name',
    );
    const i = expectIssue(
      deployment((d) => (d.metadata.name = 'Bad_Name!')),
      'k8s-name',
      '/metadata/name',
    );
    expect(i.message).toContain('"Bad_Name!"');
    expectIssue(
      deployment((d) => (d.metadata.name = 'a'.repeat(254))),
      'k8s-name',
      '/metadata/name',
    );
    expectIssue({ ...VALID['v1/Service'], metadata: meta('1web') }, 'k8s-name', '/metadata/name');
    expectIssue({ ...VALID['v1/Namespace'], metadata: { name: 'a.b' } }, 'k8s-name', '/metadata/name');
    expectIssue({ ...VALID['batch/v1/CronJob'], metadata: meta('c'.repeat(53)) }, 'k8s-name', '/metadata/name');
    expect(validateK8sObject({ ...VALID['v1/ConfigMap'], metadata: meta('a.b-c') })).toEqual([]);
  });
  it('k8s-namespace', () => {
    expectIssue(
      deployment((d) => (d.metadata.namespace = 'Shop')),
      'k8s-namespace',
      '/metadata/namespace',
    );
    expectIssue({ ...VALID['v1/Namespace'], metadata: { name: 'shop', namespace: 'x' } }, 'k8s-namespace', '/metadata/namespace');
  });
  it('k8s-label-key, k8s-label-value, k8s-annotation-key, k8s-annotation-size', () => {
    expectIssue(
      deployment((d) => (d.metadata.labels['-bad'] = 'x')),
      'k8s-label-key',
      '/metadata/labels/-bad',
    );
    expectIssue(
      deployment((d) => (d.metadata.labels['Example.com/x'] = 'x')),
      'k8s-label-key',
      '/metadata/labels/Example.com~1x',
    );
    expectIssue(
      deployment((d) => (d.metadata.labels['a/b/c'] = 'x')),
      'k8s-label-key',
      '/metadata/labels/a~1b~1c',
    );
    expectIssue(
      deployment((d) => (d.metadata.labels.tier = 'front end')),
      'k8s-label-value',
      '/metadata/labels/tier',
    );
    expectIssue(
      deployment((d) => (d.spec.template.metadata.labels.v = 'x'.repeat(64))),
      'k8s-label-value',
      '/spec/template/metadata/labels/v',
    );
    expectIssue(
      deployment((d) => (d.metadata.annotations = { 'bad key': 'x' })),
      'k8s-annotation-key',
      '/metadata/annotations/bad key',
    );
    expectIssue(
      deployment((d) => (d.metadata.annotations = { big: 'x'.repeat(256 * 1024) })),
      'k8s-annotation-size',
      '/metadata/annotations',
    );
  });
  it('k8s-selector', () => {
    const i = expectIssue(
      deployment((d) => (d.spec.selector.matchLabels.app = 'api')),
      'k8s-selector',
      '/spec/selector/matchLabels/app',
    );
    expect(i.message).toContain('"web"');
    expectIssue(
      deployment((d) => (d.spec.selector = {})),
      'k8s-selector',
      '/spec/selector',
    );
  });
  it('k8s-restart-policy', () => {
    expectIssue(
      deployment((d) => (d.spec.template.spec.restartPolicy = 'Never')),
      'k8s-restart-policy',
      '/spec/template/spec/restartPolicy',
    );
    const job = structuredClone(VALID['batch/v1/Job']) as J;
    delete job.spec.template.spec.restartPolicy;
    expectIssue(job, 'k8s-restart-policy', '/spec/template/spec/restartPolicy');
    const cj = structuredClone(VALID['batch/v1/CronJob']) as J;
    cj.spec.jobTemplate.spec.template.spec.restartPolicy = 'Always';
    expectIssue(cj, 'k8s-restart-policy', '/spec/jobTemplate/spec/template/spec/restartPolicy');
  });
  it('k8s-init-container', () => {
    expectIssue(
      deployment((d) => (d.spec.template.spec.initContainers = [{ name: 'init', image: 'x', livenessProbe: { exec: { command: ['true'] } } }])),
      'k8s-init-container',
      '/spec/template/spec/initContainers/0/livenessProbe',
    );
  });
  it('k8s-container-name', () => {
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].name = 'App')),
      'k8s-container-name',
      `${c0}/name`,
    );
    expectIssue(
      deployment((d) => (d.spec.template.spec.initContainers = [{ name: 'app', image: 'x' }])),
      'k8s-container-name',
      `${c0}/name`,
    );
  });
  it('k8s-port-name, k8s-port, k8s-host-port', () => {
    const long = expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].ports[0].name = 'http-admin-panel')),
      'k8s-port-name',
      `${c0}/ports/0/name`,
    );
    expect(long.message).toContain('15 characters');
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].ports[0].name = '8080')),
      'k8s-port-name',
      `${c0}/ports/0/name`,
    );
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].ports[0].name = 'a--b')),
      'k8s-port-name',
      `${c0}/ports/0/name`,
    );
    expectIssue(
      deployment((d) => d.spec.template.spec.containers[0].ports.push({ name: 'http', containerPort: 9090 })),
      'k8s-port-name',
      `${c0}/ports/1/name`,
    );
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].ports[0].containerPort = 70000)),
      'k8s-port',
      `${c0}/ports/0/containerPort`,
    );
    expectIssue(
      deployment((d) => {
        d.spec.template.spec.hostNetwork = true;
        d.spec.template.spec.containers[0].ports[0].hostPort = 80;
      }),
      'k8s-host-port',
      `${c0}/ports/0/hostPort`,
    );
  });
  it('k8s-service-port', () => {
    const svc = (ports: J[], extra: J = {}): J => ({ ...VALID['v1/Service'], spec: { selector: { app: 'web' }, ports, ...extra } });
    expectIssue(svc([{ port: 80 }, { name: 'b', port: 81 }]), 'k8s-service-port', '/spec/ports/0/name');
    expectIssue(
      svc([
        { name: 'a', port: 80 },
        { name: 'a', port: 81 },
      ]),
      'k8s-service-port',
      '/spec/ports/1/name',
    );
    expectIssue(svc([{ name: 'a', port: 0 }]), 'k8s-service-port', '/spec/ports/0/port');
    expectIssue(svc([{ name: 'a', port: 80, targetPort: 'Http_Port' }]), 'k8s-service-port', '/spec/ports/0/targetPort');
    expectIssue(svc([{ name: 'a', port: 80, nodePort: 30080 }]), 'k8s-service-port', '/spec/ports/0/nodePort');
    expect(validateK8sObject(svc([{ port: 80, targetPort: 8080 }]))).toEqual([]);
  });
  it('k8s-volume-name, k8s-volume-mount', () => {
    const withVolumes = (volumes: J[], mounts: J[]) =>
      deployment((d) => {
        d.spec.template.spec.volumes = volumes;
        d.spec.template.spec.containers[0].volumeMounts = mounts;
      });
    expectIssue(withVolumes([{ name: 'Data', emptyDir: {} }], []), 'k8s-volume-name', '/spec/template/spec/volumes/0/name');
    expectIssue(
      withVolumes(
        [
          { name: 'd', emptyDir: {} },
          { name: 'd', emptyDir: {} },
        ],
        [],
      ),
      'k8s-volume-name',
      '/spec/template/spec/volumes/1/name',
    );
    const m = expectIssue(withVolumes([{ name: 'data', emptyDir: {} }], [{ name: 'date', mountPath: '/d' }]), 'k8s-volume-mount', `${c0}/volumeMounts/0/name`);
    expect(m.message).toContain('"date"');
    expect(validateK8sObject(withVolumes([{ name: 'data', emptyDir: { sizeLimit: '1Gi' } }], [{ name: 'data', mountPath: '/d' }]))).toEqual([]);
  });
  it('k8s-env-name', () => {
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].env = [{ name: 'A=B', value: 'x' }])),
      'k8s-env-name',
      `${c0}/env/0/name`,
    );
    expectIssue(
      deployment((d) => (d.spec.template.spec.containers[0].env = [{ name: 'é', value: 'x' }])),
      'k8s-env-name',
      `${c0}/env/0/name`,
    );
  });
  it('k8s-probe', () => {
    const probe = (kind: string, p: J) => deployment((d) => (d.spec.template.spec.containers[0][kind] = p));
    expectIssue(probe('livenessProbe', { tcpSocket: { port: 8080 }, periodSeconds: 0 }), 'k8s-probe', `${c0}/livenessProbe/periodSeconds`);
    expectIssue(probe('livenessProbe', { tcpSocket: { port: 8080 }, failureThreshold: 0 }), 'k8s-probe', `${c0}/livenessProbe/failureThreshold`);
    expectIssue(probe('startupProbe', { tcpSocket: { port: 8080 }, successThreshold: 2 }), 'k8s-probe', `${c0}/startupProbe/successThreshold`);
    expect(validateK8sObject(probe('readinessProbe', { tcpSocket: { port: 8080 }, successThreshold: 2 }))).toEqual([]);
    expectIssue(probe('readinessProbe', { periodSeconds: 5 }), 'k8s-probe', `${c0}/readinessProbe`);
    expectIssue(probe('readinessProbe', { exec: { command: ['x'] }, tcpSocket: { port: 1 } }), 'k8s-probe', `${c0}/readinessProbe`);
  });
  it('k8s-resources, k8s-quantity', () => {
    const res = (r: J) => deployment((d) => (d.spec.template.spec.containers[0].resources = r));
    const i = expectIssue(res({ requests: { memory: '2Gi' }, limits: { memory: '1Gi' } }), 'k8s-resources', `${c0}/resources/requests/memory`);
    expect(i.message).toContain('"2Gi"');
    expect(validateK8sObject(res({ requests: { cpu: '1000m' }, limits: { cpu: 1 } }))).toEqual([]);
    expectIssue(res({ requests: { cpu: '-1' } }), 'k8s-quantity', `${c0}/resources/requests/cpu`);
    expectIssue(res({ limits: { gpu: '1' } }), 'k8s-resources', `${c0}/resources/limits/gpu`);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1h')).toBeNull();
  });
  it('k8s-config-key', () => {
    expectIssue({ ...VALID['v1/ConfigMap'], data: { 'bad key': 'x' } }, 'k8s-config-key', '/data/bad key');
  });
  it('k8s-cron-schedule', () => {
    const cj = (schedule: string) => ({ ...VALID['batch/v1/CronJob'], spec: { ...VALID['batch/v1/CronJob']!.spec, schedule } });
    expectIssue(cj('0 3 * *'), 'k8s-cron-schedule', '/spec/schedule');
    expectIssue(cj('0 25 * * *'), 'k8s-cron-schedule', '/spec/schedule');
    expectIssue(cj('@sometimes'), 'k8s-cron-schedule', '/spec/schedule');
    expectIssue(cj('CRON_TZ=UTC 0 3 * * *'), 'k8s-cron-schedule', '/spec/schedule');
    expect(validateK8sObject(cj('@daily'))).toEqual([]);
    expect(validateK8sObject(cj('*/15 0-6,22 1 JAN-MAR ?'))).toEqual([]);
  });
  it('k8s-pdb, k8s-hpa, k8s-ingress-path', () => {
    const pdb = structuredClone(VALID['policy/v1/PodDisruptionBudget']) as J;
    pdb.spec.maxUnavailable = 1;
    expectIssue(pdb, 'k8s-pdb', '/spec/maxUnavailable');
    const hpa = structuredClone(VALID['autoscaling/v2/HorizontalPodAutoscaler']) as J;
    hpa.spec.minReplicas = 6;
    expectIssue(hpa, 'k8s-hpa', '/spec/minReplicas');
    const ing = structuredClone(VALID['networking.k8s.io/v1/Ingress']) as J;
    ing.spec.rules[0].http.paths[0].path = 'api';
    expectIssue(ing, 'k8s-ingress-path', '/spec/rules/0/http/paths/0/path');
  });
});

describe('generated validators', () => {
  it('are up to date: regenerating gives the committed files byte for byte', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const out = mkdtempSync(path.join(tmpdir(), 'k8s-validators-'));
    try {
      execFileSync(process.execPath, [path.join(root, 'scripts/gen-k8s-validators.mjs'), '--out', out], { cwd: root, stdio: 'pipe' });
      // The schemas and every file of the validators' folder (an index per set, a file per kind, one shared).
      const dir = 'src/k8s/validate/generated';
      const files = readdirSync(path.join(out, dir)).map((f) => `${dir}/${f}`);
      expect(files.sort()).toEqual(
        readdirSync(path.join(root, dir))
          .map((f) => `${dir}/${f}`)
          .sort(),
      );
      expect(files).toEqual(expect.arrayContaining([`${dir}/k8s-validators.js`, `${dir}/k8s-validators.d.ts`, `${dir}/k8s-shared.cjs`, `${dir}/gitops-validators.js`]));
      for (const f of ['schemas/k8s/kubernetes-strict.schema.json', 'schemas/k8s/gitops-strict.schema.json', ...files]) {
        const fresh = readFileSync(path.join(out, f));
        const committed = readFileSync(path.join(root, f));
        expect(fresh.equals(committed), `${f} is stale: run npm run gen`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
