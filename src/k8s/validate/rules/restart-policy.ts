import { ptr, arr, obj, podSpecs, type Rule } from './rule.js';

/** k8s-restart-policy: per controller kind, and init-container sidecars. */
export const restartPolicy: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const rp = p.spec.restartPolicy;
    const at = p.at + '/restartPolicy';
    if (gvk === 'batch/v1/Job' || gvk === 'batch/v1/CronJob') {
      if (rp !== 'Never' && rp !== 'OnFailure') {
        const got = rp === undefined ? 'is not set (the pod default is Always)' : `is "${String(rp)}"`;
        report('k8s-restart-policy', at, `restartPolicy of a ${gvk.split('/').pop()} pod template ${got}; it must be "Never" or "OnFailure"`);
      }
    } else if (rp !== undefined && rp !== 'Always') {
      report('k8s-restart-policy', at, `restartPolicy "${String(rp)}" is not allowed in a ${gvk.split('/').pop()} pod template; only "Always" (or omit it)`);
    }
    arr(p.spec.initContainers).forEach((c, i) => {
      const crp = obj(c)?.restartPolicy;
      if (crp !== undefined && crp !== 'Always') {
        report('k8s-restart-policy', ptr(p.at, 'initContainers', i, 'restartPolicy'), `init container restartPolicy "${String(crp)}" is not allowed; only "Always" (a sidecar) or omit it`);
      }
    });
  }
};
