/**
 * tags and dockerLabels → labels where key and value are valid label syntax, annotations where
 * only the key is, and the annotation `ecs2k8s.io/tags` (JSON) for the rest. `ecs2k8s.io/*` keys
 * steer instead (steering.ts) and are never copied. Also the labels and annotations that every
 * object carries: managed-by, the project's labels, and where it came from (relative to the
 * project root: src/load/root.ts).
 */
import { show } from '../diagnostics.js';
import type { SourceNamer } from '../load/root.js';
import type { EcsDocument } from '../load/shapes.js';
import { isLabelValue, isQualifiedName } from '../k8s/names.js';
import { objs, str } from '../model/values.js';
import type { ConvertContext } from './context.js';
import { STEERING_PREFIX } from './steering.js';

/** Label keys that ecs2k8s sets itself; user tags may not override them. */
const OWN_KEYS = new Set(['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/managed-by']);

interface Sorted {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  rest: Record<string, string>;
}

function sortInto(ctx: ConvertContext, doc: EcsDocument, pairs: [string, unknown, string][], into: Sorted): void {
  for (const [key, value, ptr] of pairs) {
    if (key.startsWith(STEERING_PREFIX)) continue;
    if (typeof value !== 'string') continue;
    if (OWN_KEYS.has(key)) {
      ctx.warn(doc, ptr, 'reserved-label', `the key ${show(key)} is set by ecs2k8s itself (selector and management labels): the tag is skipped`);
      continue;
    }
    if (isQualifiedName(key) && !/(^|\.)(kubernetes\.io|k8s\.io)\//.test(key)) {
      if (isLabelValue(value)) into.labels[key] = value;
      else into.annotations[key] = value;
    } else into.rest[key] = value;
  }
}

function tagPairs(tags: unknown, base: string): [string, unknown, string][] {
  return objs(tags).flatMap(([t, i]) => {
    const k = str(t['key']);
    return k === undefined ? [] : [[k, t['value'], `${base}/${i}/key`] as [string, unknown, string]];
  });
}

/** `source` names an input file in the `ecs2k8s.io/source` annotation (src/load/root.ts). */
export function convertMetadata(ctx: ConvertContext, source: SourceNamer): void {
  const common: Sorted = { labels: {}, annotations: {}, rest: {} };
  const tdTags: Sorted = { labels: {}, annotations: {}, rest: {} };
  sortInto(ctx, ctx.td, tagPairs(ctx.taskDefinition.tags, ctx.tdPtr('tags')), tdTags);
  if (ctx.td.outerTags !== undefined) sortInto(ctx, ctx.td, tagPairs(ctx.td.outerTags, '/tags'), tdTags);
  const svcTags: Sorted = { labels: {}, annotations: {}, rest: {} };
  if (ctx.svc) sortInto(ctx, ctx.svc, tagPairs(ctx.serviceDefinition?.tags, ctx.svcPtr('tags')), svcTags);
  for (const part of ['labels', 'annotations', 'rest'] as const) Object.assign(common[part], tdTags[part], svcTags[part]);
  Object.assign(ctx.commonLabels, ctx.options.labels, common.labels, { 'app.kubernetes.io/managed-by': 'ecs2k8s' });
  Object.assign(ctx.podBaseLabels, ctx.options.labels, { 'app.kubernetes.io/managed-by': 'ecs2k8s' });
  Object.assign(ctx.commonAnnotations, common.annotations);
  if (Object.keys(common.rest).length > 0) {
    ctx.commonAnnotations['ecs2k8s.io/tags'] = JSON.stringify(sortObj(common.rest));
    const fromSvc = ctx.svc !== undefined && Object.keys(svcTags.rest).length > 0;
    ctx.note(
      fromSvc ? ctx.svc! : ctx.td,
      fromSvc ? ctx.svcPtr('tags') : ctx.td.outerTags !== undefined && ctx.taskDefinition.tags === undefined ? '/tags' : ctx.tdPtr('tags'),
      'tags-annotation',
      `tags whose keys are not valid label keys (${Object.keys(common.rest)
        .sort()
        .map((k) => show(k))
        .join(', ')}) are kept as JSON in the annotation ecs2k8s.io/tags`,
    );
  }
  // Where each object came from.
  const family = ctx.taskDefinition.family;
  const ref = /:(\d+)$/.exec(ctx.serviceDefinition?.taskDefinition ?? '');
  const revision = ctx.taskDefinition.revision ?? (ref ? Number(ref[1]) : undefined);
  // A reader's task definition and service may come from one file (a template, a Copilot manifest): named once.
  ctx.commonAnnotations['ecs2k8s.io/source'] = source(ctx.td.source.file) + (ctx.svc && ctx.svc.source.file !== ctx.td.source.file ? `, ${source(ctx.svc.source.file)}` : '');
  ctx.commonAnnotations['ecs2k8s.io/task-definition'] = typeof revision === 'number' ? `${family}:${revision}` : family;
  const serviceName = ctx.serviceDefinition?.serviceName;
  if (ctx.svc) ctx.commonAnnotations['ecs2k8s.io/service'] = serviceName ?? ctx.id.instance;

  // Pod labels: dockerLabels of every container, and the propagated tags.
  const pod: Sorted = { labels: {}, annotations: {}, rest: {} };
  const propagate = ctx.serviceDefinition?.propagateTags;
  if (propagate === 'SERVICE') Object.assign(pod.labels, svcTags.labels);
  if (propagate === 'TASK_DEFINITION') Object.assign(pod.labels, tdTags.labels);
  for (const c of ctx.pod.containers) {
    const labels = c.def.dockerLabels;
    if (!labels) continue;
    const mine: Sorted = { labels: {}, annotations: {}, rest: {} };
    const pairs = Object.entries(labels).map(([k, v]) => [k, v, ctx.containerPtr(c, 'dockerLabels', k)] as [string, unknown, string]);
    sortInto(ctx, ctx.td, pairs, mine);
    for (const part of ['labels', 'annotations', 'rest'] as const) {
      for (const [k, v] of Object.entries(mine[part])) {
        const prev = pod[part][k];
        if (prev !== undefined && prev !== v) {
          ctx.warn(
            ctx.td,
            ctx.containerPtr(c, 'dockerLabels', k),
            'label-conflict',
            `docker label ${show(k)} is ${show(prev)} in another container and ${show(v)} in ${show(c.ecsName)}; labels belong to the pod: the first value is kept`,
          );
          continue;
        }
        pod[part][k] = v;
      }
    }
  }
  Object.assign(ctx.pod.labels, pod.labels);
  Object.assign(ctx.pod.annotations, pod.annotations);
  if (Object.keys(pod.rest).length > 0) ctx.pod.annotations['ecs2k8s.io/docker-labels'] = JSON.stringify(sortObj(pod.rest));
}

function sortObj(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
