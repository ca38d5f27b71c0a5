/** Errors of the cluster stage. Messages never carry credentials (and all output is redacted anyway). */

/** A Kubernetes `Status` object (the body of every API error). */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[]; retryAfterSeconds?: number };
}

/** The API server answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiStatus | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get reason(): string | undefined {
    return this.body?.reason;
  }
}

/** The request never got an answer: connection refused/reset, timeout, TLS failure, or the retry budget ran out. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * A 2xx answer that is not what was asked for: not JSON (a proxy's or WAF's HTML page), JSON cut
 * short, or another object than the one sent or named. kubectl fails on these too ("serializer
 * for text/html doesn't exist"); nothing that such an answer says is counted as done.
 */
export class ResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResponseError';
  }
}

/** Configuration problems: kubeconfig missing or unreadable, unknown context, no server. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** The other field managers of a server-side apply conflict, from `details.causes[]`, with the fields each owns. */
export function conflictManagers(body: ApiStatus | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of body?.details?.causes ?? []) {
    if (c.reason !== 'FieldManagerConflict') continue;
    const m = /conflicts? with "([^"]+)"/.exec(c.message ?? '');
    const manager = m ? m[1]! : 'an unnamed manager';
    (out.get(manager) ?? out.set(manager, []).get(manager)!).push(c.field ?? '?');
  }
  if (out.size === 0 && body?.message) {
    for (const m of body.message.matchAll(/conflicts? with "([^"]+)"/g)) if (!out.has(m[1]!)) out.set(m[1]!, []);
  }
  return out;
}

/** The failures the cluster stage reports as one line with exit 3; anything else is a bug. */
export function isClusterError(e: unknown): e is ApiError | TransportError | ConfigError | ResponseError {
  return e instanceof ApiError || e instanceof TransportError || e instanceof ConfigError || e instanceof ResponseError;
}

export function describeError(e: unknown): string {
  if (e instanceof ApiError || e instanceof TransportError || e instanceof ConfigError || e instanceof ResponseError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
