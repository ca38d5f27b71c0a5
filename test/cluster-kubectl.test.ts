/**
 * The test API server, driven by the real kubectl (a client we did not write), shows that it
 * speaks the API as clients expect: discovery, OpenAPI v3 for fieldValidation, Table output,
 * server-side apply, list JSON. And a conflict with kubectl's field manager, named by ecs2k8s.
 */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCluster, WEB_APP, type Cluster } from './apiserver/harness.js';

const hasKubectl = await new Promise<boolean>((resolve) => execFile('kubectl', ['version', '--client'], (e) => resolve(!e)));

function kubectl(c: Cluster, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', c.kubeconfig, ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: c.tmp.dir }, timeout: 20_000 }, (e, stdout, stderr) =>
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
  const file = c.tmp.write('web.yaml', [
    'apiVersion: v1', 'kind: Namespace', 'metadata: {name: demo}', '---',
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: web, namespace: demo}',
    'spec:', '  replicas: 2', '  selector: {matchLabels: {app: web}}', '  template:', '    metadata: {labels: {app: web}}',
    '    spec: {containers: [{name: web, image: "nginx:1.27"}]}', '',
  ].join('\n'));
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
