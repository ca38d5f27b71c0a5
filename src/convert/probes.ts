/**
 * healthCheck → exec probes. CMD runs its arguments, CMD-SHELL runs `/bin/sh -c`; a command in
 * neither form runs no check in Docker, so it has no probe. The ECS
 * defaults (interval 30, timeout 5, retries 3) carry over; startPeriod becomes a startupProbe.
 * Readiness and liveness by default, steerable per container with ecs2k8s.io/probes.
 */
import { show } from '../diagnostics.js';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ContainerPlan, ConvertContext } from './context.js';

export const ECS_HEALTH_DEFAULTS = { interval: 30, timeout: 5, retries: 3 } as const;

export function healthCommand(cmd: readonly unknown[]): string[] | undefined {
  const parts = cmd.filter((x): x is string => typeof x === 'string');
  if (parts.length === 0 || parts[0] === 'NONE') return undefined;
  if (parts[0] === 'CMD-SHELL') return parts.length > 1 ? ['/bin/sh', '-c', parts.slice(1).join(' ')] : undefined;
  if (parts[0] === 'CMD') return parts.length > 1 ? parts.slice(1) : undefined;
  // Docker runs no check for any other form (validation warns: health-check-form).
  return undefined;
}

export function convertProbes(ctx: ConvertContext): void {
  const grace = ctx.serviceDefinition?.healthCheckGracePeriodSeconds;
  if (grace !== undefined && ctx.svc && !ctx.pod.containers.some((c) => c.def.healthCheck !== undefined)) {
    ctx.note(
      ctx.svc,
      ctx.svcPtr('healthCheckGracePeriodSeconds'),
      'grace-period',
      `healthCheckGracePeriodSeconds ${grace} delays the load balancer's health checks in ECS; no container has a healthCheck, so there is no probe to delay: set the alb.ingress.kubernetes.io/healthcheck-* annotations, or add a readinessProbe`,
    );
  }
  for (const c of ctx.pod.containers) {
    const hc = c.def.healthCheck;
    if (!hc) {
      if (c.awaitedHealthy) {
        ctx.warn(ctx.td, ctx.containerPtr(c), 'healthy-without-check', `containers wait for ${show(c.ecsName)} to be HEALTHY, but it has no healthCheck: they start once it has started`);
      }
      continue;
    }
    const command = healthCommand(hc.command);
    if (!command) continue;
    if (c.role === 'init') {
      ctx.note(
        ctx.td,
        ctx.containerPtr(c, 'healthCheck'),
        'probe-on-init',
        `${show(c.ecsName)} runs to completion before the others start (an init container), where probes do not apply: its healthCheck is dropped`,
      );
      continue;
    }
    const interval = hc.interval ?? ECS_HEALTH_DEFAULTS.interval;
    const timeout = hc.timeout ?? ECS_HEALTH_DEFAULTS.timeout;
    const retries = hc.retries ?? ECS_HEALTH_DEFAULTS.retries;
    const startPeriod = hc.startPeriod ?? 0;
    const probe = (): IProbe => ({ exec: { command: [...command] }, periodSeconds: interval, timeoutSeconds: timeout, failureThreshold: retries });
    // A sidecar's startup probe holds back the containers after it: only those waiting for HEALTHY should wait.
    const startup = c.awaitedHealthy !== undefined || (startPeriod > 0 && c.role !== 'sidecar');
    const wanted = which(ctx, c, startup);
    if (!ctx.steering.get('ecs2k8s.io/probes', c.index) && c.def.essential === false) {
      // ECS: "The container health check status of nonessential containers [does] not have an effect on the health status of a task".
      wanted.delete('liveness');
      wanted.delete('readiness');
      if (c.awaitedHealthy === undefined) wanted.delete('startup');
      ctx.note(
        ctx.td,
        ctx.containerPtr(c, 'healthCheck'),
        'non-essential',
        `${show(c.ecsName)} is not essential: its healthCheck neither takes the task out of service nor replaces it in ECS, so it gets no readiness or liveness probe${wanted.has('startup') ? ' (a startup probe, for the containers that wait for it to be HEALTHY)' : ''}`,
      );
    }
    if (wanted.has('liveness')) {
      const p = probe();
      const delay = Math.max(grace ?? 0, wanted.has('startup') ? 0 : startPeriod);
      if (delay > 0 && !wanted.has('startup')) p.initialDelaySeconds = delay;
      c.k8s.livenessProbe = ordered(p);
    }
    if (wanted.has('readiness')) c.k8s.readinessProbe = ordered(probe());
    if (wanted.has('startup')) {
      const budget = Math.max(c.awaitedHealthy?.startTimeout ?? 0, startPeriod + retries * interval, grace ?? 0);
      const p = probe();
      p.failureThreshold = Math.max(1, Math.ceil(budget / interval));
      c.k8s.startupProbe = ordered(p);
    }
  }
}

/** The probe's members in the order the output has them. */
function ordered(p: IProbe): IProbe {
  const out: IProbe = { exec: p.exec! };
  for (const k of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'] as const) if (p[k] !== undefined) out[k] = p[k];
  return out;
}

function which(ctx: ConvertContext, c: ContainerPlan, startup: boolean): Set<string> {
  const steer = ctx.steering.get('ecs2k8s.io/probes', c.index);
  if (!steer) {
    const s = new Set(['liveness', 'readiness']);
    if (startup) s.add('startup');
    return s;
  }
  const s = new Set(steer.value.split(',').map((p) => p.trim()));
  s.delete('none');
  if (c.awaitedHealthy && !s.has('startup') && s.size > 0) s.add('startup');
  return s;
}
