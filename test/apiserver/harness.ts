/**
 * Test set-up for the cluster stage: a fresh test API server, a kubeconfig for it in a temp dir
 * (TLS with the test CA, bearer token), the environment the CLI sees (small retry and poll
 * delays), and small ECS inputs.
 */
import { request } from 'node:https';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { makeTempDir, type TempDir } from '../helpers/files.js';
import { repoRoot, runBin, runCli, type CliResult } from '../helpers/cli.js';
import { FakeApiServer, TEST_CA_PEM } from './server.js';

export const TOKEN = 'ecs2k8s-test-token-Zq8vXw3LmN9pR2sT';

export interface Cluster {
  server: FakeApiServer;
  tmp: TempDir;
  kubeconfig: string;
  env: Record<string, string>;
  /** In-process, through run(). */
  cli(argv: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** The real bin, as a child process. */
  bin(argv: string[], extraEnv?: Record<string, string>): Promise<CliResult>;
  /** Writes a kubeconfig for this server with the test CA and token, changed by `edit`; returns its path. */
  kubeconfigWith(file: string, edit: KubeconfigEdit): string;
  close(): Promise<void>;
}

export interface KubeconfigEdit {
  cluster?: Record<string, unknown>;
  user?: Record<string, unknown> | null;
  /** The context's user name (default "u"; null for none). */
  contextUser?: string | null;
  /** Members of cluster/user to remove (e.g. "certificate-authority-data", "token"). */
  drop?: string[];
}

export function kubeconfigYaml(contexts: { name: string; server: string; token: string }[], current: string | undefined): string {
  const ca = Buffer.from(TEST_CA_PEM).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    ...contexts.flatMap((c) => [`- name: ${c.name}-cluster`, '  cluster:', `    server: ${c.server}`, `    certificate-authority-data: ${ca}`]),
    'users:',
    ...contexts.flatMap((c) => [`- name: ${c.name}-user`, '  user:', `    token: ${c.token}`]),
    'contexts:',
    ...contexts.flatMap((c) => [`- name: ${c.name}`, '  context:', `    cluster: ${c.name}-cluster`, `    user: ${c.name}-user`]),
    ...(current ? [`current-context: ${current}`] : []),
    '',
  ].join('\n');
}

export async function startCluster(options: { token?: string } = {}): Promise<Cluster> {
  const server = await FakeApiServer.start({ token: options.token ?? TOKEN });
  const tmp = makeTempDir('ecs2k8s-cluster-');
  const kubeconfig = tmp.write('kube/config', kubeconfigYaml([{ name: 'test', server: server.url, token: TOKEN }], 'test'));
  const env = {
    KUBECONFIG: kubeconfig,
    HOME: tmp.dir,
    ECS2K8S_RETRY_BASE_MS: '20',
    ECS2K8S_RETRY_ATTEMPTS: '4',
    ECS2K8S_POLL_MS: '50',
  };
  return {
    server,
    tmp,
    kubeconfig,
    env,
    cli: (argv, extraEnv = {}) => runCli(argv, { env: { ...env, ...extraEnv }, cwd: tmp.dir }),
    bin: (argv, extraEnv = {}) => runBin(argv, { env: { ...env, ...extraEnv }, cwd: tmp.dir }),
    kubeconfigWith: (file, edit) => {
      const cluster: Record<string, unknown> = { server: server.url, 'certificate-authority-data': Buffer.from(TEST_CA_PEM).toString('base64'), ...edit.cluster };
      const user: Record<string, unknown> = { token: TOKEN, ...edit.user };
      for (const k of edit.drop ?? []) {
        delete cluster[k];
        delete user[k];
      }
      const contextUser = edit.contextUser === undefined ? 'u' : edit.contextUser;
      const config = {
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster }],
        users: edit.user === null ? [] : [{ name: 'u', user }],
        contexts: [{ name: 'x', context: { cluster: 'c', ...(contextUser !== null && { user: contextUser }) } }],
        'current-context': 'x',
      };
      return tmp.write(file, stringify(config));
    },
    close: async () => {
      await server.close();
      tmp.remove();
    },
  };
}

export const WEB_APP = join(repoRoot, 'examples/web-app');

/** A minimal task definition (one container), as another team's service in the same namespace. */
export function workerTaskDefinition(family = 'worker', image = 'public.ecr.aws/docker/library/busybox:1.36'): string {
  return JSON.stringify({ family, containerDefinitions: [{ name: family, image, essential: true, memory: 128, command: ['sleep', '3600'] }] }, null, 2);
}

/** A server-side apply as another field manager would send it (a GitOps controller, kubectl). */
export function applyAs(server: FakeApiServer, manager: string, path: string, obj: object, options: { force?: boolean } = {}): Promise<{ status: number; body: string }> {
  const url = new URL(`${path}?fieldManager=${encodeURIComponent(manager)}${options.force ? '&force=true' : ''}`, server.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PATCH', ca: TEST_CA_PEM, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/apply-patch+yaml' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(obj));
  });
}

/** The object of each server-side apply the server answered, in order: `Kind/namespace/name`. */
export function appliedOrder(server: FakeApiServer, options: { dryRun?: boolean } = {}): string[] {
  return server.requests
    .filter((r) => r.method === 'PATCH' && r.status > 0 && r.status < 300 && (r.query['dryRun'] === 'All') === (options.dryRun ?? false))
    .map((r) => {
      const [, , kind, ns, name] = /^(.*)\/([^/]+)\/([^/]*)\/([^/]+)$/.exec(r.object ?? '') ?? [];
      return `${kind}/${ns ? `${ns}/` : ''}${name}`;
    });
}
