// Rules across the objects of one bundle, which no single object's schema can check and an API
// server does not check either (it accepts each object on its own), but whose breach makes a
// controller fail at run time:
//   * k8s-scale-target: the workload a HorizontalPodAutoscaler or KEDA ScaledObject scales
//     exists in the same namespace, with that kind;
//   * k8s-reference: the Services a Rollout names (stable/canary, active/preview, the ALB
//     rootService), its ALB Ingress and its AnalysisTemplates exist in its namespace; a KEDA
//     trigger's TriggerAuthentication too;
//   * k8s-rollout-services: a canary's stable and canary Services differ, and so do a
//     blue/green's active and preview Services (Argo Rollouts rejects the Rollout otherwise).
import type { K8sIssueCode } from '../../codes.js';
import { str, type Obj } from '../../model/values.js';
import { obj } from './rules/rule.js';

export interface BundleIssue {
  /** Index of the object in the list given. */
  index: number;
  code: K8sIssueCode;
  pointer: string;
  message: string;
}

interface Ref {
  kind: string;
  name: string;
  pointer: string;
  what: string;
}

function rolloutRefs(spec: Obj): Ref[] {
  const refs: Ref[] = [];
  const strategy = obj(spec['strategy']) ?? {};
  const canary = obj(strategy['canary']);
  const bg = obj(strategy['blueGreen']);
  const svc = (o: Obj | undefined, key: string, at: string) => {
    const name = str(o?.[key]);
    if (name !== undefined) refs.push({ kind: 'Service', name, pointer: `${at}/${key}`, what: key });
  };
  if (canary) {
    svc(canary, 'stableService', '/spec/strategy/canary');
    svc(canary, 'canaryService', '/spec/strategy/canary');
    const alb = obj(obj(canary['trafficRouting'])?.['alb']);
    if (alb) {
      svc(alb, 'rootService', '/spec/strategy/canary/trafficRouting/alb');
      const ing = str(alb['ingress']);
      if (ing !== undefined) refs.push({ kind: 'Ingress', name: ing, pointer: '/spec/strategy/canary/trafficRouting/alb/ingress', what: 'trafficRouting.alb.ingress' });
    }
    (Array.isArray(canary['steps']) ? canary['steps'] : []).forEach((step, i) => {
      const templates = obj(obj(step)?.['analysis'])?.['templates'];
      (Array.isArray(templates) ? templates : []).forEach((t, j) => {
        const name = str(obj(t)?.['templateName']);
        if (name !== undefined && obj(t)?.['clusterScope'] !== true)
          refs.push({ kind: 'AnalysisTemplate', name, pointer: `/spec/strategy/canary/steps/${i}/analysis/templates/${j}/templateName`, what: 'an analysis step' });
      });
    });
  }
  if (bg) {
    svc(bg, 'activeService', '/spec/strategy/blueGreen');
    svc(bg, 'previewService', '/spec/strategy/blueGreen');
  }
  return refs;
}

export function validateK8sBundle(objects: readonly unknown[]): BundleIssue[] {
  const issues: BundleIssue[] = [];
  const have = new Set<string>();
  const key = (ns: string, kind: string, name: string) => `${ns}\u0000${kind}\u0000${name}`;
  const metaOf = (o: Obj) => obj(o['metadata']) ?? {};
  for (const raw of objects) {
    const o = obj(raw);
    if (!o) continue;
    const m = metaOf(o);
    have.add(key(str(m['namespace']) ?? '', String(o['kind']), String(m['name'])));
  }
  objects.forEach((raw, index) => {
    const o = obj(raw);
    const spec = obj(o?.['spec']);
    if (!o || !spec) return;
    const ns = str(metaOf(o)['namespace']) ?? '';
    const kind = String(o['kind']);
    const missing = (ref: Ref, code: K8sIssueCode) => {
      if (!have.has(key(ns, ref.kind, ref.name)))
        issues.push({ index, code, pointer: ref.pointer, message: `${ref.what} names the ${ref.kind} "${ref.name}", which is not in the bundle's namespace "${ns}"` });
    };
    if (kind === 'HorizontalPodAutoscaler' || kind === 'ScaledObject') {
      const ref = obj(spec['scaleTargetRef']);
      const name = str(ref?.['name']);
      if (name !== undefined) missing({ kind: str(ref?.['kind']) ?? 'Deployment', name, pointer: '/spec/scaleTargetRef', what: 'spec.scaleTargetRef' }, 'k8s-scale-target');
      (Array.isArray(spec['triggers']) ? spec['triggers'] : []).forEach((t, i) => {
        const auth = obj(obj(t)?.['authenticationRef']);
        const an = str(auth?.['name']);
        if (an !== undefined && auth?.['kind'] !== 'ClusterTriggerAuthentication')
          missing({ kind: 'TriggerAuthentication', name: an, pointer: `/spec/triggers/${i}/authenticationRef/name`, what: `trigger ${i}` }, 'k8s-reference');
      });
    }
    if (kind === 'Rollout') {
      for (const ref of rolloutRefs(spec)) missing(ref, 'k8s-reference');
      const strategy = obj(spec['strategy']) ?? {};
      const c = obj(strategy['canary']);
      if (c && str(c['stableService']) !== undefined && c['stableService'] === c['canaryService']) {
        issues.push({
          index,
          code: 'k8s-rollout-services',
          pointer: '/spec/strategy/canary/canaryService',
          message: `the canary's stableService and canaryService are both "${String(c['stableService'])}"; they must differ`,
        });
      }
      const bg = obj(strategy['blueGreen']);
      if (bg && str(bg['activeService']) !== undefined && bg['activeService'] === bg['previewService']) {
        issues.push({
          index,
          code: 'k8s-rollout-services',
          pointer: '/spec/strategy/blueGreen/previewService',
          message: `the blue/green activeService and previewService are both "${String(bg['activeService'])}"; they must differ`,
        });
      }
    }
  });
  return issues;
}
