/**
 * Authentication of each request, from the kubeconfig's cluster and user:
 *
 * - static credentials (what kubeconfigs for CI hold): CA (file or data), insecure-skip-tls-verify,
 *   tls-server-name, client certificate and key (file or data), bearer token, tokenFile (read
 *   again for each request, as projected service account tokens rotate), basic auth; applied
 *   here with node:https;
 * - credential plugins (`exec`, `auth-provider`: EKS `aws eks get-token`, OIDC, GKE, Azure):
 *   delegated to @kubernetes/client-node's KubeConfig (`applyToHTTPSOptions`), imported only
 *   then. @kubernetes/client-node 2.0.1 needs Node ≥ 22.19 (its undici 8 does); on older Node
 *   such a kubeconfig fails with a message saying so.
 *
 * Like kubectl (client-go), credentials are only ever sent over TLS.
 */
import { readFileSync } from 'node:fs';
import type * as https from 'node:https';
import { stringify } from 'yaml';
import { ConfigError } from './errors.js';
import type { LoadedKubeconfig } from './kubeconfig.js';
import type { Redactor } from './redact.js';
import { importExternal } from '../external.js';

export interface Auth {
  /** TLS options for the https agent. */
  tls: https.AgentOptions;
  /** Headers (Authorization, Impersonate-User) for one request. */
  headers(): Promise<Record<string, string>>;
  /** Whether the user has any credential at all. */
  hasCredentials: boolean;
}

function fileOrData(file: string | undefined, data: string | undefined, what: string): Buffer | undefined {
  if (file) {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new ConfigError(`cannot read the ${what} ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return data ? Buffer.from(data, 'base64') : undefined;
}

export async function makeAuth(cfg: LoadedKubeconfig, redactor: Redactor): Promise<Auth> {
  const { cluster, user } = cfg;
  const tls: https.AgentOptions = { keepAlive: true };
  const ca = fileOrData(cluster['certificate-authority'], cluster['certificate-authority-data'], 'certificate authority');
  if (ca) tls.ca = ca;
  if (cluster['insecure-skip-tls-verify'] === true) tls.rejectUnauthorized = false;
  if (cluster['tls-server-name']) tls.servername = cluster['tls-server-name'];
  const cert = fileOrData(user['client-certificate'], user['client-certificate-data'], 'client certificate');
  const key = fileOrData(user['client-key'], user['client-key-data'], 'client key');
  if (cert) tls.cert = cert;
  if (key) {
    tls.key = key;
    redactor.add(key.toString('utf8'));
  }
  const hasCredentials = !!(user.token || user.tokenFile || user.password || key || user.exec || user['auth-provider']);

  if (user.exec || user['auth-provider']) {
    let k8s: typeof import('@kubernetes/client-node');
    try {
      k8s = await importExternal<typeof import('@kubernetes/client-node')>('@kubernetes/client-node');
    } catch (e) {
      throw new ConfigError(
        `the user ${cfg.userName} of context ${cfg.contextName} authenticates with ${user.exec ? 'an exec credential plugin' : 'an auth-provider'}, which ecs2k8s runs through @kubernetes/client-node, and that cannot be loaded here (${(e as Error).message.split('\n')[0]}); use a kubeconfig with a token or client certificate`,
      );
    }
    const kc = new k8s.KubeConfig();
    kc.loadFromString(
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { ...cluster } }],
        users: [{ name: 'u', user: { ...user } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
        'current-context': 'x',
      }),
    );
    return {
      tls,
      hasCredentials,
      headers: async () => {
        const opts: https.RequestOptions = { headers: {} };
        try {
          await kc.applyToHTTPSOptions(opts);
        } catch {
          // The plugin's own output may hold credentials, so its text is never repeated.
          const how = user.exec ? `the exec credential plugin ${JSON.stringify((user.exec as { command?: unknown }).command ?? '')}` : 'the auth-provider';
          throw new ConfigError(`${how} of user ${cfg.userName} (context ${cfg.contextName}) gave no usable credentials: run it by hand to see why (for EKS: aws eks get-token --cluster-name NAME)`);
        }
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) out[k] = String(v);
        redactor.addAuthorization(out['Authorization'] ?? out['authorization']);
        return out;
      },
    };
  }

  return {
    tls,
    hasCredentials,
    headers: async () => {
      const out: Record<string, string> = {};
      let token = user.token;
      if (!token && user.tokenFile) {
        try {
          token = readFileSync(user.tokenFile, 'utf8').trim();
        } catch (e) {
          throw new ConfigError(`cannot read the token file ${user.tokenFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
        }
      }
      if (token) out['Authorization'] = `Bearer ${token}`;
      else if (user.username !== undefined && user.password !== undefined) out['Authorization'] = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
      if (user.as) out['Impersonate-User'] = user.as;
      redactor.addAuthorization(out['Authorization']);
      return out;
    },
  };
}
