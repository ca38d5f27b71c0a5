/**
 * logConfiguration → where the logs go. A pod's containers write to stdout/stderr and the
 * cluster's log agent collects them; ECS log drivers that route to a named receiver (FireLens and
 * its Fluent Bit output, Splunk, Fluentd, GELF, syslog) lose that routing, which changes where
 * the lines end up: a warning naming the destination. awslogs / json-file / local keep the
 * registry's note (a cluster agent ships stdout to CloudWatch as awslogs did).
 */
import { show } from '../diagnostics.js';
import { own } from '../model/values.js';
import type { ConvertContext } from './context.js';

const ROUTED = new Set(['awsfirelens', 'splunk', 'fluentd', 'gelf', 'syslog']);

export function convertLogging(ctx: ConvertContext): void {
  const router = ctx.pod.containers.find((c) => c.def.firelensConfiguration !== undefined);
  for (const c of ctx.pod.containers) {
    const lc = c.def.logConfiguration;
    if (!lc) continue;
    const driver: string = lc.logDriver;
    if (!ROUTED.has(driver)) continue;
    const options = lc.options ?? {};
    const secrets = (lc.secretOptions ?? []).length > 0 ? '; its secretOptions are not converted either' : '';
    const ptr = ctx.containerPtr(c, 'logConfiguration');
    if (driver === 'awsfirelens') {
      const dest = own(options, 'Name');
      const where = dest ? `the Fluent Bit output ${show(dest)}${destinationDetail(options)}` : "the log router's own configuration file";
      const routerNote =
        router && router !== c
          ? ` The log router container ${show(router.ecsName)} still runs and keeps its CPU and memory, but receives nothing: remove it, or turn it into the cluster's log agent.`
          : '';
      ctx.warn(
        ctx.td,
        ptr,
        'log-routing',
        `FireLens sends the logs of ${show(c.ecsName)} to ${where}; in Kubernetes they go to stdout and the cluster's log agent (a Fluent Bit DaemonSet, CloudWatch Observability), not there: configure that output in the cluster's log agent${secrets}.${routerNote}`,
      );
    } else {
      ctx.warn(
        ctx.td,
        ptr,
        'log-routing',
        `the ${show(driver)} log driver sends the logs of ${show(c.ecsName)} to its own receiver; in Kubernetes they go to stdout and the cluster's log agent: configure a ${driver} output there${secrets}`,
      );
    }
  }
}

function destinationDetail(options: Readonly<Record<string, string>>): string {
  for (const k of ['bucket', 'log_group_name', 'delivery_stream', 'stream', 'Host', 'host']) {
    const v = own(options, k);
    if (v) return ` (${k} ${show(v)})`;
  }
  return '';
}
