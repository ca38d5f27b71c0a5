/**
 * Application Auto Scaling policies → what the autoscaler needs: resource targets (target
 * tracking on ECSServiceAverageCPUUtilization / MemoryUtilization, the HighResolution variants
 * included) and KEDA aws-cloudwatch triggers (ALBRequestCountPerTarget, customised metrics).
 * Step scaling, predictive scaling and metric math are reported, not converted.
 *
 * Target tracking aims at `metric = TargetValue` by setting capacity ≈ current × metric / target,
 * which is the HPA's own rule for a Value (or Utilization) target: the CloudWatch triggers are
 * metricType Value on the metric as ECS reads it (RequestCountPerTarget is already per target).
 */
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import type { ConvertContext } from './context.js';
import { objs, str } from '../model/values.js';
import { metricAlarmOf, scalingPolicyOf, type PredefinedMetricSpecification, type TargetTrackingScalingPolicyConfiguration } from '../model/delivery.js';
import type { ScaledResource } from './scaling-denominator.js';
import { alarmQuery, dimensionsOf, ecsBoundDimensions } from './alarm-metric.js';

export interface ResourceTarget {
  resource: ScaledResource;
  percent: number;
  doc: EcsDocument;
}

export interface Trigger {
  name: string;
  type: 'aws-cloudwatch' | 'cron';
  metadata: Record<string, string>;
  metricType?: 'Value';
}

export interface PolicyPlan {
  resources: ResourceTarget[];
  triggers: Trigger[];
  /** Target tracking policies converted, and how many of them disable scale-in. */
  tracking: number;
  scaleInDisabled: number;
  /** Largest ScaleInCooldown (ECS default 300 s) and every ScaleOutCooldown set. */
  scaleInCooldown: number;
  scaleOutCooldowns: number[];
}

/** ECS's default cooldowns for target tracking on a service (Application Auto Scaling docs). */
export const ECS_DEFAULT_COOLDOWN = 300;

const STATISTICS: Record<string, string> = { Average: 'Average', Minimum: 'Minimum', Maximum: 'Maximum', SampleCount: 'SampleCount', Sum: 'Sum' };

export function planPolicies(ctx: ConvertContext, policies: readonly EcsDocument[], alarms: ReadonlyMap<string, EcsDocument> = new Map()): PolicyPlan {
  const plan: PolicyPlan = { resources: [], triggers: [], tracking: 0, scaleInDisabled: 0, scaleInCooldown: 0, scaleOutCooldowns: [] };
  let anyCooldown = false;
  for (const doc of policies) {
    const v = scalingPolicyOf(doc);
    const name = v.PolicyName;
    const type = v.PolicyType ?? (v.StepScalingPolicyConfiguration ? 'StepScaling' : 'TargetTrackingScaling');
    if (type === 'StepScaling') {
      stepPolicy(ctx, doc, name, alarms, plan);
      continue;
    }
    if (type === 'PredictiveScaling') continue; // no equivalent: the registry's generic pass warns (src/convert/unmapped.ts)
    const tt = v.TargetTrackingScalingPolicyConfiguration;
    if (!tt) continue;
    const ptr = `${doc.pointer}/TargetTrackingScalingPolicyConfiguration`;
    const target = tt.TargetValue;
    const converted = trackingTarget(ctx, doc, tt, ptr, name, target, plan);
    if (!converted) continue;
    plan.tracking++;
    if (tt.DisableScaleIn === true) plan.scaleInDisabled++;
    const scaleIn = tt.ScaleInCooldown;
    const scaleOut = tt.ScaleOutCooldown;
    if (scaleIn !== undefined || scaleOut !== undefined) anyCooldown = true;
    plan.scaleInCooldown = Math.max(plan.scaleInCooldown, scaleIn ?? ECS_DEFAULT_COOLDOWN);
    if (scaleOut !== undefined) plan.scaleOutCooldowns.push(scaleOut);
  }
  if (!anyCooldown && plan.tracking > 0) plan.scaleInCooldown = ECS_DEFAULT_COOLDOWN;
  return plan;
}

/**
 * Step scaling adds or removes capacity in steps when its alarm fires. With the alarm's
 * definition among the inputs, a scale-out policy on a high alarm becomes a KEDA aws-cloudwatch
 * trigger on the alarm's metric with the threshold as target (metricType Value: the replicas
 * grow in proportion to how far the metric is above the threshold, instead of by the steps):
 * approximated, warned. A scale-in policy needs no trigger (the autoscaler scales in when the
 * metric falls below the target). Without the alarm, a warning.
 */
function stepPolicy(ctx: ConvertContext, doc: EcsDocument, name: string, alarms: ReadonlyMap<string, EcsDocument>, plan: PolicyPlan): void {
  const policy = scalingPolicyOf(doc);
  // Alarms is a describe-only member (DescribeScalingPolicies): not validated, read with care.
  const names = objs(policy.Alarms)
    .map(([a]) => str(a['AlarmName']))
    .filter((a): a is string => a !== undefined);
  const ptr = `${doc.pointer}/PolicyType`;
  const alarm = names.map((n) => alarms.get(n)).find((a) => a !== undefined);
  const steps = policy.StepScalingPolicyConfiguration?.StepAdjustments ?? [];
  const scaleOut = steps.some((s) => s.ScalingAdjustment > 0);
  if (!alarm) {
    ctx.warn(
      doc,
      ptr,
      'scaling-policy',
      `step scaling policy ${show(name)} is not converted: the metric it steps on belongs to its CloudWatch alarm${names.length ? ` (${names.map((a) => show(a)).join(', ')})` : ''}, which the policy does not hold; pass \`aws cloudwatch describe-alarms\` output for it, or add a KEDA aws-cloudwatch trigger on that alarm's metric by hand`,
    );
    return;
  }
  if (!scaleOut) {
    ctx.note(doc, ptr, 'scaling-policy', `step scaling policy ${show(name)} only scales in: the autoscaler scales in by itself when its metrics fall below their targets`);
    return;
  }
  const q = alarmQuery(alarm);
  if ('why' in q || !q.single || (q.operator !== '>' && q.operator !== '>=')) {
    ctx.warn(
      doc,
      ptr,
      'scaling-policy',
      `step scaling policy ${show(name)} is not converted: its alarm ${show(metricAlarmOf(alarm).AlarmName)} ${'why' in q ? q.why : !q.single ? 'uses metric math, which the aws-cloudwatch trigger cannot evaluate' : 'fires below its threshold, which no trigger scales out on'}`,
    );
    return;
  }
  const metadata: Record<string, string> = { namespace: q.single.namespace, metricName: q.single.metricName };
  if (q.single.dimensions.length > 0) {
    metadata['dimensionName'] = q.single.dimensions.map(([n]) => n).join(';');
    metadata['dimensionValue'] = q.single.dimensions.map(([, val]) => val).join(';');
  }
  Object.assign(metadata, { targetMetricValue: formatNumber(q.threshold), metricStat: STATISTICS[q.single.stat] ?? 'Average', metricStatPeriod: String(q.period) });
  if (q.single.unit) metadata['metricUnit'] = q.single.unit;
  addRegion(ctx, alarm, metadata);
  boundWarning(ctx, alarm, `${alarm.pointer}/Dimensions`, `step scaling policy ${show(name)}'s alarm`, q.single.dimensions);
  plan.triggers.push({ name: triggerName(name), type: 'aws-cloudwatch', metadata, metricType: 'Value' });
  ctx.warn(
    doc,
    ptr,
    'scaling-policy',
    `step scaling policy ${show(name)} becomes a KEDA aws-cloudwatch trigger on its alarm's metric ${show(`${q.single.namespace} ${q.single.metricName}`)} with the alarm's threshold ${formatNumber(q.threshold)} as target: approximated (replicas grow in proportion to the metric, not by the policy's steps)`,
  );
}

function trackingTarget(ctx: ConvertContext, doc: EcsDocument, tt: TargetTrackingScalingPolicyConfiguration, ptr: string, name: string, target: number, plan: PolicyPlan): boolean {
  const pre = tt.PredefinedMetricSpecification;
  if (pre) {
    const metric: string = pre.PredefinedMetricType;
    if (/^ECSServiceAverage(CPU|Memory)Utilization(HighResolution)?$/.test(metric)) {
      plan.resources.push({ resource: metric.includes('CPU') ? 'cpu' : 'memory', percent: target, doc });
      return true;
    }
    if (metric === 'ALBRequestCountPerTarget') return albTrigger(ctx, doc, pre, ptr, name, target, plan);
    ctx.warn(
      doc,
      `${ptr}/PredefinedMetricSpecification/PredefinedMetricType`,
      'scaling-policy',
      `target tracking policy ${show(name)} tracks ${show(metric)}, which is not a metric of an ECS service: it is not converted`,
    );
    return false;
  }
  const custom = tt.CustomizedMetricSpecification;
  if (!custom) return false;
  const { MetricName: metricName, Namespace: namespace } = custom;
  if (!metricName || !namespace) {
    ctx.warn(
      doc,
      `${ptr}/CustomizedMetricSpecification`,
      'scaling-policy',
      `target tracking policy ${show(name)} uses metric math ("Metrics"), which KEDA's aws-cloudwatch trigger cannot evaluate: it is not converted; write the query as a CloudWatch Metrics Insights "expression" on a KEDA trigger by hand`,
    );
    return false;
  }
  const dims = dimensionsOf(custom.Dimensions);
  boundWarning(ctx, doc, `${ptr}/CustomizedMetricSpecification/Dimensions`, `target tracking policy ${show(name)}`, dims);
  const stat = STATISTICS[custom.Statistic ?? 'Average'] ?? 'Average';
  const metadata: Record<string, string> = { namespace, metricName };
  if (dims.length > 0) {
    metadata['dimensionName'] = dims.map(([n]) => n).join(';');
    metadata['dimensionValue'] = dims.map(([, val]) => val).join(';');
  }
  Object.assign(metadata, { targetMetricValue: formatNumber(target), metricStat: stat, metricStatPeriod: '60' });
  const unit = custom.Unit;
  if (unit) metadata['metricUnit'] = unit;
  addRegion(ctx, doc, metadata);
  plan.triggers.push({ name: triggerName(name), type: 'aws-cloudwatch', metadata, metricType: 'Value' });
  return true;
}

/** ResourceLabel `app/<lb>/<id>/targetgroup/<tg>/<id>` → the LoadBalancer and TargetGroup dimensions. */
function albTrigger(ctx: ConvertContext, doc: EcsDocument, pre: PredefinedMetricSpecification, ptr: string, name: string, target: number, plan: PolicyPlan): boolean {
  const label = pre.ResourceLabel ?? '';
  const m = /^(app\/[^/]+\/[^/]+)\/(targetgroup\/[^/]+\/[^/]+)$/.exec(label);
  if (!m) {
    ctx.warn(
      doc,
      `${ptr}/PredefinedMetricSpecification/ResourceLabel`,
      'scaling-policy',
      `target tracking policy ${show(name)} tracks ALBRequestCountPerTarget but its ResourceLabel ${show(label)} is not "app/<load-balancer>/<id>/targetgroup/<target-group>/<id>": it is not converted`,
    );
    return false;
  }
  const metadata: Record<string, string> = {
    namespace: 'AWS/ApplicationELB',
    metricName: 'RequestCountPerTarget',
    dimensionName: 'LoadBalancer;TargetGroup',
    dimensionValue: `${m[1]};${m[2]}`,
    targetMetricValue: formatNumber(target),
    metricStat: 'Sum',
    metricStatPeriod: '60',
  };
  addRegion(ctx, doc, metadata);
  boundWarning(ctx, doc, `${ptr}/PredefinedMetricSpecification/ResourceLabel`, `target tracking policy ${show(name)}`, [
    ['LoadBalancer', m[1]!],
    ['TargetGroup', m[2]!],
  ]);
  plan.triggers.push({ name: triggerName(name), type: 'aws-cloudwatch', metadata, metricType: 'Value' });
  return true;
}

function boundWarning(ctx: ConvertContext, doc: EcsDocument, ptr: string, what: string, dims: readonly (readonly [string, string])[]): void {
  const bound = ecsBoundDimensions(dims);
  if (bound) ctx.warn(doc, ptr, 'scaling-policy', `${what}: ${bound}`);
}

const ARN_REGION = /arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-\d+):/;

/** KEDA's aws-cloudwatch trigger needs the region: the project file's, else the one in the policy's or the service's ARNs. */
function addRegion(ctx: ConvertContext, doc: EcsDocument, metadata: Record<string, string>): void {
  const region = ctx.options.region ?? ARN_REGION.exec(JSON.stringify(doc.value))?.[1] ?? (ctx.svc ? ARN_REGION.exec(JSON.stringify(ctx.svc.value))?.[1] : undefined);
  if (region) metadata['awsRegion'] = region;
  else ctx.warn(doc, doc.pointer, 'scaling-region', 'KEDA\'s aws-cloudwatch trigger needs the AWS region, and no input names one: set "region" in the project file (ecs2k8s.yaml)');
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/** KEDA trigger names become metric names: lowercase letters, digits and '-'. */
export function triggerName(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return t || 'trigger';
}
