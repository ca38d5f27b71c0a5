/**
 * Which ports are reachable, and from where, in Kubernetes; and what the AWS Load Balancer
 * Controller does around starts and stops (kubernetes.io: Service, Ingress, "DNS for Services and
 * Pods", Pod networking; kubernetes-sigs.github.io/aws-load-balancer-controller: Ingress and
 * Service annotations, "Pod readiness gate", TargetGroupBinding).
 */
import { fact, type Facts } from '../model.js';
import { preStopSeconds } from './lifecycle.js';
import { cname, selects, type PodView } from './pod.js';
import { isObj, list, num, str, type K8sObject, type Obj } from './read.js';

interface PortRef {
  container: string;
  port: number;
  protocol: string;
  name?: string;
}

function containerPorts(p: PodView): PortRef[] {
  return [...p.initOrder, ...p.regular].flatMap((c) =>
    list(c['ports']).map((x) => {
      const r: PortRef = { container: cname(c), port: num(x['containerPort']) ?? 0, protocol: (str(x['protocol']) ?? 'TCP').toLowerCase() };
      const n = str(x['name']);
      if (n !== undefined) r.name = n;
      return r;
    }),
  );
}

/** "targetPort: Number or name of the port to access on the pods targeted by the service ... Defaults to the value of the 'port' field." */
function resolveTarget(p: PodView, svcPort: Obj): string {
  const target = svcPort['targetPort'] ?? svcPort['port'];
  const ports = containerPorts(p);
  const hit = typeof target === 'string' ? ports.find((x) => x.name === target) : ports.find((x) => x.port === target);
  if (hit) return `${hit.container}:${hit.port}`;
  return typeof target === 'string' ? `(no port named ${target})` : `(undeclared):${String(target)}`;
}

export function servicesOf(p: PodView, objects: readonly K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.kind === 'Service' && (o.metadata.namespace ?? 'default') === p.namespace && selects((o['spec'] as Obj | undefined)?.['selector'], p.labels));
}

const spec = (o: K8sObject): Obj => (isObj(o['spec']) ? o['spec'] : {});

function backendTargets(p: PodView, services: K8sObject[], backend: Obj): string[] {
  const s = isObj(backend['service']) ? backend['service'] : undefined;
  if (!s) return [];
  const svc = services.find((x) => x.metadata.name === str(s['name']));
  if (!svc) return [];
  const bp = isObj(s['port']) ? s['port'] : {};
  return list(spec(svc)['ports'])
    .filter((sp) => (bp['number'] !== undefined ? sp['port'] === bp['number'] : str(sp['name']) === str(bp['name'])))
    .map((sp) => resolveTarget(p, sp));
}

interface Front {
  kind: 'ingress' | 'nlb' | 'tgb';
  object: K8sObject;
  targets: string[];
}

/** Ingress backends, Services of type LoadBalancer and TargetGroupBindings that reach the pod. */
export function fronts(p: PodView, objects: readonly K8sObject[]): Front[] {
  const services = servicesOf(p, objects);
  const inNs = objects.filter((o) => (o.metadata.namespace ?? 'default') === p.namespace);
  const out: Front[] = [];
  for (const ing of inNs.filter((o) => o.kind === 'Ingress')) {
    const backends = [spec(ing)['defaultBackend'], ...list(spec(ing)['rules']).flatMap((r) => list((r['http'] as Obj | undefined)?.['paths']).map((x) => x['backend']))].filter(isObj);
    const targets = backends.flatMap((b) => backendTargets(p, services, b));
    if (targets.length) out.push({ kind: 'ingress', object: ing, targets });
  }
  for (const svc of services.filter((s) => spec(s)['type'] === 'LoadBalancer')) out.push({ kind: 'nlb', object: svc, targets: list(spec(svc)['ports']).map((sp) => resolveTarget(p, sp)) });
  for (const tgb of inNs.filter((o) => o.kind === 'TargetGroupBinding')) {
    const ref = isObj(spec(tgb)['serviceRef']) ? (spec(tgb)['serviceRef'] as Obj) : {};
    const svc = services.find((s) => s.metadata.name === str(ref['name']));
    if (svc)
      out.push({
        kind: 'tgb',
        object: tgb,
        targets: list(spec(svc)['ports'])
          .filter((sp) => sp['port'] === ref['port'] || str(sp['name']) === ref['port'])
          .map((sp) => resolveTarget(p, sp)),
      });
  }
  return out;
}

/**
 * - traffic.waitsForTargetHealth: "The condition status on a pod will be set to True only when the
 *   corresponding target in the ALB/NLB target group shows a health state of »Healthy«. This
 *   prevents the rolling update of a deployment from terminating old pods until the newly created
 *   pods are »Healthy« in the ALB/NLB target group" — injected only into namespaces labelled
 *   `elbv2.k8s.aws/pod-readiness-gate-inject: enabled`, and "this only works with target-type: ip"
 *   (Pod readiness gate). The controller's default target type is instance.
 * - traffic.drainsBeforeStop: endpoints are removed while the pod is already terminating, so the
 *   load balancer may still send to a pod that got SIGTERM unless a preStop pause holds it.
 * - lb.protocol: `alb.ingress.kubernetes.io/backend-protocol-version` (HTTP1 by default; GRPC for
 *   gRPC backends).
 */
export function loadBalancerFacts(p: PodView, objects: readonly K8sObject[]): Facts {
  const fs = fronts(p, objects);
  const out: Facts = { 'ports.lb': fact([...new Set(fs.flatMap((f) => f.targets))].sort().join(', ') || '(none)') };
  if (fs.length === 0) return out;
  const f = fs[0]!;
  const ann = f.object.metadata.annotations ?? {};
  const targetType =
    f.kind === 'tgb'
      ? (str(spec(f.object)['targetType']) ?? 'instance')
      : f.kind === 'ingress'
        ? (ann['alb.ingress.kubernetes.io/target-type'] ?? 'instance')
        : (ann['service.beta.kubernetes.io/aws-load-balancer-nlb-target-type'] ?? 'instance');
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === p.namespace);
  const injected = ns?.metadata.labels?.['elbv2.k8s.aws/pod-readiness-gate-inject'] === 'enabled';
  const gated = list(p.spec['readinessGates']).some((g) => (str(g['conditionType']) ?? '').startsWith('target-health.elbv2.k8s.aws'));
  out['traffic.waitsForTargetHealth'] =
    targetType !== 'ip'
      ? fact('no', `target type ${targetType}: the load balancer sees nodes, not pods`)
      : injected || gated
        ? fact('yes')
        : fact('no', 'no readiness gate: the namespace is not labelled elbv2.k8s.aws/pod-readiness-gate-inject');
  const targetContainers = new Set(fs.flatMap((x) => x.targets).map((t) => t.split(':')[0]));
  const pauses = [...p.initOrder, ...p.regular].filter((c) => targetContainers.has(cname(c))).map((c) => preStopSeconds(p, c));
  out['traffic.drainsBeforeStop'] = pauses.length && pauses.every((s) => s > 0) ? fact('yes', `preStop pause ${Math.min(...pauses)}s`) : fact('no', 'SIGTERM while the target is still registered');
  const ingress = fs.find((x) => x.kind === 'ingress');
  if (ingress) out['lb.protocol'] = fact(ingress.object.metadata.annotations?.['alb.ingress.kubernetes.io/backend-protocol-version'] ?? 'HTTP1');
  return out;
}

/**
 * ports.names: "Services ... get a DNS A/AAAA record ... my-svc.my-namespace.svc.cluster-domain";
 * a client in the same namespace can use the bare name. A headless Service ("clusterIP: None")
 * instead resolves to the addresses of the pods, like a Cloud Map registration: `(per-task DNS)`.
 */
export function discoveryNames(p: PodView, objects: readonly K8sObject[]): Facts {
  const items: string[] = [];
  for (const svc of servicesOf(p, objects)) {
    const headless = spec(svc)['clusterIP'] === 'None';
    for (const sp of list(spec(svc)['ports'])) {
      items.push(headless ? `(per-task DNS) → ${resolveTarget(p, sp)}` : `${svc.metadata.name}.${p.namespace}:${String(sp['port'])} → ${resolveTarget(p, sp)}`);
    }
  }
  return { 'ports.names': fact([...new Set(items)].sort().join('; ') || '(none)') };
}

/** ports.host: "hostNetwork: Host networking requested for this pod ... the host's network namespace"; hostPort: "Number of port to expose on the host". */
export function hostPorts(p: PodView): Facts {
  const host = p.spec['hostNetwork'] === true;
  const items: string[] = [];
  for (const c of [...p.initOrder, ...p.regular]) {
    for (const x of list(c['ports'])) {
      const port = num(x['containerPort']);
      const hp = num(x['hostPort']);
      const proto = (str(x['protocol']) ?? 'TCP').toLowerCase();
      if (host) items.push(`host:${hp ?? port}/${proto} → ${cname(c)}:${port}`);
      else if (hp !== undefined && hp > 0) items.push(`host:${hp}/${proto} → ${cname(c)}:${port}`);
    }
  }
  return { 'ports.host': fact(items.sort().join(', ') || '(none)') };
}

/**
 * ports.bind: "Every container in a Pod shares the network namespace, including the IP address and
 * network ports" (Pods). Plain init containers have exited before the others start: they clash
 * with nobody.
 */
export function portBinds(p: PodView): Map<string, Facts> {
  const ports = containerPorts(p).filter((x) => !p.init.some((c) => cname(c) === x.container));
  const out = new Map<string, Facts>();
  for (const c of [...p.initOrder, ...p.regular]) {
    const mine = ports.filter((x) => x.container === cname(c));
    const clashes = mine.flatMap((m) => ports.filter((o) => o.container !== m.container && o.port === m.port && o.protocol === m.protocol).map((o) => `${o.container} on ${m.port}/${m.protocol}`));
    out.set(cname(c), { 'ports.bind': fact(clashes.length ? `clashes with ${[...new Set(clashes)].sort().join(', ')}` : 'ok') });
  }
  return out;
}
