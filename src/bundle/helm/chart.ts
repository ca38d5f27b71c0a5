/**
 * The chart's own files: Chart.yaml, templates/_helpers.tpl (the image helper) and
 * templates/NOTES.txt (what to run after an install).
 */
import { splitImage } from '../overlay/images.js';
import { toYaml } from '../serialize.js';
import type { K8sObject } from '../types.js';
import { escapeTemplateText } from './template.js';
import { WORKLOAD_POD_SPEC } from './values.js';

/** Chart version of every generated chart; `helm package --version` sets the release's own. */
export const CHART_VERSION = '0.1.0';

function regularImages(objects: readonly K8sObject[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const pod = WORKLOAD_POD_SPEC[o.kind];
    if (!pod) continue;
    let v: unknown = o;
    for (const k of pod) v = (v as Record<string, unknown> | undefined)?.[k];
    const cs = (v as Record<string, unknown> | undefined)?.['containers'];
    if (Array.isArray(cs)) for (const c of cs) if (typeof c?.image === 'string') out.push(c.image as string);
  }
  return out;
}

/** Chart.yaml: apiVersion v2, the namespace's name; appVersion when every regular container's image has one same tag. */
export function chartYaml(name: string, objects: readonly K8sObject[]): string {
  const tags = new Set(regularImages(objects).map((i) => splitImage(i).tag));
  const appVersion = tags.size === 1 ? [...tags][0] : undefined;
  return toYaml({
    apiVersion: 'v2',
    name,
    description: `The ${name} namespace's services, converted from Amazon ECS by ecs2k8s`,
    type: 'application',
    version: CHART_VERSION,
    ...(appVersion && { appVersion }),
  });
}

export function helpersTpl(name: string): string {
  return [
    `{{/* ${escapeTemplateText(name)}.image: repository[:tag][@digest] from a container's image values. */}}`,
    `{{- define ${JSON.stringify(`${name}.image`)} -}}`,
    '{{- .repository -}}',
    '{{- with .tag }}:{{ . }}{{ end -}}',
    '{{- with .digest }}@{{ . }}{{ end -}}',
    '{{- end -}}',
    '',
  ].join('\n');
}

const ROLLOUT_KINDS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);

export function notesTxt(name: string, objects: readonly K8sObject[]): string {
  const lines = [`${name} is installed in the namespace {{ .Release.Namespace }}.`, ''];
  const rollouts = objects.filter((o) => ROLLOUT_KINDS.has(o.kind));
  if (rollouts.length > 0) {
    lines.push('Follow the rollouts:');
    for (const o of rollouts) lines.push(`  kubectl -n {{ .Release.Namespace }} rollout status ${o.kind.toLowerCase()}/${escapeTemplateText(o.metadata.name)}`);
    lines.push('');
  }
  const argo = objects.filter((o) => o.kind === 'Rollout');
  if (argo.length > 0) {
    lines.push('Follow the Argo Rollouts (with the kubectl argo rollouts plugin):');
    for (const o of argo) lines.push(`  kubectl argo rollouts -n {{ .Release.Namespace }} status ${escapeTemplateText(o.metadata.name)}`);
    lines.push('');
  }
  lines.push('The values (image, replicas, resources, environment, ingress) are in values.yaml; see values.schema.json.', '');
  return lines.join('\n');
}
