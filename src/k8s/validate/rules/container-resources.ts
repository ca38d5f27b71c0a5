import { parseQuantity } from '../../quantity.js';
import { qualifiedNameError } from '../../syntax.js';
import { ptr, obj, show, podSpecs, allContainers, type Rule } from './rule.js';

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** k8s-resources, k8s-quantity: resource names, non-negative quantities, requests ≤ limits. */
export const containerResources: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const res = obj(c.resources);
      if (!res) continue;
      const limits = obj(res.limits) ?? {};
      const requests = obj(res.requests) ?? {};
      for (const [section, m] of [
        ['limits', limits],
        ['requests', requests],
      ] as const) {
        for (const [name, q] of Object.entries(m)) {
          const qat = ptr(at, 'resources', section, name);
          const standard = STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-');
          if (!standard && !name.includes('/')) {
            report(
              'k8s-resources',
              qat,
              `resource name "${name}" in ${section} of container "${String(c.name)}" is not a standard resource (cpu, memory, ephemeral-storage, hugepages-*) nor a domain-prefixed extended resource`,
            );
          } else if (!standard && qualifiedNameError(name)) {
            report('k8s-resources', qat, `resource name "${name}" ${qualifiedNameError(name)}`);
          }
          const v = parseQuantity(q);
          if (v !== null && v < 0) report('k8s-quantity', qat, `${section}.${name} of container "${String(c.name)}" is ${show(q)}; it must not be negative`);
        }
      }
      for (const [name, rq] of Object.entries(requests)) {
        if (!(name in limits)) continue;
        const r = parseQuantity(rq);
        const l = parseQuantity(limits[name]);
        if (r !== null && l !== null && r > l) {
          report('k8s-resources', ptr(at, 'resources', 'requests', name), `requests.${name} ${show(rq)} of container "${String(c.name)}" is greater than limits.${name} ${show(limits[name])}`);
        }
      }
    }
  }
};
