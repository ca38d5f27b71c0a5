/**
 * HTTP to the API server (node:http/https), with the kubeconfig's authentication (./auth.ts)
 * and bounded retries:
 *
 * - 429 Too Many Requests: retried for every request (the server did not act on it), after the
 *   `Retry-After` the server asks for (never sooner) or the backoff, whichever is longer;
 * - 5xx and dropped connections (reset, refused, timeout): retried only for idempotent requests
 *   (GET, DELETE, and PATCH with server-side apply, which converges to the same state whatever
 *   happened to an earlier attempt); anything else fails at once;
 * - exponential backoff with jitter (base × 2^n, each wait drawn from [½, 1] of that, capped),
 *   at most `attempts` tries and `budgetMs` in total.
 *
 * Like kubectl, credentials are sent only over TLS: an `http://` server gets no Authorization
 * header (client-go's rule; @kubernetes/client-node refuses such servers altogether).
 * Error messages never hold request headers.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { Auth } from './auth.js';
import { ApiError, TransportError, type ApiStatus } from './errors.js';
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
  /** One attempt's timeout. Default 30 s (--request-timeout). */
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
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

const RETRYABLE_NET = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_TIMEOUT', 'UND_ERR_SOCKET']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Transport {
  private readonly base: URL;
  private readonly secure: boolean;
  private readonly plainAgent = new http.Agent({ keepAlive: true });
  private readonly tlsAgent: https.Agent | undefined;
  /** Retries made (for the report). */
  retries = 0;

  constructor(
    private readonly auth: Auth,
    server: string,
    private readonly policy: RetryPolicy,
    /** Progress lines (retries) go here. */
    private readonly note: (line: string) => void,
  ) {
    this.base = new URL(server);
    this.secure = this.base.protocol === 'https:';
    if (!this.secure && this.base.protocol !== 'http:') throw new TransportError(`the server ${server} is neither https:// nor http://`);
    this.tlsAgent = this.secure ? new https.Agent(auth.tls) : undefined;
  }

  get server(): string {
    return this.base.origin + this.base.pathname.replace(/\/$/, '');
  }

  close(): void {
    this.plainAgent.destroy();
    this.tlsAgent?.destroy();
  }

  /** Sends a request with retries; resolves with any HTTP status (callers decide), throws TransportError when no answer came. */
  async request(method: string, path: string, options: RequestOptions): Promise<Response> {
    const started = Date.now();
    const what = `${method} ${path}`;
    for (let attempt = 1; ; attempt++) {
      let delay: number | undefined;
      let why: string;
      try {
        const res = await this.once(method, path, options);
        if (res.status === 429 || (res.status >= 500 && options.idempotent)) {
          const retryAfter = retryAfterMs(res);
          delay = Math.max(retryAfter ?? 0, this.backoff(attempt));
          why = `${res.status} ${(res.body as ApiStatus | undefined)?.reason ?? ''}`.trim() + (retryAfter !== undefined ? ` (Retry-After ${Math.round(retryAfter / 1000)}s)` : '');
          if (attempt >= this.policy.attempts || Date.now() - started + delay > this.policy.budgetMs) return res;
        } else return res;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        const retryable = e instanceof TransportError && RETRYABLE_NET.has(code) && (options.idempotent || code === 'ECONNREFUSED');
        if (!retryable || attempt >= this.policy.attempts) throw this.final(e, attempt);
        delay = this.backoff(attempt);
        if (Date.now() - started + delay > this.policy.budgetMs) throw this.final(e, attempt);
        why = code;
      }
      this.retries++;
      this.note(`retrying ${what} in ${(delay / 1000).toFixed(1)}s after ${why} (attempt ${attempt + 1} of ${this.policy.attempts})`);
      await sleep(delay);
    }
  }

  private final(e: unknown, attempts: number): Error {
    if (e instanceof TransportError) return new TransportError(`${e.message}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, e.code);
    return e as Error;
  }

  private backoff(attempt: number): number {
    const d = Math.min(this.policy.maxDelayMs, this.policy.baseMs * 2 ** (attempt - 1));
    return Math.round(d / 2 + Math.random() * (d / 2));
  }

  private async once(method: string, path: string, options: RequestOptions): Promise<Response> {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + path, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': `ecs2k8s/${VERSION}` };
    if (this.secure) Object.assign(headers, await this.auth.headers());
    const agent: http.Agent = this.tlsAgent ?? this.plainAgent;
    if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const lib = this.secure ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const req = lib.request(url, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(netError(e, this.server)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          if (text && (res.headers['content-type'] ?? '').includes('json')) {
            try {
              body = JSON.parse(text);
            } catch {
              body = text;
            }
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      });
      req.setTimeout(this.policy.requestTimeoutMs, () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ERR_TIMEOUT' })));
      req.on('error', (e) => reject(netError(e, this.server)));
      req.end(options.body);
    });
  }

  /** Throws ApiError for a non-2xx answer. */
  static check(res: Response, what: string): unknown {
    if (res.status >= 200 && res.status < 300) return res.body;
    const body = typeof res.body === 'object' && res.body !== null ? (res.body as ApiStatus) : undefined;
    const msg = body?.message ?? (typeof res.body === 'string' && res.body ? res.body.slice(0, 300) : `HTTP ${res.status}`);
    throw new ApiError(res.status, body, `${what}: ${msg}${body?.reason ? ` (${res.status} ${body.reason})` : ` (HTTP ${res.status})`}`);
  }
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
  const d = (res.body as ApiStatus | undefined)?.details?.retryAfterSeconds;
  return typeof d === 'number' ? d * 1000 : undefined;
}

function netError(e: Error, server: string): TransportError {
  const code = (e as NodeJS.ErrnoException).code ?? (e.message === 'socket hang up' ? 'ECONNRESET' : undefined);
  const text: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is the cluster running and the kubeconfig current?',
    ECONNRESET: 'the connection was dropped',
    ERR_TIMEOUT: 'no answer in time',
    ENOTFOUND: 'host not found',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate: set certificate-authority(-data) in the kubeconfig',
    SELF_SIGNED_CERT_IN_CHAIN: 'unknown certificate authority: set certificate-authority(-data) in the kubeconfig',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown certificate authority: set certificate-authority(-data) in the kubeconfig',
    ERR_TLS_CERT_ALTNAME_INVALID: "the server certificate does not name this host",
  };
  const detail = code ? (text[code] ? `${code}: ${text[code]}` : `${code}: ${e.message}`) : e.message;
  return new TransportError(`cannot reach ${server} (${detail})`, code);
}
