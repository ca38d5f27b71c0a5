/**
 * Just enough OpenAPI v3 for kubectl 1.32: the root index (`/openapi/v3`) and one document per
 * group/version whose PATCH operations carry `x-kubernetes-group-version-kind` and list the
 * `fieldValidation` query parameter. kubectl's QueryParamVerifierV3 looks for exactly that, and
 * then leaves validation to the server (`fieldValidation=Strict`) instead of asking for the
 * protobuf OpenAPI v2 document. No schemas are published (components.schemas is empty).
 */
import { createHash } from 'node:crypto';
import { RESOURCES, groupVersions, type ResourceType } from './catalog.js';

const QUERY = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map((name) => ({
  name,
  in: 'query',
  description: name,
  schema: name === 'force' ? { type: 'boolean', uniqueItems: true } : { type: 'string', uniqueItems: true },
}));

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

function operation(r: ResourceType, verb: string) {
  return {
    operationId: `${verb}${r.kind}`,
    parameters: verb === 'patch' ? QUERY : [],
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': verb,
    'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
  };
}

export function openApiDocument(group: string, version: string): object | undefined {
  const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (rs.length === 0) return undefined;
  const paths: Record<string, object> = {};
  for (const r of rs) {
    const base = `/${gvPath(group, version)}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}`;
    paths[base] = { get: operation(r, 'list'), post: operation(r, 'post') };
    paths[`${base}/{name}`] = { get: operation(r, 'get'), patch: operation(r, 'patch'), delete: operation(r, 'delete') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes (ecs2k8s test server)', version: 'v1.32.0' }, paths, components: { schemas: {} } };
}

export function openApiRoot(): object {
  const paths: Record<string, object> = {};
  for (const { group, version } of groupVersions()) {
    const p = gvPath(group, version);
    const hash = createHash('sha512')
      .update(JSON.stringify(openApiDocument(group, version)))
      .digest('hex')
      .toUpperCase();
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${hash}` };
  }
  return { paths };
}
