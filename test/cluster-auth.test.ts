/**
 * Who ecs2k8s is to the API server, and how it gets there, as kubectl does it. Through the real
 * bin: impersonation headers (user, uid, groups, extra), exec credential plugins (once per run,
 * --request-timeout, KUBERNETES_EXEC_INFO, their output never shown), proxies (the kubeconfig's
 * proxy-url, HTTPS_PROXY / NO_PROXY with Go's rules, proxy credentials, a proxy that is down),
 * and Secret values in the diff, including kubectl's last-applied annotation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, TOKEN, WEB_APP, type Cluster } from './apiserver/harness.js';
import { ConnectProxy } from './apiserver/proxy.js';

let c: Cluster;
beforeEach(async () => {
  c = await startCluster();
  expect((await c.cli(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
});
afterEach(async () => {
  await c?.close();
});

const port = () => new URL(c.server.url).port;

describe('impersonation', () => {
  it('sends the user, uid, every group and every extra value, as kubectl does', async () => {
    const kc = c.kubeconfigWith('imp/config', {
      user: { as: 'jane', 'as-uid': 'uid-42', 'as-groups': ['developers', 'oncall'], 'as-user-extra': { scopes: ['view', 'deploy'], 'example.com/reason': ['release 1.4'] } },
    });
    const r = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc });
    expect(r.code, r.stderr).toBe(1);
    const sent = c.server.requests.filter((q) => q.path !== '/version');
    expect(sent.length).toBeGreaterThan(0);
    for (const q of sent) {
      expect(q.impersonate).toEqual({
        'Impersonate-User': ['jane'],
        'Impersonate-Uid': ['uid-42'],
        'Impersonate-Group': ['developers', 'oncall'],
        'Impersonate-Extra-scopes': ['view', 'deploy'],
        'Impersonate-Extra-example.com%2Freason': ['release 1.4'],
      });
    }
  });
});

describe('exec credential plugins', () => {
  /** A plugin (node script) that counts its runs and prints an ExecCredential, optionally after a pause. */
  function plugin(name: string, options: { expiry?: string; sleepMs?: number } = {}) {
    const log = c.tmp.path(`${name}.log`);
    const script = c.tmp.write(
      `${name}.mjs`,
      `import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(log)}, (process.env.KUBERNETES_EXEC_INFO ?? 'none') + '\\n');
setTimeout(() => process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(TOKEN)}${options.expiry ? `, expirationTimestamp: ${JSON.stringify(options.expiry)}` : ''} } })), ${options.sleepMs ?? 0});
`,
    );
    const kc = c.kubeconfigWith(`${name}/config`, {
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [script], interactiveMode: 'Never', provideClusterInfo: true } },
      drop: ['token'],
    });
    const runs = () => readFileSync(log, 'utf8').trim().split('\n');
    return { kc, runs };
  }

  it('runs once for the whole run when its credential has no expiry (and once when it has a far one), never printing it', async () => {
    const { kc, runs } = plugin('once');
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders'], { KUBECONFIG: kc });
    expect(r.code, r.stderr).toBe(0);
    expect(c.server.requests.filter((q) => q.method === 'PATCH').length).toBe(11);
    expect(c.server.requests.every((q) => q.authenticated)).toBe(true);
    expect(runs().length).toBe(1);
    const info = JSON.parse(runs()[0]!);
    expect(info).toMatchObject({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', spec: { interactive: false, cluster: { server: c.server.url + '/' } } });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    const far = plugin('far', { expiry: '2999-01-01T00:00:00Z' });
    expect((await c.bin(['diff', 'k8s', '--applyset', 'orders'], { KUBECONFIG: far.kc })).code).toBe(0);
    expect(far.runs().length).toBe(1);
  });

  it('a plugin that does not answer within --request-timeout is stopped: exit 3, one line', async () => {
    const { kc } = plugin('slow', { sleepMs: 20_000 });
    const r = await c.bin(['diff', 'k8s', '--request-timeout', '1s'], { KUBECONFIG: kc });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('did not finish within 1s (--request-timeout)');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('ecs2k8s: error')).length).toBe(1);
  });
});

describe('proxies', () => {
  let proxy: ConnectProxy;
  afterEach(async () => {
    await proxy?.close();
  });

  it("the kubeconfig's proxy-url: every request goes through a CONNECT tunnel (loopback and NO_PROXY notwithstanding)", async () => {
    proxy = await ConnectProxy.start({ hosts: { 'kubernetes.test': '127.0.0.1' } });
    // a name only the proxy can resolve: ecs2k8s itself never looks it up
    const kc = c.kubeconfigWith('proxy/config', { cluster: { server: `https://kubernetes.test:${port()}`, 'tls-server-name': 'localhost', 'proxy-url': proxy.url } });
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders'], { KUBECONFIG: kc, NO_PROXY: '*' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`connecting through the proxy ${proxy.url} (proxy-url of cluster c)`);
    expect(new Set(proxy.tunnels())).toEqual(new Set([`kubernetes.test:${port()}`]));
    expect(c.server.requests.filter((q) => q.method === 'PATCH').length).toBe(11);
  });

  it('HTTPS_PROXY with NO_PROXY, as Go reads them; loopback addresses never go through it', async () => {
    proxy = await ConnectProxy.start();
    // 0.0.0.0 reaches the server on this machine, and is not a loopback address to Go: kubectl proxies it
    const kc = c.kubeconfigWith('env/config', { cluster: { server: `https://0.0.0.0:${port()}`, 'tls-server-name': 'localhost' } });
    const via = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, HTTPS_PROXY: proxy.url.replace('http://', '') });
    expect(via.code, via.stderr).toBe(1);
    expect(new Set(proxy.tunnels())).toEqual(new Set([`0.0.0.0:${port()}`]));
    for (const noProxy of ['0.0.0.0', 'example.com,0.0.0.0/8', `0.0.0.0:${port()}`, '*']) {
      proxy.requests.length = 0;
      const direct = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, https_proxy: proxy.url, no_proxy: noProxy });
      expect(direct.code, `${noProxy}: ${direct.stderr}`).toBe(1);
      expect(proxy.requests, noProxy).toEqual([]);
    }
    // NO_PROXY that names something else does not exempt the server
    proxy.requests.length = 0;
    expect((await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, HTTPS_PROXY: proxy.url, NO_PROXY: '0.0.0.1,.0.0.0.0:1' })).code).toBe(1);
    expect(proxy.tunnels().length).toBeGreaterThan(0);
    // the usual kubeconfig (https://127.0.0.1:port) is never proxied from the environment
    proxy.requests.length = 0;
    expect((await c.bin(['diff', 'k8s'], { HTTPS_PROXY: proxy.url })).code).toBe(1);
    expect(proxy.requests).toEqual([]);
  });

  it('proxy credentials are sent and never shown; a proxy that refuses or is down is exit 3 with one line', async () => {
    const secret = 'pr0xy-Pa55word-9Zq';
    proxy = await ConnectProxy.start({ credentials: `ci:${secret}` });
    const kc = c.kubeconfigWith('auth/config', { cluster: { server: `https://0.0.0.0:${port()}`, 'tls-server-name': 'localhost' } });
    const withAuth = proxy.url.replace('http://', `http://ci:${secret}@`);
    const ok = await c.bin(['diff', 'k8s', '--verbose'], { KUBECONFIG: kc, HTTPS_PROXY: withAuth });
    expect(ok.code, ok.stderr).toBe(1);
    expect(proxy.requests.every((q) => q.authorized && q.status === 200)).toBe(true);
    expect(ok.stderr).toContain(`connecting through the proxy ${proxy.url} (HTTPS_PROXY)`);
    const wrong = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, HTTPS_PROXY: proxy.url.replace('http://', `http://ci:not-${secret}@`) });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toContain(`error: the proxy ${proxy.url} (HTTPS_PROXY) refused to open a tunnel to 0.0.0.0:${port()} (HTTP 407: Proxy Authentication Required`);
    for (const out of [ok.stdout, ok.stderr, wrong.stdout, wrong.stderr]) expect(out).not.toContain(secret);
    const down = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, HTTPS_PROXY: 'http://127.0.0.1:1', ECS2K8S_RETRY_ATTEMPTS: '2' });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain('ECONNREFUSED: connection refused: is the proxy http://127.0.0.1:1 (HTTPS_PROXY) running?');
  });
});

describe('Secrets in the diff', () => {
  it("values and kubectl's last-applied annotation are masked, changes marked", async () => {
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'prod-eu' }, type: 'Opaque', data: { password: Buffer.from('old-Passw0rd').toString('base64') } };
    expect((await c.bin(['apply', 'k8s', '--applyset', 'orders'])).code).toBe(0);
    c.server.seed({ ...live, metadata: { ...live.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(live) } } }, { manager: 'kubectl-client-side-apply' });
    // the bundle holds the Secret too (added by hand), with a new password
    const file = 'prod-eu/secret-db.yaml';
    c.tmp.write(`k8s/${file}`, `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: prod-eu\ntype: Opaque\ndata:\n  password: ${Buffer.from('new-Passw0rd').toString('base64')}\n`);
    const manifest = c.tmp.path('k8s/.ecs2k8s-manifest.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    m.files.push({ path: file, sha256: '0'.repeat(64) });
    writeFileSync(manifest, JSON.stringify(m));
    const r = await c.bin(['diff', 'k8s', '--applyset', 'orders', '--force-conflicts']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('--- live/prod-eu/secret-db.yaml');
    expect(r.stdout).toMatch(/^-\s+password: "\*\*\* \(before\)"$/m);
    expect(r.stdout).toMatch(/^\+\s+password: "\*\*\* \(after\)"$/m);
    expect(r.stdout).toMatch(/kubectl\.kubernetes\.io\/last-applied-configuration: "?\*\*\*/);
    for (const v of ['old-Passw0rd', 'new-Passw0rd']) {
      expect(r.stdout).not.toContain(Buffer.from(v).toString('base64'));
      expect(r.stdout).not.toContain(v);
    }
  });
});
