import { ptr, arr, str, obj, type Rule } from './rule.js';

/** k8s-ingress-path: Prefix/Exact paths are absolute. */
export const ingressPaths: Rule = (o, gvk, report) => {
  if (gvk !== 'networking.k8s.io/v1/Ingress') return;
  arr(obj(o.spec)?.rules).forEach((r, i) => {
    arr(obj(obj(r)?.http)?.paths).forEach((p, j) => {
      const hp = obj(p);
      const path = str(hp?.path);
      if (hp && hp.pathType !== 'ImplementationSpecific' && path !== undefined && !path.startsWith('/')) {
        report('k8s-ingress-path', ptr('/spec/rules', i, 'http', 'paths', j, 'path'), `path "${path}" with pathType ${String(hp.pathType)} must start with "/"`);
      }
    });
  });
};
