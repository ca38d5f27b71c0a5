import { portNumberError } from '../../syntax.js';
import { ptr, obj, anyNum, show, podSpecs, allContainers, checkNamedOrNumberPort, type Rule } from './rule.js';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** k8s-probe: one handler, positive periods/thresholds, successThreshold 1 for liveness/startup. */
export const probes: Rule = (o, gvk, report) => {
  for (const p of podSpecs(o, gvk)) {
    for (const { c, at } of allContainers(p.spec, p.at)) {
      for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
        const probe = obj(c[kind]);
        if (!probe) continue;
        const pat = ptr(at, kind);
        const what = `${kind} of container "${String(c.name)}"`;
        const handlers = PROBE_HANDLERS.filter((h) => probe[h] !== undefined);
        if (handlers.length === 0) report('k8s-probe', pat, `${what} must set one handler: exec, httpGet, tcpSocket or grpc`);
        if (handlers.length > 1) report('k8s-probe', pat, `${what} sets ${handlers.join(' and ')}; only one handler is allowed`);
        for (const f of ['periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold'] as const) {
          const v = anyNum(probe[f]);
          if (v !== undefined && v < 1) report('k8s-probe', ptr(pat, f), `${what}: ${f} is ${v}; it must be at least 1`);
        }
        const ids = anyNum(probe.initialDelaySeconds);
        if (ids !== undefined && ids < 0) report('k8s-probe', ptr(pat, 'initialDelaySeconds'), `${what}: initialDelaySeconds is ${ids}; it must not be negative`);
        const st = anyNum(probe.successThreshold);
        if (kind !== 'readinessProbe' && st !== undefined && st !== 1) {
          report('k8s-probe', ptr(pat, 'successThreshold'), `${what}: successThreshold is ${st}; it must be 1 for a ${kind}`);
        }
        const tgp = anyNum(probe.terminationGracePeriodSeconds);
        if (tgp !== undefined) {
          if (kind === 'readinessProbe') report('k8s-probe', ptr(pat, 'terminationGracePeriodSeconds'), `${what} must not set terminationGracePeriodSeconds`);
          else if (tgp < 1) report('k8s-probe', ptr(pat, 'terminationGracePeriodSeconds'), `${what}: terminationGracePeriodSeconds is ${tgp}; it must be at least 1`);
        }
        const http = obj(probe.httpGet);
        if (http) checkNamedOrNumberPort(http.port, ptr(pat, 'httpGet', 'port'), `${what}: httpGet.port`, report, 'k8s-probe');
        const tcp = obj(probe.tcpSocket);
        if (tcp) checkNamedOrNumberPort(tcp.port, ptr(pat, 'tcpSocket', 'port'), `${what}: tcpSocket.port`, report, 'k8s-probe');
        const grpc = obj(probe.grpc);
        if (grpc) {
          const err = portNumberError(grpc.port);
          if (err) report('k8s-probe', ptr(pat, 'grpc', 'port'), `${what}: grpc.port ${show(grpc.port)} ${err}`);
        }
      }
    }
  }
};
