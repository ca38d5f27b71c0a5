import { qualifiedNameError, labelValueError } from '../../syntax.js';
import { ptr, arr, str, obj, podSpecs, type Report, type Rule } from './rule.js';

function checkLabels(labels: unknown, at: string, what: string, report: Report): void {
  const m = obj(labels);
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    const kerr = qualifiedNameError(k);
    if (kerr) report('k8s-label-key', ptr(at, k), `${what} key "${k}" ${kerr}`);
    if (typeof v === 'string') {
      const verr = labelValueError(v);
      if (verr) report('k8s-label-value', ptr(at, k), `${what} "${k}" has value "${v}" that ${verr}`);
    }
  }
}

function checkAnnotations(annotations: unknown, at: string, report: Report): void {
  const m = obj(annotations);
  if (!m) return;
  let size = 0;
  for (const [k, v] of Object.entries(m)) {
    const kerr = qualifiedNameError(k);
    if (kerr) report('k8s-annotation-key', ptr(at, k), `annotation key "${k}" ${kerr}`);
    size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (size > 256 * 1024) {
    report('k8s-annotation-size', at, `annotations total ${size} bytes; the limit is 262144 bytes (256 KiB)`);
  }
}

/** k8s-label-key, k8s-label-value, k8s-annotation-key, k8s-annotation-size on every ObjectMeta. */
export const metadataLabels: Rule = (o, gvk, report) => {
  const metas: [unknown, string][] = [[o.metadata, '/metadata']];
  for (const p of podSpecs(o, gvk)) metas.push([p.template.metadata, p.templateAt + '/metadata']);
  if (gvk === 'batch/v1/CronJob') metas.push([obj(obj(o.spec)?.jobTemplate)?.metadata, '/spec/jobTemplate/metadata']);
  for (const [meta, at] of metas) {
    const m = obj(meta);
    if (!m) continue;
    checkLabels(m.labels, at + '/labels', 'label', report);
    checkAnnotations(m.annotations, at + '/annotations', report);
  }
  const spec = obj(o.spec);
  const sel = obj(spec?.selector);
  if (gvk === 'v1/Service') checkLabels(spec?.selector, '/spec/selector', 'selector label', report);
  else if (sel) {
    checkLabels(sel.matchLabels, '/spec/selector/matchLabels', 'selector label', report);
    arr(sel.matchExpressions).forEach((e, i) => {
      const key = str(obj(e)?.key);
      if (key === undefined) return;
      const err = qualifiedNameError(key);
      if (err) report('k8s-label-key', ptr('/spec/selector/matchExpressions', i, 'key'), `selector key "${key}" ${err}`);
    });
  }
};
