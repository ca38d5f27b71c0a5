/**
 * user, privileged, readonlyRootFilesystem, linuxParameters (capabilities, initProcessEnabled),
 * systemControls, pidMode, ipcMode and stopTimeout → securityContext and pod-level settings.
 */
import { show } from '../diagnostics.js';
import type { Obj } from '../model/values.js';
import { ECS_STOP_TIMEOUT } from './traffic.js';
import type { ContainerPlan, ConvertContext } from './context.js';

/** Sysctls that Kubernetes allows without a kubelet allow-list (the "safe" set). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export function convertSecurity(ctx: ConvertContext): void {
  for (const c of ctx.pod.containers) containerSecurity(ctx, c);
  sysctls(ctx);
  const task = ctx.taskDefinition;
  const pid = task.pidMode;
  if (pid === 'host') ctx.pod.spec.hostPID = true;
  else if (pid === 'task') ctx.pod.spec.shareProcessNamespace = true;
  const ipc = task.ipcMode;
  if (ipc === 'host') ctx.pod.spec.hostIPC = true;
  else if (ipc === 'none') ctx.warn(ctx.td, ctx.tdPtr('ipcMode'), 'ipc-none', 'ipcMode "none" has no Kubernetes equivalent: containers of a pod share one IPC namespace');
  const stops = ctx.pod.containers.map((c) => ctx.container(c).stopTimeout).filter((x): x is number => x !== undefined);
  // One grace period for the pod: the longest stop timeout, counting ECS's 30 s default for the containers that set none.
  if (stops.length > 0) ctx.pod.spec.terminationGracePeriodSeconds = Math.max(...ctx.pod.containers.map((c) => ctx.container(c).stopTimeout ?? ECS_STOP_TIMEOUT));
}

function containerSecurity(ctx: ConvertContext, c: ContainerPlan): void {
  const sc: Obj = {};
  const def = ctx.container(c);
  const user = def.user;
  if (user !== undefined && user !== '') {
    const [u, g] = user.split(':', 2);
    const uid = u === 'root' ? 0 : u !== undefined && /^\d+$/.test(u) ? Number(u) : undefined;
    const gid = g === undefined ? undefined : g === 'root' ? 0 : /^\d+$/.test(g) ? Number(g) : undefined;
    if (uid !== undefined) sc['runAsUser'] = uid;
    if (gid !== undefined) sc['runAsGroup'] = gid;
    if (uid === undefined || (g !== undefined && gid === undefined)) {
      ctx.warn(
        ctx.td,
        ctx.containerPtr(c, 'user'),
        'named-user',
        `user ${show(user)} of container ${show(c.ecsName)} is a name: Kubernetes needs numeric ids (runAsUser/runAsGroup); ${uid === undefined ? "the image's own user applies" : 'the group is dropped'}; write the uid${g !== undefined ? ':gid' : ''} instead`,
      );
    }
  }
  if (def.privileged === true) sc['privileged'] = true;
  if (def.readonlyRootFilesystem === true) sc['readOnlyRootFilesystem'] = true;
  const lp = def.linuxParameters;
  if (lp) {
    const caps = lp.capabilities;
    if (caps) {
      const norm = (v: string[] = []) => v.map((x) => x.toUpperCase().replace(/^CAP_/, ''));
      const add = norm(caps.add);
      const drop = norm(caps.drop);
      if (add.length || drop.length) sc['capabilities'] = { ...(add.length && { add }), ...(drop.length && { drop }) };
    }
    if (lp.initProcessEnabled === true) {
      ctx.warn(
        ctx.td,
        ctx.containerPtr(c, 'linuxParameters', 'initProcessEnabled'),
        'init-process',
        `initProcessEnabled on container ${show(c.ecsName)}: Kubernetes injects no init process; add tini (or dumb-init) to the image's entrypoint to reap zombies and forward signals`,
      );
    }
  }
  if (Object.keys(sc).length > 0) {
    const order = ['runAsUser', 'runAsGroup', 'privileged', 'readOnlyRootFilesystem', 'capabilities'];
    c.k8s.securityContext = Object.fromEntries(order.filter((k) => k in sc).map((k) => [k, sc[k]]));
  }
}

function sysctls(ctx: ConvertContext): void {
  const values = new Map<string, { value: string; container: string }>();
  for (const c of ctx.pod.containers) {
    for (const [j, s] of (ctx.container(c).systemControls ?? []).entries()) {
      const name = s.namespace;
      const value = s.value;
      if (!name || value === undefined) continue;
      const prev = values.get(name);
      if (prev && prev.value !== value) {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'systemControls', j),
          'sysctl-conflict',
          `sysctl ${show(name)} is ${show(prev.value)} in ${show(prev.container)} and ${show(value)} in ${show(c.ecsName)}, but sysctls apply to the whole pod: the first is kept`,
        );
        continue;
      }
      if (!prev && !SAFE_SYSCTLS.has(name)) {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'systemControls', j),
          'unsafe-sysctl',
          `sysctl ${show(name)} is not in Kubernetes' safe set: the nodes' kubelet must allow it (--allowed-unsafe-sysctls) or the pod is rejected`,
        );
      }
      values.set(name, { value, container: c.ecsName });
    }
  }
  if (values.size > 0) {
    const sc = ctx.pod.spec.securityContext ?? {};
    sc['sysctls'] = [...values].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, v]) => ({ name, value: v.value }));
    ctx.pod.spec.securityContext = sc;
  }
}
