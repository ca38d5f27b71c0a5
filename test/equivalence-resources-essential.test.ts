/**
 * Issue 14 (SPEC §10), bullets Memory and CPU, Essential and Target version, through the library
 * API: what each container and the pod may use, which containers hold a Job, which probes a
 * non-essential container gets, and what an older kubernetesVersion gets instead.
 */
import { describe, expect, it } from 'vitest';
import { compileTexts, defaultOptions, validateK8sObject } from '../src/index.js';

type O = Record<string, any>;

function build(td: O, options: Partial<ReturnType<typeof defaultOptions>> = {}) {
  const r = compileTexts([{ file: 'td.json', text: JSON.stringify(td) }], { ...defaultOptions(), ...options }, { cwd: process.cwd() });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const { object } of r.entries) expect(validateK8sObject(object)).toEqual([]);
  const workload = r.entries.map((e) => e.object as O).find((o) => ['Deployment', 'Job', 'CronJob'].includes(o['kind']))!;
  const spec = workload['kind'] === 'CronJob' ? workload['spec']['jobTemplate']['spec']['template']['spec'] : workload['spec']['template']['spec'];
  const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
  const byName = (n: string): O => [...(spec['initContainers'] ?? []), ...spec['containers']].find((c: O) => c['name'] === n);
  return { workload, spec, warnings, diagnostics: r.diagnostics, byName };
}

const fargate = (containers: O[], extra: O = {}): O => ({
  family: 'shop',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '1024',
  memory: '4096',
  containerDefinitions: containers,
  ...extra,
});
const c = (name: string, more: O = {}): O => ({ name, image: `example/${name}:1`, essential: true, ...more });

describe('memory and cpu: the task budget (SPEC §10)', () => {
  const ten = fargate(Array.from({ length: 10 }, (_, i) => c(`svc${i}`, { essential: i === 0 })));

  it("at the default target (1.36) the budget is the pod's resources, and no container gets a share of it", () => {
    const { spec, warnings } = build(ten);
    expect(spec['resources']).toEqual({ limits: { cpu: '1', memory: '4096Mi' }, requests: { cpu: '1', memory: '4096Mi' } });
    for (const x of spec['containers']) expect(x['resources'], x['name']).toBeUndefined();
    expect(warnings.filter((w) => w.code === 'task-resources' || w.code === 'target-version')).toEqual([]);
  });

  it('below 1.34 every container may use the whole budget, and a warning names the pod total and the version', () => {
    const { spec, warnings } = build(ten, { kubernetesVersion: '1.33' });
    expect(spec['resources']).toBeUndefined();
    for (const x of spec['containers']) expect(x['resources']['limits'], x['name']).toEqual({ cpu: '1', memory: '4096Mi' });
    const requests = spec['containers'].map((x: O) => parseInt(x['resources']['requests']['memory'], 10));
    expect(requests.reduce((a: number, b: number) => a + b, 0)).toBeLessThanOrEqual(4096);
    const w = warnings.find((d) => d.code === 'target-version');
    expect(w?.message).toContain('memory 40960Mi');
    expect(w?.message).toContain('1.34');
  });

  it("an init container that exits before the app takes no share of the app's budget (older target)", () => {
    const td = fargate([c('migrate', { essential: false }), c('app', { dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] })], { memory: '2048' });
    const { byName, warnings } = build(td, { kubernetesVersion: '1.30' });
    expect(byName('app')['resources']['limits']['memory']).toBe('2048Mi');
    expect(byName('app')['resources']['requests']['memory']).toBe('2048Mi');
    expect(byName('migrate')['resources']['limits']['memory']).toBe('2048Mi');
    expect(warnings.filter((d) => d.code === 'target-version')).toEqual([]);
  });

  it("containers with only memoryReservation keep the task's hard cap", () => {
    const td = fargate([c('app', { memoryReservation: 1024 }), c('cache', { memoryReservation: 512 })], { memory: '2048' });
    expect(build(td).spec['resources']['limits']['memory']).toBe('2048Mi');
    const old = build(td, { kubernetesVersion: '1.29' });
    expect(old.byName('app')['resources']).toMatchObject({ limits: { memory: '2048Mi' }, requests: { memory: '1024Mi' } });
    expect(old.byName('cache')['resources']).toMatchObject({ limits: { memory: '2048Mi' }, requests: { memory: '512Mi' } });
  });

  it("a container's own memory stays its limit inside the pod budget", () => {
    const { byName, spec } = build(fargate([c('app', { memory: 1024, cpu: 512 }), c('envoy')]));
    expect(byName('app')['resources']).toEqual({ limits: { memory: '1024Mi' }, requests: { cpu: '500m', memory: '1024Mi' } });
    expect(byName('envoy')['resources']).toBeUndefined();
    expect(spec['resources']['limits']).toEqual({ cpu: '1', memory: '4096Mi' });
  });
});

describe('essential (SPEC §10)', () => {
  const job = (extra: O[] = []): O => fargate([c('export', { command: ['run'] }), c('xray-daemon', { essential: false }), ...extra], { tags: [{ key: 'ecs2k8s.io/workload', value: 'job' }] });

  it('in a Job a non-essential collector is a native sidecar, so the Job completes when the essential container exits', () => {
    const { spec, warnings } = build(job());
    expect(spec['containers'].map((x: O) => x['name'])).toEqual(['export']);
    expect(spec['initContainers']).toEqual([expect.objectContaining({ name: 'xray-daemon', restartPolicy: 'Always' })]);
    expect(warnings.find((w) => w.code === 'non-essential')?.message).toMatch(/"xray-daemon".*restarts it/);
  });

  it('below 1.29 the sidecar is a regular container, and a warning says the Job then waits for it', () => {
    const { spec, warnings } = build(job(), { kubernetesVersion: '1.28' });
    expect(spec['initContainers']).toBeUndefined();
    expect(spec['containers'].map((x: O) => x['name']).sort()).toEqual(['export', 'xray-daemon']);
    for (const x of spec['containers']) expect(x['restartPolicy']).toBeUndefined();
    const w = warnings.find((d) => d.code === 'target-version' && d.message.includes('"xray-daemon"'));
    expect(w?.message).toMatch(/Job completes only when it has exited too.*1\.29/);
  });

  it('a CronJob allows a run while the last one still runs, as EventBridge does', () => {
    const td = job();
    td['tags'] = [{ key: 'ecs2k8s.io/schedule', value: 'rate(1 hour)' }];
    expect(build(td).workload['spec']['concurrencyPolicy']).toBe('Allow');
  });

  it('two essential containers of a Job: a warning says the pod waits for both', () => {
    const { warnings } = build(job([c('report')]));
    expect(warnings.find((w) => w.code === 'job-completion')?.message).toMatch(/all of "export", "report"/);
  });

  it('a non-essential health check takes no part in readiness or liveness', () => {
    const hc = { command: ['CMD-SHELL', 'agent health'], interval: 10 };
    const { byName, warnings } = build(fargate([c('app'), c('agent', { essential: false, healthCheck: hc })]));
    const agent = byName('agent');
    expect(agent['readinessProbe']).toBeUndefined();
    expect(agent['livenessProbe']).toBeUndefined();
    expect(byName('app')['readinessProbe']).toBeUndefined();
    expect(warnings.find((w) => w.code === 'non-essential')?.message).toContain('"agent"');
  });

  it('a sidecar others wait for with START gets no startup probe (it would make them wait for HEALTHY)', () => {
    const hc = { command: ['CMD', '/health'], startPeriod: 60 };
    const { byName } = build(fargate([c('app', { dependsOn: [{ containerName: 'envoy', condition: 'START' }] }), c('envoy', { healthCheck: hc })]));
    const envoy = byName('envoy');
    expect(envoy['restartPolicy']).toBe('Always');
    expect(envoy['startupProbe']).toBeUndefined();
    expect(envoy['livenessProbe']['initialDelaySeconds']).toBe(60);
  });
});
