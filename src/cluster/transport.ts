/**
 * HTTP to the API server (node:http/https, through a proxy when one applies: ./proxy.ts), with
 * the kubeconfig's credentials (./auth.ts) and bounded retries:
 *
 * - 429 Too Many Requests: retried for every request (the server did not act on it), after the
 *   `Retry-After` the server asks for (never sooner) or the backoff, whichever is longer;
 * - 5xx and dropped connections (reset, refused, timeout, a body cut short): retried only for
 *   idempotent requests (GET, DELETE, and PATCH with server-side apply, which converges to the
 *   same state whatever happened to an earlier attempt); anything else fails at once;
 * - exponential backoff with jitter (base × 2^n, each wait drawn from [½, 1] of that, capped),
 *   at most `attempts` tries and `budgetMs` in total;
 * - each attempt has one deadline, --request-timeout, for all of it (connection, proxy tunnel,
 *   TLS handshake, headers and body), as kubectl's --request-timeout bounds a whole request;
 * - an exec plugin's credential that the server refuses (401) is asked for again, once.
 *
 * Every answer's body is read as text and parsed as JSON only when its Content-Type says JSON;
 * what a 2xx must hold is checked by the client (./response.ts). Like kubectl, credentials are
 * sent only over TLS: an `http://` server gets no Authorization header. Error messages never
 * hold request headers.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Auth, Credentials } from './auth.js';
import { ApiError, ConfigError, TransportError, type ApiStatus } from './errors.js';
import { makeAgent, shownProxy, type Proxy } from './proxy.js';
import { VERSION } from '../version.js';

export interface RetryPolicy {
  /** Attempts per request, the first included. Default 5 (ECS2K8S_RETRY_ATTEMPTS). */
  attempts: number;
  /** First backoff wait. Default 500 ms (ECS2K8S_RETRY_BASE_MS). */
  baseMs: number;
  /** Longest single backoff wait (Retry-After may ask for longer). Default 10 s. */
  maxDelayMs: number;
  /** Total time a request may take with its retries. Default 60 s (ECS2K8S_RETRY_BUDGET_MS). */
  budgetMs: number;
  /** One attempt's deadline; 0 for none. Default 30 s (--request-timeout). */
  requestTimeoutMs: number;
}

export function retryPolicyFrom(env: Record<string, string | undefined>, requestTimeoutMs?: number): RetryPolicy {
  const num = (name: string, dflt: number) => {
    const v = Number(env[name]);
    return env[name] !== undefined && env[name] !== '' && Number.isFinite(v) && v >= 0 ? v : dflt;
  };
  return {
    attempts: Math.max(1, Math.floor(num('ECS2K8S_RETRY_ATTEMPTS', 5))),
    baseMs: num('ECS2K8S_RETRY_BASE_MS', 500),
    maxDelayMs: num('ECS2K8S_RETRY_MAX_DELAY_MS', 10_000),
    budgetMs: num('ECS2K8S_RETRY_BUDGET_MS', 60_000),
    requestTimeoutMs: requestTimeoutMs ?? 30_000,
  };
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: string;
  contentType?: string;
  /** Safe to send again after a 5xx or a dropped connection. */
  idempotent: boolean;
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The media type, lowercase, without parameters ('' when there is none). */
  contentType: string;
  text: string;
  /** The parsed body when the media type is JSON and it parsed; undefined otherwise. */
  json: unknown;
  /** Why a JSON body did not parse (cut short, or not JSON at all). */
  jsonError?: string;
}

const RETRYABLE_NET = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_TIMEOUT', 'UND_ERR_SOCKET']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function isJsonType(contentType: string): boolean {
  return contentType === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(contentType);
}

export interface TransportOptions {
  auth: Auth;
  tls: https.AgentOptions;
  server: URL;
  proxy: Proxy | undefined;
  policy: RetryPolicy;
  /** Progress lines (retries) go here. */
  note: (line: string) => void;
}

export class Transport {
  private readonly base: URL;
  private readonly secure: boolean;
  /** One agent per client certificate (an exec plugin may hand out a new one). */
  private readonly agents = new Map<string, Promise<http.Agent>>();
  /** Retries made (for the report). */
  retries = 0;

  constructor(private readonly o: TransportOptions) {
    this.base = o.server;
    this.secure = this.base.protocol === 'https:';
  }

  get server(): string {
    return this.base.origin + this.base.pathname.replace(/\/$/, '');
  }

  close(): void {
    for (const a of this.agents.values())
      void a.then(
        (agent) => agent.destroy(),
        () => undefined,
      );
  }

  private agent(c: Credentials): Promise<http.Agent> {
    const key = c.cert ?? '';
    let a = this.agents.get(key);
    if (!a) {
      a = makeAgent(this.base, { ...this.o.tls, ...(c.cert && { cert: c.cert }), ...(c.key && { key: c.key }) }, this.o.proxy);
      this.agents.set(key, a);
    }
    return a;
  }

  /** Sends a request with retries; resolves with any HTTP status (callers decide), throws TransportError when no answer came. */
  async request(method: string, path: string, options: RequestOptions): Promise<Response> {
    const { policy } = this.o;
    const started = Date.now();
    const what = `${method} ${path}`;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      let delay: number | undefined;
      let why: string;
      try {
        const res = await this.once(method, path, options);
        // an exec plugin's token may have been revoked early: ask the plugin again, once
        if (res.status === 401 && this.secure && !refreshed && this.o.auth.invalidate()) {
          refreshed = true;
          attempt--;
          continue;
        }
        if (res.status === 429 || (res.status >= 500 && options.idempotent)) {
          const retryAfter = retryAfterMs(res);
          delay = Math.max(retryAfter ?? 0, this.backoff(attempt));
          why = `${res.status} ${(res.json as ApiStatus | undefined)?.reason ?? ''}`.trim() + (retryAfter !== undefined ? ` (Retry-After ${Math.round(retryAfter / 1000)}s)` : '');
          if (attempt >= policy.attempts || Date.now() - started + delay > policy.budgetMs) return res;
        } else return res;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const retryable = e instanceof TransportError && RETRYABLE_NET.has(code) && (options.idempotent || code === 'ECONNREFUSED');
        if (!retryable || attempt >= policy.attempts) throw this.final(e, attempt);
        delay = this.backoff(attempt);
        if (Date.now() - started + delay > policy.budgetMs) throw this.final(e, attempt);
        why = code;
      }
      this.retries++;
      this.o.note(`retrying ${what} in ${(delay / 1000).toFixed(1)}s after ${why} (attempt ${attempt + 1} of ${policy.attempts})`);
      await sleep(delay);
    }
  }

  private final(e: unknown, attempts: number): Error {
    if (e instanceof TransportError) return new TransportError(`${e.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, e.code);
    return e as Error;
  }

  private backoff(attempt: number): number {
    const { baseMs, maxDelayMs } = this.o.policy;
    const d = Math.min(maxDelayMs, baseMs * 2 ** (attempt - 1));
    return Math.round(d / 2 + Math.random() * (d / 2));
  }

  private async once(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + path, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const creds: Credentials = this.secure ? await this.o.auth.credentials() : { headers: {} };
    const headers: http.OutgoingHttpHeaders = { Accept: 'application/json', 'User-Agent': `ecs2k8s/${VERSION}`, ...creds.headers };
    const agent = await this.agent(creds);
    if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const lib = this.secure ? https : http;
    const timeoutMs = this.o.policy.requestTimeoutMs;
    return new Promise<Response>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => timer && clearTimeout(timer);
      const failed = (e: Error) => {
        done();
        reject(this.netError(e));
      };
      let req: http.ClientRequest;
      try {
        req = lib.request(url, { method, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', failed);
          // a body cut short by a closed connection is a dropped connection, not an answer
          res.on('aborted', () => failed(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' })));
          res.on('end', () => {
            done();
            if (!res.complete) return failed(Object.assign(new Error('the answer was cut short'), { code: 'ECONNRESET' }));
            resolve(toResponse(res, Buffer.concat(chunks).toString('utf8')));
          });
        });
      } catch (e) {
        // TLS options node refuses at request time (a key it cannot use): a kubeconfig problem
        done();
        reject(new ConfigError(`cannot set up TLS for ${this.server}: ${(e as Error).message}`));
        return;
      }
      if (timeoutMs > 0) {
        timer = setTimeout(() => req.destroy(Object.assign(new Error('request timed out'), { code: 'ERR_TIMEOUT' })), timeoutMs);
      }
      req.on('error', failed);
      req.end(options.body);
    });
  }

  private netError(e: Error): TransportError {
    if (e instanceof TransportError) return e;
    const code = (e as NodeJS.ErrnoException).code ?? (e.message === 'socket hang up' ? 'ECONNRESET' : undefined);
    const proxy = this.o.proxy;
    const tunnel = /^Bad response: (\d+)/.exec(e.message);
    if (proxy && tunnel)
      return new TransportError(
        `the proxy ${shownProxy(proxy)} (${proxy.from}) refused to open a tunnel to ${this.base.host} (HTTP ${tunnel[1]}${tunnel[1] === '407' ? ': Proxy Authentication Required; put the credentials in the proxy URL' : ''})`,
        'EPROXY',
      );
    const text: Record<string, string> = {
      ECONNREFUSED: proxy ? `connection refused: is the proxy ${shownProxy(proxy)} (${proxy.from}) running?` : 'connection refused: is the cluster running and the kubeconfig current?',
      ECONNRESET: 'the connection was dropped',
      ERR_TIMEOUT: `no answer within ${this.o.policy.requestTimeoutMs / 1000}s (--request-timeout)`,
      ENOTFOUND: 'host not found',
      DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate: set certificate-authority(-data) in the kubeconfig',
      SELF_SIGNED_CERT_IN_CHAIN: 'unknown certificate authority: set certificate-authority(-data) in the kubeconfig',
      UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown certificate authority: set certificate-authority(-data) in the kubeconfig',
      ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
      EPROTO: 'the TLS handshake failed',
    };
    const detail = code ? (text[code] ? `${code}: ${text[code]}` : `${code}: ${e.message}`) : e.message;
    return new TransportError(`cannot reach ${this.server}${proxy ? ` through ${shownProxy(proxy)}` : ''} (${detail})`, code);
  }

  /** Throws ApiError for a non-2xx answer; returns the parsed body of a 2xx one (undefined when it is not JSON). */
  static check(res: Response, what: string): unknown {
    if (res.status >= 200 && res.status < 300) return res.json;
    const body = isStatus(res.json) ? res.json : undefined;
    let msg = body?.message;
    if (!msg) {
      const type = res.contentType || 'no content type';
      msg = isJsonType(res.contentType)
        ? `HTTP ${res.status}`
        : `HTTP ${res.status} with a ${type} body${res.contentType === 'text/plain' && res.text ? ` ("${res.text.replace(/\s+/g, ' ').trim().slice(0, 200)}")` : ': an answer from something other than the API server (a proxy or gateway?)'}`;
    }
    throw new ApiError(res.status, body, `${what}: ${msg}${body?.reason ? ` (${res.status} ${body.reason})` : ` (HTTP ${res.status})`}`);
  }
}

function isStatus(v: unknown): v is ApiStatus {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as ApiStatus).kind === 'Status';
}

function toResponse(res: http.IncomingMessage, text: string): Response {
  const contentType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const out: Response = { status: res.statusCode ?? 0, headers: res.headers, contentType, text, json: undefined };
  if (isJsonType(contentType)) {
    try {
      out.json = JSON.parse(text);
    } catch (e) {
      out.jsonError = text === '' ? 'the body is empty' : `the body is not complete JSON (${(e as Error).message.split('\n')[0]})`;
    }
  }
  return out;
}

function retryAfterMs(res: Response): number | undefined {
  const h = res.headers['retry-after'];
  const v = Array.isArray(h) ? h[0] : h;
  if (v !== undefined) {
    const s = Number(v);
    if (Number.isFinite(s) && s >= 0) return s * 1000;
    const when = Date.parse(v);
    if (!Number.isNaN(when)) return Math.max(0, when - Date.now());
  }
  const d = (res.json as ApiStatus | undefined)?.details?.retryAfterSeconds;
  return typeof d === 'number' ? d * 1000 : undefined;
}
