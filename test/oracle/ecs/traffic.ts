/**
 * Which ports are reachable, and from where, in ECS; and what a load balancer does around starts
 * and stops. Sources: Amazon ECS Developer Guide ("Amazon ECS task networking options", port
 * mappings; "Use load balancing to distribute Amazon ECS service traffic"; "Optimize load
 * balancer connection draining parameters"; "Service Connect"; "Service discovery").
 */
import { fact, type Facts } from '../model.js';
import { int, list, str, type Obj } from './read.js';
import { nameOf, type EcsTask } from './task.js';

interface Mapping {
  container: string;
  port: number;
  protocol: string;
  hostPort?: number;
  name?: string;
  appProtocol?: string;
}

export function mappings(task: EcsTask): Mapping[] {
  const out: Mapping[] = [];
  for (const c of task.containers) {
    for (const p of list(c['portMappings'])) {
      const port = int(p['containerPort']);
      if (port === undefined) continue;
      const m: Mapping = { container: nameOf(c), port, protocol: (str(p['protocol']) ?? 'tcp').toLowerCase() };
      const hp = int(p['hostPort']);
      if (hp !== undefined) m.hostPort = hp;
      const n = str(p['name']);
      if (n !== undefined) m.name = n;
      const ap = str(p['appProtocol']);
      if (ap !== undefined) m.appProtocol = ap;
      out.push(m);
    }
  }
  return out;
}

/**
 * ports.lb: "containerName / containerPort: The name of the container (as it appears in a container
 * definition) to associate with the load balancer ... The port on the container to associate with
 * the load balancer" (LoadBalancer, ECS API reference). Each target group sends to that container
 * and port, and to nothing else.
 */
export function loadBalancerTargets(task: EcsTask): string[] {
  return list(task.svc?.value['loadBalancers'])
    .map((lb) => `${str(lb['containerName']) ?? '?'}:${int(lb['containerPort']) ?? '?'}`)
    .sort();
}

/**
 * ports.names: the names other tasks use. Service Connect: each service's portName picks a port
 * mapping; each client alias is "a fully-qualified name and port number that other tasks
 * ("clients") can use to connect to this service" and "If this parameter [dnsName] isn't
 * specified, the default value of discoveryName.namespace is used. If the discoveryName isn't
 * specified, the port mapping name from the task definition is used in portName.namespace"
 * (ServiceConnectClientAlias). Without an alias the oracle assumes the same default name on the
 * container port. Cloud Map service discovery (serviceRegistries) registers the task's address and
 * the given container port under a Cloud Map service whose name the service definition does not
 * hold: it is written `(per-task DNS)` (a name that resolves to the tasks' own addresses).
 */
export function discoveryNames(task: EcsTask): string[] {
  const maps = mappings(task);
  const out: string[] = [];
  const sc = task.svc?.value['serviceConnectConfiguration'] as Obj | undefined;
  if (sc && sc['enabled'] !== false) {
    const ns = (str(sc['namespace']) ?? '(default namespace)').replace(/^arn:.*\//, '');
    for (const s of list(sc['services'])) {
      const portName = str(s['portName']) ?? '';
      const m = maps.find((x) => x.name === portName);
      const target = m ? `${m.container}:${m.port}` : `(no port named ${portName})`;
      const aliases = list(s['clientAliases']);
      const dflt = `${str(s['discoveryName']) ?? portName}.${ns}`;
      if (aliases.length === 0) out.push(`${dflt}:${m?.port ?? '?'} → ${target}`);
      for (const a of aliases) out.push(`${str(a['dnsName']) ?? dflt}:${int(a['port']) ?? '?'} → ${target}`);
    }
  }
  for (const r of list(task.svc?.value['serviceRegistries'])) {
    const container = str(r['containerName']);
    const port = int(r['containerPort']) ?? int(r['port']);
    const m = container !== undefined ? maps.find((x) => x.container === container && (port === undefined || x.port === port)) : maps[0];
    out.push(`(per-task DNS) → ${m ? `${m.container}:${m.port}` : `${container ?? '?'}:${port ?? '?'}`}`);
  }
  return [...new Set(out)].sort();
}

/**
 * ports.host: host networking "maps container ports directly to the ENI of the Amazon EC2 instance";
 * bridge mode publishes a mapping on the hostPort, and "If you use containers in a task with the
 * bridge network mode and specify a container port and not a host port, your container
 * automatically receives a host port in the ephemeral port range" (a dynamic port, reachable only
 * through the load balancer or discovery: not listed). awsvpc publishes nothing on the host.
 */
export function hostPorts(task: EcsTask): string[] {
  const out: string[] = [];
  for (const m of mappings(task)) {
    if (task.networkMode === 'host') out.push(`host:${m.hostPort ?? m.port}/${m.protocol} → ${m.container}:${m.port}`);
    else if ((task.networkMode === 'bridge' || task.networkMode === 'default') && m.hostPort !== undefined && m.hostPort > 0) out.push(`host:${m.hostPort}/${m.protocol} → ${m.container}:${m.port}`);
  }
  return out.sort();
}

/**
 * ports.bind (per container): in awsvpc and host mode the containers of a task share one network
 * stack ("containers that belong to the same task can communicate over the localhost interface"),
 * so two of them cannot listen on one port; in bridge mode each container has its own.
 */
export function portBinds(task: EcsTask): Map<string, Facts> {
  const maps = mappings(task);
  const shared = task.networkMode === 'awsvpc' || task.networkMode === 'host';
  const out = new Map<string, Facts>();
  for (const c of task.containers) {
    const mine = maps.filter((m) => m.container === nameOf(c));
    const clashes = shared
      ? mine.flatMap((m) => maps.filter((o) => o.container !== m.container && o.port === m.port && o.protocol === m.protocol).map((o) => `${o.container} on ${m.port}/${m.protocol}`))
      : [];
    out.set(nameOf(c), {
      'ports.bind': fact(clashes.length ? `clashes with ${[...new Set(clashes)].sort().join(', ')}` : 'ok', shared ? 'one network stack per task' : 'a network stack per container'),
    });
  }
  return out;
}

/**
 * Around a load balancer:
 * - traffic.waitsForTargetHealth: a new task counts as healthy only when "the load balancer
 *   reports it healthy" — the deployment waits for target health before it stops old tasks
 *   (DeploymentConfiguration: "If a service is using ... a load balancer ... the service scheduler
 *   will wait for the load balancer target group health check to return a healthy status").
 * - traffic.drainsBeforeStop: "When you want to stop traffic to a container, you notify the load
 *   balancer ... Amazon ECS monitors the load balancer, and waits for the load balancer to report
 *   that the keep alive connection is closed" before it stops the task (connection draining,
 *   deregistration delay).
 * - lb.protocol: a gRPC port mapping (appProtocol grpc) is served by a gRPC target group.
 */
export function loadBalancerFacts(task: EcsTask): Facts {
  const targets = loadBalancerTargets(task);
  if (targets.length === 0) return {};
  const maps = mappings(task);
  const first = list(task.svc?.value['loadBalancers'])[0]!;
  const m = maps.find((x) => x.container === str(first['containerName']) && x.port === int(first['containerPort']));
  const proto = m?.appProtocol === 'grpc' ? 'GRPC' : m?.appProtocol === 'http2' ? 'HTTP2' : 'HTTP1';
  return {
    'traffic.waitsForTargetHealth': fact('yes', 'a deployment waits for target health'),
    'traffic.drainsBeforeStop': fact('yes', 'the target is deregistered and drained before the task stops'),
    'lb.protocol': fact(proto, m?.appProtocol ? `appProtocol ${m.appProtocol}` : 'no appProtocol'),
  };
}
