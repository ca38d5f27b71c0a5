import { obj, anyNum, type Rule } from './rule.js';

/** k8s-hpa: minReplicas ≥ 1 and ≤ maxReplicas. */
export const horizontalPodAutoscaler: Rule = (o, gvk, report) => {
  if (gvk !== 'autoscaling/v2/HorizontalPodAutoscaler') return;
  const spec = obj(o.spec);
  const min = anyNum(spec?.minReplicas);
  const max = anyNum(spec?.maxReplicas);
  if (min !== undefined && min < 1) report('k8s-hpa', '/spec/minReplicas', `spec.minReplicas is ${min}; it must be at least 1`);
  if (max !== undefined && max < 1) report('k8s-hpa', '/spec/maxReplicas', `spec.maxReplicas is ${max}; it must be at least 1`);
  if (min !== undefined && max !== undefined && min > max) {
    report('k8s-hpa', '/spec/minReplicas', `spec.minReplicas ${min} is greater than spec.maxReplicas ${max}`);
  }
};
