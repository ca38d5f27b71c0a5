/**
 * networkMode, portMappings, dnsServers, dnsSearchDomains, extraHosts and hostname → pod
 * networking and container ports. The ports found here feed the Services (services.ts).
 */
import { show } from '../diagnostics.js';
import { isPortName, portName } from '../k8s/names.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';

export interface PortInfo {
  container: ContainerPlan;
  containerPort: number;
  protocol: 'TCP' | 'UDP';
  /** Kubernetes port name (sanitised), when the ECS mapping had one. */
  name?: string;
  /** The ECS name, for Service Connect lookups. */
  ecsName?: string;
  appProtocol?: string;
  /** The ECS appProtocol (http, http2, grpc), for the load balancer's backend protocol. */
  ecsAppProtocol?: string;
}

const APP_PROTOCOLS: Record<string, string> = { http: 'http', http2: 'kubernetes.io/h2c', grpc: 'kubernetes.io/h2c' };

/** The largest containerPortRange that is expanded into single ports. */
export const MAX_EXPANDED_RANGE = 32;

export function convertNetworking(ctx: ConvertContext): PortInfo[] {
  const mode = ctx.taskDefinition.networkMode ?? 'bridge';
  if (mode === 'host') {
    ctx.pod.spec.hostNetwork = true;
    ctx.pod.spec.dnsPolicy = 'ClusterFirstWithHostNet';
  } else if (mode === 'none') {
    ctx.warn(ctx.td, ctx.tdPtr('networkMode'), 'network-none', 'networkMode "none" has no Kubernetes equivalent: every pod has a network; restrict it with a NetworkPolicy');
  }
  const ports: PortInfo[] = [];
  for (const c of ctx.pod.containers) {
    const list: IContainerPort[] = [];
    const seen = new Set<string>();
    for (const [j, pm] of (c.def.portMappings ?? []).entries()) {
      const protocol = pm.protocol === 'udp' ? 'UDP' : 'TCP';
      const numbers: number[] = [];
      const cp = pm.containerPort;
      if (cp !== undefined && cp > 0) numbers.push(cp);
      const range = pm.containerPortRange;
      if (range) numbers.push(...expandRange(ctx, c, j, range));
      let name: string | undefined;
      const ecsName = pm.name;
      if (ecsName !== undefined) {
        name = isPortName(ecsName) ? ecsName : portName(ecsName);
        if (name !== ecsName)
          ctx.warn(
            ctx.td,
            ctx.containerPtr(c, 'portMappings', j, 'name'),
            'port-name',
            `port name ${show(ecsName)} becomes ${show(name)} (Kubernetes port names are lowercase, at most 15 characters, with a letter)`,
          );
      }
      const appProtocol = APP_PROTOCOLS[pm.appProtocol ?? ''];
      for (const [k, port] of numbers.entries()) {
        const key = `${port}/${protocol}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const entry: IContainerPort = { containerPort: port };
        const pn = k === 0 ? name : undefined;
        if (pn) entry.name = pn;
        const hp = pm.hostPort;
        if (mode === 'bridge' && hp !== undefined && hp > 0 && k === 0) entry.hostPort = hp;
        entry.protocol = protocol;
        list.push(entry);
        const info: PortInfo = { container: c, containerPort: port, protocol };
        if (pn) info.name = pn;
        if (ecsName !== undefined && k === 0) info.ecsName = ecsName;
        if (appProtocol) info.appProtocol = appProtocol;
        const ecsApp = pm.appProtocol;
        if (ecsApp) info.ecsAppProtocol = ecsApp;
        if (c.role !== 'init') ports.push(info);
      }
    }
    if (list.length > 0) c.k8s.ports = list;
  }
  if (mode === 'bridge') bridgeClashes(ctx, ports);
  dns(ctx);
  return ports;
}

/**
 * In bridge mode every ECS container has its own network stack, so two may listen on one port
 * (Docker maps each to its own host port); the containers of a pod share one: the second cannot bind.
 */
function bridgeClashes(ctx: ConvertContext, ports: PortInfo[]): void {
  const byPort = new Map<string, ContainerPlan[]>();
  for (const p of ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    const list = byPort.get(key) ?? [];
    if (!list.includes(p.container)) list.push(p.container);
    byPort.set(key, list);
  }
  for (const [key, list] of byPort) {
    if (list.length < 2) continue;
    const rest = list.slice(1);
    const names = list.map((c) => show(c.ecsName)).join(' and ');
    ctx.warn(
      ctx.td,
      ctx.containerPtr(rest[0]!, 'portMappings'),
      'duplicate-port',
      `${names} both listen on ${key.toLowerCase()}: in bridge mode each ECS container has its own network stack, but the containers of a pod share one, so only one of them can bind it and the other crash-loops; move one to another port, or give it a task definition (workload) of its own`,
    );
  }
}

function expandRange(ctx: ConvertContext, c: ContainerPlan, j: number, range: string): number[] {
  const m = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(range);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  if (!m || from < 1 || to > 65535 || to < from) {
    ctx.warn(ctx.td, ctx.containerPtr(c, 'portMappings', j, 'containerPortRange'), 'port-range', `containerPortRange ${show(range)} is not a range such as "8000-8010": it is skipped`);
    return [];
  }
  if (to - from + 1 > MAX_EXPANDED_RANGE) {
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c, 'portMappings', j, 'containerPortRange'),
      'port-range',
      `containerPortRange ${show(range)} holds ${to - from + 1} ports; Kubernetes has no port ranges and only ranges of up to ${MAX_EXPANDED_RANGE} are expanded: it is skipped`,
    );
    return [];
  }
  ctx.note(ctx.td, ctx.containerPtr(c, 'portMappings', j, 'containerPortRange'), 'port-range', `containerPortRange ${show(range)} becomes ${to - from + 1} container ports`);
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

function dns(ctx: ConvertContext): void {
  const nameservers: string[] = [];
  const searches: string[] = [];
  const aliases = new Map<string, string[]>();
  let hostname: { value: string; container: string } | undefined;
  for (const c of ctx.pod.containers) {
    for (const s of c.def.dnsServers ?? []) if (!nameservers.includes(s)) nameservers.push(s);
    for (const s of c.def.dnsSearchDomains ?? []) if (!searches.includes(s)) searches.push(s);
    for (const { hostname: host, ipAddress: ip } of c.def.extraHosts ?? []) {
      if (!host || !ip) continue;
      const list = aliases.get(ip) ?? [];
      if (!list.includes(host)) list.push(host);
      aliases.set(ip, list);
    }
    const hn = c.def.hostname;
    if (hn) {
      if (hostname && hostname.value !== hn) {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'hostname'),
          'hostname-conflict',
          `containers ${show(hostname.container)} and ${show(c.ecsName)} set different hostnames, but a pod has one: ${show(hostname.value)} is kept`,
        );
      } else hostname = { value: hn, container: c.ecsName };
    }
  }
  if (nameservers.length || searches.length) {
    if (nameservers.length > 3) ctx.warn(ctx.td, ctx.tdPtr('containerDefinitions'), 'dns-config', `Kubernetes accepts at most 3 DNS servers; ${nameservers.slice(3).join(', ')} are dropped`);
    if (searches.length > 32) ctx.warn(ctx.td, ctx.tdPtr('containerDefinitions'), 'dns-config', 'Kubernetes accepts at most 32 DNS search domains; the rest are dropped');
    ctx.pod.spec.dnsConfig = { ...(nameservers.length && { nameservers: nameservers.slice(0, 3) }), ...(searches.length && { searches: searches.slice(0, 32) }) };
  }
  if (aliases.size > 0) {
    const list = ctx.pod.spec.hostAliases ?? [];
    for (const [ip, hostnames] of [...aliases].sort(([a], [b]) => (a < b ? -1 : 1))) list.push({ ip, hostnames: hostnames.sort() });
    ctx.pod.spec.hostAliases = list;
  }
  if (hostname) {
    const label = hostname.value.split('.')[0]!.toLowerCase();
    const ok = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(label);
    if (!ok) {
      ctx.warn(
        ctx.td,
        ctx.containerPtr(
          ctx.pod.containers.find((c) => c.ecsName === hostname!.container)!,
          'hostname',
        ),
        'hostname',
        `hostname ${show(hostname.value)} is not a DNS label: it is dropped`,
      );
    } else {
      ctx.pod.spec.hostname = label;
      if (hostname.value.includes('.')) {
        const owner = ctx.pod.containers.find((c) => c.ecsName === hostname!.container)!;
        ctx.note(ctx.td, ctx.containerPtr(owner, 'hostname'), 'hostname', `hostname ${show(hostname.value)} becomes the pod hostname ${show(label)}; the domain part comes from the cluster's DNS`);
      }
    }
  }
}
