/**
 * The small client the cluster stage needs: REST mapping through discovery (GVK → resource
 * plural, namespaced or not), GET, LIST by label selector, server-side apply, DELETE.
 */
import { ApiError } from './errors.js';
import { Transport } from './transport.js';

export type Obj = Record<string, unknown>;

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
}

export class ClusterClient {
  private readonly resourceLists = new Map<string, Promise<ApiResource[] | undefined>>();
  private groups: Promise<Map<string, string>> | undefined;

  constructor(readonly transport: Transport) {}

  get server(): string {
    return this.transport.server;
  }

  private async getJson(path: string, query?: Record<string, string | undefined>): Promise<unknown> {
    const res = await this.transport.request('GET', path, { idempotent: true, ...(query && { query }) });
    return Transport.check(res, `GET ${path}`);
  }

  /** The resources of a group/version, or undefined when the server does not serve it. */
  private resources(group: string, version: string): Promise<ApiResource[] | undefined> {
    const key = `${group}/${version}`;
    let p = this.resourceLists.get(key);
    if (!p) {
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      p = this.getJson(path).then(
        (body) => ((body as { resources?: ApiResource[] }).resources ?? []).filter((r) => !r.name.includes('/')),
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
  private preferredVersions(): Promise<Map<string, string>> {
    this.groups ??= this.getJson('/apis').then((body) => {
      const out = new Map<string, string>([['', 'v1']]);
      for (const g of (body as { groups?: { name: string; preferredVersion?: { version: string } }[] }).groups ?? []) {
        if (g.preferredVersion) out.set(g.name, g.preferredVersion.version);
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

  path(m: Mapping, namespace: string | undefined, name?: string): string {
    const gv = m.group ? `/apis/${m.group}/${m.version}` : `/api/${m.version}`;
    const ns = m.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${gv}${ns}/${m.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`;
  }

  /** The live object, or undefined when there is none. */
  async get(m: Mapping, namespace: string | undefined, name: string): Promise<Obj | undefined> {
    const path = this.path(m, namespace, name);
    const res = await this.transport.request('GET', path, { idempotent: true });
    if (res.status === 404) return undefined;
    return withKind(Transport.check(res, `GET ${path}`) as Obj, m);
  }

  /** Objects with a label selector, in one namespace or (namespace undefined) everywhere; kind and apiVersion filled in. */
  async list(m: Mapping, namespace: string | undefined, labelSelector: string): Promise<Obj[]> {
    const path = this.path(m, namespace);
    const body = (await this.getJson(path, { labelSelector })) as { items?: Obj[] };
    // built-in list items carry no kind/apiVersion (the list does)
    return (body.items ?? []).map((o) => withKind(o, m));
  }

  /** Server-side apply. */
  async apply(m: Mapping, obj: Obj, options: { dryRun?: boolean; force?: boolean }): Promise<{ created: boolean; object: Obj }> {
    const meta = obj['metadata'] as Obj;
    const path = this.path(m, meta['namespace'] as string | undefined, String(meta['name']));
    const res = await this.transport.request('PATCH', path, {
      query: { fieldManager: FIELD_MANAGER, fieldValidation: 'Strict', ...(options.force && { force: 'true' }), ...(options.dryRun && { dryRun: 'All' }) },
      body: JSON.stringify(obj),
      contentType: 'application/apply-patch+yaml',
      // server-side apply of one configuration converges whatever happened to an earlier attempt
      idempotent: true,
    });
    const body = Transport.check(res, `apply ${describe(obj)}`) as Obj;
    return { created: res.status === 201, object: withKind(body, m) };
  }

  /** DELETE with a UID precondition (never deletes a newer object of the same name); false when it was already gone. */
  async delete(m: Mapping, namespace: string | undefined, name: string, options: { uid?: string; dryRun?: boolean }): Promise<boolean> {
    const path = this.path(m, namespace, name);
    const body = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background', ...(options.uid && { preconditions: { uid: options.uid } }), ...(options.dryRun && { dryRun: ['All'] }) });
    const res = await this.transport.request('DELETE', path, { body, idempotent: true, ...(options.dryRun && { query: { dryRun: 'All' } }) });
    if (res.status === 404) return false;
    Transport.check(res, `DELETE ${path}`);
    return true;
  }

  /** A cheap authenticated call, to fail early with a clear message. */
  async version(): Promise<string> {
    const v = (await this.getJson('/version')) as { gitVersion?: string };
    return v.gitVersion ?? 'unknown';
  }
}

function withKind(o: Obj, m: Mapping): Obj {
  if (o['kind'] && o['apiVersion']) return o;
  return { apiVersion: apiVersionOf(m), kind: m.kind, ...o };
}

export function describe(obj: Obj): string {
  const meta = (obj['metadata'] ?? {}) as Obj;
  return `${String(obj['kind'])} ${meta['namespace'] ? `${String(meta['namespace'])}/` : ''}${String(meta['name'])}`;
}

