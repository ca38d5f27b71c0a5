import { envVarNameError } from '../../syntax.js';
import { ptr, arr, str, obj, show, podSpecs, allContainers, type Rule } from './rule.js';

/** k8s-env-name: env and envFrom prefix names. */
export const envNames: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      arr(c.env).forEach((e, i) => {
        const name = str(obj(e)?.name);
        if (name === undefined) return;
        const err = envVarNameError(name);
        if (err) report('k8s-env-name', ptr(at, 'env', i, 'name'), `environment variable name ${show(name)} of container "${String(c.name)}" ${err}`);
      });
      arr(c.envFrom).forEach((e, i) => {
        const prefix = str(obj(e)?.prefix);
        if (prefix === undefined || prefix === '') return;
        const err = envVarNameError(prefix);
        if (err) report('k8s-env-name', ptr(at, 'envFrom', i, 'prefix'), `envFrom prefix ${show(prefix)} of container "${String(c.name)}" ${err}`);
      });
    }
  }
};
