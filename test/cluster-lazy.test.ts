/**
 * `build` and `validate` never load the cluster client: the real bin runs under a module
 * resolution hook that records every specifier resolved; @kubernetes/client-node (or anything of
 * src/cluster pulling it in statically, which esbuild would hoist to the top of the bundle) must
 * not appear. A positive control proves the hook sees the client where it is loaded.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { makeTempDir } from './helpers/files.js';
import { binPath, repoRoot } from './helpers/cli.js';

const tmp = makeTempDir('ecs2k8s-lazy-');
afterAll(() => tmp.remove());

const log = tmp.path('resolved.log');
const hooks = tmp.write(
  'hooks.mjs',
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, specifier + ' -> ' + r.url + '\\n');
  return r;
}
`,
);
const register = tmp.write('register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

function runTraced(args: string[]): Promise<{ code: number; resolved: string }> {
  rmSync(log, { force: true });
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', pathToFileURL(register).href, binPath, ...args],
      { cwd: repoRoot, env: { PATH: process.env['PATH'] ?? '', HOME: tmp.dir, KUBECONFIG: tmp.path('none'), ECS2K8S_RETRY_ATTEMPTS: '1' }, timeout: 25_000 },
      (e) => {
        const resolved = existsSync(log) ? readFileSync(log, 'utf8') : '';
        resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, resolved });
      },
    );
  });
}

const CLIENT = /@kubernetes[\\/]client-node/;

it('build and validate do not load @kubernetes/client-node', async () => {
  const b = await runTraced(['build', 'examples/web-app', '--stdout']);
  expect(b.code).toBe(0);
  expect(b.resolved).toContain('ecs2k8s.cjs'); // the hook saw the run
  expect(b.resolved).not.toMatch(CLIENT);
  const v = await runTraced(['validate', 'examples/web-app']);
  expect(v.code).toBe(0);
  expect(v.resolved).not.toMatch(CLIENT);
  // the bundle itself: a static import of the client would be hoisted to its top
  expect(readFileSync(binPath, 'utf8')).not.toMatch(/^import[^;]*@kubernetes\/client-node/m);
});

it('the hook does see the client where it is loaded (a SOCKS proxy-url), and an exec plugin does not load it', async () => {
  const socks = tmp.write(
    'socks-kubeconfig',
    'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1", proxy-url: "socks5://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: abcdefgh}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
  );
  const r = await runTraced(['diff', join(repoRoot, 'examples/web-app/k8s'), '--kubeconfig', socks]);
  expect(r.code).toBe(3);
  expect(r.resolved).toMatch(CLIENT);
  // exec credential plugins are ecs2k8s's own code (src/cluster/exec.ts): the client stays unloaded
  const exec = tmp.write(
    'exec-kubeconfig',
    'apiVersion: v1\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: "true"}}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
  );
  const e = await runTraced(['diff', join(repoRoot, 'examples/web-app/k8s'), '--kubeconfig', exec]);
  expect(e.code).toBe(3);
  expect(e.resolved).not.toMatch(CLIENT);
});
