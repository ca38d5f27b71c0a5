/**
 * The test API server, driven by the real kubectl (a client we did not write), shows that it
 * speaks the API as clients expect: discovery, OpenAPI v3 for fieldValidation, Table output,
 * server-side apply, list JSON, kubectl's own ApplySets. And a conflict with kubectl's field
 * manager, named by ecs2k8s; and an `ecs2k8s apply --prune` after kubectl's applies that deletes
 * nothing of kubectl's.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { startCluster, WEB_APP, workerTaskDefinition, type Cluster } from './apiserver/harness.js';
import { applySetId } from '../src/cluster/applyset.js';

const hasKubectl = await new Promise<boolean>((resolve) => execFile('kubectl', ['version', '--client'], (e) => resolve(!e)));

function kubectl(c: Cluster, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', c.kubeconfig, ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: c.tmp.dir, ...env }, timeout: 20_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr }),
    );
  });
}

let c: Cluster;
beforeAll(async () => {
  c = await startCluster();
});
afterAll(async () => {
  await c?.close();
});

it.skipIf(!hasKubectl)('kubectl get, apply --server-side and get -o json work against the test server', async () => {
  const ns = await kubectl(c, ['get', 'ns']);
  expect(ns.code, ns.stderr).toBe(0);
  expect(ns.stdout).toMatch(/^NAME\s+AGE\ndefault\s+\d+s\n$/);
  const file = c.tmp.write(
    'web.yaml',
    [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: {name: demo}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web, namespace: demo}',
      'spec:',
      '  replicas: 2',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec: {containers: [{name: web, image: "nginx:1.27"}]}',
      '',
    ].join('\n'),
  );
  const applied = await kubectl(c, ['apply', '--server-side', '-f', file]);
  expect(applied.code, applied.stderr).toBe(0);
  expect(applied.stdout).toBe('namespace/demo serverside-applied\ndeployment.apps/web serverside-applied\n');
  // kubectl found fieldValidation in the OpenAPI v3 document and left validation to the server
  const patch = c.server.requests.find((q) => q.method === 'PATCH' && q.path.endsWith('/deployments/web'))!;
  expect(patch.query).toMatchObject({ fieldManager: 'kubectl', fieldValidation: 'Strict' });
  const json = await kubectl(c, ['get', 'deploy', '-n', 'demo', '-o', 'json', '--show-managed-fields']);
  expect(json.code, json.stderr).toBe(0);
  const list = JSON.parse(json.stdout);
  expect(list.items[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'demo', generation: 1 }, spec: { replicas: 2 } });
  expect(list.items[0].metadata.managedFields[0]).toMatchObject({ manager: 'kubectl', operation: 'Apply', fieldsType: 'FieldsV1' });
  // strict validation: an unknown field is refused by the server
  const typo = c.tmp.write('typo.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: demo}\ndataa: {a: b}\n');
  const refused = await kubectl(c, ['apply', '--server-side', '-f', typo]);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('.dataa: field not declared in schema');
});

it.skipIf(!hasKubectl)('a field that kubectl owns is a conflict that ecs2k8s names', async () => {
  expect((await c.cli(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
  expect((await c.cli(['apply', 'k8s'])).code).toBe(0);
  const scale = c.tmp.write('scale.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: orders-api, namespace: prod-eu}\nspec: {replicas: 5}\n');
  const taken = await kubectl(c, ['apply', '--server-side', '--force-conflicts', '-f', scale]);
  expect(taken.code, taken.stderr).toBe(0);
  const r = await c.cli(['apply', 'k8s']);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain('field manager "kubectl" owns .spec.replicas');
  // and kubectl sees ecs2k8s's ownership the same way: without force, its own apply conflicts
  expect((await c.cli(['apply', 'k8s', '--force-conflicts'])).code).toBe(0);
  const back = await kubectl(c, ['apply', '--server-side', '-f', scale]);
  expect(back.code).not.toBe(0);
  expect(back.stderr).toContain('conflict with "ecs2k8s"');
});

it.skipIf(!hasKubectl)("an apply by kubectl (its own ApplySet, and none) followed by ecs2k8s apply --prune deletes nothing of kubectl's", async () => {
  const ns = await kubectl(c, ['apply', '--server-side', '-f', c.tmp.write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n')]);
  expect(ns.code, ns.stderr).toBe(0);
  const doc = (kind: string, name: string, body: string) => `apiVersion: ${kind === 'Deployment' ? 'apps/v1' : 'v1'}\nkind: ${kind}\nmetadata: {name: ${name}, namespace: shop}\n${body}`;
  const deploy = (name: string) =>
    doc('Deployment', name, `spec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: ${name}, image: "nginx:1.27"}]}\n`);
  const set = c.tmp.write('kubectl-set.yaml', [deploy('k-web'), doc('ConfigMap', 'k-conf', 'data: {a: b}\n')].join('---\n'));
  const applyset = await kubectl(c, ['apply', '--server-side', '--prune', '--applyset=configmaps/k-set', '-n', 'shop', '-f', set], { KUBECTL_APPLYSET: 'true' });
  expect(applyset.code, applyset.stderr).toBe(0);
  const plain = c.tmp.write('kubectl-plain.yaml', deploy('k-plain'));
  expect((await kubectl(c, ['apply', '--server-side', '-f', plain])).code).toBe(0);
  const kubectlObjects = ['ConfigMap shop/k-conf', 'ConfigMap shop/k-set', 'Deployment shop/k-plain', 'Deployment shop/k-web', 'Namespace shop'];
  for (const o of kubectlObjects) expect(c.server.names()).toContain(o);
  // kubectl made its own ApplySet (KEP-3659 labels), which ecs2k8s must leave alone
  expect(c.server.get('apps/v1', 'Deployment', 'shop', 'k-web')!['metadata'].labels['applyset.kubernetes.io/part-of']).toBe(applySetId('k-set', 'shop'));
  expect(c.server.get('v1', 'ConfigMap', 'shop', 'k-set')!['metadata'].annotations['applyset.kubernetes.io/tooling']).toMatch(/^kubectl\//);

  const td = join(WEB_APP, 'task-definition.json');
  const svc = join(WEB_APP, 'service.json');
  const first = await c.bin(['apply', td, svc, '-n', 'shop', '--applyset', 'orders', '--prune']);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stdout).toContain('Namespace shop: kept: it existed before and ecs2k8s did not create it');
  // the bundle changes: ecs2k8s prunes what it applied, and only that
  const worker = c.tmp.write('ecs/worker.json', workerTaskDefinition('worker'));
  const second = await c.bin(['apply', worker, '-n', 'shop', '--applyset', 'orders', '--prune']);
  expect(second.code, second.stderr).toBe(0);
  expect(second.stdout).toContain('Deployment shop/orders-api: pruned');
  for (const o of kubectlObjects) expect(c.server.names()).toContain(o);
  const deletes = c.server.requests.filter((q) => q.method === 'DELETE').map((q) => q.path);
  expect(deletes.some((p) => /\/(k-web|k-conf|k-plain|k-set)$|\/namespaces\/shop$/.test(p))).toBe(false);
  // and kubectl's own prune still sees its ApplySet as it left it
  const again = await kubectl(c, ['apply', '--server-side', '--prune', '--applyset=configmaps/k-set', '-n', 'shop', '-f', set, '--dry-run=server'], { KUBECTL_APPLYSET: 'true' });
  expect(again.code, again.stderr).toBe(0);
  expect(again.stdout).not.toMatch(/pruned/);
});
