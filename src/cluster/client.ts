/**
 * The small client the cluster stage needs: REST mapping through discovery (GVK → resource
 * plural, namespaced or not), GET, LIST by label selector, server-side apply, DELETE. Every 2xx
 * answer is checked against what was asked (./response.ts) before it is used, and every name is
 * checked (./names.ts) before it goes into a path, so that `..` can never walk the URL.
 */
import { ApiError } from './errors.js';
import { describe } from './io.js';
import { apiVersionProblem, nameProblem, namespaceProblem } from './names.js';
import { checkDeleted, documentOf, itemsOf, objectOf, type Wanted } from './response.js';
import { Transport } from './transport.js';
import type { Obj } from '../model/values.js';

export type { Obj };
export { describe };

export interface Mapping {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
}

export const FIELD_MANAGER = 'ecs2k8s';

export function apiVersionOf(m: { group: string; version: string }): string {
  return m.group ? `${m.group}/${m.version}` : m.version;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}

/** A URL segment: a checked name, percent-encoded. A guard: names are checked before any plan is made. */
function segment(value: string, problem: string | undefined): string {
  if (problem) throw new Error(`refusing to put ${JSON.stringify(value)} in a URL: it ${problem}`);
  return encodeURIComponent(value);
}

export class ClusterClient {
  private readonly resourceLists = new Map<string, Promise<ApiResource[] | undefined>>();
  private groups: Promise<Map<string, string>> | undefined;

  constructor(readonly transport: Transport) {}

  get server(): string {
    return this.transport.server;
  }

  private async document(path: string, kind: string | undefined, member: string): Promise<Obj> {
    const res = await this.transport.request('GET', path, { idempotent: true });
    Transport.check(res, `GET ${path}`);
    return documentOf(res, `GET ${path}`, kind, member);
  }

  /** The resources of a group/version, or undefined when the server does not serve it. */
  private resources(group: string, version: string): Promise<ApiResource[] | undefined> {
    const key = `${group}/${version}`;
    let p = this.resourceLists.get(key);
    if (!p) {
      const gv = apiVersionOf({ group, version });
      const path = `${group ? '/apis/' : '/api/'}${segment(gv, apiVersionProblem(gv)).replace('%2F', '/')}`;
      p = this.document(path, 'APIResourceList', 'resources').then(
        (body) => ((body['resources'] ?? []) as ApiResource[]).filter((r) => typeof r?.name === 'string' && !r.name.includes('/')),
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        },
      );
      this.resourceLists.set(key, p);
    }
    return p;
  }

  /** group → preferred version (the core group is "" → v1). */
  preferredVersions(): Promise<Map<string, string>> {
    this.groups ??= this.document('/apis', 'APIGroupList', 'groups').then((body) => {
      const out = new Map<string, string>([['', 'v1']]);
      for (const g of (body['groups'] ?? []) as { name: string; preferredVersion?: { version: string } }[]) {
        if (g?.preferredVersion) out.set(g.name, g.preferredVersion.version);
      }
      return out;
    });
    return this.groups;
  }

  /** The REST mapping of apiVersion/kind, or undefined when the server does not serve it. */
  async mapping(apiVersion: string, kind: string): Promise<Mapping | undefined> {
    const { group, version } = splitApiVersion(apiVersion);
    const r = (await this.resources(group, version))?.find((x) => x.kind === kind);
    return r && { group, version, kind, plural: r.name, namespaced: r.namespaced };
  }

  /** The mapping of a group/kind at the group's preferred version (for pruning, which is version-agnostic). */
  async mappingForGroupKind(group: string, kind: string): Promise<Mapping | undefined> {
    const version = (await this.preferredVersions()).get(group);
    return version === undefined ? undefined : this.mapping(group ? `${group}/${version}` : version, kind);
  }

  /** Every namespaced kind the server lists, at each group's preferred version. */
  async namespacedMappings(): Promise<Mapping[]> {
    const out: Mapping[] = [];
    for (const [group, version] of await this.preferredVersions()) {
      for (const r of (await this.resources(group, version)) ?? []) {
        if (r.namespaced && (r.verbs === undefined || r.verbs.includes('list'))) out.push({ group, version, kind: r.kind, plural: r.name, namespaced: true });
      }
    }
    return out;
  }

  path(m: Mapping, namespace: string | undefined, name?: string): string {
    const gv = m.group ? `/apis/${m.group}/${m.version}` : `/api/${m.version}`;
    const ns = m.namespaced && namespace !== undefined ? `/namespaces/${segment(namespace, namespaceProblem(namespace))}` : '';
    return `${gv}${ns}/${m.plural}${name !== undefined ? `/${segment(name, nameProblem(m.kind, name))}` : ''}`;
  }

  private wanted(m: Mapping, namespace: string | undefined, name: string): Wanted {
    return { apiVersion: apiVersionOf(m), kind: m.kind, name, namespace: m.namespaced ? namespace : undefined };
  }

  /** The live object, or undefined when there is none. */
  async get(m: Mapping, namespace: string | undefined, name: string): Promise<Obj | undefined> {
    const path = this.path(m, namespace, name);
    const res = await this.transport.request('GET', path, { idempotent: true });
    if (res.status === 404) return undefined;
    Transport.check(res, `GET ${path}`);
    return objectOf(res, `GET ${path}`, this.wanted(m, namespace, name));
  }

  /** Objects with a label selector, in one namespace or (namespace undefined) everywhere; kind and apiVersion filled in. */
  async list(m: Mapping, namespace: string | undefined, labelSelector: string, options: { limit?: number; fieldSelector?: string } = {}): Promise<Obj[]> {
    const path = this.path(m, namespace);
    const out: Obj[] = [];
    let cont: string | undefined;
    do {
      const query = {
        ...(labelSelector !== '' && { labelSelector }),
        ...(options.fieldSelector !== undefined && { fieldSelector: options.fieldSelector }),
        ...(options.limit !== undefined && { limit: String(options.limit) }),
        ...(cont !== undefined && { continue: cont }),
      };
      const res = await this.transport.request('GET', path, { idempotent: true, query });
      Transport.check(res, `GET ${path}`);
      // built-in list items carry no kind/apiVersion (the list does)
      out.push(...itemsOf(res, `GET ${path}`, m.kind, m.namespaced ? namespace : undefined).map((o) => withKind(o, m)));
      const next = ((res.json as Obj)['metadata'] as Obj | undefined)?.['continue'];
      cont = options.limit !== undefined && typeof next === 'string' && next !== '' ? next : undefined;
    } while (cont !== undefined);
    return out;
  }

  /** Server-side apply; the answer must be the object sent. */
  async apply(m: Mapping, obj: Obj, options: { dryRun?: boolean; force?: boolean }): Promise<{ status: number; object: Obj }> {
    const meta = obj['metadata'] as Obj;
    const namespace = meta['namespace'] as string | undefined;
    const name = String(meta['name']);
    const path = this.path(m, namespace, name);
    const res = await this.transport.request('PATCH', path, {
      query: { fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', ...(options.force && { force: 'true' }), ...(options.dryRun && { dryRun: 'All' }) },
      body: JSON.stringify(obj),
      contentType: 'application/apply-patch+yaml',
      // server-side apply of one configuration converges whatever happened to an earlier attempt
      idempotent: true,
    });
    const what = `apply ${describe(obj)}`;
    Transport.check(res, what);
    return { status: res.status, object: objectOf(res, `PATCH ${path}`, this.wanted(m, namespace, name)) };
  }

  /** DELETE with a UID precondition (never deletes a newer object of the same name); false when it was already gone. */
  async delete(m: Mapping, namespace: string | undefined, name: string, options: { uid?: string; dryRun?: boolean }): Promise<boolean> {
    const path = this.path(m, namespace, name);
    const body = JSON.stringify({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      propagationPolicy: 'Background',
      ...(options.uid && { preconditions: { uid: options.uid } }),
      ...(options.dryRun && { dryRun: ['All'] }),
    });
    const res = await this.transport.request('DELETE', path, { body, idempotent: true, ...(options.dryRun && { query: { dryRun: 'All' } }) });
    if (res.status === 404) return false;
    Transport.check(res, `DELETE ${path}`);
    checkDeleted(res, `DELETE ${path}`, this.wanted(m, namespace, name));
    return true;
  }

  /** A cheap authenticated call, to fail early with a clear message. */
  async version(): Promise<string> {
    const v = await this.document('/version', undefined, 'gitVersion');
    return String(v['gitVersion']);
  }
}

function withKind(o: Obj, m: Mapping): Obj {
  if (o['kind'] && o['apiVersion']) return o;
  return { apiVersion: apiVersionOf(m), kind: m.kind, ...o };
}
