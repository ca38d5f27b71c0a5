/**
 * Credentials of each request, from the kubeconfig's user:
 *
 * - static ones (what kubeconfigs for CI hold): bearer token, tokenFile (read again for each
 *   request, as projected service account tokens rotate), basic auth; the client certificate is
 *   TLS (./tls.ts);
 * - exec credential plugins (EKS `aws eks get-token`, kubelogin): ./exec.ts, cached per run;
 * - auth-provider (OIDC, and the old GCP and Azure providers): @kubernetes/client-node's
 *   KubeConfig (`applyToHTTPSOptions`), imported only then;
 * - impersonation, as kubectl sends it: Impersonate-User (`as`), Impersonate-Uid (`as-uid`), one
 *   Impersonate-Group per group (`as-groups`), and Impersonate-Extra-<key> per value
 *   (`as-user-extra`, the key percent-encoded where a header name cannot hold it).
 *
 * Like kubectl (client-go), credentials are only ever sent over TLS (the transport decides).
 */
import { readFileSync } from 'node:fs';
import type * as https from 'node:https';
import { stringify } from 'yaml';
import { ConfigError } from './errors.js';
import { ExecPlugin } from './exec.js';
import type { LoadedKubeconfig, RawUser } from './kubeconfig.js';
import type { Redactor } from './redact.js';
import { checkClientPair } from './tls.js';
import { importExternal } from '../external.js';

export type Headers = Record<string, string | string[]>;

export interface Credentials {
  headers: Headers;
  /** A client certificate and key that an exec plugin gave (PEM). */
  cert?: string;
  key?: string;
}

export interface Auth {
  /** The credentials for one request. */
  credentials(): Promise<Credentials>;
  /** Forgets cached credentials (after a 401) so that the next request asks the plugin again; false when there is nothing to ask again. */
  invalidate(): boolean;
  /** Whether the user has any credential at all. */
  hasCredentials: boolean;
}

/** RFC 7230 token characters, '%' excepted (client-go escapes it): what a header name can hold as it is. */
const HEADER_KEY = /^[!#$&'*+\-.^_`|~0-9A-Za-z]$/;

/** client-go's headerKeyEscape: every byte that a header name cannot hold becomes %XX. */
export function escapeHeaderKey(key: string): string {
  let out = '';
  for (const b of Buffer.from(key, 'utf8')) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && HEADER_KEY.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function impersonationHeaders(user: RawUser): Headers {
  const out: Headers = {};
  if (!user.as) return out;
  out['Impersonate-User'] = user.as;
  if (user['as-uid']) out['Impersonate-Uid'] = user['as-uid'];
  const groups = (user['as-groups'] ?? []).filter((g) => typeof g === 'string');
  if (groups.length > 0) out['Impersonate-Group'] = groups;
  for (const [k, vs] of Object.entries(user['as-user-extra'] ?? {})) {
    const values = (Array.isArray(vs) ? vs : [vs]).map(String);
    if (values.length > 0) out[`Impersonate-Extra-${escapeHeaderKey(k)}`] = values;
  }
  return out;
}

function staticAuthorization(user: RawUser): string | undefined {
  let token = user.token;
  if (!token && user.tokenFile) {
    try {
      token = readFileSync(user.tokenFile, 'utf8').trim();
    } catch (e) {
      throw new ConfigError(`cannot read the token file ${user.tokenFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (token) return `Bearer ${token}`;
  if (user.username !== undefined && user.password !== undefined) return `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  return undefined;
}

async function authProvider(cfg: LoadedKubeconfig): Promise<() => Promise<Headers>> {
  const { cluster, user } = cfg;
  let k8s: typeof import('@kubernetes/client-node');
  try {
    k8s = await importExternal<typeof import('@kubernetes/client-node')>('@kubernetes/client-node');
  } catch (e) {
    throw new ConfigError(
      `the user ${cfg.userName} of context ${cfg.contextName} authenticates with an auth-provider, which ecs2k8s runs through @kubernetes/client-node, and that cannot be loaded here (${(e as Error).message.split('\n')[0]}); use a kubeconfig with a token, a client certificate or an exec plugin`,
    );
  }
  const kc = new k8s.KubeConfig();
  kc.loadFromString(
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'c', cluster: { server: cfg.server.href, ...(cluster['certificate-authority-data'] && { 'certificate-authority-data': cluster['certificate-authority-data'] }) } }],
      users: [{ name: 'u', user: { 'auth-provider': user['auth-provider'] } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      'current-context': 'x',
    }),
  );
  return async () => {
    const opts: https.RequestOptions = { headers: {} };
    try {
      await kc.applyToHTTPSOptions(opts);
    } catch {
      // The provider's own output may hold credentials, so its text is never repeated.
      throw new ConfigError(`the auth-provider of user ${cfg.userName} (context ${cfg.contextName}) gave no usable credentials: run kubectl with this context to see why`);
    }
    const out: Headers = {};
    const auth = (opts.headers as Record<string, unknown> | undefined)?.['Authorization'];
    if (typeof auth === 'string') out['Authorization'] = auth;
    return out;
  };
}

export async function makeAuth(cfg: LoadedKubeconfig, redactor: Redactor, options: { timeoutMs: number; env: Record<string, string | undefined> }): Promise<Auth> {
  const { user } = cfg;
  const impersonate = impersonationHeaders(user);
  const hasCredentials = !!(user.token || user.tokenFile || user.password || user['client-key'] || user['client-key-data'] || user.exec || user['auth-provider']);
  const finish = (authorization: string | undefined, extra: Omit<Credentials, 'headers'> = {}): Credentials => {
    redactor.addAuthorization(authorization);
    return { headers: { ...(authorization && { Authorization: authorization }), ...impersonate }, ...extra };
  };

  if (user.exec) {
    const plugin = new ExecPlugin(user.exec, {
      userName: cfg.userName,
      contextName: cfg.contextName,
      cluster: { ...cfg.cluster, server: cfg.server.href },
      env: options.env,
      timeoutMs: options.timeoutMs,
      redactor,
    });
    let checked: string | undefined;
    return {
      hasCredentials,
      invalidate: () => (plugin.invalidate(), true),
      credentials: async () => {
        const c = await plugin.credential();
        if (c.cert && c.key && checked !== c.cert) {
          checkClientPair(c.cert, c.key, `the exec plugin of user ${cfg.userName}`);
          checked = c.cert;
        }
        return finish(c.token ? `Bearer ${c.token}` : undefined, { ...(c.cert && { cert: c.cert }), ...(c.key && { key: c.key }) });
      },
    };
  }
  if (user['auth-provider']) {
    const headers = await authProvider(cfg);
    return { hasCredentials, invalidate: () => false, credentials: async () => finish(((await headers())['Authorization'] as string | undefined) ?? undefined) };
  }
  return { hasCredentials, invalidate: () => false, credentials: async () => finish(staticAuthorization(user)) };
}
