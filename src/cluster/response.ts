/**
 * What a 2xx answer must hold before it counts, checked for every request: a JSON media type,
 * a body that parses whole, and the shape asked for — the object that was sent or named (its
 * apiVersion, kind, name and namespace), a list of that kind, a discovery document. A proxy's
 * HTML page, a body cut short, a Status or another object where the object should be: each is a
 * ResponseError (exit 3), so nothing is ever reported as applied that the server did not store.
 */
import { ResponseError } from './errors.js';
import { isJsonType, type Response } from './transport.js';
import { isObject, type Obj } from '../model/values.js';

/** The parsed JSON of a 2xx answer, or a ResponseError saying why there is none. */
export function jsonOf(res: Response, what: string): unknown {
  const head = `the server answered ${what} with ${res.status}`;
  if (!isJsonType(res.contentType)) {
    throw new ResponseError(
      `${head} but a ${res.contentType || 'body without a content type'}${res.contentType ? ' body' : ''}, not JSON: something other than the API server answered (a proxy, gateway or firewall page?); nothing it says is counted as done`,
    );
  }
  if (res.jsonError !== undefined) throw new ResponseError(`${head} but ${res.jsonError}: the answer was cut short or mangled on the way; nothing it says is counted as done`);
  return res.json;
}

function shapeOf(v: unknown): string {
  if (!isObject(v)) return Array.isArray(v) ? 'a JSON array' : `a JSON ${v === null ? 'null' : typeof v}`;
  const kind = typeof v['kind'] === 'string' ? v['kind'] : 'an object without a kind';
  const meta = isObject(v['metadata']) ? v['metadata'] : {};
  const name = typeof meta['name'] === 'string' ? ` ${typeof meta['namespace'] === 'string' ? `${meta['namespace']}/` : ''}${meta['name']}` : '';
  return kind === 'Status' && typeof v['message'] === 'string' ? `a Status ("${String(v['message']).slice(0, 120)}")` : `${kind}${name}`;
}

export interface Wanted {
  apiVersion: string;
  kind: string;
  name: string;
  /** For namespaced kinds; undefined for cluster-scoped ones. */
  namespace: string | undefined;
}

const label = (w: Wanted) => `${w.kind} ${w.namespace !== undefined ? `${w.namespace}/` : ''}${w.name}`;

/** The object of a 2xx answer, which must be `want` (as sent, or as named in the URL). */
export function objectOf(res: Response, what: string, want: Wanted): Obj {
  const body = jsonOf(res, what);
  const meta = isObject(body) && isObject(body['metadata']) ? body['metadata'] : undefined;
  const ok =
    isObject(body) &&
    body['apiVersion'] === want.apiVersion &&
    body['kind'] === want.kind &&
    meta !== undefined &&
    meta['name'] === want.name &&
    (want.namespace === undefined ? meta['namespace'] === undefined || meta['namespace'] === '' : meta['namespace'] === want.namespace);
  if (!ok)
    throw new ResponseError(
      `the server answered ${what} with ${res.status} but the body is ${shapeOf(body)}, not the ${label(want)} (${want.apiVersion}) asked for; nothing it says is counted as done`,
    );
  return body as Obj;
}

/** The items of a 2xx list answer: a `<Kind>List` whose items are objects with a name (in `namespace` when given). */
export function itemsOf(res: Response, what: string, kind: string, namespace: string | undefined): Obj[] {
  const body = jsonOf(res, what);
  const items = isObject(body) ? body['items'] : undefined;
  const fail = (why: string) => new ResponseError(`the server answered ${what} with ${res.status} but ${why}; nothing it says is counted`);
  if (!isObject(body) || body['kind'] !== `${kind}List` || !Array.isArray(items)) throw fail(`the body is ${shapeOf(body)}, not a ${kind}List`);
  for (const item of items) {
    const meta = isObject(item) && isObject(item['metadata']) ? item['metadata'] : undefined;
    if (!meta || typeof meta['name'] !== 'string') throw fail('an item of the list has no metadata.name');
    if (isObject(item) && item['kind'] !== undefined && item['kind'] !== kind) throw fail(`an item of the ${kind}List is a ${String(item['kind'])}`);
    if (namespace !== undefined && meta['namespace'] !== namespace) throw fail(`the list of namespace ${namespace} holds ${kind} ${String(meta['namespace'])}/${String(meta['name'])}`);
  }
  return items as Obj[];
}

/** The body of a 2xx discovery or version answer, which must be a JSON object of `kind` (or any object when kind is undefined). */
export function documentOf(res: Response, what: string, kind: string | undefined, member: string): Obj {
  const body = jsonOf(res, what);
  if (!isObject(body) || (kind !== undefined && body['kind'] !== kind) || body[member] === undefined) {
    throw new ResponseError(
      `the server answered ${what} with ${res.status} but the body is ${shapeOf(body)}, not ${kind ? `an ${kind}` : 'the document asked for'}; is the server in the kubeconfig a Kubernetes API server?`,
    );
  }
  return body;
}

/** A 2xx answer to DELETE: a Status of success, or the object being deleted. */
export function checkDeleted(res: Response, what: string, want: Wanted): void {
  const body = jsonOf(res, what);
  if (isObject(body) && body['kind'] === 'Status' && body['status'] !== 'Failure') return;
  objectOf(res, what, want);
}
