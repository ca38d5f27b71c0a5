/**
 * The KEDA ScaledObject (keda.sh/v1alpha1) of a workload, and the TriggerAuthentication its
 * aws-cloudwatch triggers use.
 *
 * Credentials: the TriggerAuthentication uses `podIdentity.provider: aws` with
 * `identityOwner: keda`, so KEDA's operator reads CloudWatch with its own IAM role (IRSA or EKS
 * Pod Identity on the keda-operator ServiceAccount, which needs cloudwatch:GetMetricData). The
 * workload's own role (the ECS task role) is not widened for autoscaling, as in ECS, where
 * Application Auto Scaling reads the alarms with its service-linked role.
 */
import type { K8sObject } from '../bundle/types.js';
import { dnsLabel } from '../k8s/names.js';
import type { ConvertContext } from './context.js';
import type { Obj } from '../model/values.js';
import type { ResourceMetric, ScaleTargetRef } from './hpa.js';
import type { Trigger } from './scaling-policies.js';

export function buildScaledObject(ctx: ConvertContext, ref: ScaleTargetRef, min: number, max: number, metrics: ResourceMetric[], triggers: Trigger[], behavior: Obj | undefined): K8sObject[] {
  const out: K8sObject[] = [];
  const needsAws = triggers.some((t) => t.type === 'aws-cloudwatch');
  const authName = dnsLabel(`${ctx.id.name}-aws`);
  if (needsAws) {
    out.push({ apiVersion: 'keda.sh/v1alpha1', kind: 'TriggerAuthentication', metadata: ctx.meta(authName), spec: { podIdentity: { provider: 'aws', identityOwner: 'keda' } } });
  }
  const list: Obj[] = metrics.map((m) => ({
    type: m.resource,
    metricType: m.target.type,
    metadata: { value: m.target.type === 'Utilization' ? String(m.target.averageUtilization) : m.target.averageValue },
  }));
  for (const t of triggers) {
    const trigger: Obj = { type: t.type, name: t.name };
    if (t.metricType) trigger['metricType'] = t.metricType;
    trigger['metadata'] = t.metadata;
    if (t.type === 'aws-cloudwatch') trigger['authenticationRef'] = { name: authName };
    list.push(trigger);
  }
  const spec: Obj = {
    scaleTargetRef: { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name },
    minReplicaCount: min,
    maxReplicaCount: max,
  };
  if (behavior) spec['advanced'] = { horizontalPodAutoscalerConfig: { behavior } };
  spec['triggers'] = list;
  out.push({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: ctx.meta(ctx.id.name), spec });
  return out;
}
