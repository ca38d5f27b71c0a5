/**
 * CloudWatch metric alarms (kind metricAlarm) → what Argo Rollouts and KEDA need of them: the
 * GetMetricData queries of the alarm's metric (a single metric, or its metric math, which Argo's
 * cloudWatch provider runs as it is) and the breach condition. An alarm goes to ALARM when
 * DatapointsToAlarm (default EvaluationPeriods) of the last EvaluationPeriods datapoints of
 * Period seconds cross Threshold by ComparisonOperator (Amazon CloudWatch user guide, "Evaluating
 * an alarm"); the Argo metric reads that window and fails when as many values breach.
 */
import type { EcsDocument } from '../load/shapes.js';
import { isObject, num, objs, str, type Obj } from '../model/values.js';

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

export interface AlarmQuery {
  /** Argo cloudWatch metricDataQueries. */
  queries: Obj[];
  /** Expr condition that is true when the alarm would be in ALARM. */
  breach: string;
  period: number;
  /** Seconds of data the alarm evaluates (Period × EvaluationPeriods). */
  window: number;
  /** For KEDA: the single metric, when the alarm watches one. */
  single?: { namespace: string; metricName: string; dimensions: [string, string][]; stat: string; unit?: string };
  threshold: number;
  operator: string;
}

/** Undefined when the alarm cannot be expressed (anomaly detection bands, PromQL, no threshold): `why` says so. */
export function alarmQuery(alarm: EcsDocument): AlarmQuery | { why: string } {
  const v = alarm.value;
  const op = OPERATORS[str(v['ComparisonOperator']) ?? ''];
  const threshold = num(v['Threshold']);
  if (!op || threshold === undefined) return { why: `its comparison ${JSON.stringify(v['ComparisonOperator'] ?? 'none')} is not a fixed threshold (anomaly detection bands and PromQL alarms have no Argo equivalent)` };
  const periods = num(v['EvaluationPeriods']) ?? 1;
  const toAlarm = num(v['DatapointsToAlarm']) ?? periods;
  const metrics = objs(v['Metrics']);
  let period = num(v['Period']) ?? 60;
  let queries: Obj[];
  let single: AlarmQuery['single'];
  if (metrics.length > 0) {
    queries = metrics.map(([q]) => {
      const out: Obj = { id: str(q['Id']) ?? 'm1' };
      if (str(q['Expression'])) out['expression'] = q['Expression'];
      if (str(q['Label'])) out['label'] = q['Label'];
      const ms = q['MetricStat'];
      if (isObject(ms)) {
        const m = isObject(ms['Metric']) ? ms['Metric'] : {};
        period = num(ms['Period']) ?? period;
        out['metricStat'] = { metric: metricOf(m), period: num(ms['Period']) ?? period, stat: str(ms['Stat']) ?? 'Average', ...(str(ms['Unit']) && { unit: ms['Unit'] }) };
      }
      if (num(q['Period']) !== undefined) out['period'] = q['Period'];
      out['returnData'] = q['ReturnData'] !== false;
      return out;
    });
  } else {
    const stat = str(v['ExtendedStatistic']) ?? str(v['Statistic']) ?? 'Average';
    const m = { Namespace: v['Namespace'], MetricName: v['MetricName'], Dimensions: v['Dimensions'] };
    queries = [{ id: 'm1', metricStat: { metric: metricOf(m), period, stat, ...(str(v['Unit']) && { unit: v['Unit'] }) }, returnData: true }];
    single = { namespace: str(v['Namespace']) ?? '', metricName: str(v['MetricName']) ?? '', dimensions: objs(v['Dimensions']).map(([d]) => [str(d['Name']) ?? '', str(d['Value']) ?? '']), stat, ...(str(v['Unit']) && { unit: str(v['Unit'])! }) };
  }
  const breach = `count(result[0].Values, {# ${op} ${threshold}}) >= ${toAlarm}`;
  return { queries, breach, period, window: period * periods, threshold, operator: op, ...(single && { single }) };
}

/**
 * Dimensions that name what the ECS service had and the cluster will not: its target group and
 * load balancer (the AWS Load Balancer Controller makes new target groups for the Ingress), or
 * the ECS cluster and service. A sentence for a warning, or undefined when there is none.
 */
export function ecsBoundDimensions(dims: readonly (readonly [string, string])[]): string | undefined {
  const bound = dims.filter(([n]) => n === 'TargetGroup' || n === 'LoadBalancer' || n === 'ClusterName' || n === 'ServiceName');
  if (bound.length === 0) return undefined;
  const tg = bound.some(([n]) => n === 'TargetGroup' || n === 'LoadBalancer');
  return `its dimensions ${bound.map(([n, v]) => `${n}=${JSON.stringify(v)}`).join(', ')} name the ECS service's own ${tg ? 'load balancer target group' : 'cluster and service'}, which ${tg ? 'the Ingress does not use (the AWS Load Balancer Controller makes its own target group): update them after the first apply, or bind the existing target group with a TargetGroupBinding' : 'do not report for pods: change the metric to one the cluster publishes'}`;
}

/** The dimensions of an alarm or a metric specification, as (name, value) pairs. */
export function dimensionsOf(list: unknown): [string, string][] {
  return objs(list).map(([d]) => [str(d['Name']) ?? '', str(d['Value']) ?? '']);
}

function metricOf(m: Obj): Obj {
  const dims = objs(m['Dimensions']).map(([d]) => ({ name: str(d['Name']) ?? '', value: str(d['Value']) ?? '' }));
  return { namespace: str(m['Namespace']) ?? '', metricName: str(m['MetricName']) ?? '', ...(dims.length > 0 && { dimensions: dims }) };
}
