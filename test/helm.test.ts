/**
 * Helm charts with a real helm (test/helpers/helm.ts): strings that hold template syntax come
 * out of `helm template` exactly as the plain bundle has them (fast-check, fixed seed), and a
 * HorizontalPodAutoscaler's bounds are values.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTexts, defaultOptions, renderHelm, type BundleEntry, type K8sObject } from '../src/index.js';
import { makeTempDir } from './helpers/files.js';
import { helm, helmPath } from './helpers/helm.js';
import { byKey, parseStream, type Obj } from './helpers/kustomize.js';

const hasHelm = helmPath() !== undefined;
if (!hasHelm) console.warn('helm.test.ts: no helm binary for this platform: skipped');
const tmp = makeTempDir('ecs2k8s-helm-');
afterAll(() => tmp.remove());

function writeChart(dir: string, entries: readonly BundleEntry[]): void {
  for (const [path, text] of renderHelm(entries)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function entriesOf(task: object, service?: object): BundleEntry[] {
  const texts = [{ file: 'task.json', text: JSON.stringify(task) }, ...(service ? [{ file: 'service.json', text: JSON.stringify(service) }] : [])];
  const r = compileTexts(texts, defaultOptions(), { cwd: '/' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.entries;
}

const plainObjects = (entries: readonly BundleEntry[]) => byKey(entries.filter((e) => e.object.kind !== 'Namespace').map((e) => JSON.parse(JSON.stringify(e.object)) as Obj));

const TEMPLATE_BITS = ['{{', '}}', '{{-', '-}}', '{{ .Values.x }}', '{{ fail "boom" }}', '{{/* c */}}', '"', "'", '\\', '\n', ': ', '# ', '$values', '.Release.Name', '%', '`', 'ü', '✓', ' '];
const hostile = fc.array(fc.oneof(fc.constantFrom(...TEMPLATE_BITS), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

describe.skipIf(!hasHelm)('helm template renders template syntax in the input as written', () => {
  it('env values, labels, annotations, commands and names of files with {{ … }} (fixed seed)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 4, maxLength: 4 }), async ([value, label, tag, arg]) => {
        const task = {
          family: 'app',
          containerDefinitions: [{ name: 'app', image: 'repo/app:1', essential: true, memory: 128, command: ['run', arg], environment: [{ name: 'V', value }], dockerLabels: { note: label } }],
          tags: [{ key: 'owner', value: tag }],
        };
        const entries = entriesOf(task, { cluster: 'apps', serviceName: 'app', taskDefinition: 'app', desiredCount: 2 });
        const dir = tmp.path(`hostile-${++n}`);
        writeChart(dir, entries);
        const got = byKey(parseStream(helm(['template', 'r', join(dir, 'apps'), '--namespace', 'apps'])));
        expect(got).toEqual(plainObjects(entries));
      }),
      { seed: 1718, numRuns: 20, endOnFailure: true },
    );
  }, 300_000);

  it('a HorizontalPodAutoscaler: its bounds are values under the workload it scales', () => {
    const entries = entriesOf(
      { family: 'api', containerDefinitions: [{ name: 'api', image: 'repo/api:2', essential: true, memory: 256 }] },
      { cluster: 'apps', serviceName: 'api', taskDefinition: 'api', desiredCount: 3 },
    );
    const hpa: K8sObject = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'apps' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
      },
    };
    const all = [...entries, { namespace: 'apps', object: hpa }];
    const dir = tmp.path('hpa');
    writeChart(dir, all);
    expect(helm(['lint', '--strict', join(dir, 'apps')])).toContain('0 chart(s) failed');
    expect(byKey(parseStream(helm(['template', 'r', join(dir, 'apps'), '--namespace', 'apps'])))).toEqual(plainObjects(all));
    const set = parseStream(helm(['template', 'r', join(dir, 'apps'), '--namespace', 'apps', '--set', 'workloads.api.autoscaling.maxReplicas=20']));
    expect((set.find((o) => o.kind === 'HorizontalPodAutoscaler')!['spec'] as { maxReplicas: number }).maxReplicas).toBe(20);
    expect(() => helm(['template', 'r', join(dir, 'apps'), '--set', 'workloads.api.autoscaling.minReplicas=0'])).toThrow(/minimum|schema/i);
  });
});
