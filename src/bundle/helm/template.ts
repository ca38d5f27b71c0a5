/**
 * One object as a Helm template: its YAML with every literal `{{` escaped (so that nothing from
 * the input is ever evaluated by Helm: `{{` becomes `{{ "{{" }}`), and each templated field
 * replaced by an action that reads the values (`toJson`, so that any value stays one YAML
 * scalar or flow collection, whatever it holds).
 */
import { toYaml } from '../serialize.js';
import type { K8sObject } from '../types.js';
import { clone, type Json } from '../overlay/json.js';
import type { ValueRef } from './values.js';

/** A Go string literal for a key (keys are printable ASCII: see values.ts). */
function goString(s: string): string {
  return JSON.stringify(s);
}

export function escapeTemplateText(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

function set(o: Json, path: readonly (string | number)[], v: string): void {
  let m = o;
  for (const k of path.slice(0, -1)) m = (m as Record<string, Json>)[k as string]!;
  (m as Record<string, Json>)[path[path.length - 1] as string] = v;
}

function valueOf(ref: ValueRef, root: string[] | undefined): string {
  const rest = root ? ref.values.slice(root.length) : ref.values;
  const from = root ? '$values' : '.Values';
  return rest.length === 0 ? from : `(index ${from} ${rest.map(goString).join(' ')})`;
}

function action(ref: ValueRef, chart: string, root: string[] | undefined): string {
  if (ref.kind === 'namespace') return '{{ .Release.Namespace | toJson }}';
  const value = valueOf(ref, root);
  if (ref.kind === 'image') return `{{ include ${goString(`${chart}.image`)} ${value} | toJson }}`;
  return `{{ ${value} | toJson }}`;
}

/** The values path all of an object's references share (its workload or Ingress), if any. */
function commonRoot(refs: readonly ValueRef[]): string[] | undefined {
  const paths = refs.filter((r) => r.kind !== 'namespace').map((r) => r.values);
  if (paths.length === 0) return undefined;
  const root = paths[0]!.slice(0, 2);
  return root.length === 2 && paths.every((p) => p.length > 2 && p[0] === root[0] && p[1] === root[1]) ? root : undefined;
}

/** The template text of `object` with `refs` read from the values. */
export function objectTemplate(object: K8sObject, refs: readonly ValueRef[], chart: string): string {
  const copy = clone(object) as unknown as Json;
  let text = toYaml(copy as object);
  // A marker that the object's own text does not contain.
  let marker = 'ECS2K8SVALUE';
  while (text.includes(marker)) marker += 'X';
  // An optional member is added last in its map (so never first in a list item), as `<marker>: x`.
  refs.forEach((r, i) => set(copy, r.kind === 'optional' ? [...r.field.slice(0, -1), `${marker}${i}Z`] : r.field, r.kind === 'optional' ? 'x' : `${marker}${i}Z`));
  text = escapeTemplateText(toYaml(copy as object));
  const root = commonRoot(refs);
  text = text.replace(new RegExp(`^( *)${marker}(\\d+)Z: x$`, 'gm'), (_, indent: string, i: string) => {
    const ref = refs[Number(i)]!;
    const key = String(ref.field[ref.field.length - 1]);
    return `${indent}{{- with ${valueOf(ref, root)} }}\n${indent}${key}: {{ toJson . }}\n${indent}{{- end }}`;
  });
  text = text.replace(new RegExp(`${marker}(\\d+)Z`, 'g'), (_, i: string) => action(refs[Number(i)]!, chart, root));
  const header = root ? `{{- $values := index .Values ${root.map(goString).join(' ')} }}\n` : '';
  return header + text;
}
