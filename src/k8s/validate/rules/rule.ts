/** What every output validation rule is, and the helpers they share. */
import type { K8sIssueCode } from '../../../codes.js';
import { pointerJoin as ptr } from '../../../diagnostics.js';
import { arr, isObject, str, type Obj } from '../../../model/values.js';
import { ianaSvcNameError, portNumberError } from '../../syntax.js';

export { arr, ptr, str };

export interface RuleIssue {
  code: K8sIssueCode;
  pointer: string;
  message: string;
}

export type Report = (code: K8sIssueCode, pointer: string, message: string) => void;

/** A rule: the object, its "apiVersion/kind" (e.g. "apps/v1/Deployment") and a reporter. */
export type Rule = (o: Obj, gvk: string, report: Report) => void;

export function obj(v: unknown): Obj | undefined {
  return isObject(v) ? v : undefined;
}

/** Any number, NaN and the infinities included: output validation must see what was emitted. */
export function anyNum(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** A value for a message, cut at 80 characters. */
export function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 77) + '...' : s;
}

/** The pod specs of an object, with their pointers, for the kinds that carry a pod template. */
export function podSpecs(o: Obj, gvk: string): { spec: Obj; at: string; template: Obj; templateAt: string }[] {
  const out: { spec: Obj; at: string; template: Obj; templateAt: string }[] = [];
  const spec = obj(o.spec);
  if (!spec) return out;
  const push = (template: unknown, templateAt: string) => {
    const t = obj(template);
    const s = t && obj(t.spec);
    if (t && s) out.push({ spec: s, at: templateAt + '/spec', template: t, templateAt });
  };
  switch (gvk) {
    case 'apps/v1/Deployment':
    case 'apps/v1/DaemonSet':
    case 'argoproj.io/v1alpha1/Rollout':
    case 'batch/v1/Job':
      push(spec.template, '/spec/template');
      break;
    case 'batch/v1/CronJob': {
      const jt = obj(spec.jobTemplate);
      const js = jt && obj(jt.spec);
      if (js) push(js.template, '/spec/jobTemplate/spec/template');
      break;
    }
  }
  return out;
}

export function allContainers(pod: Obj, at: string): { c: Obj; at: string; init: boolean }[] {
  const out: { c: Obj; at: string; init: boolean }[] = [];
  arr(pod.initContainers).forEach((c, i) => {
    if (isObject(c)) out.push({ c, at: ptr(at, 'initContainers', i), init: true });
  });
  arr(pod.containers).forEach((c, i) => {
    if (isObject(c)) out.push({ c, at: ptr(at, 'containers', i), init: false });
  });
  return out;
}

/** A port given as a number (1–65535) or as a name (an IANA service name). */
export function checkNamedOrNumberPort(v: unknown, at: string, what: string, report: Report, code: K8sIssueCode): void {
  if (typeof v === 'number') {
    const err = portNumberError(v);
    if (err) report(code, at, `${what} ${v} ${err}`);
  } else if (typeof v === 'string') {
    const err = ianaSvcNameError(v);
    if (err) report(code, at, `${what} "${v}" is a port name that ${err}`);
  }
}
