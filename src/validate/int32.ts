/**
 * ECS integers are 32-bit (the API model's `Integer`): a larger whole number passes the JSON
 * Schema, which has no width, but ECS rejects it, and the Kubernetes fields these numbers become
 * (replicas, ports, seconds, quantities) cannot hold it either. Reported as out-of-range here, so
 * that no such number reaches conversion.
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import type { DocumentSource } from '../load/source.js';
import { deref, type SchemaNode } from '../model/schemas.js';

export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

function isInteger(n: SchemaNode): boolean {
  return n.type === 'integer' || (Array.isArray(n.type) && n.type.includes('integer'));
}

/** Walks value along its schema (iteratively) and reports whole numbers outside int32 at integer members, and infinite numbers anywhere. */
export function checkInt32(root: SchemaNode, value: unknown, node: SchemaNode | undefined, pointer: string, source: DocumentSource, diagnostics: Diagnostics): void {
  const work: { value: unknown; node: SchemaNode | undefined; pointer: string; name: string }[] = [{ value, node, pointer, name: '' }];
  for (let item = work.pop(); item; item = work.pop()) {
    const n = deref(root, item.node);
    if (!n || n.readOnly) continue;
    const v = item.value;
    if (typeof v === 'number') {
      // 1e400 parses as Infinity, which the schema lets through; ECS (and JSON itself) has no such number.
      if (n.type === 'number' && !Number.isFinite(v)) {
        diagnostics.error(source, item.pointer, 'out-of-range', `"${item.name}" is ${show(v)}, which is beyond any number ECS takes: write a finite number`);
        continue;
      }
      // A fraction is the schema's to report.
      if (!isInteger(n) || (Number.isFinite(v) && !Number.isInteger(v))) continue;
      // A documented bound (a port's 65535) is already checked by the schema; only the width is left.
      const high = v > INT32_MAX && typeof n['maximum'] !== 'number';
      const low = v < INT32_MIN && typeof n['minimum'] !== 'number';
      if (high || low) {
        diagnostics.error(source, item.pointer, 'out-of-range', `"${item.name}" is ${show(v)}, but ECS takes a 32-bit integer here (${high ? `at most ${INT32_MAX}` : `at least ${INT32_MIN}`})`);
      }
      continue;
    }
    if (Array.isArray(v)) {
      if (n.items) v.forEach((el, i) => work.push({ value: el, node: n.items, pointer: pointerJoin(item!.pointer, i), name: `${item!.name}[${i}]` }));
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    for (const [key, member] of Object.entries(v as Record<string, unknown>)) {
      const prop = n.properties?.[key] ?? (typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined);
      if (prop) work.push({ value: member, node: prop, pointer: pointerJoin(item.pointer, key), name: key });
    }
  }
}
