import { ptr, arr, obj, podSpecs, type Rule } from './rule.js';

/** k8s-init-container: probes and lifecycle hooks are only for sidecar (restartPolicy Always) init containers. */
export const initContainerFields: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    arr(p.spec.initContainers).forEach((c, i) => {
      const ic = obj(c);
      if (!ic || ic.restartPolicy === 'Always') return;
      for (const f of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
        if (ic[f] !== undefined) {
          report('k8s-init-container', ptr(p.at, 'initContainers', i, f), `init container "${String(ic.name)}" may not set ${f} unless restartPolicy is "Always" (a sidecar)`);
        }
      }
    });
  }
};
