/**
 * The ApplySet is the bundle's, not the namespace's (KEP-3659 parent per apply scope), and
 * Namespaces are only ever pruned by the ApplySet that created them, when they hold nothing
 * else. Through the real bin, against the test API server: two bundles in one namespace, an
 * object two bundles claim, a derived name that grows, ecs2k8s 0.1's per-namespace ApplySet,
 * namespaces that existed before (with objects of others in them), namespaces that leave the
 * bundle.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, WEB_APP, workerTaskDefinition, type Cluster } from './apiserver/harness.js';
import { applySetId, PART_OF_LABEL } from '../src/cluster/applyset.js';

let c: Cluster;
beforeEach(async () => {
  c = await startCluster();
});
afterEach(async () => {
  await c?.close();
});

type Obj = Record<string, any>;
const TD = join(WEB_APP, 'task-definition.json');
const SVC = join(WEB_APP, 'service.json');
const deletes = () => c.server.requests.filter((q) => q.method === 'DELETE').map((q) => q.path);
const writes = () => c.server.requests.filter((q) => (q.method === 'PATCH' || q.method === 'DELETE') && q.query['dryRun'] !== 'All');
const labelOf = (o: Obj | undefined) => o?.['metadata']?.labels?.[PART_OF_LABEL];
const deployment = (ns: string, name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: ns, labels },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'busybox' }] } } },
});

describe('one ApplySet per bundle', () => {
  it('two bundles in one namespace: each prunes only its own objects', async () => {
    const worker = c.tmp.write('b/worker.json', workerTaskDefinition('worker'));
    const cron = c.tmp.write('b/cron.json', workerTaskDefinition('reports'));
    expect((await c.bin(['apply', TD, SVC, '-n', 'shop', '--applyset', 'team-a'])).code).toBe(0);
    expect((await c.bin(['apply', worker, cron, '-n', 'shop', '--applyset', 'team-b'])).code).toBe(0);
    expect(labelOf(c.server.get('apps/v1', 'Deployment', 'shop', 'orders-api'))).toBe(applySetId('applyset-team-a', 'shop'));
    expect(labelOf(c.server.get('apps/v1', 'Deployment', 'shop', 'worker'))).toBe(applySetId('applyset-team-b', 'shop'));
    expect(c.server.names().filter((n) => n.startsWith('ConfigMap shop/'))).toEqual(['ConfigMap shop/applyset-team-a', 'ConfigMap shop/applyset-team-b']);

    // team A prunes: team B's objects are not in its ApplySet, so nothing of B is even a candidate
    const a = await c.bin(['apply', TD, SVC, '-n', 'shop', '--applyset', 'team-a', '--prune']);
    expect(a.code, a.stderr).toBe(0);
    expect(deletes()).toEqual([]);
    expect(a.stderr).toContain('0 pruned');
    // team B drops one of its services and prunes: only that one goes
    const b = await c.bin(['apply', worker, '-n', 'shop', '--applyset', 'team-b', '--prune']);
    expect(b.code, b.stderr).toBe(0);
    expect(deletes()).toEqual(['/apis/apps/v1/namespaces/shop/deployments/reports']);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'orders-api')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'worker')).toBeDefined();
    // the shared Namespace was created by team A's ApplySet, which alone records it; team B leaves it alone
    expect(b.stdout).toContain('Namespace shop: kept: it existed before and ecs2k8s did not create it');
    expect(labelOf(c.server.get('v1', 'Namespace', undefined, 'shop'))).toBe(applySetId('applyset-team-a', 'shop'));
  });

  it('without a name, two bundles get two derived ApplySets; --prune asks for a name (exit 2, nothing sent)', async () => {
    const worker = c.tmp.write('b/worker.json', workerTaskDefinition('worker'));
    expect((await c.bin(['apply', TD, SVC, '-n', 'shop'])).code).toBe(0);
    expect((await c.bin(['apply', worker, '-n', 'shop'])).code).toBe(0);
    expect(c.server.names().filter((n) => n.startsWith('ConfigMap shop/applyset-bundle-')).length).toBe(2);
    c.server.clearLog();
    const r = await c.bin(['apply', worker, '-n', 'shop', '--prune']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('error prune-without-applyset: --prune needs an ApplySet name that stays the same as the bundle changes');
    expect(c.server.requests).toEqual([]);
  });

  it('the project file names the ApplySet; --applyset wins over it', async () => {
    c.tmp.write('ecs2k8s.yaml', 'applyset: shop-orders\n');
    expect((await c.bin(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
    const r = await c.bin(['apply', 'k8s', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(c.server.get('v1', 'ConfigMap', 'prod-eu', 'applyset-shop-orders')).toBeDefined();
    expect(r.stderr).not.toContain('note: this bundle');
    const flag = await c.bin(['diff', 'k8s', '--applyset', 'other-name']);
    expect(flag.stdout).toContain('+++ merged/prod-eu/configmap-applyset-other-name.yaml');
    const bad = await c.bin(['apply', 'k8s', '--applyset', 'Not_A_Name']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--applyset "Not_A_Name" must be a DNS-1123 label');
  });

  it('an object that another bundle holds is not taken: exit 3 before anything is written', async () => {
    const worker = c.tmp.write('b/worker.json', workerTaskDefinition('worker'));
    expect((await c.bin(['apply', TD, SVC, worker, '-n', 'shop', '--applyset', 'team-a'])).code).toBe(0);
    c.server.clearLog();
    // team B's bundle also defines a "worker": it belongs to team A's ApplySet, which holds more than team B's bundle does
    const r = await c.bin(['apply', worker, '-n', 'shop', '--applyset', 'team-b', '--prune']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Deployment shop/worker belongs to the ApplySet of ConfigMap shop/applyset-team-a, which also holds');
    expect(r.stderr).toContain('two bundles (or tools) hold the same object');
    expect(writes()).toEqual([]);
    // nor an object of another tool's ApplySet
    c.server.seed(deployment('shop', 'kubectl-app', { [PART_OF_LABEL]: applySetId('kubectl-set', 'shop', 'Secret') }), { manager: 'kubectl' });
    const theirs = c.tmp.write('c/kubectl-app.json', workerTaskDefinition('kubectl-app'));
    const t = await c.bin(['apply', theirs, '-n', 'shop', '--applyset', 'team-c']);
    expect(t.code).toBe(3);
    expect(t.stderr).toContain('Deployment shop/kubectl-app belongs to an ApplySet whose parent ecs2k8s does not find in namespace shop');
  });

  it('a derived name that grows takes its earlier ApplySet whole (and removes its parent); one that shrinks is refused', async () => {
    const one = c.tmp.write('b/one.json', workerTaskDefinition('one'));
    const two = c.tmp.write('b/two.json', workerTaskDefinition('two'));
    expect((await c.bin(['apply', one, '-n', 'shop'])).code).toBe(0);
    const [first] = c.server.names().filter((n) => n.startsWith('ConfigMap shop/applyset-'));
    const grown = await c.bin(['apply', one, two, '-n', 'shop']);
    expect(grown.code, grown.stderr).toBe(0);
    expect(grown.stderr).toContain(`from the ApplySet of ${first} (this bundle holds all of its objects)`);
    expect(grown.stdout).toContain(`${first}: pruned (the parent of an ApplySet whose objects all moved to bundle-`);
    const parents = c.server.names().filter((n) => n.startsWith('ConfigMap shop/applyset-'));
    expect(parents.length).toBe(1);
    expect(parents[0]).not.toBe(first);
    // the ApplySet now holds "two" as well; a bundle with "one" alone does not hold all of it
    const shrunk = await c.bin(['apply', one, '-n', 'shop']);
    expect(shrunk.code).toBe(3);
    expect(shrunk.stderr).toContain('which also holds Deployment shop/two that this bundle does not');
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'two')).toBeDefined();
  });
});

describe("migrating from ecs2k8s 0.1's ApplySet (applyset-ecs2k8s, one per namespace)", () => {
  /** What 0.1 left: every object labelled with the per-namespace id, the parent without a record of the namespace. */
  async function legacyState() {
    expect((await c.bin(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
    expect((await c.bin(['apply', 'k8s', '--applyset', 'ecs2k8s'])).code).toBe(0);
    const parent = c.server.get('v1', 'ConfigMap', 'prod-eu', 'applyset-ecs2k8s')!;
    delete parent['metadata'].annotations['ecs2k8s.io/created-namespace'];
    delete parent['metadata'].managedFields;
    c.server.seed(parent);
    c.server.clearLog();
  }

  it('--applyset ecs2k8s keeps using it: nothing moves', async () => {
    await legacyState();
    const r = await c.bin(['apply', 'k8s', '--applyset', 'ecs2k8s', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('move to its ApplySet');
    expect(deletes()).toEqual([]);
  });

  it("a new name takes the bundle's objects out of it; the Namespace, which 0.1 may have adopted, is left alone", async () => {
    await legacyState();
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("move to its ApplySet orders from ecs2k8s 0.1's ApplySet of namespace prod-eu (ConfigMap prod-eu/applyset-ecs2k8s)");
    expect(labelOf(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api'))).toBe(applySetId('applyset-orders', 'prod-eu'));
    expect(r.stdout).toContain('Namespace prod-eu: kept: it existed before and ecs2k8s did not create it');
    expect(labelOf(c.server.get('v1', 'Namespace', undefined, 'prod-eu'))).toBe(applySetId('applyset-ecs2k8s', 'prod-eu'));
    expect(deletes()).toEqual([]);
  });
});

describe('Namespaces', () => {
  it('a namespace that existed before is never adopted, labelled or pruned, and what others keep in it stays', async () => {
    c.server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring' } });
    c.server.seed(deployment('monitoring', 'prometheus'), { manager: 'helm' });
    const r = await c.bin(['apply', TD, SVC, '-n', 'monitoring', '--applyset', 'orders']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Namespace monitoring: kept: it existed before and ecs2k8s did not create it');
    expect(c.server.requests.filter((q) => q.method === 'PATCH' && q.path === '/api/v1/namespaces/monitoring')).toEqual([]);
    expect(labelOf(c.server.get('v1', 'Namespace', undefined, 'monitoring'))).toBeUndefined();
    expect(c.server.get('v1', 'ConfigMap', 'monitoring', 'applyset-orders')!['metadata'].annotations['ecs2k8s.io/created-namespace']).toBeUndefined();
    // the bundle moves to another namespace: its objects in monitoring are pruned, the namespace and helm's objects stay
    const moved = await c.bin(['apply', TD, SVC, '-n', 'orders', '--applyset', 'orders', '--prune']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('Deployment monitoring/orders-api: pruned');
    expect(moved.stdout).toContain('ConfigMap monitoring/applyset-orders: pruned');
    expect(deletes()).not.toContain('/api/v1/namespaces/monitoring');
    expect(c.server.get('v1', 'Namespace', undefined, 'monitoring')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'monitoring', 'prometheus')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'monitoring', 'orders-api')).toBeUndefined();
  });

  it('a namespace ecs2k8s created is pruned with its folder, unless someone else put objects in it', async () => {
    expect((await c.bin(['apply', TD, SVC, '-n', 'temp', '--applyset', 'orders'])).code).toBe(0);
    expect((await c.bin(['apply', TD, SVC, '-n', 'scratch', '--applyset', 'orders'])).code).toBe(0);
    c.server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'someone-elses', namespace: 'scratch' }, data: { a: 'b' } });
    const d = await c.bin(['diff', TD, SVC, '-n', 'prod', '--applyset', 'orders', '--prune']);
    expect(d.code, d.stderr).toBe(1);
    expect(d.stdout).toContain('--- live/temp/namespace-temp.yaml\n+++ /dev/null\n');
    expect(d.stderr).toContain('Namespace scratch: not pruned: it holds objects that are not part of this ApplySet (ConfigMap scratch/someone-elses)');
    const r = await c.bin(['apply', TD, SVC, '-n', 'prod', '--applyset', 'orders', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Namespace temp: pruned\n');
    expect(r.stdout).toContain('Namespace scratch: kept: it holds objects that are not part of this ApplySet (ConfigMap scratch/someone-elses)');
    expect(c.server.get('v1', 'Namespace', undefined, 'temp')).toBeUndefined();
    expect(c.server.get('v1', 'Namespace', undefined, 'scratch')).toBeDefined();
    expect(c.server.get('v1', 'ConfigMap', 'scratch', 'someone-elses')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'scratch', 'orders-api')).toBeUndefined();
    // the namespace is deleted last, after what was in it
    expect(deletes().at(-1)).toBe('/api/v1/namespaces/temp');
  });

  it('the Namespace of a folder still in the bundle is never pruned, even when its file was removed by hand', async () => {
    expect((await c.bin(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
    expect((await c.bin(['apply', 'k8s', '--applyset', 'orders'])).code).toBe(0);
    const manifest = c.tmp.path('k8s/.ecs2k8s-manifest.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    m.files = m.files.filter((f: { path: string }) => f.path !== 'prod-eu/namespace-prod-eu.yaml');
    writeFileSync(manifest, JSON.stringify(m));
    rmSync(c.tmp.path('k8s/prod-eu/namespace-prod-eu.yaml'));
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders', '--prune']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Namespace prod-eu: kept: its namespace folder is still in the bundle');
    expect(deletes()).toEqual([]);
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')).toBeDefined();
  });
});
