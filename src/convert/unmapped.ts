/**
 * The generic pass over the conversion registry: every member present in a document whose
 * status is `none` raises a warning naming it; `cluster` and `ignored` raise a note. So no
 * field is ever dropped silently, and the table in docs/conversion.md is what the code does.
 */
import { pointerJoin, show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { deref, schemas, type SchemaNode } from '../model/schemas.js';
import type { Diagnostics } from '../diagnostics.js';
import { REGISTRY } from './registry.js';

const ROOT_TYPE: Record<EcsDocument['kind'], string> = {
  taskDefinition: 'RegisterTaskDefinitionRequest',
  service: 'CreateServiceRequest',
  scalableTarget: 'RegisterScalableTargetRequest',
  scalingPolicy: 'PutScalingPolicyRequest',
  scheduledAction: 'PutScheduledActionRequest',
  deploymentGroup: 'DeploymentGroupInfo',
  metricAlarm: 'PutMetricAlarmInput',
};

/** True for values that set nothing: false, empty lists and objects. */
function isUnset(v: unknown): boolean {
  if (v === false || v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

function refName(node: SchemaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.$ref) return decodeURIComponent(node.$ref.replace(/^#\/definitions\//, ''));
  if (node.items) return refName(node.items);
  return undefined;
}

export function reportUnmapped(doc: EcsDocument, d: Diagnostics): void {
  const root = schemas[doc.kind];
  const walk = (type: string, value: unknown, pointer: string): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(type, v, pointerJoin(pointer, i)));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const def = deref(root, root.definitions?.[type]);
    if (!def?.properties) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const prop = def.properties[key];
      if (!prop || prop.readOnly) continue;
      const entry = REGISTRY.get(`${type}.${key}`);
      const ptr = pointerJoin(pointer, key);
      if (!entry) continue;
      if (entry.status === 'none') {
        if (!isUnset(v)) d.warn(doc.source, ptr, 'no-equivalent', `${show(key)} has no Kubernetes equivalent and is not converted${entry.note ? `: ${entry.note}` : ''}`, 'key');
      } else if (entry.status === 'cluster') {
        if (!isUnset(v)) d.info(doc.source, ptr, 'cluster-level', `${show(key)} is the cluster's job in Kubernetes, not the workload's${entry.note ? `: ${entry.note}` : ''}`, 'key');
      } else if (entry.status === 'ignored') {
        if (!isUnset(v)) d.info(doc.source, ptr, 'ignored', `${show(key)} means nothing to the bundle and is ignored${entry.note ? `: ${entry.note}` : ''}`, 'key');
      } else {
        const child = refName(prop);
        if (child) walk(child, v, ptr);
      }
    }
  };
  walk(ROOT_TYPE[doc.kind], doc.value, doc.pointer);
}
