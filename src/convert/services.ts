/**
 * The Services of a workload: one for its port mappings (type steerable), load balancers
 * (Ingress for an ALB, the default; Service type LoadBalancer for an NLB or Classic ELB),
 * serviceRegistries (a headless Service) and Service Connect (Services named by the
 * discovery name, with the client alias's port).
 */
import { show } from '../diagnostics.js';
import { dns1035Label, portName } from '../k8s/names.js';
import type { Obj } from '../model/values.js';
import type { ConvertContext } from './context.js';
import type { PortInfo } from './networking.js';
import { drainTargets } from './traffic.js';
import type { ContainerPlan } from './context.js';

interface ServicePort {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: string;
  appProtocol?: string;
}

function servicePort(p: PortInfo, port = p.containerPort): ServicePort {
  const sp: ServicePort = { port, targetPort: p.name ?? p.containerPort, protocol: p.protocol };
  if (p.name) sp.name = p.name;
  if (p.appProtocol) sp.appProtocol = p.appProtocol;
  return sp;
}

/** Service ports need names when there are several: ECS names are kept, others are `<protocol>-<port>`. */
function named(ports: ServicePort[]): Obj[] {
  const used = new Set(ports.flatMap((p) => (p.name ? [p.name] : [])));
  const taken = new Set<string>();
  return ports.map((p) => {
    let name = p.name;
    if (name && taken.has(name)) name = portName(`${name}-${p.port}`);
    if (name) taken.add(name);
    if (!name && ports.length > 1) {
      name = portName(`${p.protocol.toLowerCase()}-${p.port}`);
      for (let k = 2; used.has(name); k++) name = portName(`${p.protocol.toLowerCase()}-${p.port}-${k}`);
      used.add(name);
    }
    return { ...(name && { name }), port: p.port, targetPort: p.targetPort, protocol: p.protocol, ...(p.appProtocol && { appProtocol: p.appProtocol }) };
  });
}

function dedupe(ports: ServicePort[]): ServicePort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = `${p.port}/${p.protocol}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function convertServices(ctx: ConvertContext, ports: PortInfo[]): void {
  const services = new Map<string, Obj>();
  const mainName = dns1035Label(ctx.id.name);
  const steerType = ctx.steering.get('ecs2k8s.io/service-type')?.value;
  const isDaemonOrJob = ctx.id.kind === 'Job' || ctx.id.kind === 'CronJob';
  const add = (name: string, spec: Obj, annotations?: Record<string, string>) => {
    const existing = services.get(name);
    if (existing) {
      const spec0 = existing['spec'] as Obj;
      spec0['ports'] = named(dedupe([...((spec0['ports'] as ServicePort[]) ?? []), ...((spec['ports'] as ServicePort[]) ?? [])]));
      return;
    }
    services.set(name, { apiVersion: 'v1', kind: 'Service', metadata: ctx.meta(name, annotations ? { annotations } : {}), spec });
  };
  const main = dedupe(ports.map((p) => servicePort(p)));
  if (main.length > 0 && steerType !== 'None' && !(isDaemonOrJob && steerType === undefined)) {
    const spec: Obj = {};
    if (steerType === 'NodePort' || steerType === 'LoadBalancer') spec['type'] = steerType;
    if (steerType === 'Headless') spec['clusterIP'] = 'None';
    spec['selector'] = ctx.selector;
    spec['ports'] = main;
    add(mainName, spec);
  }
  loadBalancers(ctx, ports, mainName, services, add);
  registries(ctx, ports, mainName, add);
  serviceConnect(ctx, ports, add);
  for (const s of [...services.values()]) {
    const spec = s['spec'] as Obj;
    // A headless discovery Service may have no ports at all (none of its registries names one).
    if (Array.isArray(spec['ports'])) spec['ports'] = named(spec['ports'] as ServicePort[]);
    ctx.addObject(s as never);
  }
}

type Add = (name: string, spec: Obj, annotations?: Record<string, string>) => void;

function findPort(ports: PortInfo[], container: string | undefined, port: number | undefined): PortInfo | undefined {
  return ports.find((p) => p.container.ecsName === container && p.containerPort === port);
}

function loadBalancers(ctx: ConvertContext, ports: PortInfo[], mainName: string, services: Map<string, Obj>, add: Add): void {
  if (!ctx.svc) return;
  const lbs = ctx.serviceDefinition?.loadBalancers ?? [];
  if (lbs.length === 0) return;
  const steer = ctx.steering.get('ecs2k8s.io/load-balancer')?.value;
  const mode = steer ?? ctx.options.loadBalancer;
  const ingressPaths: Obj[] = [];
  const annotations: Record<string, string> = {};
  const lbPorts: ServicePort[] = [];
  const ingressTargets: ContainerPlan[] = [];
  const lbTargets: ContainerPlan[] = [];
  let backendProtocol: string | undefined;
  for (const [i, lb] of lbs.entries()) {
    const p = findPort(ports, lb.containerName, lb.containerPort);
    const ptr = ctx.svcPtr('loadBalancers', i);
    if (!p) {
      ctx.warn(
        ctx.svc,
        ptr,
        'load-balancer-port',
        `load balancer ${i} sends traffic to container ${show(lb.containerName)} port ${show(lb.containerPort)}, which is not among the task definition's port mappings: it is skipped`,
      );
      continue;
    }
    const tg = lb.targetGroupArn;
    const elb = lb.loadBalancerName;
    if (tg) annotations[i === 0 ? 'ecs2k8s.io/target-group-arn' : `ecs2k8s.io/target-group-arn-${i}`] = tg;
    if (elb) annotations['ecs2k8s.io/load-balancer-name'] = elb;
    if (mode === 'alb' && !elb) {
      if (ingressPaths.length > 0) {
        ctx.warn(
          ctx.svc,
          ptr,
          'load-balancer-extra',
          `a second target group (container ${show(p.container.ecsName)} port ${p.containerPort}) cannot share the Ingress path "/": add a rule for it by hand`,
        );
        continue;
      }
      if (!services.has(mainName)) add(mainName, { selector: ctx.selector, ports: [servicePort(p)] });
      ingressPaths.push({ path: '/', pathType: 'Prefix', backend: { service: { name: mainName, port: { number: p.containerPort } } } });
      ingressTargets.push(p.container);
      // The ALB speaks HTTP/1.1 to its targets unless told: a gRPC (or HTTP/2) port needs the target group's protocol version.
      if (p.ecsAppProtocol === 'grpc') backendProtocol = 'GRPC';
      else if (p.ecsAppProtocol === 'http2') backendProtocol = 'HTTP2';
    } else {
      lbPorts.push(servicePort(p));
      lbTargets.push(p.container);
    }
  }
  if (ingressPaths.length > 0) {
    const className = ctx.steering.get('ecs2k8s.io/ingress-class')?.value ?? ctx.options.ingressClass;
    ctx.addObject({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: ctx.meta(mainName, {
        annotations: { ...(backendProtocol && { 'alb.ingress.kubernetes.io/backend-protocol-version': backendProtocol }), 'alb.ingress.kubernetes.io/target-type': 'ip', ...annotations },
      }),
      spec: { ingressClassName: className, rules: [{ http: { paths: ingressPaths } }] },
    });
    ctx.warn(
      ctx.svc,
      ctx.svcPtr('loadBalancers'),
      'load-balancer',
      `the load balancer becomes the Ingress ${show(mainName)} (class ${show(className)}, path "/"): its listeners, host rules, certificates and scheme are not in the service definition; add them as alb.ingress.kubernetes.io annotations`,
    );
    if (backendProtocol)
      ctx.note(
        ctx.svc,
        ctx.svcPtr('loadBalancers'),
        'load-balancer',
        `the target port speaks ${backendProtocol === 'GRPC' ? 'gRPC' : 'HTTP/2'} (appProtocol): the Ingress sets alb.ingress.kubernetes.io/backend-protocol-version ${backendProtocol}, so its target group speaks the same protocol version`,
      );
  }
  if (lbPorts.length > 0) {
    const name = dns1035Label(`${mainName}-lb`);
    add(
      name,
      { type: 'LoadBalancer', selector: ctx.selector, ports: dedupe(lbPorts) },
      {
        'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
        'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
        ...annotations,
      },
    );
    ctx.warn(
      ctx.svc,
      ctx.svcPtr('loadBalancers'),
      'load-balancer',
      `the load balancer becomes the Service ${show(name)} of type LoadBalancer (an NLB through the AWS Load Balancer Controller): its scheme and listeners are not in the service definition; set service.beta.kubernetes.io/aws-load-balancer-scheme as needed`,
    );
  }
  drainTargets(ctx, [...ingressTargets, ...lbTargets], ingressTargets.length && lbTargets.length ? 'the load balancers' : ingressTargets.length ? 'the ALB' : 'the NLB');
}

function registries(ctx: ConvertContext, ports: PortInfo[], mainName: string, add: Add): void {
  const regs = ctx.serviceDefinition?.serviceRegistries ?? [];
  if (!ctx.svc || regs.length === 0) return;
  const list: ServicePort[] = [];
  const annotations: Record<string, string> = {};
  for (const [i, r] of regs.entries()) {
    const arn = r.registryArn;
    if (arn) annotations[i === 0 ? 'ecs2k8s.io/registry-arn' : `ecs2k8s.io/registry-arn-${i}`] = arn;
    const p = findPort(ports, r.containerName, r.containerPort);
    if (p) list.push(servicePort(p));
    else if (r.port !== undefined) list.push({ port: r.port, targetPort: r.port, protocol: 'TCP' });
    // A registration without a port is an A record of the task's address: the task's first port documents where it listens.
    else if (r.containerName === undefined && r.containerPort === undefined && ports[0]) list.push(servicePort(ports[0]));
  }
  const name = dns1035Label(`${mainName}-discovery`);
  add(name, { clusterIP: 'None', selector: ctx.selector, ...(list.length > 0 && { ports: dedupe(list) }) }, annotations);
  ctx.note(
    ctx.svc,
    ctx.svcPtr('serviceRegistries'),
    'service-registry',
    `the Cloud Map registration becomes the headless Service ${show(name)}: the Cloud Map service name is not in its ARN, so clients must use ${name}.${ctx.id.namespace}.svc`,
  );
}

function serviceConnect(ctx: ConvertContext, ports: PortInfo[], add: Add): void {
  const sc = ctx.serviceDefinition?.serviceConnectConfiguration;
  if (!ctx.svc || !sc || sc.enabled === false) return;
  const annotations: Record<string, string> = {};
  const ns = sc.namespace;
  if (ns) annotations['ecs2k8s.io/service-connect-namespace'] = ns;
  for (const [i, s] of (sc.services ?? []).entries()) {
    const portNameEcs = s.portName;
    const p = ports.find((x) => x.ecsName === portNameEcs);
    const ptr = ctx.svcPtr('serviceConnectConfiguration', 'services', i);
    if (!p) {
      ctx.warn(ctx.svc, ptr, 'service-connect-port', `Service Connect names the port ${show(portNameEcs)}, which no port mapping of the task definition has: it is skipped`);
      continue;
    }
    const discovery = s.discoveryName ?? portNameEcs ?? 'service';
    const name = dns1035Label(discovery);
    const aliases = s.clientAliases ?? [];
    const list: ServicePort[] = [];
    const reachable = (dnsName: string) => [name, `${name}.${ctx.id.namespace}`, `${name}.${ctx.id.namespace}.svc`, `${name}.${ctx.id.namespace}.svc.cluster.local`].includes(dnsName);
    // "If this parameter [dnsName] isn't specified, the default value of discoveryName.namespace is used."
    const scNamespace = ns?.replace(/^arn:.*\//, '');
    const dflt = `${discovery}.${scNamespace ?? "<the cluster's default namespace>"}`;
    const warnName = (dnsName: string, pointer: string, implied: boolean) =>
      ctx.warn(
        ctx.svc!,
        pointer,
        'client-alias',
        `clients reach this service as ${show(dnsName)} in ECS${implied ? ' (the default name, discoveryName.namespace)' : ''}; in Kubernetes they reach the Service ${show(name)} as ${name}.${ctx.id.namespace}.svc: update the clients or add a DNS alias`,
      );
    for (const [j, a] of aliases.entries()) {
      const port = a.port ?? p.containerPort;
      list.push(servicePort(p, port));
      const dnsName = a.dnsName;
      if (dnsName !== undefined && !reachable(dnsName)) warnName(dnsName, ctx.svcPtr('serviceConnectConfiguration', 'services', i, 'clientAliases', j, 'dnsName'), false);
      else if (dnsName === undefined && !reachable(dflt)) warnName(dflt, ctx.svcPtr('serviceConnectConfiguration', 'services', i, 'clientAliases', j), true);
    }
    if (aliases.length === 0 && !reachable(dflt)) warnName(dflt, ptr, true);
    if (list.length === 0) list.push(servicePort(p));
    add(name, { selector: ctx.selector, ports: dedupe(list) }, annotations);
  }
}
