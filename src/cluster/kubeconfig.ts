/**
 * Finds and loads the kubeconfig the way kubectl does (client-go's clientcmd loading rules):
 *
 * 1. `--kubeconfig FILE`: that file alone; it must exist.
 * 2. else `KUBECONFIG`: a list of files (':' separated; ';' on Windows); empty entries and files
 *    that do not exist are skipped; the files are merged, and the first file to define a
 *    cluster, user or context of a given name wins, as does the first `current-context` set.
 * 3. else `~/.kube/config` when it exists.
 * 4. else in-cluster: `KUBERNETES_SERVICE_HOST`/`_PORT` and the service account token and CA under
 *    /var/run/secrets/kubernetes.io/serviceaccount.
 *
 * `--context NAME` picks a context (it must exist); otherwise `current-context` is used. Relative
 * file paths in a kubeconfig are relative to that file. Parse errors are reported by file, line
 * and column only: never with a snippet of the file, which could hold a token.
 *
 * Then client-go's checks, each a ConfigError (exit 3, one line): the context's user must be
 * defined (kubectl would prompt for one), impersonation details need `as`, one authentication
 * method per user, an exec plugin needs a command and an apiVersion, and the server must be a
 * URL (see serverUrl). The loading and merging are ecs2k8s's own: @kubernetes/client-node 1.4.0
 * throws on a name defined in two files (kubectl keeps the first) and reads no such errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ConfigError } from './errors.js';
import type { Redactor } from './redact.js';
import { isObject, type Obj } from '../model/values.js';

export const SERVICEACCOUNT_ROOT = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface KubeconfigRequest {
  /** --kubeconfig */
  kubeconfig?: string;
  /** --context */
  context?: string;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where the in-cluster service account files are (tests only). Default /var/run/secrets/kubernetes.io/serviceaccount. */
  serviceAccountRoot?: string;
}

export interface RawCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

export interface RawUser {
  token?: string;
  tokenFile?: string;
  username?: string;
  password?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  exec?: Obj;
  'auth-provider'?: Obj;
  /** Impersonation, sent as kubectl sends it (Impersonate-User, -Uid, -Group, -Extra-*). */
  as?: string;
  'as-uid'?: string;
  'as-groups'?: string[];
  'as-user-extra'?: Record<string, string[]>;
}

export interface LoadedKubeconfig {
  contextName: string;
  clusterName: string;
  userName: string;
  cluster: RawCluster;
  user: RawUser;
  /** Where the configuration came from, for messages: file paths, or "in-cluster service account". */
  source: string;
  /** The cluster's server (see {@link serverUrl}). */
  server: URL;
  /** The kubeconfig gave the server without a scheme (taken as http://, as kubectl does). */
  schemeless?: boolean;
}

interface Parsed {
  clusters: Map<string, RawCluster>;
  users: Map<string, RawUser>;
  contexts: Map<string, { cluster?: string; user?: string; namespace?: string }>;
  current?: string;
}

function named<T>(list: unknown, field: string, file: string): Map<string, T> {
  const out = new Map<string, T>();
  if (list === undefined || list === null) return out;
  if (!Array.isArray(list)) throw new ConfigError(`the kubeconfig ${file}: "${field}s" must be a list`);
  list.forEach((e, i) => {
    if (!isObject(e) || typeof e['name'] !== 'string') throw new ConfigError(`the kubeconfig ${file}: ${field}s[${i}] has no name`);
    const body = e[field];
    if (!out.has(e['name'])) out.set(e['name'], (isObject(body) ? { ...body } : {}) as T);
  });
  return out;
}

function parseFile(file: string, redactor: Redactor): Parsed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read the kubeconfig ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const at = lc.linePos(err.pos[0]);
    throw new ConfigError(`the kubeconfig ${file} is not valid YAML (line ${at.line}, column ${at.col}: ${err.code})`);
  }
  const data = (doc.toJS() ?? {}) as unknown;
  if (!isObject(data)) throw new ConfigError(`the kubeconfig ${file} is not a mapping`);
  const dir = path.dirname(file);
  const abs = (p: unknown) => (typeof p === 'string' && p !== '' ? path.resolve(dir, p) : undefined);
  const clusters = named<RawCluster>(data['clusters'], 'cluster', file);
  for (const c of clusters.values()) {
    if (c['certificate-authority']) c['certificate-authority'] = abs(c['certificate-authority'])!;
    rememberProxySecret(c['proxy-url'], redactor);
  }
  const users = named<RawUser>(data['users'], 'user', file);
  for (const u of users.values()) {
    for (const k of ['client-certificate', 'client-key', 'tokenFile'] as const) if (u[k]) u[k] = abs(u[k])!;
    // client-go: an exec command with a path separator is relative to the kubeconfig's folder
    const command = u.exec?.['command'];
    if (typeof command === 'string' && command.includes('/') && !path.isAbsolute(command)) u.exec!['command'] = path.resolve(dir, command);
    rememberSecrets(u, redactor);
  }
  const contexts = named<{ cluster?: string; user?: string }>(data['contexts'], 'context', file);
  const current = typeof data['current-context'] === 'string' && data['current-context'] !== '' ? data['current-context'] : undefined;
  return { clusters, users, contexts, ...(current !== undefined && { current }) };
}

/** The password of a proxy URL (`http://user:password@proxy:3128`), so that no output can show it. */
export function rememberProxySecret(proxy: unknown, redactor: Redactor): void {
  if (typeof proxy !== 'string') return;
  const m = /^[a-z0-9+.-]+:\/\/[^/@]*:([^/@]+)@/i.exec(proxy);
  if (m) {
    redactor.add(m[1]);
    try {
      redactor.add(decodeURIComponent(m[1]!));
    } catch {
      /* not percent-encoded */
    }
  }
}

/** Every credential a kubeconfig user holds, so that no output can show it. */
function rememberSecrets(user: RawUser, redactor: Redactor): void {
  for (const v of [user.token, user.password, user['client-key-data']]) redactor.add(v);
  if (user['client-key-data']) redactor.add(Buffer.from(user['client-key-data'], 'base64').toString('utf8'));
  for (const v of Object.values((user['auth-provider']?.['config'] ?? {}) as Obj)) if (typeof v === 'string') redactor.add(v);
  const env = user.exec?.['env'];
  if (Array.isArray(env)) for (const e of env) if (isObject(e) && typeof e['value'] === 'string') redactor.add(e['value']);
}

/** kubectl's merge: the first definition of a name wins, and the first current-context set. */
function merge(files: Parsed[]): Parsed {
  const out: Parsed = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const f of files) {
    for (const [k, v] of f.clusters) if (!out.clusters.has(k)) out.clusters.set(k, v);
    for (const [k, v] of f.users) if (!out.users.has(k)) out.users.set(k, v);
    for (const [k, v] of f.contexts) if (!out.contexts.has(k)) out.contexts.set(k, v);
    out.current ??= f.current;
  }
  return out;
}

function inCluster(env: Record<string, string | undefined>, root: string, redactor: Redactor): Parsed | undefined {
  const host = env['KUBERNETES_SERVICE_HOST'];
  const port = env['KUBERNETES_SERVICE_PORT'];
  const tokenFile = path.join(root, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  try {
    redactor.add(readFileSync(tokenFile, 'utf8'));
  } catch {
    // unreadable now: the request will say so
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    clusters: new Map([['in-cluster', { server, 'certificate-authority': path.join(root, 'ca.crt') }]]),
    users: new Map([['in-cluster', { tokenFile }]]),
    contexts: new Map([['in-cluster', { cluster: 'in-cluster', user: 'in-cluster' }]]),
    current: 'in-cluster',
  };
}

export function loadKubeconfig(req: KubeconfigRequest, redactor: Redactor): LoadedKubeconfig {
  let cfg: Parsed;
  let source: string;
  if (req.kubeconfig !== undefined && req.kubeconfig !== '') {
    const file = path.resolve(req.cwd, req.kubeconfig);
    if (!existsSync(file)) throw new ConfigError(`--kubeconfig ${req.kubeconfig}: no such file`);
    cfg = parseFile(file, redactor);
    source = file;
  } else if (req.env['KUBECONFIG']) {
    const sep = process.platform === 'win32' ? ';' : ':';
    const files = [
      ...new Set(
        req.env['KUBECONFIG']
          .split(sep)
          .filter((f) => f !== '')
          .map((f) => path.resolve(req.cwd, f)),
      ),
    ];
    const present = files.filter((f) => existsSync(f));
    if (present.length === 0) throw new ConfigError(`none of the files in KUBECONFIG exists (${files.join(', ')})`);
    cfg = merge(present.map((f) => parseFile(f, redactor)));
    source = present.join(sep);
  } else {
    const home = req.env['HOME'] ?? req.env['USERPROFILE'];
    const file = home ? path.join(home, '.kube', 'config') : undefined;
    const cluster = file && existsSync(file) ? undefined : inCluster(req.env, req.serviceAccountRoot ?? SERVICEACCOUNT_ROOT, redactor);
    if (file && existsSync(file)) {
      cfg = parseFile(file, redactor);
      source = file;
    } else if (cluster) {
      cfg = cluster;
      source = 'in-cluster service account';
    } else throw new ConfigError('no kubeconfig: set KUBECONFIG, pass --kubeconfig FILE, create ~/.kube/config, or run inside a cluster');
  }
  const names = [...cfg.contexts.keys()];
  let contextName = cfg.current;
  if (req.context !== undefined && req.context !== '') {
    if (!cfg.contexts.has(req.context)) throw new ConfigError(`--context ${req.context}: no such context in ${source} (contexts: ${names.join(', ') || 'none'})`);
    contextName = req.context;
  } else if (contextName === undefined) {
    throw new ConfigError(`${source} sets no current-context: pass --context (contexts: ${names.join(', ') || 'none'})`);
  } else if (!cfg.contexts.has(contextName)) {
    throw new ConfigError(`the current-context ${contextName} is not defined in ${source} (contexts: ${names.join(', ') || 'none'})`);
  }
  const ctx = cfg.contexts.get(contextName)!;
  const cluster = ctx.cluster !== undefined ? cfg.clusters.get(ctx.cluster) : undefined;
  if (!cluster) throw new ConfigError(`the context ${contextName} names a cluster (${ctx.cluster ?? 'none'}) that ${source} does not define`);
  if (!cluster.server) throw new ConfigError(`the cluster ${ctx.cluster} in ${source} has no server`);
  const server = serverUrl(cluster.server, ctx.cluster!);
  const userNames = [...cfg.users.keys()].join(', ') || 'none';
  // kubectl asks for a user name and password here; without a terminal to ask on, that is an error
  if (ctx.user === undefined || ctx.user === '') {
    if (server.url.protocol === 'https:')
      throw new ConfigError(`the context ${contextName} in ${source} names no user, so kubectl would ask for a user name and password: give the context a user with credentials (users: ${userNames})`);
  } else if (!cfg.users.has(ctx.user)) {
    throw new ConfigError(`the context ${contextName} names the user ${ctx.user}, which ${source} does not define (users: ${userNames})`);
  }
  const user = (ctx.user ? cfg.users.get(ctx.user) : undefined) ?? {};
  checkUser(user, ctx.user ?? '');
  return { contextName, clusterName: ctx.cluster!, userName: ctx.user ?? '', cluster, user, source, server: server.url, ...(server.schemeless && { schemeless: true }) };
}

/**
 * The server URL as kubectl reads it. A server without a scheme (`127.0.0.1:6443`) is taken as
 * `http://`, as kubectl 1.32 does: client-go decides whether the transport is TLS from the host
 * alone, before it reads the certificate authority, so such a server gets plain HTTP and no
 * credentials (see docs/diff-apply.md). Anything but http(s), or a path, is an error.
 */
export function serverUrl(server: string, clusterName: string): { url: URL; schemeless: boolean } {
  const schemeless = !/^[a-z][a-z0-9+.-]*:\/\//i.test(server);
  let url: URL;
  try {
    url = new URL(schemeless ? `http://${server}` : server);
  } catch {
    throw new ConfigError(`the server ${JSON.stringify(server)} of cluster ${clusterName} is not a URL: write it as https://HOST:PORT`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`the server ${server} of cluster ${clusterName} is neither https:// nor http://`);
  if (schemeless && url.pathname !== '/') throw new ConfigError(`the server ${JSON.stringify(server)} of cluster ${clusterName}: host must be a URL or a host:port pair`);
  return { url, schemeless };
}

/** client-go's checks of a user (validation.go) that a request would otherwise trip over. */
function checkUser(user: RawUser, name: string): void {
  if ((user['as-groups']?.length || user['as-uid'] || Object.keys(user['as-user-extra'] ?? {}).length) && !user.as) {
    throw new ConfigError(`the user ${name} requests uid, groups or user-extra without impersonating a user (set "as" too)`);
  }
  const methods = [user.token || user.tokenFile ? 'token' : '', user.username || user.password ? 'basicAuth' : ''].filter(Boolean);
  if (methods.length > 1) throw new ConfigError(`more than one authentication method found for ${name}; found ${methods.join(', ')}, only one is allowed`);
  if (user.exec) {
    if (typeof user.exec['command'] !== 'string' || user.exec['command'] === '') throw new ConfigError(`command must be specified for ${name} to use exec authentication plugin`);
    if (typeof user.exec['apiVersion'] !== 'string' || user.exec['apiVersion'] === '') throw new ConfigError(`apiVersion must be specified for ${name} to use exec authentication plugin`);
  }
}
