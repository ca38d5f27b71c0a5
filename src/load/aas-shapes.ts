/**
 * The Application Auto Scaling and CodeDeploy shapes, as people get them from the AWS CLI:
 * `describe-scalable-targets` / `describe-scaling-policies` / `describe-scheduled-actions`
 * responses (`{"ScalableTargets": […]}`, `{"ScalingPolicies": […]}`, `{"ScheduledActions": […]}`,
 * PascalCase as the CLI prints them, `NextToken` tolerated), the RegisterScalableTarget /
 * PutScalingPolicy / PutScheduledAction request shapes, and `aws deploy get-deployment-group`
 * (`{"deploymentGroupInfo": {…}}`). Every one is unwrapped into documents of the request shape
 * (kinds scalableTarget, scalingPolicy, scheduledAction, deploymentGroup), which the readers of
 * infrastructure code produce too. CloudWatch metric alarms (`aws cloudwatch describe-alarms`,
 * `{"MetricAlarms": […]}`, or PutMetricAlarm requests; kind metricAlarm) say which metric a
 * deployment alarm or a step scaling policy watches.
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import { suggest } from '../model/suggest.js';
import type { EcsDocument, ScalingKind } from './document.js';
import type { DocumentSource } from './source.js';
import { isObject } from '../model/values.js';

const RESPONSES: { list: string; kind: ScalingKind; what: string; item: string }[] = [
  { list: 'ScalableTargets', kind: 'scalableTarget', what: 'a DescribeScalableTargets response', item: 'scalable target' },
  { list: 'ScalingPolicies', kind: 'scalingPolicy', what: 'a DescribeScalingPolicies response', item: 'scaling policy' },
  { list: 'ScheduledActions', kind: 'scheduledAction', what: 'a DescribeScheduledActions response', item: 'scheduled action' },
];

/** Members of a response envelope that carry no definition and are ignored. */
const ENVELOPE_EXTRAS = new Set(['NextToken', 'ResponseMetadata', '$metadata']);

/**
 * The documents of a file in one of these shapes, or undefined when the file is in none of them
 * (then it is an ECS shape, or not a document at all).
 */
export function unwrapAasDocuments(value: Record<string, unknown>, source: DocumentSource, d: Diagnostics): EcsDocument[] | undefined {
  const keys = Object.keys(value);
  for (const r of RESPONSES) {
    const list = value[r.list];
    if (!Array.isArray(list)) continue;
    for (const k of keys) {
      if (k !== r.list && !ENVELOPE_EXTRAS.has(k)) {
        const hint = suggest(k, [r.list, 'NextToken']);
        d.error(source, pointerJoin('', k), 'unknown-member', `${show(k)} is not a member of ${r.what} (it has "${r.list}" and "NextToken")${hint ? `: did you mean "${hint}"?` : ''}`, 'key');
      }
    }
    if (typeof value['NextToken'] === 'string' && value['NextToken'] !== '') {
      d.warn(
        source,
        '/NextToken',
        'incomplete-response',
        `the response has a "NextToken": it is one page of several, and the ${r.item}s of the other pages are not in this file; run the command with --no-paginate removed (the AWS CLI follows pages by itself) or pass the other pages too`,
        'key',
      );
    }
    const docs: EcsDocument[] = [];
    list.forEach((item, i) => {
      const pointer = `/${r.list}/${i}`;
      if (isObject(item)) docs.push({ kind: r.kind, source, pointer, value: item });
      else d.error(source, pointer, 'wrong-type', `${r.list}[${i}] is ${show(item)}, not a ${r.item} object`);
    });
    if (docs.length === 0 && d.errorCount === 0) d.warn(source, `/${r.list}`, 'empty-document', `${r.what} lists no ${r.item}: nothing to do`);
    return docs;
  }
  // aws cloudwatch describe-alarms: {"MetricAlarms": [...], "CompositeAlarms": [...]}
  if (Array.isArray(value['MetricAlarms'])) {
    for (const k of keys) {
      if (k !== 'MetricAlarms' && k !== 'CompositeAlarms' && !ENVELOPE_EXTRAS.has(k)) {
        d.error(source, pointerJoin('', k), 'unknown-member', `${show(k)} is not a member of a DescribeAlarms response (it has "MetricAlarms", "CompositeAlarms" and "NextToken")`, 'key');
      }
    }
    if (Array.isArray(value['CompositeAlarms']) && value['CompositeAlarms'].length > 0) {
      d.warn(source, '/CompositeAlarms', 'scaling-policy', 'composite alarms combine other alarms by a rule that has no Kubernetes counterpart: they are not read; their metric alarms are');
    }
    const docs: EcsDocument[] = [];
    value['MetricAlarms'].forEach((item, i) => {
      if (isObject(item)) docs.push({ kind: 'metricAlarm', source, pointer: `/MetricAlarms/${i}`, value: item });
      else d.error(source, `/MetricAlarms/${i}`, 'wrong-type', `MetricAlarms[${i}] is ${show(item)}, not a metric alarm object`);
    });
    return docs;
  }
  if (isObject(value['deploymentGroupInfo'])) {
    for (const k of keys) {
      if (k !== 'deploymentGroupInfo' && !ENVELOPE_EXTRAS.has(k)) {
        d.error(source, pointerJoin('', k), 'unknown-member', `${show(k)} is not a member of a GetDeploymentGroup response (it has "deploymentGroupInfo")`, 'key');
      }
    }
    return [{ kind: 'deploymentGroup', source, pointer: '/deploymentGroupInfo', value: value['deploymentGroupInfo'] }];
  }
  const kind = classifyRequest(keys);
  return kind ? [{ kind, source, pointer: '', value }] : undefined;
}

/** A request shape by its members: PascalCase Application Auto Scaling, or a bare DeploymentGroupInfo. */
function classifyRequest(keys: string[]): EcsDocument['kind'] | undefined {
  const has = (k: string) => keys.includes(k);
  if (has('PolicyName') || has('TargetTrackingScalingPolicyConfiguration') || has('StepScalingPolicyConfiguration')) return 'scalingPolicy';
  if (has('ScheduledActionName') || has('Schedule') || has('ScalableTargetAction')) return 'scheduledAction';
  if (has('ScalableDimension') || has('ServiceNamespace') || has('MinCapacity') || has('MaxCapacity')) return 'scalableTarget';
  if (has('AlarmName') && (has('ComparisonOperator') || has('MetricName') || has('Metrics'))) return 'metricAlarm';
  if (has('deploymentGroupName') && (has('applicationName') || has('deploymentConfigName') || has('ecsServices'))) return 'deploymentGroup';
  return undefined;
}
