/**
 * diff and apply through the CLI against the test API server (test/apiserver): order, idempotence,
 * created / configured / unchanged, changes, conflicts, prune, partial failures, retries, --wait,
 * credentials, kubeconfig selection. (ApplySet identity: cluster-applyset.test.ts; faults:
 * cluster-faults.test.ts; authentication and proxies: cluster-auth.test.ts.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAs, appliedOrder, kubeconfigYaml, startCluster, TOKEN, WEB_APP, workerTaskDefinition, type Cluster } from './apiserver/harness.js';
import { applySetId, PART_OF_LABEL } from '../src/cluster/applyset.js';
import { runBin } from './helpers/cli.js';

let c: Cluster;
beforeEach(async () => {
  c = await startCluster();
});
afterEach(async () => {
  await c?.close();
});

const SET = 'orders';
const NS_ID = applySetId('applyset-orders', 'prod-eu');
type Obj = Record<string, any>;

async function build(args: string[] = []) {
  const r = await c.cli(['build', WEB_APP, '--out', 'k8s', ...args]);
  expect(r.code, r.stderr).toBe(0);
}

function noSecrets(...texts: string[]) {
  for (const t of texts) expect(t).not.toContain(TOKEN);
}

describe('apply', () => {
  it('creates every object in apply order, labelled for its ApplySet, with the parent first; the bundle on disk is unchanged', async () => {
    await build();
    const before = readdirSync(c.tmp.path('k8s/prod-eu')).map((f) => readFileSync(join(c.tmp.path('k8s/prod-eu'), f), 'utf8'));
    const r = await c.cli(['apply', 'k8s', '--applyset', SET]);
    expect(r.code, r.stderr).toBe(0);
    expect(appliedOrder(c.server)).toEqual([
      'Namespace/prod-eu',
      'ConfigMap/prod-eu/applyset-orders',
      'ServiceAccount/prod-eu/orders-api',
      'ExternalSecret/prod-eu/orders-api-parameters',
      'ExternalSecret/prod-eu/orders-api-secrets',
      'PersistentVolume/prod-eu-orders-api-uploads',
      'PersistentVolumeClaim/prod-eu/orders-api-uploads',
      'Service/prod-eu/orders-api',
      'Ingress/prod-eu/orders-api',
      'Deployment/prod-eu/orders-api',
      'PodDisruptionBudget/prod-eu/orders-api',
    ]);
    for (const req of c.server.requests.filter((q) => q.method === 'PATCH')) {
      expect(req.contentType).toBe('application/apply-patch+yaml');
      expect(req.query).toMatchObject({ fieldManager: 'ecs2k8s', fieldValidation: 'Strict' });
      expect(req.query['force']).toBeUndefined();
      expect(req.authenticated).toBe(true);
    }
    const deploy = c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!;
    expect(deploy['metadata'].labels[PART_OF_LABEL]).toBe(NS_ID);
    expect(deploy['metadata'].managedFields.map((m: Obj) => [m['manager'], m['operation']])).toEqual([['ecs2k8s', 'Apply']]);
    expect(c.server.get('v1', 'PersistentVolume', undefined, 'prod-eu-orders-api-uploads')!['metadata'].labels[PART_OF_LABEL]).toBe(NS_ID);
    const parent = c.server.get('v1', 'ConfigMap', 'prod-eu', 'applyset-orders')!;
    expect(parent['metadata'].labels['applyset.kubernetes.io/id']).toBe(NS_ID);
    expect(parent['metadata'].annotations).toEqual({
      'applyset.kubernetes.io/tooling': 'ecs2k8s/0.1.0',
      'applyset.kubernetes.io/contains-group-kinds':
        'Deployment.apps,ExternalSecret.external-secrets.io,Ingress.networking.k8s.io,Namespace,PersistentVolume,PersistentVolumeClaim,PodDisruptionBudget.policy,Service,ServiceAccount',
      // ecs2k8s created the namespace, and its ApplySet says so (so that it alone may ever prune it)
      'ecs2k8s.io/created-namespace': 'true',
    });
    expect(r.stdout).toContain('Deployment prod-eu/orders-api: created');
    expect(r.stderr).toContain('10 objects applied in 1 namespace: 10 created, 0 configured, 0 unchanged');
    const after = readdirSync(c.tmp.path('k8s/prod-eu')).map((f) => readFileSync(join(c.tmp.path('k8s/prod-eu'), f), 'utf8'));
    expect(after).toEqual(before);
    expect(after.join('')).not.toContain('applyset.kubernetes.io');
  });

  it('a second apply changes nothing and diff then exits 0; a changed input shows a diff (exit 1) and apply updates it', async () => {
    await build();
    // a dry run first: everything would be created (the namespace does not exist yet), nothing is
    const first = await c.cli(['apply', 'k8s', '--dry-run']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('dry run: 10 objects in 1 namespace would be: 10 created, 0 configured, 0 unchanged; nothing was changed');
    expect(c.server.names()).toEqual(['Namespace default']);
    expect((await c.cli(['apply', 'k8s'])).code).toBe(0);
    const rv = c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!['metadata'].resourceVersion;
    const again = await c.cli(['apply', 'k8s']);
    expect(again.code, again.stderr).toBe(0);
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!['metadata'].resourceVersion).toBe(rv);
    // the server stored nothing new, and apply says so, object by object
    expect(again.stdout).toContain('Deployment prod-eu/orders-api: unchanged\n');
    expect(again.stdout).not.toMatch(/: (created|configured)/);
    expect(again.stderr).toContain('10 objects applied in 1 namespace: 0 created, 0 configured, 10 unchanged');
    const same = await c.cli(['diff', 'k8s']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toBe('');
    expect(same.stderr).toContain('no differences');
    // every diff request was a dry run: nothing was written
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!['metadata'].resourceVersion).toBe(rv);

    await build(['--image', 'app=123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.15.0']);
    const changed = await c.cli(['diff', 'k8s']);
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stdout).toContain('--- live/prod-eu/deployment-orders-api.yaml\n+++ merged/prod-eu/deployment-orders-api.yaml\n');
    expect(changed.stdout).toMatch(/^-\s+image: 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/orders-api:2\.14\.0$/m);
    expect(changed.stdout).toMatch(/^\+\s+image: 123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/orders-api:2\.15\.0$/m);
    // no noise: the server's bookkeeping never shows
    expect(changed.stdout).not.toMatch(/managedFields|resourceVersion|uid:|generation|creationTimestamp|status:/);
    expect(changed.stdout.match(/^\+[^+]/gm)!.length).toBe(changed.stdout.match(/^-[^-]/gm)!.length);
    expect(changed.stderr).toContain('1 object differ');
    const gen = c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!['metadata'].generation;
    const dry = await c.cli(['apply', 'k8s', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Deployment prod-eu/orders-api: configured (server dry run)\n');
    expect(dry.stdout).toContain('Service prod-eu/orders-api: unchanged (server dry run)\n');
    expect(dry.stderr).toContain('dry run: 10 objects in 1 namespace would be: 0 created, 1 configured, 9 unchanged; nothing was changed');
    const up = await c.cli(['apply', 'k8s']);
    expect(up.code, up.stderr).toBe(0);
    expect(up.stdout).toContain('Deployment prod-eu/orders-api: configured\n');
    expect(up.stderr).toContain('10 objects applied in 1 namespace: 0 created, 1 configured, 9 unchanged');
    const live = c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!;
    expect(live['metadata'].generation).toBe(gen + 1);
    expect(JSON.stringify(live['spec'])).toContain('orders-api:2.15.0');
    expect((await c.cli(['diff', 'k8s'])).code).toBe(0);
  });

  it("builds ECS inputs in memory with build's flags (no bundle folder needed)", async () => {
    const r = await c.cli(['apply', join(WEB_APP, 'task-definition.json'), join(WEB_APP, 'service.json'), '--namespace', 'staging', '--image', 'app=repo/app:9']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.stringify(c.server.get('apps/v1', 'Deployment', 'staging', 'orders-api'))).toContain('repo/app:9');
    // the ApplySet's name, derived from the bundle's workloads (no --applyset, no project file)
    const parents = c.server.names().filter((n) => n.startsWith('ConfigMap staging/applyset-'));
    expect(parents).toEqual([expect.stringMatching(/^ConfigMap staging\/applyset-bundle-[0-9a-f]{10}$/)]);
    expect(r.stderr).toContain("note: this bundle's ApplySet is bundle-");
    expect((await c.cli(['diff', join(WEB_APP, 'task-definition.json'), join(WEB_APP, 'service.json'), '-n', 'staging', '--image', 'app=repo/app:9'])).code).toBe(0);
    const bad = await c.cli(['apply', c.tmp.write('bad.json', '{"family": 1}')]);
    expect(bad.code).toBe(2);
    expect(c.server.requests.filter((q) => q.method === 'PATCH' && q.query['dryRun'] !== 'All').length).toBe(11);
  });
});

describe('conflicts', () => {
  it('names the other field manager and exits 3; --force-conflicts takes the field over', async () => {
    await build();
    expect((await c.cli(['apply', 'k8s'])).code).toBe(0);
    const other = await applyAs(
      c.server,
      'kustomize-controller',
      '/apis/apps/v1/namespaces/prod-eu/deployments/orders-api',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'orders-api', namespace: 'prod-eu' },
        spec: { replicas: 7 },
      },
      { force: true },
    );
    expect(other.status).toBe(200);
    await build(); // the bundle still says 3 (the service's desiredCount), which kustomize-controller changed to 7
    const r = await c.cli(['apply', 'k8s']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('conflict: field manager "kustomize-controller" owns .spec.replicas');
    expect(r.stderr).toContain('--force-conflicts');
    expect(r.stderr).toMatch(/failed \(1\):\n.*Deployment prod-eu\/orders-api/);
    const d = await c.cli(['diff', 'k8s']);
    expect(d.code).toBe(3);
    expect(d.stderr).toContain('kustomize-controller');
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!['spec'].replicas).toBe(7);
    const forced = await c.cli(['apply', 'k8s', '--force-conflicts']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(c.server.requests.filter((q) => q.method === 'PATCH').slice(-1)[0]!.query['force']).toBe('true');
    const live = c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')!;
    expect(live['spec'].replicas).toBe(3);
    const kustomize = live['metadata'].managedFields.find((m: Obj) => m['manager'] === 'kustomize-controller');
    expect(kustomize).toBeUndefined(); // its only field was taken over
  });
});

describe('prune', () => {
  it("deletes only what this ApplySet no longer holds; never another ApplySet's object or an unmanaged one", async () => {
    const worker = c.tmp.write('ecs/worker.json', workerTaskDefinition());
    const td = join(WEB_APP, 'task-definition.json');
    const svc = join(WEB_APP, 'service.json');
    expect((await c.cli(['apply', td, svc, worker, '-n', 'shop', '--applyset', 'shop'])).code).toBe(0);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'worker')).toBeDefined();
    // neighbours: another ApplySet's member, and an object nobody labelled
    const deployment = (name: string, labels: Record<string, string>) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'shop', labels },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'busybox' }] } } },
    });
    c.server.seed(deployment('theirs', { [PART_OF_LABEL]: applySetId('applyset-other-set', 'shop') }), { manager: 'kubectl' });
    c.server.seed(deployment('unmanaged', { app: 'unmanaged' }), { manager: 'kubectl' });

    const d = await c.cli(['diff', td, svc, '-n', 'shop', '--prune', '--applyset', 'shop']);
    expect(d.code, d.stderr).toBe(1);
    expect(d.stdout).toContain('--- live/shop/deployment-worker.yaml\n+++ /dev/null\n');
    expect(d.stdout).not.toContain('theirs');
    expect(d.stdout).not.toContain('unmanaged');
    const withoutPrune = await c.cli(['diff', td, svc, '-n', 'shop', '--applyset', 'shop']);
    expect(withoutPrune.code).toBe(0);

    const r = await c.cli(['apply', td, svc, '-n', 'shop', '--prune', '--applyset', 'shop']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Deployment shop/worker: pruned');
    const deletes = c.server.requests.filter((q) => q.method === 'DELETE').map((q) => q.path);
    expect(deletes).toEqual(['/apis/apps/v1/namespaces/shop/deployments/worker']);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'worker')).toBeUndefined();
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'theirs')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'unmanaged')).toBeDefined();
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'orders-api')).toBeDefined();
    expect((await c.cli(['diff', td, svc, '-n', 'shop', '--prune', '--applyset', 'shop'])).code).toBe(0);
  });

  it('refuses an ApplySet parent that another tool owns, before applying anything', async () => {
    await build();
    c.server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod-eu' } });
    c.server.seed({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'applyset-orders',
        namespace: 'prod-eu',
        labels: { 'applyset.kubernetes.io/id': NS_ID },
        annotations: { 'applyset.kubernetes.io/tooling': 'kubectl/v1.32.0', 'applyset.kubernetes.io/contains-group-kinds': 'Deployment.apps' },
      },
    });
    const r = await c.cli(['apply', 'k8s', '--prune', '--applyset', SET]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('belongs to another tool (applyset.kubernetes.io/tooling: kubectl/v1.32.0)');
    expect(c.server.requests.filter((q) => q.method === 'PATCH' || q.method === 'DELETE')).toEqual([]);
  });

  it('a failure half way lists what was applied and what was not, and prunes nothing', async () => {
    const worker = c.tmp.write('ecs/worker.json', workerTaskDefinition());
    const td = join(WEB_APP, 'task-definition.json');
    const svc = join(WEB_APP, 'service.json');
    expect((await c.cli(['apply', td, svc, worker, '-n', 'shop', '--applyset', 'shop'])).code).toBe(0);
    c.server.clearLog();
    c.server.inject(
      { kind: 'status', status: 403, message: 'services "orders-api" is forbidden: User "ci" cannot patch resource "services"' },
      { match: (q) => q.method === 'PATCH' && q.path.includes('/services/') },
    );
    const r = await c.cli(['apply', td, svc, '-n', 'shop', '--prune', '--applyset', 'shop']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: Service shop/orders-api: services "orders-api" is forbidden');
    expect(r.stderr).toContain('apply stopped: 7 of 11 objects applied');
    expect(r.stderr).toMatch(/applied \(7\):\n(.*\n)*.*PersistentVolumeClaim shop\/orders-api-uploads\n/);
    expect(r.stderr).toMatch(/failed \(1\):\n.*Service shop\/orders-api\n/);
    expect(r.stderr).toMatch(/not applied \(3\):\n.*Ingress shop\/orders-api\n.*Deployment shop\/orders-api\n.*PodDisruptionBudget shop\/orders-api\n/);
    expect(r.stderr).toContain('nothing was pruned');
    expect(c.server.requests.filter((q) => q.method === 'DELETE')).toEqual([]);
    expect(c.server.get('apps/v1', 'Deployment', 'shop', 'worker')).toBeDefined();
  });
});

describe('retries', () => {
  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    await build();
    c.server.inject({ kind: 'status', status: 429, retryAfter: 1 }, { match: (q) => q.method === 'PATCH' });
    const r = await c.cli(['apply', 'k8s']);
    expect(r.code, r.stderr).toBe(0);
    const patches = c.server.requests.filter((q) => q.method === 'PATCH');
    expect(patches[0]!.status).toBe(429);
    expect(patches[1]!.status).toBe(201);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(950);
    expect(r.stderr).toMatch(/retrying PATCH \/api\/v1\/namespaces\/prod-eu in 1\.0s after 429 TooManyRequests \(Retry-After 1s\)/);
  });

  it('retries 500s and a dropped connection on idempotent requests, within a bound', async () => {
    await build();
    c.server.inject({ kind: 'status', status: 500 }, { count: 2, match: (q) => q.method === 'PATCH' && q.path.includes('deployments') });
    c.server.inject({ kind: 'drop' }, { match: (q) => q.method === 'PATCH' && q.path.includes('services') });
    const r = await c.cli(['apply', 'k8s']);
    expect(r.code, r.stderr).toBe(0);
    expect(c.server.requests.filter((q) => q.path.endsWith('/deployments/orders-api')).map((q) => q.status)).toEqual([500, 500, 201]);
    expect(c.server.requests.filter((q) => q.path.endsWith('/services/orders-api')).map((q) => q.status)).toEqual([0, 201]);
    expect(r.stderr).toContain('after ECONNRESET');
    // bounded: 4 attempts (ECS2K8S_RETRY_ATTEMPTS), then exit 3
    c.server.inject({ kind: 'status', status: 503 }, { count: 10, match: (q) => q.method === 'PATCH' });
    const down = await c.cli(['apply', 'k8s']);
    expect(down.code).toBe(3);
    expect(c.server.requests.filter((q) => q.status === 503).length).toBe(4);
  });

  it('a slow answer past --request-timeout is retried', async () => {
    await build();
    c.server.inject({ kind: 'delay', ms: 1500 }, { match: (q) => q.method === 'PATCH' });
    const r = await c.cli(['apply', 'k8s', '--request-timeout', '300ms']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('after ERR_TIMEOUT');
  });
});

describe('--wait', () => {
  it('follows the rollout until the Deployment is available', async () => {
    await build();
    const running = c.cli(['apply', 'k8s', '--wait', '--timeout', '20s']);
    for (let i = 0; i < 200 && !c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api'); i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    c.server.completeRollout('Deployment', 'prod-eu', 'orders-api');
    const r = await running;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('waiting for Deployment prod-eu/orders-api: waiting for the controller to observe the new spec');
    expect(r.stderr).toContain('Deployment prod-eu/orders-api: ready');
  });

  it('times out with exit 3 and names what is not ready', async () => {
    await build();
    const r = await c.bin(['apply', 'k8s', '--wait', '--timeout', '400ms']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('error: not ready after 400ms (--timeout):');
    expect(r.stderr).toContain('Deployment prod-eu/orders-api: waiting for the controller to observe the new spec');
  });

  it('follows a Job to completion', async () => {
    c.tmp.write('ecs/migrate.json', workerTaskDefinition('migrate'));
    const running = c.cli(['apply', 'ecs/migrate.json', '--workload', 'job', '-n', 'jobs', '--wait', '--timeout', '20s']);
    for (let i = 0; i < 200 && !c.server.get('batch/v1', 'Job', 'jobs', 'migrate'); i++) await new Promise((r) => setTimeout(r, 20));
    c.server.finishJob('jobs', 'migrate');
    const r = await running;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Job jobs/migrate: ready');
  });
});

describe('credentials and kubeconfig', () => {
  it('sends the token and never prints it, not even when the server rejects it', async () => {
    await build();
    const ok = await c.cli(['apply', 'k8s', '--verbose']);
    expect(ok.code).toBe(0);
    expect(c.server.requests.every((q) => q.authenticated)).toBe(true);
    noSecrets(ok.stdout, ok.stderr);
    // the same token, refused: the 401 message must not echo it
    const wrong = await startCluster({ token: 'a-different-token-the-server-expects' });
    try {
      c.tmp.write('wrong/config', kubeconfigYaml([{ name: 'w', server: wrong.server.url, token: TOKEN }], 'w'));
      const r = await c.cli(['diff', 'k8s'], { KUBECONFIG: c.tmp.path('wrong/config') });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('401 Unauthorized');
      noSecrets(r.stdout, r.stderr);
      // a token that shows up in a server message is redacted too
      wrong.server.inject({ kind: 'status', status: 400, message: `token ${TOKEN} is malformed` }, { count: 10 });
      const echoed = await c.cli(['apply', 'k8s'], { KUBECONFIG: c.tmp.path('wrong/config') });
      expect(echoed.code).toBe(3);
      expect(echoed.stderr).toContain('token [redacted] is malformed');
      noSecrets(echoed.stdout, echoed.stderr);
    } finally {
      await wrong.close();
    }
    // a broken kubeconfig: the message names the position, never the text around it
    c.tmp.write('broken/config', `users:\n- name: u\n  user:\n    token: ${TOKEN}\n  : [\n`);
    const broken = await c.cli(['diff', 'k8s'], { KUBECONFIG: c.tmp.path('broken/config') });
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain('is not valid YAML (line');
    noSecrets(broken.stdout, broken.stderr);
  });

  it('merges the files of KUBECONFIG as kubectl does, and --context picks one', async () => {
    await build();
    // the first file sets current-context to a cluster that refuses connections; the second defines "test" too (ignored: first wins)
    const first = c.tmp.write(
      'a/config',
      kubeconfigYaml(
        [
          { name: 'dead', server: 'https://127.0.0.1:1', token: 'dead-token-000000' },
          { name: 'test', server: c.server.url, token: TOKEN },
        ],
        'dead',
      ),
    );
    const second = c.tmp.write('b/config', kubeconfigYaml([{ name: 'test', server: 'https://127.0.0.1:2', token: 'other-token-0000' }], 'test'));
    const env = { KUBECONFIG: `${first}:${c.tmp.path('missing/config')}:${second}`, ECS2K8S_RETRY_ATTEMPTS: '2' };
    const dead = await c.cli(['diff', 'k8s'], env);
    expect(dead.code).toBe(3);
    expect(dead.stderr).toContain('cannot reach https://127.0.0.1:1 (ECONNREFUSED');
    const picked = await c.cli(['diff', 'k8s', '--context', 'test'], env);
    expect(picked.code, picked.stderr).toBe(1);
    const unknown = await c.cli(['diff', 'k8s', '--context', 'nope'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('--context nope: no such context');
    expect(unknown.stderr).toContain('contexts: dead, test');
    const explicit = await c.cli(['diff', 'k8s', '--kubeconfig', second], {});
    expect(explicit.code).toBe(3);
    expect(explicit.stderr).toContain('https://127.0.0.1:2');
  });

  it('the real bin applies and diffs a bundle', async () => {
    await build();
    const env = { ...c.env };
    const a = await runBin(['apply', 'k8s', '--applyset', SET], { env, cwd: c.tmp.dir });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain('Deployment prod-eu/orders-api: created');
    const d = await runBin(['diff', 'k8s', '--prune', '--applyset', SET], { env, cwd: c.tmp.dir });
    expect(d.code, d.stderr).toBe(0);
    noSecrets(a.stdout, a.stderr, d.stdout, d.stderr);
  });
});
