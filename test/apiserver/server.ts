/**
 * A Kubernetes API server for tests: Node http on 127.0.0.1 (port 0), in memory, written to the
 * API conventions (discovery, Status objects, list items without kind/apiVersion for built-in
 * types, managedFields, resourceVersion/generation, server-side apply with conflicts) rather than
 * to any one client's convenience. It is a fake: no admission chain, no defaulting, no
 * controllers (a test advances Deployment/DaemonSet/Job status through the control methods), no
 * watch, no protobuf, no OpenAPI schemas. See docs/diff-apply.md.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { validateK8sObject } from '../../src/k8s/validate/index.js';
import { RESOURCES, apiVersionOf, groupList, resourceList, type ResourceType } from './catalog.js';
import { canonical, fieldSet, getAt, isMap, merge, parsePath, pathString, removeAt, toFieldsV1 } from './fieldset.js';
import { openApiDocument, openApiRoot } from './openapi.js';
import { SelectorError, matches, parseSelector } from './selector.js';

const TLS_DIR = new URL('./tls/', import.meta.url);
/** The test CA (PEM) that signed the server certificate: put it in a kubeconfig's certificate-authority-data. */
export const TEST_CA_PEM = readFileSync(new URL('ca.pem', TLS_DIR), 'utf8');

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-ecs2k8s-test',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2025-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

type Obj = Record<string, unknown>;

interface ManagerEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  set: Set<string>;
}

interface Stored {
  type: ResourceType;
  obj: Obj;
  managers: ManagerEntry[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType: string | undefined;
  accept: string | undefined;
  userAgent: string | undefined;
  /** Whether the request carried the expected bearer token (the token itself is never logged). */
  authenticated: boolean;
  /** The status sent, or 0 when the connection was dropped. */
  status: number;
  /** ms since the server started. */
  at: number;
  /** For writes: apiVersion/kind/namespace/name of the body. */
  object?: string;
  /** The Impersonate-* headers, as sent (each header's values in order). */
  impersonate: Record<string, string[]>;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number; message?: string }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  /** Instead of the API: this answer (a proxy's or WAF's HTML page on 200, a Status where an object belongs). */
  | { kind: 'body'; status: number; contentType: string; body: string }
  /** The request is served (and stored), but the JSON answer is cut in half: a complete message (`close` false) or a connection closed mid-body. */
  | { kind: 'truncate'; close?: boolean }
  /** The request is served, then its answer trickles out one byte every `ms` (a connection that never goes idle). */
  | { kind: 'trickle'; ms: number };

interface PendingFault {
  fault: Fault;
  remaining: number;
  match?: (r: { method: string; path: string }) => boolean;
}

class HttpError extends Error {
  constructor(
    readonly status: Obj,
    readonly code: number,
  ) {
    super(String(status['message']));
  }
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

export function statusObject(code: number, message: string, extra: { reason?: string; details?: Obj } = {}): Obj {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 400 ? 'Success' : 'Failure',
    message,
    reason: extra.reason ?? REASONS[code] ?? 'Unknown',
    ...(extra.details && { details: extra.details }),
    code,
  };
}

function fail(code: number, message: string, extra: { reason?: string; details?: Obj } = {}): never {
  throw new HttpError(statusObject(code, message, extra), code);
}

const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

function groupResource(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

function notFound(t: ResourceType, name: string): never {
  fail(404, `${groupResource(t)} "${name}" not found`, { details: { name, ...(t.group && { group: t.group }), kind: t.plural } });
}

/** JSON Pointer → the dotted path the server prints (`/spec/template/0/x` → `.spec.template[0].x`). */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((t) => (/^\d+$/.test(t) ? `[${t}]` : `.${t}`))
    .join('');
}

function removePointer(obj: Obj, pointer: string): void {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = obj;
  for (const t of tokens.slice(0, -1)) cur = Array.isArray(cur) ? cur[Number(t)] : isMap(cur) ? cur[t] : undefined;
  const last = tokens[tokens.length - 1];
  if (last !== undefined && isMap(cur)) delete cur[last];
}

const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

export class FakeApiServer {
  readonly requests: LoggedRequest[] = [];
  /** Every object, keyed by `<group>/<plural>/<namespace>/<name>`. */
  private readonly store = new Map<string, Stored>();
  private faults: PendingFault[] = [];
  private rv = 100;
  private readonly started = Date.now();
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  url = '';

  private constructor(readonly token: string | undefined) {}

  /**
   * Starts a server on 127.0.0.1 (a free port), over TLS with the test certificate unless
   * `tls: false`. With a token, every API request must carry `Authorization: Bearer <token>`.
   */
  static async start(options: { token?: string; tls?: boolean } = {}): Promise<FakeApiServer> {
    const s = new FakeApiServer(options.token);
    const handler = (req: IncomingMessage, res: ServerResponse) => void s.handle(req, res);
    const tls = options.tls !== false;
    s.server = tls ? createTlsServer({ cert: readFileSync(new URL('server.pem', TLS_DIR)), key: readFileSync(new URL('server-key.pem', TLS_DIR)) }, handler) : createServer(handler);
    s.server.on('connection', (sock: Socket) => {
      s.sockets.add(sock);
      sock.on('close', () => s.sockets.delete(sock));
    });
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    // the default namespace exists from the start, as in a real cluster
    s.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    return s;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ controls for tests

  /** The next `count` requests matching `match` (default: any) meet this fault instead of the API. */
  inject(fault: Fault, options: { count?: number; match?: (r: { method: string; path: string }) => boolean } = {}): void {
    this.faults.push({ fault, remaining: options.count ?? 1, ...(options.match && { match: options.match }) });
  }

  clearLog(): void {
    this.requests.length = 0;
  }

  /** Stores an object as if a client had created it (with `manager`, operation Update, or with no managedFields at all). */
  seed(obj: Obj, options: { manager?: string } = {}): Obj {
    const type = this.typeOf(String(obj['apiVersion']), String(obj['kind']));
    const meta = (obj['metadata'] ?? {}) as Obj;
    const stored: Stored = { type, obj: structuredClone(obj), managers: [] };
    const m = stored.obj['metadata'] as Obj;
    m['uid'] = randomUUID();
    m['resourceVersion'] = String(++this.rv);
    m['generation'] = 1;
    m['creationTimestamp'] = now();
    if (type.kind === 'Namespace') stored.obj['status'] = { phase: 'Active' };
    if (options.manager) stored.managers.push({ manager: options.manager, operation: 'Update', apiVersion: apiVersionOf(type), time: now(), set: fieldSet(obj) });
    this.store.set(this.key(type, type.namespaced ? String(meta['namespace'] ?? 'default') : '', String(meta['name'])), stored);
    return this.render(stored);
  }

  /** The stored object (with managedFields), or undefined. Loosely typed, for assertions in tests. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Record<string, any> | undefined {
    const type = this.typeOf(apiVersion, kind);
    const s = this.store.get(this.key(type, type.namespaced ? (namespace ?? 'default') : '', name));
    return s && this.render(s);
  }

  /** Every stored object as `Kind namespace/name` (or `Kind name`), sorted. */
  names(): string[] {
    return [...this.store.values()].map((s) => this.label(s)).sort();
  }

  /** Sets the status of an object, as a controller would (bumps resourceVersion). */
  setStatus(apiVersion: string, kind: string, namespace: string | undefined, name: string, status: Obj): void {
    const type = this.typeOf(apiVersion, kind);
    const s = this.store.get(this.key(type, type.namespaced ? (namespace ?? 'default') : '', name));
    if (!s) throw new Error(`no ${kind} ${namespace}/${name}`);
    s.obj['status'] = structuredClone(status);
    (s.obj['metadata'] as Obj)['resourceVersion'] = String(++this.rv);
  }

  /** Completes the rollout of a Deployment or DaemonSet at its current generation, as the controllers would. */
  completeRollout(kind: 'Deployment' | 'DaemonSet', namespace: string, name: string, options: { available?: number } = {}): void {
    const o = this.get('apps/v1', kind, namespace, name);
    if (!o) throw new Error(`no ${kind} ${namespace}/${name}`);
    const generation = (o['metadata'] as Obj)['generation'];
    if (kind === 'Deployment') {
      const replicas = typeof (o['spec'] as Obj)['replicas'] === 'number' ? ((o['spec'] as Obj)['replicas'] as number) : 1;
      const available = options.available ?? replicas;
      this.setStatus('apps/v1', kind, namespace, name, {
        observedGeneration: generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: available,
        availableReplicas: available,
        ...(available < replicas && { unavailableReplicas: replicas - available }),
        conditions: [{ type: 'Available', status: available >= replicas ? 'True' : 'False', reason: 'MinimumReplicasAvailable' }],
      });
    } else {
      const desired = 2;
      const available = options.available ?? desired;
      this.setStatus('apps/v1', kind, namespace, name, {
        observedGeneration: generation,
        desiredNumberScheduled: desired,
        currentNumberScheduled: desired,
        updatedNumberScheduled: desired,
        numberReady: available,
        numberAvailable: available,
        numberMisscheduled: 0,
      });
    }
  }

  /** Marks a Job complete (or failed), as the Job controller would. */
  finishJob(namespace: string, name: string, outcome: 'Complete' | 'Failed' = 'Complete'): void {
    this.setStatus('batch/v1', 'Job', namespace, name, {
      ...(outcome === 'Complete' ? { succeeded: 1 } : { failed: 1 }),
      conditions: [{ type: outcome, status: 'True', reason: outcome === 'Complete' ? 'Completed' : 'BackoffLimitExceeded', lastTransitionTime: now() }],
    });
  }

  // ------------------------------------------------------------------ plumbing

  private typeOf(apiVersion: string, kind: string): ResourceType {
    const t = RESOURCES.find((r) => apiVersionOf(r) === apiVersion && r.kind === kind);
    if (!t) throw new Error(`the test server does not serve ${apiVersion} ${kind}`);
    return t;
  }

  private key(t: ResourceType, ns: string, name: string): string {
    return `${t.group}/${t.plural}/${ns}/${name}`;
  }

  private label(s: Stored): string {
    const m = s.obj['metadata'] as Obj;
    return s.type.namespaced ? `${s.type.kind} ${String(m['namespace'])}/${String(m['name'])}` : `${s.type.kind} ${String(m['name'])}`;
  }

  private render(s: Stored, withKind = true): Obj {
    const o = structuredClone(s.obj);
    const meta = o['metadata'] as Obj;
    if (s.managers.length > 0) {
      meta['managedFields'] = s.managers.map((m) => ({ manager: m.manager, operation: m.operation, apiVersion: m.apiVersion, time: m.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(m.set) }));
    }
    const out: Obj = withKind ? { apiVersion: apiVersionOf(s.type), kind: s.type.kind } : {};
    for (const [k, v] of Object.entries(o)) if (k !== 'apiVersion' && k !== 'kind') out[k] = v;
    return out;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
      accept: req.headers['accept'],
      userAgent: req.headers['user-agent'],
      authenticated: this.token === undefined || req.headers['authorization'] === `Bearer ${this.token}`,
      status: 0,
      at: Date.now() - this.started,
      impersonate: {},
    };
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i]!;
      if (/^impersonate-/i.test(name)) (entry.impersonate[name] ??= []).push(req.rawHeaders[i + 1]!);
    }
    this.requests.push(entry);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');

    const pending = this.faults.find((f) => f.remaining > 0 && (!f.match || f.match({ method: entry.method, path: entry.path })));
    let mangle: Fault | undefined;
    if (pending) {
      pending.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      const f = pending.fault;
      if (f.kind === 'truncate' || f.kind === 'trickle') mangle = f;
      else if (f.kind === 'body') {
        entry.status = f.status;
        res.writeHead(f.status, { 'Content-Type': f.contentType });
        res.end(f.body);
        return;
      } else if (f.kind === 'drop') {
        req.socket.destroy();
        return;
      }
      if (f.kind === 'delay') await new Promise((r) => setTimeout(r, f.ms));
      else if (f.kind === 'status') {
        const headers: Record<string, string> = {};
        if (f.retryAfter !== undefined) headers['Retry-After'] = String(f.retryAfter);
        const message = f.message ?? (f.status === 429 ? 'Too many requests, please try again later.' : 'an error on the server ("injected fault") has prevented the request from succeeding');
        this.send(res, entry, f.status, statusObject(f.status, message, f.retryAfter !== undefined ? { details: { retryAfterSeconds: f.retryAfter } } : {}), headers);
        return;
      }
    }

    try {
      const open = ['/version', '/healthz', '/livez', '/readyz'];
      if (!entry.authenticated && !open.includes(url.pathname)) fail(401, 'Unauthorized');
      const headers: Record<string, string> = {};
      const { status, payload } = this.route(entry, url, body, req, headers);
      this.send(res, entry, status, payload, headers, mangle);
    } catch (e) {
      if (e instanceof HttpError) this.send(res, entry, e.code, e.status);
      else this.send(res, entry, 500, statusObject(500, `internal error in the test server: ${(e as Error).message}`));
    }
  }

  private send(res: ServerResponse, entry: LoggedRequest, status: number, payload: unknown, headers: Record<string, string> = {}, mangle?: Fault): void {
    entry.status = status;
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const head = { 'Content-Type': typeof payload === 'string' ? 'text/plain' : 'application/json', 'Cache-Control': 'no-cache, private', ...headers };
    if (mangle?.kind === 'truncate') {
      const cut = text.slice(0, Math.floor(text.length / 2));
      if (mangle.close) {
        // the whole length announced, half of it sent, then the connection goes
        res.writeHead(status, { ...head, 'Content-Length': String(Buffer.byteLength(text)) });
        res.write(cut, () => res.socket?.destroy());
      } else {
        res.writeHead(status, { ...head, 'Content-Length': String(Buffer.byteLength(cut)) });
        res.end(cut);
      }
      return;
    }
    if (mangle?.kind === 'trickle') {
      res.writeHead(status, { ...head, 'Content-Length': String(Buffer.byteLength(text)) });
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed || i >= text.length) {
          clearInterval(timer);
          if (!res.destroyed) res.end();
          return;
        }
        res.write(text[i++]!);
      }, mangle.ms);
      res.on('close', () => {
        clearInterval(timer);
        if (i < text.length) entry.status = 0;
      });
      return;
    }
    res.writeHead(status, head);
    res.end(text);
  }

  private route(entry: LoggedRequest, url: URL, body: string, req: IncomingMessage, headers: Record<string, string>): { status: number; payload: unknown } {
    const p = url.pathname.replace(/\/+$/, '') || '/';
    const get = entry.method === 'GET';
    if (p === '/version' && get) return { status: 200, payload: SERVER_VERSION };
    if (['/healthz', '/livez', '/readyz'].includes(p) && get) return { status: 200, payload: 'ok' };
    if (p === '/api' && get) return { status: 200, payload: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.host }] } };
    if (p === '/apis' && get) return { status: 200, payload: groupList() };
    if (p === '/openapi/v3' && get) return { status: 200, payload: openApiRoot() };
    if (p.startsWith('/openapi/v3/') && get) {
      const rest = p.slice('/openapi/v3/'.length).split('/');
      const doc = rest[0] === 'api' ? openApiDocument('', rest[1] ?? '') : openApiDocument(rest[1] ?? '', rest[2] ?? '');
      if (!doc) fail(404, `the server could not find the requested resource`);
      return { status: 200, payload: doc };
    }
    const segs = p.split('/').slice(1);
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === 'api' && segs.length >= 2) {
      group = '';
      version = segs[1]!;
      rest = segs.slice(2);
    } else if (segs[0] === 'apis' && segs.length >= 3) {
      group = segs[1]!;
      version = segs[2]!;
      rest = segs.slice(3);
    } else if (segs[0] === 'apis' && segs.length === 2 && get) {
      const g = (groupList() as { groups: Obj[] }).groups.find((x) => x['name'] === segs[1]);
      if (!g) fail(404, 'the server could not find the requested resource');
      return { status: 200, payload: { kind: 'APIGroup', apiVersion: 'v1', ...g } };
    } else fail(404, 'the server could not find the requested resource');
    if (rest.length === 0) {
      if (!get) fail(405, `the server does not allow this method on the requested resource`);
      const list = resourceList(group, version);
      if (!list) fail(404, 'the server could not find the requested resource');
      return { status: 200, payload: list };
    }
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
      namespace = rest[1]!;
      rest = rest.slice(2);
    }
    const type = RESOURCES.find((r) => r.group === group && r.version === version && r.plural === rest[0]);
    if (!type || rest.length > 3) fail(404, 'the server could not find the requested resource');
    if (namespace !== undefined && !type.namespaced) fail(404, 'the server could not find the requested resource');
    const name = rest[1];
    const sub = rest[2];
    if (sub !== undefined && !(sub === 'status' && type.status)) fail(404, 'the server could not find the requested resource');
    const wantsTable = (entry.accept ?? '').includes('as=Table');

    switch (entry.method) {
      case 'GET': {
        if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') fail(405, 'watch is not served by the ecs2k8s test server');
        if (name === undefined) return { status: 200, payload: this.list(type, namespace, url, wantsTable) };
        const s = this.store.get(this.key(type, type.namespaced ? (namespace ?? 'default') : '', name));
        if (!s) notFound(type, name);
        return { status: 200, payload: wantsTable ? this.table(type, [s]) : this.render(s) };
      }
      case 'PATCH': {
        if (name === undefined) fail(405, 'the server does not allow this method on the requested resource');
        const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
        if (ct !== 'application/apply-patch+yaml') {
          fail(
            415,
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml (the test server implements only application/apply-patch+yaml)`,
          );
        }
        return this.apply(type, namespace, name, sub, body, url.searchParams, headers, entry);
      }
      case 'POST': {
        if (name !== undefined) fail(405, 'the server does not allow this method on the requested resource');
        return this.create(type, namespace, body, url.searchParams, entry);
      }
      case 'DELETE': {
        if (name === undefined) fail(405, 'deletecollection is not served by the ecs2k8s test server');
        return this.delete(type, namespace, name, body, url.searchParams);
      }
      default:
        fail(405, 'the server does not allow this method on the requested resource');
    }
  }

  private list(type: ResourceType, namespace: string | undefined, url: URL, table: boolean): Obj {
    let reqs;
    try {
      reqs = parseSelector(url.searchParams.get('labelSelector') ?? '');
    } catch (e) {
      if (e instanceof SelectorError) fail(400, `unable to parse requirement: ${e.message}`);
      throw e;
    }
    const fields = (url.searchParams.get('fieldSelector') ?? '')
      .split(',')
      .filter(Boolean)
      .map((f) => {
        const m = /^(metadata\.name|metadata\.namespace)(==|=|!=)(.*)$/.exec(f);
        if (!m) fail(400, `field label not supported: ${f.split(/[!=]/)[0]}`);
        return { field: m[1]!.slice('metadata.'.length), neq: m[2] === '!=', value: m[3]! };
      });
    const items = [...this.store.values()]
      .filter((s) => s.type === type)
      .filter((s) => {
        const m = s.obj['metadata'] as Obj;
        if (namespace !== undefined && m['namespace'] !== namespace) return false;
        if (!matches(m['labels'] as Record<string, string> | undefined, reqs)) return false;
        return fields.every((f) => (m[f.field] === f.value) !== f.neq);
      })
      .sort((a, b) => this.label(a).localeCompare(this.label(b)));
    if (table) return this.table(type, items);
    // built-in types omit kind/apiVersion on list items (the list says them); custom resources keep them
    return { kind: `${type.kind}List`, apiVersion: apiVersionOf(type), metadata: { resourceVersion: String(this.rv) }, items: items.map((s) => this.render(s, type.crd === true)) };
  }

  private table(type: ResourceType, items: Stored[]): Obj {
    const age = (ts: unknown) => `${Math.max(0, Math.round((Date.now() - Date.parse(String(ts))) / 1000))}s`;
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: String(this.rv) },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
        { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp', priority: 0 },
      ],
      rows: items.map((s) => {
        const m = s.obj['metadata'] as Obj;
        return {
          cells: [m['name'], age(m['creationTimestamp'])],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: {
              name: m['name'],
              ...(m['namespace'] !== undefined && { namespace: m['namespace'] }),
              uid: m['uid'],
              resourceVersion: m['resourceVersion'],
              creationTimestamp: m['creationTimestamp'],
              ...(m['labels'] !== undefined && { labels: m['labels'] }),
            },
          },
        };
      }),
    };
  }

  private parseBody(body: string, yaml: boolean): Obj {
    let o: unknown;
    try {
      o = yaml ? parseYaml(body) : JSON.parse(body);
    } catch (e) {
      fail(400, `error decoding ${yaml ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!isMap(o)) fail(400, 'the body of the request must be an object');
    return o;
  }

  private checkIdentity(type: ResourceType, o: Obj, namespace: string | undefined, name: string | undefined): void {
    if (o['apiVersion'] !== apiVersionOf(type) || o['kind'] !== type.kind) {
      fail(400, `the API version in the data (${String(o['apiVersion'])}) does not match the expected API version (${apiVersionOf(type)})`);
    }
    const meta = isMap(o['metadata']) ? o['metadata'] : fail(400, 'metadata is required');
    if (name !== undefined && meta['name'] !== undefined && meta['name'] !== name) fail(400, `the name of the object (${String(meta['name'])}) does not match the name on the URL (${name})`);
    if (type.namespaced && meta['namespace'] !== undefined && namespace !== undefined && meta['namespace'] !== namespace) {
      fail(400, 'the namespace of the provided object does not match the namespace sent on the request');
    }
    if (!type.namespaced && meta['namespace'] !== undefined && meta['namespace'] !== '') fail(400, `a ${type.kind} is not namespaced: remove metadata.namespace`);
  }

  private requireNamespace(type: ResourceType, namespace: string | undefined): void {
    if (!type.namespaced) return;
    const nsType = RESOURCES.find((r) => r.kind === 'Namespace')!;
    if (!this.store.has(this.key(nsType, '', namespace ?? 'default'))) {
      fail(404, `namespaces "${namespace}" not found`, { details: { name: namespace ?? 'default', kind: 'namespaces' } });
    }
  }

  /** fieldValidation: Strict → 400 on unknown fields; Warn (the default) → dropped with a Warning header; Ignore → dropped. */
  private unknownFields(type: ResourceType, o: Obj, params: URLSearchParams, headers: Record<string, string>, prefix: string): void {
    const mode = params.get('fieldValidation') ?? 'Warn';
    if (!['Strict', 'Warn', 'Ignore'].includes(mode)) fail(400, `fieldValidation must be one of Strict, Warn, Ignore, not "${mode}"`);
    const probe = structuredClone(o);
    delete probe['status'];
    if (isMap(probe['metadata'])) for (const k of SERVER_METADATA) delete probe['metadata'][k];
    const unknown = validateK8sObject(probe).filter((i) => i.code === 'k8s-unknown-field');
    if (unknown.length === 0) return;
    if (mode === 'Strict') {
      fail(400, `${prefix}: ${unknown.map((i) => `${dotted(i.pointer)}: field not declared in schema`).join(', ')}`);
    }
    for (const i of unknown) removePointer(o, i.pointer);
    if (mode === 'Warn') headers['Warning'] = unknown.map((i) => `299 - "unknown field \\"${dotted(i.pointer).slice(1)}\\""`).join(', ');
    void type;
  }

  /** 422 for what the API server's validation would reject in the merged object (offline rules of the project). */
  private validateMerged(type: ResourceType, o: Obj, name: string): void {
    const probe = structuredClone(o);
    delete probe['status'];
    if (isMap(probe['metadata'])) for (const k of SERVER_METADATA) delete probe['metadata'][k];
    const issues = validateK8sObject(probe).filter((i) => i.code !== 'k8s-unknown-field');
    if (issues.length === 0) return;
    const causes = issues.map((i) => ({ reason: i.code === 'k8s-required' ? 'FieldValueRequired' : 'FieldValueInvalid', message: i.message, field: dotted(i.pointer).slice(1) }));
    fail(422, `${type.kind} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`, {
      details: { name, ...(type.group && { group: type.group }), kind: type.kind, causes },
    });
  }

  private apply(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    sub: string | undefined,
    body: string,
    params: URLSearchParams,
    headers: Record<string, string>,
    entry: LoggedRequest,
  ): { status: number; payload: unknown } {
    const manager = params.get('fieldManager');
    if (!manager) fail(400, 'PATCH, application/apply-patch+yaml requests must contain a fieldManager query parameter');
    const dryRun = params.get('dryRun');
    if (dryRun !== null && dryRun !== 'All') fail(400, `dryRun must be "All", not "${dryRun}"`);
    const force = params.get('force') === 'true';
    const config = this.parseBody(body, true);
    this.checkIdentity(type, config, namespace, name);
    entry.object = `${String(config['apiVersion'])}/${String(config['kind'])}/${namespace ?? ''}/${name}`;
    const ns = type.namespaced ? (namespace ?? 'default') : '';
    const k = this.key(type, ns, name);
    const existing = this.store.get(k);
    if (!existing) this.requireNamespace(type, ns);
    this.unknownFields(type, config, params, headers, `failed to create typed patch object (${type.namespaced ? `${ns}/` : ''}${name}; ${apiVersionOf(type)}, Kind=${type.kind})`);
    const meta = config['metadata'] as Obj;
    for (const key of SERVER_METADATA) delete meta[key];
    if (sub === 'status') {
      for (const key of Object.keys(config)) if (!['apiVersion', 'kind', 'metadata', 'status'].includes(key)) delete config[key];
    } else if (type.status) delete config['status'];

    const live: Obj = existing ? structuredClone(existing.obj) : { metadata: {} };
    const managers = existing ? existing.managers.map((m) => ({ ...m, set: new Set(m.set) })) : [];
    const newSet = fieldSet(config, { includeStatus: sub === 'status' });
    // conflicts: another manager owns a field this configuration sets to a different value
    const conflicts: { manager: string; apiVersion: string; path: string[] }[] = [];
    for (const other of managers) {
      if (other.manager === manager && other.operation === 'Apply') continue;
      for (const key of newSet) {
        if (!other.set.has(key)) continue;
        const path = parsePath(key);
        if (path[path.length - 1] === '.') continue;
        if (canonical(getAt(live, path)) === canonical(getAt(config, path))) continue;
        conflicts.push({ manager: other.manager, apiVersion: other.apiVersion, path });
      }
    }
    if (conflicts.length > 0 && !force) {
      const causes = conflicts.map((c) => ({
        reason: 'FieldManagerConflict',
        message: `conflict with "${c.manager}"${c.manager === 'kubectl' ? '' : ''} using ${c.apiVersion}`,
        field: pathString(c.path),
      }));
      const byManager = new Map<string, string[]>();
      for (const c of conflicts) {
        const head = `conflict with "${c.manager}" using ${c.apiVersion}`;
        (byManager.get(head) ?? byManager.set(head, []).get(head)!).push(pathString(c.path));
      }
      const parts = [...byManager].map(([head, fields]) => (fields.length === 1 ? `${head}: ${fields[0]}` : `${head.replace(/^conflict/, 'conflicts')}:\n${fields.map((f) => `- ${f}`).join('\n')}`));
      fail(409, `Apply failed with ${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'}: ${parts.join('\n')}`, {
        details: { name, ...(type.group && { group: type.group }), kind: type.plural, causes },
      });
    }
    if (force) for (const c of conflicts) managers.find((m) => m.manager === c.manager && m.apiVersion === c.apiVersion)?.set.delete(JSON.stringify(c.path));

    // fields this manager applied before and no longer applies, and nobody else owns, are removed
    const mine = managers.find((m) => m.manager === manager && m.operation === 'Apply');
    if (mine) {
      const others = new Set(managers.filter((m) => m !== mine).flatMap((m) => [...m.set]));
      const gone = [...mine.set].filter((key) => !newSet.has(key) && !others.has(key)).map(parsePath);
      // items after their fields, deeper paths first
      gone.sort((a, b) => b.length - a.length);
      for (const path of gone) removeAt(live, path);
    }
    const merged = merge(live, config) as Obj;
    const mm = merged['metadata'] as Obj;
    mm['name'] = name;
    if (type.namespaced) mm['namespace'] = ns;
    else delete mm['namespace'];
    if (sub !== 'status' && type.kind !== 'Namespace' && !type.crd) this.validateMerged(type, merged, name);

    const time = now();
    const nextManagers = managers.filter((m) => m !== mine && m.set.size > 0);
    nextManagers.push({ manager, operation: 'Apply', apiVersion: String(config['apiVersion']), time: mine && canonicalSet(mine.set) === canonicalSet(newSet) ? mine.time : time, set: newSet });
    // keep a stable order: existing managers first, in their order
    const order = (m: ManagerEntry) => {
      const i = managers.findIndex((x) => x.manager === m.manager && x.operation === m.operation);
      return i < 0 ? managers.length : i;
    };
    nextManagers.sort((a, b) => order(a) - order(b));

    const strip = (o: Obj) => {
      const c = structuredClone(o);
      const m = c['metadata'] as Obj;
      for (const key of SERVER_METADATA) delete m[key];
      return c;
    };
    const specChanged = (a: Obj, b: Obj) => {
      const pick = (o: Obj) => canonical(Object.fromEntries(Object.entries(o).filter(([key]) => key !== 'metadata' && key !== 'status')));
      return pick(a) !== pick(b);
    };
    const changed = !existing || canonical(strip(existing.obj)) !== canonical(strip(merged)) || canonicalManagers(existing.managers) !== canonicalManagers(nextManagers);
    if (!existing) {
      mm['uid'] = randomUUID();
      mm['creationTimestamp'] = time;
      mm['generation'] = 1;
      if (type.kind === 'Namespace') merged['status'] = { phase: 'Active' };
    } else {
      const old = existing.obj['metadata'] as Obj;
      mm['uid'] = old['uid'];
      mm['creationTimestamp'] = old['creationTimestamp'];
      mm['generation'] = (old['generation'] as number) + (specChanged(existing.obj, merged) ? 1 : 0);
    }
    mm['resourceVersion'] = changed ? String(dryRun ? this.rv + 1 : ++this.rv) : (existing!.obj['metadata'] as Obj)['resourceVersion'];
    const stored: Stored = { type, obj: merged, managers: nextManagers };
    if (!dryRun && changed) this.store.set(k, stored);
    return { status: existing ? 200 : 201, payload: this.render(stored) };
  }

  private create(type: ResourceType, namespace: string | undefined, body: string, params: URLSearchParams, entry: LoggedRequest): { status: number; payload: unknown } {
    const o = this.parseBody(body, false);
    this.checkIdentity(type, o, namespace, undefined);
    const meta = o['metadata'] as Obj;
    if (typeof meta['name'] !== 'string' || meta['name'] === '') fail(422, `${type.kind} "" is invalid: metadata.name: Required value: name is required`);
    const name = meta['name'];
    const ns = type.namespaced ? (namespace ?? 'default') : '';
    entry.object = `${apiVersionOf(type)}/${type.kind}/${ns}/${name}`;
    if (this.store.has(this.key(type, ns, name)))
      fail(409, `${groupResource(type)} "${name}" already exists`, { reason: 'AlreadyExists', details: { name, ...(type.group && { group: type.group }), kind: type.plural } });
    this.requireNamespace(type, ns);
    if (type.namespaced) meta['namespace'] = ns;
    if (!type.crd && type.kind !== 'Namespace') this.validateMerged(type, o, name);
    const created = this.seed(o, { manager: params.get('fieldManager') ?? 'unknown' });
    return { status: 201, payload: created };
  }

  private delete(type: ResourceType, namespace: string | undefined, name: string, body: string, params: URLSearchParams): { status: number; payload: unknown } {
    const ns = type.namespaced ? (namespace ?? 'default') : '';
    const k = this.key(type, ns, name);
    const s = this.store.get(k);
    if (!s) notFound(type, name);
    const options = body.trim() ? this.parseBody(body, false) : {};
    const pre = isMap(options['preconditions']) ? options['preconditions'] : {};
    const meta = s.obj['metadata'] as Obj;
    if (pre['uid'] !== undefined && pre['uid'] !== meta['uid']) {
      fail(409, `Precondition failed: UID in precondition: ${String(pre['uid'])}, UID in object meta: ${String(meta['uid'])}`, {
        details: { name, ...(type.group && { group: type.group }), kind: type.plural },
      });
    }
    if (pre['resourceVersion'] !== undefined && pre['resourceVersion'] !== meta['resourceVersion']) {
      fail(409, `Precondition failed: ResourceVersion in precondition: ${String(pre['resourceVersion'])}, ResourceVersion in object meta: ${String(meta['resourceVersion'])}`, {
        details: { name, kind: type.plural },
      });
    }
    const dryRun = (params.get('dryRun') ?? (Array.isArray(options['dryRun']) ? (options['dryRun'] as string[])[0] : undefined)) === 'All';
    if (!dryRun) {
      this.store.delete(k);
      // a deleted namespace takes its contents with it (at once: the fake has no Terminating phase)
      if (type.kind === 'Namespace') for (const [key, x] of this.store) if ((x.obj['metadata'] as Obj)['namespace'] === name && x.type.namespaced) this.store.delete(key);
      this.rv++;
    }
    return { status: 200, payload: statusObject(200, '', { reason: '', details: { name, ...(type.group && { group: type.group }), kind: type.plural, uid: meta['uid'] } }) };
  }
}

function canonicalSet(s: Set<string>): string {
  return [...s].sort().join('\n');
}

function canonicalManagers(ms: ManagerEntry[]): string {
  return ms.map((m) => `${m.manager}|${m.operation}|${m.apiVersion}|${canonicalSet(m.set)}`).join('\n\n');
}
