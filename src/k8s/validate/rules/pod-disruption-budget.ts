import { obj, type Rule } from './rule.js';

/** k8s-pdb: minAvailable and maxUnavailable are mutually exclusive. */
export const podDisruptionBudget: Rule = (o, gvk, report) => {
  if (gvk !== 'policy/v1/PodDisruptionBudget') return;
  const spec = obj(o.spec);
  if (spec && spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    report('k8s-pdb', '/spec/maxUnavailable', 'spec.minAvailable and spec.maxUnavailable cannot both be set');
  }
};
