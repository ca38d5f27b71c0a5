/**
 * Where a workload's kind, schedule and replicas come from, in falling priority:
 *
 * 1. the command line (`--workload`, `--schedule`, `--replicas`: Options.*Override), which wins
 *    over the inputs, with a note where it replaces what an input says;
 * 2. the inputs: steering keys (`ecs2k8s.io/workload`, `/schedule`, `/replicas`), then ECS itself
 *    (a service is a Deployment, or a DaemonSet for DAEMON; its desiredCount);
 * 3. the project file (Options.workload, schedule, replicas: defaults for task definitions built
 *    without a service);
 * 4. the defaults (a Deployment of 1 replica).
 *
 * `--workload` and `--schedule` concern task definitions built without a service (a service stays
 * what ECS runs it as); `--replicas` concerns every Deployment. A flag that changes nothing for the
 * inputs given is a warning (`not-applied`), and so is a part of it that did not apply (a note).
 * `--image` naming no container is an error (a warning for the project file's `images:`).
 */
import { show, type Diagnostics } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { Options } from '../options.js';
import { own } from '../model/values.js';
import type { WorkloadIdentity } from './context.js';
import type { Steering } from './steering.js';

type Kind = WorkloadIdentity['kind'];
const KINDS: Record<string, Kind> = { deployment: 'Deployment', daemonset: 'DaemonSet', job: 'Job', cronjob: 'CronJob' };

/** What the flags did, to say which of them changed nothing. */
export class FlagUse {
  private readonly built: { name: string; kind: Kind; standalone: boolean }[] = [];
  private readonly containers = new Set<string>();
  serviceNameUsed = false;

  constructor(private readonly options: Options) {}

  private readonly scaledBy = new Map<string, string>();

  workload(name: string, kind: Kind, standalone: boolean, containers: Iterable<string>): void {
    this.built.push({ name, kind, standalone });
    for (const c of containers) this.containers.add(c);
  }

  /** The workload's replicas belong to an autoscaler (a HorizontalPodAutoscaler, a ScaledObject). */
  autoscaled(name: string, by: string): void {
    this.scaledBy.set(name, by);
  }

  /** The warnings and notes about flags that did not apply, and the error for an unknown `--image` container. */
  report(d: Diagnostics): void {
    const o = this.options;
    const list = (ws: { name: string; kind: Kind }[]) => ws.map((w) => `${show(w.name)} (${w.kind})`).join(', ');
    const standalone = this.built.filter((w) => w.standalone);
    if (o.replicasOverride !== undefined) {
      const others = this.built.filter((w) => w.kind !== 'Deployment' || this.scaledBy.has(w.name));
      const why = (ws: { name: string; kind: Kind }[]) =>
        ws.map((w) => (this.scaledBy.has(w.name) ? `${show(w.name)} (autoscaled: its ${this.scaledBy.get(w.name)} sets the replicas)` : `${show(w.name)} (${w.kind})`)).join(', ');
      const what = `--replicas ${o.replicasOverride}`;
      if (others.length === this.built.length && others.length > 0)
        d.warn(undefined, '', 'not-applied', `${what} changes nothing: it sets the replicas of Deployments that no autoscaler owns, and this build has none (${why(others)})`);
      else if (others.length > 0) d.info(undefined, '', 'not-applied', `${what} does not apply to ${why(others)}: only Deployments without an autoscaler have replicas`);
    }
    const flag = o.scheduleOverride !== undefined && o.workloadOverride === 'cronjob' ? '--schedule' : '--workload';
    if (o.workloadOverride !== undefined && standalone.length === 0 && this.built.length > 0) {
      d.warn(
        undefined,
        '',
        'not-applied',
        `${flag} changes nothing: it applies to task definitions built without a service, and every task definition here is built with its service (${list(this.built)}), which ECS runs as a Deployment or, for DAEMON, a DaemonSet`,
      );
    }
    if (o.scheduleOverride !== undefined && this.built.length > 0 && !standalone.some((w) => w.kind === 'CronJob')) {
      if (standalone.length > 0 || o.workloadOverride !== 'cronjob') {
        d.warn(undefined, '', 'not-applied', `--schedule changes nothing: no CronJob is built from a task definition without a service (${list(this.built)})`);
      }
    }
    if (o.serviceName !== undefined && !this.serviceNameUsed && this.built.length > 0) {
      d.warn(
        undefined,
        '',
        'not-applied',
        `the service name ${show(o.serviceName)} (--service-name, or serviceName in the project file) names nothing: every service here has its own serviceName, and there is no task definition without a service`,
      );
    }
    const known =
      [...this.containers]
        .sort()
        .map((c) => `"${c}"`)
        .join(', ') || 'none';
    for (const name of Object.keys(o.images).sort()) {
      if (this.containers.has(name)) continue;
      const origin = own(o.imageOrigins, name) ?? { via: '--image', severity: 'error' as const };
      const what = origin.severity === 'error' ? 'pass the name of one of them' : 'remove the entry, or build it with the task definition that has this container';
      d.at(
        origin.source,
        origin.pointer ?? '',
        origin.severity,
        'unknown-image-override',
        `${origin.via} names the container ${show(name)}, which no task definition here has (containers: ${known}): ${what}`,
        'key',
      );
    }
  }
}

/** The kind of a workload: a task definition without a service takes the flag, its steering keys, the project file. */
export function workloadKind(svc: EcsDocument | undefined, steering: Steering, options: Options, d: Diagnostics): Kind {
  const steered = steering.get('ecs2k8s.io/workload');
  const steer = steered?.value ?? (steering.get('ecs2k8s.io/schedule') ? 'cronjob' : undefined);
  if (svc) return KINDS[steer ?? (svc.value['schedulingStrategy'] === 'DAEMON' ? 'daemonset' : 'deployment')] ?? 'Deployment';
  if (options.workloadOverride !== undefined) {
    const flag = options.scheduleOverride !== undefined ? '--schedule (a CronJob)' : `--workload ${options.workloadOverride}`;
    if (steered && steer !== options.workloadOverride) d.info(steered.doc.source, steered.pointer, 'overridden', `${flag} replaces ${show(steer)} of the steering key ecs2k8s.io/workload`);
    return KINDS[options.workloadOverride] ?? 'Deployment';
  }
  return KINDS[steer ?? options.workload] ?? 'Deployment';
}

/** The schedule of a CronJob (raw, before conversion) and where it came from, for messages. */
export function scheduleOf(svc: EcsDocument | undefined, td: EcsDocument, steering: Steering, options: Options, d: Diagnostics): { value?: string; label: string; doc: EcsDocument; pointer: string } {
  const steered = steering.get('ecs2k8s.io/schedule');
  if (!svc && options.scheduleOverride !== undefined) {
    if (steered && steered.value !== options.scheduleOverride)
      d.info(steered.doc.source, steered.pointer, 'overridden', `--schedule ${show(options.scheduleOverride)} replaces ${show(steered.value)} of the steering key ecs2k8s.io/schedule`);
    return { value: options.scheduleOverride, label: '--schedule', doc: td, pointer: td.pointer };
  }
  if (steered) return { value: steered.value, label: 'ecs2k8s.io/schedule', doc: steered.doc, pointer: steered.pointer };
  return { ...(!svc && options.schedule !== undefined && { value: options.schedule }), label: 'schedule (project file)', doc: td, pointer: td.pointer };
}

/** The replicas of a Deployment: `--replicas`, the steering key, desiredCount, the project file, 1 (other kinds have none). */
export function replicasOf(kind: Kind, svc: EcsDocument | undefined, steering: Steering, options: Options, d: Diagnostics): number {
  const steered = steering.get('ecs2k8s.io/replicas');
  const desired = svc && typeof svc.value['desiredCount'] === 'number' ? (svc.value['desiredCount'] as number) : undefined;
  if (kind === 'Deployment' && options.replicasOverride !== undefined) {
    const n = options.replicasOverride;
    if (steered && Number(steered.value) !== n) d.info(steered.doc.source, steered.pointer, 'overridden', `--replicas ${n} replaces ${show(steered.value)} of the steering key ecs2k8s.io/replicas`);
    else if (!steered && desired !== undefined && desired !== n) d.info(svc!.source, `${svc!.pointer}/desiredCount`, 'overridden', `--replicas ${n} replaces the service's desiredCount ${desired}`);
    return n;
  }
  if (steered) return Number(steered.value);
  if (svc) return desired ?? 1;
  return options.replicas ?? 1;
}
