import { dns1123LabelError, portNumberError } from '../../syntax.js';
import { ptr, arr, str, obj, show, checkNamedOrNumberPort, type Rule } from './rule.js';

/** k8s-service-port: Service port names, numbers, uniqueness and targetPort syntax. */
export const servicePorts: Rule = (o, gvk, report) => {
  if (gvk !== 'v1/Service') return;
  const spec = obj(o.spec);
  if (!spec) return;
  const ports = arr(spec.ports);
  const type = str(spec.type) ?? 'ClusterIP';
  const names = new Map<string, string>();
  const pairs = new Map<string, string>();
  ports.forEach((port, i) => {
    const sp = obj(port);
    if (!sp) return;
    const at = ptr('/spec/ports', i);
    const name = str(sp.name);
    if (name === undefined || name === '') {
      if (ports.length > 1) report('k8s-service-port', at + '/name', `spec.ports[${i}] (port ${show(sp.port)}) needs a name: a Service with more than one port must name every port`);
    } else {
      const err = dns1123LabelError(name);
      if (err) report('k8s-service-port', at + '/name', `Service port name "${name}" ${err}`);
      const prev = names.get(name);
      if (prev) report('k8s-service-port', at + '/name', `Service port name "${name}" is already used at ${prev}`);
      else names.set(name, at + '/name');
    }
    const perr = portNumberError(sp.port);
    if (perr) report('k8s-service-port', at + '/port', `Service port ${show(sp.port)} ${perr}`);
    const key = `${String(sp.port)}/${String(sp.protocol ?? 'TCP')}`;
    const prev = pairs.get(key);
    if (prev && typeof sp.port === 'number') report('k8s-service-port', at + '/port', `Service port ${key} is already used at ${prev}`);
    else pairs.set(key, at + '/port');
    if (sp.targetPort !== undefined) checkNamedOrNumberPort(sp.targetPort, at + '/targetPort', 'targetPort', report, 'k8s-service-port');
    if (sp.nodePort !== undefined && sp.nodePort !== 0) {
      if (type !== 'NodePort' && type !== 'LoadBalancer') {
        report('k8s-service-port', at + '/nodePort', `nodePort may only be set on a Service of type NodePort or LoadBalancer (type is ${type})`);
      } else {
        const nerr = portNumberError(sp.nodePort);
        if (nerr) report('k8s-service-port', at + '/nodePort', `nodePort ${show(sp.nodePort)} ${nerr}`);
      }
    }
  });
  if (ports.length === 0 && type !== 'ExternalName' && spec.clusterIP !== 'None') {
    report('k8s-service-port', '/spec/ports', `a Service of type ${type} must have at least one port`);
  }
};
