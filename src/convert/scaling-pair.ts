/**
 * Pairs the Application Auto Scaling documents and CodeDeploy deployment groups with the
 * services they belong to: a scaling document by its ResourceId `service/CLUSTER/SERVICE`
 * (the service's `cluster`, name or ARN, default "default", and its `serviceName`), a deployment
 * group by its `ecsServices` (clusterName, serviceName). Documents for other namespaces or
 * dimensions are skipped with a note; one with no service among the inputs is a warning that
 * names the services found.
 */
import { Diagnostics, show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { parseEcsResourceId } from '../validate/resource-id.js';
import { str } from '../model/values.js';
import { serviceOf } from '../model/ecs.js';
import { deploymentGroupOf, scalingDocumentOf, scalingPolicyOf, scheduledActionOf } from '../model/delivery.js';

export interface ServiceScaling {
  target?: EcsDocument;
  policies: EcsDocument[];
  scheduled: EcsDocument[];
  deploymentGroup?: EcsDocument;
}

const CLUSTER_ARN = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/;

/** The cluster name of a service document: `cluster` (name or ARN), else ECS's default cluster "default". */
export function serviceCluster(svc: EcsDocument): string {
  // clusterArn is a describe-only member (DescribeServices): not validated, read with care.
  const c = serviceOf(svc).cluster ?? str(svc.value['clusterArn']) ?? 'default';
  return CLUSTER_ARN.exec(c)?.[1] ?? c;
}

const key = (cluster: string, service: string) => `${cluster}\u0000${service}`;

export function pairScaling(documents: readonly EcsDocument[], services: readonly EcsDocument[], d: Diagnostics): Map<EcsDocument, ServiceScaling> {
  const byKey = new Map<string, EcsDocument>();
  for (const s of services) {
    const name = serviceOf(s).serviceName;
    if (name !== undefined) byKey.set(key(serviceCluster(s), name), s);
  }
  const found = () =>
    [...byKey.keys()]
      .sort()
      .map((k) => `"service/${k.replace('\u0000', '/')}"`)
      .join(', ') || 'none';
  const out = new Map<EcsDocument, ServiceScaling>();
  const entry = (s: EcsDocument): ServiceScaling => out.get(s) ?? out.set(s, { policies: [], scheduled: [] }).get(s)!;
  for (const doc of documents) {
    if (doc.kind === 'deploymentGroup') {
      pairGroup(doc, byKey, entry, found, d);
      continue;
    }
    if (doc.kind !== 'scalableTarget' && doc.kind !== 'scalingPolicy' && doc.kind !== 'scheduledAction') continue;
    const { ServiceNamespace: ns, ScalableDimension: dim, ResourceId: id } = scalingDocumentOf(doc);
    if (ns !== 'ecs' || dim !== 'ecs:service:DesiredCount') {
      d.info(doc.source, doc.pointer, 'scaling-skipped', `this ${what(doc)} is for ${show(ns)} ${show(dim)} (${show(id)}), not an ECS service's desired count: it is skipped`);
      continue;
    }
    const parsed = parseEcsResourceId(id);
    const svc = parsed ? byKey.get(key(parsed.cluster, parsed.service)) : undefined;
    if (!svc) {
      d.warn(
        doc.source,
        `${doc.pointer}/ResourceId`,
        'scaling-unpaired',
        `the ${what(doc)} is for ${show(id)}, which is not among the services given (found: ${found()}): pass that service's definition too, or drop this file`,
      );
      continue;
    }
    const e = entry(svc);
    if (doc.kind === 'scalingPolicy') e.policies.push(doc);
    else if (doc.kind === 'scheduledAction') e.scheduled.push(doc);
    else if (e.target) {
      d.warn(doc.source, doc.pointer, 'scaling-duplicate', `a second scalable target for ${show(id)} (the first is in ${e.target.source.file}): the first one is used`);
    } else e.target = doc;
  }
  for (const [svc, e] of out) {
    if (!e.target && (e.policies.length > 0 || e.scheduled.length > 0)) {
      const first = e.policies[0] ?? e.scheduled[0]!;
      d.warn(
        first.source,
        first.pointer,
        'scaling-no-target',
        `service ${show(serviceOf(svc).serviceName)} has scaling policies or scheduled actions but no scalable target among the inputs: its MinCapacity and MaxCapacity are unknown; pass the describe-scalable-targets output (or the RegisterScalableTarget request) too. It is not autoscaled`,
      );
    }
  }
  return out;
}

function what(doc: EcsDocument): string {
  return doc.kind === 'scalableTarget'
    ? 'scalable target'
    : doc.kind === 'scalingPolicy'
      ? `scaling policy ${show(scalingPolicyOf(doc).PolicyName)}`
      : `scheduled action ${show(scheduledActionOf(doc).ScheduledActionName)}`;
}

function pairGroup(doc: EcsDocument, byKey: Map<string, EcsDocument>, entry: (s: EcsDocument) => ServiceScaling, found: () => string, d: Diagnostics): void {
  const list = deploymentGroupOf(doc).ecsServices ?? [];
  let paired = 0;
  for (const s of list) {
    const svc = byKey.get(key(s.clusterName ?? 'default', s.serviceName ?? ''));
    if (!svc) continue;
    paired++;
    const e = entry(svc);
    if (e.deploymentGroup)
      d.warn(doc.source, doc.pointer, 'scaling-duplicate', `service ${show(s.serviceName)} is in two deployment groups (the first is in ${e.deploymentGroup.source.file}): the first one is used`);
    else e.deploymentGroup = doc;
  }
  if (paired === 0) {
    const names = list.map((s) => `"service/${s.clusterName ?? '?'}/${s.serviceName ?? '?'}"`).join(', ') || 'none';
    d.warn(
      doc.source,
      `${doc.pointer}/ecsServices`,
      'scaling-unpaired',
      `the deployment group ${show(deploymentGroupOf(doc).deploymentGroupName)} is for ${names}, none of which is among the services given (found: ${found()}): pass that service's definition too, or drop this file`,
    );
  }
}
