import { dns1123LabelError } from '../../syntax.js';
import { str, podSpecs, allContainers, type Rule } from './rule.js';

/** k8s-container-name: DNS-1123 labels, unique across containers and initContainers. */
export const containerNames: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const seen = new Map<string, string>();
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const name = str(c.name);
      if (name === undefined) continue;
      const err = dns1123LabelError(name);
      if (err) report('k8s-container-name', at + '/name', `container name "${name}" ${err}`);
      const prev = seen.get(name);
      if (prev) report('k8s-container-name', at + '/name', `container name "${name}" is already used at ${prev}; names must be unique across containers and initContainers`);
      else seen.set(name, at + '/name');
    }
  }
};
