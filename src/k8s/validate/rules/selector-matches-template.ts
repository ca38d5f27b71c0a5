import { ptr, arr, str, obj, type Rule } from './rule.js';

/** k8s-selector: Deployment/DaemonSet/Rollout selector non-empty and matching the template labels. */
export const selectorMatchesTemplate: Rule = (o, gvk, report) => {
  if (gvk !== 'apps/v1/Deployment' && gvk !== 'apps/v1/DaemonSet' && gvk !== 'argoproj.io/v1alpha1/Rollout') return;
  const spec = obj(o.spec);
  const sel = obj(spec?.selector);
  if (!spec || !sel) return; // schema reports a missing selector
  const matchLabels = obj(sel.matchLabels) ?? {};
  const exprs = arr(sel.matchExpressions);
  if (Object.keys(matchLabels).length === 0 && exprs.length === 0) {
    report('k8s-selector', '/spec/selector', `spec.selector of ${gvk} is empty; it must select the pod template's labels`);
    return;
  }
  const labels = obj(obj(obj(spec.template)?.metadata)?.labels) ?? {};
  for (const [k, v] of Object.entries(matchLabels)) {
    if (labels[k] !== v) {
      const got = labels[k] === undefined ? 'has no such label' : `has "${String(labels[k])}"`;
      report('k8s-selector', ptr('/spec/selector/matchLabels', k), `spec.selector.matchLabels "${k}: ${String(v)}" does not match spec.template.metadata.labels, which ${got}`);
    }
  }
  exprs.forEach((e, i) => {
    const ex = obj(e);
    const key = str(ex?.key);
    if (!ex || key === undefined) return;
    const have = labels[key];
    const values = arr(ex.values);
    const ok =
      ex.operator === 'In'
        ? values.includes(have)
        : ex.operator === 'NotIn'
          ? !values.includes(have)
          : ex.operator === 'Exists'
            ? have !== undefined
            : ex.operator === 'DoesNotExist'
              ? have === undefined
              : true;
    if (!ok) {
      report('k8s-selector', ptr('/spec/selector/matchExpressions', i), `spec.selector.matchExpressions[${i}] (${key} ${String(ex.operator)}) does not select spec.template.metadata.labels`);
    }
  });
};
