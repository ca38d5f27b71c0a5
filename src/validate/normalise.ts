/**
 * People's ECS JSON writes `null` and `""` for members they leave unset (the AWS deploy action
 * strips them before registering). Both mean "absent": the member is removed, with an
 * informational note, before schema validation. A null or empty *required* member stays, so
 * that validation reports it.
 */
import { Diagnostics, pointerJoin } from '../diagnostics.js';
import type { DocumentSource } from '../load/source.js';
import { deref, isStringSchema, type SchemaNode } from '../model/schemas.js';

export function normalise(root: SchemaNode, value: unknown, node: SchemaNode | undefined, pointer: string, source: DocumentSource, diagnostics: Diagnostics): void {
  // Iterative walk: inputs are depth-limited by the parser, but a stack keeps this cheap anyway.
  const work: { value: unknown; node: SchemaNode | undefined; pointer: string }[] = [{ value, node, pointer }];
  for (let item = work.pop(); item; item = work.pop()) {
    const n = deref(root, item.node);
    if (!n || n.readOnly) continue;
    const v = item.value;
    if (Array.isArray(v)) {
      if (n.items) v.forEach((el, i) => work.push({ value: el, node: n.items, pointer: pointerJoin(item.pointer, i) }));
      continue;
    }
    if (typeof v !== 'object' || v === null || !n.properties) continue;
    const obj = v as Record<string, unknown>;
    const required = new Set(n.required ?? []);
    for (const key of Object.keys(obj)) {
      const prop = n.properties[key];
      if (!prop) continue; // unknown members are reported by validation
      const ptr = pointerJoin(item.pointer, key);
      const member = obj[key];
      if (member === null && !required.has(key)) {
        diagnostics.info(source, ptr, 'null-as-absent', `"${key}" is null: treated as absent`, 'key');
        delete obj[key];
      } else if (member === '' && !required.has(key) && isStringSchema(root, prop)) {
        diagnostics.info(source, ptr, 'empty-as-absent', `"${key}" is an empty string: treated as absent`, 'key');
        delete obj[key];
      } else {
        work.push({ value: member, node: prop, pointer: ptr });
      }
    }
  }
}
