/**
 * A workload's identity: its Kubernetes name (the service's name, --service-name or the family),
 * its namespace (the cluster's, mapped or sanitised, else the folder's or the default), its
 * app.kubernetes.io labels and its kind.
 */
import { show, type Diagnostics } from '../diagnostics.js';
import { dnsLabel } from '../k8s/names.js';
import type { EcsDocument } from '../load/shapes.js';
import { own, str } from '../model/values.js';
import type { Options } from '../options.js';
import type { WorkloadIdentity } from './context.js';
import { workloadKind } from './overrides.js';
import type { Pair } from './pairing.js';
import type { Steering } from './steering.js';
import { serviceOf, taskDefinitionOf } from '../model/ecs.js';

export function clusterName(svc: EcsDocument | undefined): string | undefined {
  // clusterArn is a describe-only member (DescribeServices): not validated, read with care.
  const c = (svc && serviceOf(svc).cluster) ?? str(svc?.value['clusterArn']);
  if (!c) return undefined;
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(c);
  return arn ? arn[1] : c;
}

export function identity(pair: Pair, options: Options, d: Diagnostics, steering: Steering): WorkloadIdentity {
  const { td, svc } = pair;
  const family = taskDefinitionOf(td).family;
  const cluster = clusterName(svc);
  const mapped = cluster !== undefined ? own(options.namespaces, cluster) : undefined;
  let namespace = options.namespaceOverride ?? (cluster !== undefined ? (mapped ?? dnsLabel(cluster)) : (td.namespace ?? options.namespace));
  if (cluster !== undefined && options.namespaceOverride === undefined && mapped === undefined && namespace !== cluster) {
    d.info(svc!.source, `${svc!.pointer}/cluster`, 'name-sanitised', `cluster ${show(cluster)} becomes the namespace ${show(namespace)}`);
  }
  const raw = namespace;
  namespace = dnsLabel(namespace);
  if (namespace !== raw) d.warn(undefined, '', 'name-sanitised', `the namespace ${show(raw)} becomes ${show(namespace)} (namespace names are lowercase DNS labels without ".")`);
  const serviceName = svc && serviceOf(svc).serviceName;
  const rawName = serviceName ?? options.serviceName ?? family;
  const name = dnsLabel(rawName);
  if (name !== rawName) {
    const message = `${show(rawName)} becomes ${show(name)} in Kubernetes (lowercase DNS label of at most 63 characters)`;
    if (svc && serviceName) d.warn(svc.source, `${svc.pointer}/serviceName`, 'name-sanitised', message, 'value');
    else if (options.serviceName !== undefined) d.warn(undefined, '', 'name-sanitised', `--service-name: ${message}`);
    else d.warn(td.source, `${td.pointer}/family`, 'name-sanitised', message, 'value');
  }
  const kind = workloadKind(svc, steering, options, d);
  return { name: kind === 'CronJob' ? dnsLabel(rawName, 52) : name, namespace, appName: dnsLabel(family), instance: name, kind };
}
