import { dns1123LabelError } from '../../syntax.js';
import { ptr, arr, str, obj, podSpecs, allContainers, type Rule } from './rule.js';

/** k8s-volume-name, k8s-volume-mount: volume names and the mounts that refer to them. */
export const volumes: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const names = new Map<string, string>();
    arr(p.spec.volumes).forEach((v, i) => {
      const name = str(obj(v)?.name);
      if (name === undefined) return;
      const at = ptr(p.at, 'volumes', i, 'name');
      const err = dns1123LabelError(name);
      if (err) report('k8s-volume-name', at, `volume name "${name}" ${err}`);
      const prev = names.get(name);
      if (prev) report('k8s-volume-name', at, `volume name "${name}" is already used at ${prev}; volume names must be unique`);
      else names.set(name, at);
    });
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const paths = new Map<string, string>();
      arr(c.volumeMounts).forEach((m, i) => {
        const vm = obj(m);
        if (!vm) return;
        const mat = ptr(at, 'volumeMounts', i);
        const name = str(vm.name);
        if (name !== undefined && !names.has(name)) {
          const known = [...names.keys()].map((n) => `"${n}"`).join(', ') || 'none';
          report('k8s-volume-mount', mat + '/name', `volumeMount name "${name}" of container "${String(c.name)}" does not refer to a volume in spec.volumes (volumes: ${known})`);
        }
        const mp = str(vm.mountPath);
        if (mp !== undefined) {
          const prev = paths.get(mp);
          if (prev) report('k8s-volume-mount', mat + '/mountPath', `mountPath "${mp}" of container "${String(c.name)}" is already used at ${prev}`);
          else paths.set(mp, mat + '/mountPath');
        }
      });
    }
  }
};
