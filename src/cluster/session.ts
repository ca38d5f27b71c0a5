/**
 * One connection to the cluster: the kubeconfig (./kubeconfig.ts), its TLS settings (./tls.ts)
 * and credentials (./auth.ts), the proxy that applies (./proxy.ts), the transport and the
 * client; and every failure mapped to one line (exit 3: cluster, API, I/O).
 */
import { makeAuth } from './auth.js';
import { ClusterClient } from './client.js';
import { ApiError, describeError, TransportError } from './errors.js';
import { loadKubeconfig, type LoadedKubeconfig } from './kubeconfig.js';
import { proxyFor, shownProxy } from './proxy.js';
import type { Redactor } from './redact.js';
import { tlsOptions } from './tls.js';
import { Transport, retryPolicyFrom } from './transport.js';

export interface ClusterFlags {
  /** --kubeconfig. Default: KUBECONFIG, then ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** --context. Default: the kubeconfig's current-context. */
  context?: string;
  /** --request-timeout in ms; 0 for none. Default 30 s. */
  requestTimeoutMs?: number;
  /** --verbose: also name a proxy taken from the environment. Default false. */
  verbose?: boolean;
}

export interface Session {
  client: ClusterClient;
  config: LoadedKubeconfig;
  close(): void;
}

export async function openSession(flags: ClusterFlags, env: Record<string, string | undefined>, cwd: string, redactor: Redactor, warn: (line: string) => void): Promise<Session> {
  const config = loadKubeconfig({ ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }), ...(flags.context !== undefined && { context: flags.context }), env, cwd }, redactor);
  const server = config.server;
  const policy = retryPolicyFrom(env, flags.requestTimeoutMs);
  const auth = await makeAuth(config, redactor, { timeoutMs: policy.requestTimeoutMs, env });
  const tls = tlsOptions(config, redactor);
  const proxy = proxyFor(server, config.cluster['proxy-url'], config.clusterName, env);
  if (config.schemeless)
    warn(
      `warning: the server ${config.cluster.server} of cluster ${config.clusterName} has no scheme: like kubectl, ecs2k8s reads it as ${server.origin} (plain HTTP, no credentials); write https:// in front of it if the API server speaks TLS`,
    );
  else if (server.protocol !== 'https:' && auth.hasCredentials) warn(`warning: ${server.origin} is plain http: like kubectl, ecs2k8s sends no credentials to it`);
  if (proxy && (flags.verbose === true || proxy.from.startsWith('proxy-url'))) warn(`connecting through the proxy ${shownProxy(proxy)} (${proxy.from})`);
  const transport = new Transport({ auth, tls, server, proxy, policy, note: warn });
  return { client: new ClusterClient(transport), config, close: () => transport.close() };
}

/** A cluster failure as one line. */
export function failureLine(e: unknown, config: LoadedKubeconfig | undefined): string {
  let line: string;
  if (e instanceof ApiError && e.status === 401) line = `the server rejected the credentials of the current context (401 Unauthorized): ${describeError(e)}`;
  else if (e instanceof ApiError && e.status === 403) line = `not allowed: ${describeError(e)}`;
  else line = describeError(e);
  if (config?.schemeless && ((e instanceof ApiError && e.status === 400) || (e instanceof TransportError && e.code === 'ECONNRESET'))) {
    line += `; the kubeconfig gives the server as ${config.cluster.server}, without a scheme, which kubectl and ecs2k8s read as http://: if the API server speaks TLS (they almost all do), write https:// in front of it`;
  }
  return line;
}
