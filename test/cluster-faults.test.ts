/**
 * The cluster stage never counts what the server did not say, and never builds a URL or opens a
 * connection from input it should have refused. Through the real bin, against the test API
 * server with its faults: a 200 that is a proxy's HTML page, a Status or another object; a body
 * cut short; names from a hand-edited bundle; a bundle file over --max-input-size; kubeconfigs
 * kubectl refuses (exit 3, one line, never exit 70); one deadline per attempt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCluster, TOKEN, WEB_APP, type Cluster } from './apiserver/harness.js';
import { TEST_CA_PEM } from './apiserver/server.js';
import type { CliResult } from './helpers/cli.js';

let c: Cluster;
beforeEach(async () => {
  c = await startCluster();
  expect((await c.cli(['build', WEB_APP, '--out', 'k8s'])).code).toBe(0);
});
afterEach(async () => {
  await c?.close();
});

const DEPLOYMENT = 'k8s/prod-eu/deployment-orders-api.yaml';
const isDeploymentPatch = (q: { method: string; path: string }) => q.method === 'PATCH' && q.path.endsWith('/deployments/orders-api');

/** One error line, no stack, no internal error. */
function oneError(r: CliResult, code: number): string {
  expect(r.code, r.stderr).toBe(code);
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
  const errors = r.stderr.split('\n').filter((l) => l.startsWith('ecs2k8s: error'));
  expect(errors.length, r.stderr).toBe(1);
  return errors[0]!;
}

describe('a 2xx answer counts only when it is the object', () => {
  it("a proxy's HTML page on 200: apply stops, exit 3, and nothing after it is called applied", async () => {
    c.server.inject(
      { kind: 'body', status: 200, contentType: 'text/html; charset=utf-8', body: '<html><body><h1>Access denied</h1>Request blocked by the web application firewall.</body></html>' },
      { match: isDeploymentPatch },
    );
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    const line = oneError(r, 3);
    expect(line).toContain('Deployment prod-eu/orders-api: the server answered PATCH /apis/apps/v1/namespaces/prod-eu/deployments/orders-api with 200 but a text/html body, not JSON');
    expect(r.stdout).not.toContain('Deployment prod-eu/orders-api:');
    expect(r.stderr).toMatch(/failed \(1\):\n.*Deployment prod-eu\/orders-api\n/);
    expect(r.stderr).not.toContain('objects applied in');
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')).toBeUndefined();
  });

  it('diff does not turn an HTML page into an object', async () => {
    c.server.inject({ kind: 'body', status: 200, contentType: 'text/html', body: '<html>please log in</html>' }, { match: (q) => q.method === 'GET' && q.path.endsWith('/namespaces/prod-eu') });
    const r = await c.bin(['diff', 'k8s']);
    expect(oneError(r, 3)).toContain('with 200 but a text/html body, not JSON');
    expect(r.stdout).toBe('');
  });

  it('a Status, or another object, where the applied object belongs: exit 3', async () => {
    c.server.inject(
      { kind: 'body', status: 200, contentType: 'application/json', body: JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Success', message: 'ok' }) },
      { match: isDeploymentPatch },
    );
    const status = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(oneError(status, 3)).toContain('with 200 but the body is a Status ("ok"), not the Deployment prod-eu/orders-api (apps/v1) asked for');
    const other = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'something-else', namespace: 'prod-eu' } };
    c.server.inject({ kind: 'body', status: 200, contentType: 'application/json', body: JSON.stringify(other) }, { match: isDeploymentPatch });
    const swapped = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(oneError(swapped, 3)).toContain('but the body is ConfigMap prod-eu/something-else, not the Deployment prod-eu/orders-api');
  });

  it('a body cut short: the stored object is not reported as applied; the next run finds it unchanged', async () => {
    c.server.inject({ kind: 'truncate' }, { match: isDeploymentPatch });
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(oneError(r, 3)).toMatch(/with 201 but the body is not complete JSON \(.*\): the answer was cut short or mangled on the way/);
    expect(r.stdout).not.toContain('Deployment prod-eu/orders-api:');
    // the server did store it: ecs2k8s said it could not tell, rather than that it was applied
    expect(c.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')).toBeDefined();
    const again = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('Deployment prod-eu/orders-api: unchanged\n');
  });

  it('a connection closed mid-body is a dropped connection: retried, then applied', async () => {
    c.server.inject({ kind: 'truncate', close: true }, { match: isDeploymentPatch });
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/retrying PATCH \/apis\/apps\/v1\/namespaces\/prod-eu\/deployments\/orders-api in [\d.]+s after ECONNRESET/);
    expect(c.server.requests.filter(isDeploymentPatch).length).toBe(2);
  });

  it('one deadline per attempt: an answer that trickles in is cut at --request-timeout and retried', async () => {
    c.server.inject({ kind: 'trickle', ms: 100 }, { match: (q) => q.method === 'GET' && q.path === '/api/v1' });
    const r = await c.bin(['diff', 'k8s', '--request-timeout', '1s']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/retrying GET \/api\/v1 in [\d.]+s after ERR_TIMEOUT/);
    // the trickled answer never finished: the client gave up on it
    expect(c.server.requests.filter((q) => q.path === '/api/v1').map((q) => q.status)).toEqual([0, 200]);
  });

  it('a TLS handshake that never finishes is cut at --request-timeout too (not at twice it), and retried', async () => {
    const held: Socket[] = [];
    const hole = createServer((s) => {
      held.push(s);
      s.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    try {
      const kc = c.kubeconfigWith('hole/config', { cluster: { server: `https://127.0.0.1:${(hole.address() as AddressInfo).port}` } });
      const r = await c.bin(['diff', 'k8s', '--request-timeout', '1s'], { KUBECONFIG: kc, ECS2K8S_RETRY_ATTEMPTS: '2' });
      expect(oneError(r, 3)).toContain('(ERR_TIMEOUT: no answer within 1s (--request-timeout)) (after 2 attempts)');
      expect(held.length).toBe(2);
    } finally {
      for (const s of held) s.destroy();
      hole.close();
    }
  });
});

describe('input that the API server would refuse never reaches a URL', () => {
  const edit = (from: string, to: string) => writeFileSync(c.tmp.path(DEPLOYMENT), readFileSync(c.tmp.path(DEPLOYMENT), 'utf8').replace(from, to));

  it.each([
    ['..', 'may not be ".."'],
    ['.', 'may not be "."'],
    ['orders/api', 'may not contain "/"'],
    ['Orders-API', 'must be a DNS-1123 subdomain'],
    ['orders%2e%2e', 'may not contain "%"'],
  ])('metadata.name %j: exit 2, nothing sent', async (name, why) => {
    edit('name: orders-api\n  namespace', `name: ${JSON.stringify(name)}\n  namespace`);
    const r = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${DEPLOYMENT}: error bundle-invalid-name: metadata.name ${JSON.stringify(name)} of Deployment ${why}`);
    expect(c.server.requests).toEqual([]);
  });

  it('a namespace or apiVersion that would walk the URL: exit 2, nothing sent', async () => {
    edit('namespace: prod-eu', 'namespace: ../kube-system');
    edit('apiVersion: apps/v1', 'apiVersion: apps/../../api/v1');
    const r = await c.bin(['diff', 'k8s']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error bundle-invalid-name: metadata.namespace "../kube-system" of Deployment orders-api may not contain "/"');
    expect(r.stderr).toContain('error bundle-invalid-name: apiVersion "apps/../../api/v1" of Deployment orders-api has the version');
    expect(c.server.requests).toEqual([]);
  });

  it('ApplySet labels set by hand are refused (KEP-3659), and an object in another namespace than its folder', async () => {
    edit('labels:\n', 'labels:\n    applyset.kubernetes.io/part-of: applyset-forged-v1\n');
    const forged = await c.bin(['apply', 'k8s', '--applyset', 'orders']);
    expect(forged.code).toBe(2);
    expect(forged.stderr).toContain('error bundle-applyset-label: Deployment orders-api already carries the label applyset.kubernetes.io/part-of');
    expect(c.server.requests).toEqual([]);
  });

  it('compile flags given with a bundle folder are named as ignored (a warning, even with --strict)', async () => {
    const r = await c.bin(['diff', 'k8s', '--image', 'app=repo/app:2', '-n', 'elsewhere', '--strict']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('warning not-applied: --image is ignored: k8s is a bundle folder, built already');
    expect(r.stderr).toContain('warning not-applied: --namespace is ignored');
    expect(r.stdout).toContain('+++ merged/prod-eu/deployment-orders-api.yaml');
  });

  it('a bundle file larger than --max-input-size is not read: exit 2', async () => {
    const r = await c.bin(['apply', 'k8s', '--max-input-size', '4KiB']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${DEPLOYMENT}: error input-too-large: the file is`);
    expect(r.stderr).toContain('larger than the limit of 4096 bytes');
    expect(c.server.requests).toEqual([]);
  });
});

describe('kubeconfigs kubectl refuses: exit 3 and one line, before anything is sent', () => {
  const otherKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const serverKey = readFileSync(new URL('./apiserver/tls/server-key.pem', import.meta.url), 'utf8');
  const serverCert = readFileSync(new URL('./apiserver/tls/server.pem', import.meta.url), 'utf8');

  it.each([
    ['insecure-skip-tls-verify with a CA', { cluster: { 'insecure-skip-tls-verify': true } }, 'specifying a root certificates file with the insecure flag is not allowed'],
    ['a CA that holds no certificate', { cluster: { 'certificate-authority-data': b64('not a certificate') } }, 'the certificate authority of cluster c holds no PEM certificate'],
    ['a garbage client key', { user: { 'client-certificate-data': b64(serverCert), 'client-key-data': b64('garbage') }, drop: ['token'] }, 'the client key of user u is not a PEM private key'],
    [
      'a client key of another certificate',
      { user: { 'client-certificate-data': b64(serverCert), 'client-key-data': b64(otherKey()) }, drop: ['token'] },
      'the client key of user u does not match its client certificate',
    ],
    ['a certificate without its key', { user: { 'client-certificate-data': b64(serverCert) }, drop: ['token'] }, 'client-key-data or client-key must be specified for u'],
    ['a context whose user is not defined', { contextUser: 'nobody' }, 'the context x names the user nobody, which'],
    ['a context without a user', { contextUser: null }, 'the context x in'],
    [
      'a proxy-url of an unknown scheme',
      { cluster: { 'proxy-url': 'ftp://127.0.0.1:21' } },
      `invalid 'proxy-url' "ftp://127.0.0.1:21" for cluster "c": unsupported scheme "ftp", must be http, https, or socks5`,
    ],
    ['groups without a user to impersonate', { user: { 'as-groups': ['admins'] } }, 'requests uid, groups or user-extra without impersonating a user'],
  ])('%s', async (_what, edit, message) => {
    const kc = c.kubeconfigWith('bad/config', edit as Parameters<Cluster['kubeconfigWith']>[1]);
    const r = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc });
    expect(oneError(r, 3)).toContain(message);
    expect(c.server.requests).toEqual([]);
    expect(r.stderr).not.toContain(TOKEN);
    expect(r.stderr).not.toContain(serverKey.split('\n')[1]!);
  });

  it('a server without a scheme is read as kubectl reads it (http://), with a hint when the server speaks TLS', async () => {
    const kc = c.kubeconfigWith('schemeless/config', { cluster: { server: c.server.url.replace('https://', '') } });
    const r = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc, ECS2K8S_RETRY_ATTEMPTS: '1' });
    const line = oneError(r, 3);
    expect(r.stderr).toContain(`warning: the server ${c.server.url.replace('https://', '')} of cluster c has no scheme: like kubectl, ecs2k8s reads it as http://`);
    expect(line).toContain('write https:// in front of it');
    // no credential went over plain HTTP
    expect(c.server.requests.every((q) => !q.authenticated || q.path === '/version')).toBe(true);
  });

  it('the CA is what the kubeconfig says: the test CA still verifies (a control for the cases above)', async () => {
    const kc = c.kubeconfigWith('good/config', { cluster: { 'certificate-authority-data': b64(TEST_CA_PEM) } });
    const r = await c.bin(['diff', 'k8s'], { KUBECONFIG: kc });
    expect(r.code, r.stderr).toBe(1);
  });
});
