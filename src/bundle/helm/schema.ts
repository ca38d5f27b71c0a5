/**
 * values.schema.json: the shape of the chart's values, derived from the defaults, closed
 * (additionalProperties: false) so that a misspelt `--set` key fails `helm template`/`install`
 * instead of being ignored. Numbers of replicas are whole and not negative; env values are
 * strings (use `--set-string`); resources take Kubernetes quantities as strings or numbers.
 */
import { isMap, type Json, type JsonMap } from '../overlay/json.js';

type Schema = Record<string, unknown>;

function closed(properties: Record<string, Schema>, required = true): Schema {
  return { type: 'object', additionalProperties: false, ...(required && { required: Object.keys(properties) }), properties };
}

const QUANTITY: Schema = { type: ['string', 'number'] };
const STRING_MAP: Schema = { type: 'object', additionalProperties: { type: 'string' } };

function resources(): Schema {
  const list = { type: 'object', additionalProperties: QUANTITY };
  return { type: 'object', additionalProperties: false, properties: { limits: list, requests: list, claims: { type: 'array' } } };
}

function container(c: JsonMap): Schema {
  const props: Record<string, Schema> = {};
  if (isMap(c['image'])) {
    props['image'] = closed({ repository: { type: 'string', minLength: 1 }, tag: { type: 'string' }, ...(c['image']['digest'] !== undefined && { digest: { type: 'string' } }) }, false);
  }
  if (isMap(c['resources'])) props['resources'] = resources();
  if (isMap(c['env'])) props['env'] = closed(Object.fromEntries(Object.keys(c['env']).map((k) => [k, { type: 'string' }])));
  return closed(props);
}

function workload(w: JsonMap): Schema {
  const props: Record<string, Schema> = {};
  if (w['replicas'] !== undefined) props['replicas'] = { type: 'integer', minimum: 0, maximum: 2147483647 };
  if (isMap(w['containers'])) props['containers'] = closed(Object.fromEntries(Object.entries(w['containers']).map(([k, c]) => [k, container(c as JsonMap)])));
  if (isMap(w['autoscaling'])) {
    // A KEDA ScaledObject may scale to zero (minReplicaCount 0); an HPA's bounds are at least 1.
    props['autoscaling'] = closed(Object.fromEntries(Object.keys(w['autoscaling']).map((k) => [k, { type: 'integer', minimum: k === 'minReplicaCount' ? 0 : 1, maximum: 2147483647 }])));
  }
  return closed(props);
}

function ingress(i: JsonMap): Schema {
  const props: Record<string, Schema> = {};
  if (isMap(i['annotations'])) props['annotations'] = STRING_MAP;
  if (typeof i['host'] === 'string') props['host'] = { type: 'string' };
  if (Array.isArray(i['hosts'])) props['hosts'] = { type: 'array', minItems: i['hosts'].length, maxItems: i['hosts'].length, items: { type: 'string' } };
  return closed(props);
}

function section(v: Json | undefined, each: (x: JsonMap) => Schema): Schema | undefined {
  if (!isMap(v)) return undefined;
  return closed(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, each(x as JsonMap)])));
}

export function valuesSchema(values: JsonMap): Schema {
  const properties: Record<string, Schema> = {};
  const w = section(values['workloads'], workload);
  if (w) properties['workloads'] = w;
  const i = section(values['ingresses'], ingress);
  if (i) properties['ingresses'] = i;
  // Helm passes `global` to every chart (as a subchart too): allow it.
  properties['global'] = { type: 'object' };
  return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: false, properties };
}
