import { ianaSvcNameError, portNumberError } from '../../syntax.js';
import { ptr, arr, str, obj, anyNum, show, podSpecs, allContainers, type Rule } from './rule.js';

/** k8s-port-name, k8s-port, k8s-host-port: container ports. */
export const containerPorts: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    const hostNetwork = p.spec.hostNetwork === true;
    const hostPorts = new Map<string, string>();
    for (const { c, at } of allContainers(p.spec, p.at)) {
      const names = new Map<string, string>();
      arr(c.ports).forEach((port, i) => {
        const pp = obj(port);
        if (!pp) return;
        const pat = ptr(at, 'ports', i);
        const name = str(pp.name);
        if (name !== undefined) {
          const err = ianaSvcNameError(name);
          if (err) report('k8s-port-name', pat + '/name', `port name "${name}" ${err}`);
          const prev = names.get(name);
          if (prev) report('k8s-port-name', pat + '/name', `port name "${name}" is already used at ${prev}; port names must be unique within a container`);
          else names.set(name, pat + '/name');
        }
        const cpErr = portNumberError(pp.containerPort);
        if (cpErr) report('k8s-port', pat + '/containerPort', `containerPort ${show(pp.containerPort)} ${cpErr}`);
        const hp = anyNum(pp.hostPort);
        if (hp !== undefined && hp !== 0) {
          const hpErr = portNumberError(hp);
          if (hpErr) report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} ${hpErr}`);
          if (hostNetwork && hp !== pp.containerPort) {
            report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} must equal containerPort ${show(pp.containerPort)} when the pod uses hostNetwork`);
          }
          const key = `${hp}/${String(pp.protocol ?? 'TCP')}/${String(pp.hostIP ?? '')}`;
          const prev = hostPorts.get(key);
          if (prev) report('k8s-host-port', pat + '/hostPort', `hostPort ${hp}/${String(pp.protocol ?? 'TCP')} is already used at ${prev}`);
          else hostPorts.set(key, pat + '/hostPort');
        } else if (hp !== undefined && hp < 0) {
          report('k8s-host-port', pat + '/hostPort', `hostPort ${hp} must be between 1 and 65535`);
        }
      });
    }
  }
};
