/**
 * CloudWatch metric alarms (kind metricAlarm) → what Argo Rollouts and KEDA need of them: the
 * GetMetricData queries of the alarm's metric (a single metric, or its metric math, which Argo's
 * cloudWatch provider runs as it is) and the breach condition. An alarm goes to ALARM when
 * DatapointsToAlarm (default EvaluationPeriods) of the last EvaluationPeriods datapoints of
 * Period seconds cross Threshold by ComparisonOperator (Amazon CloudWatch user guide, "Evaluating
 * an alarm"); the Argo metric reads that window and fails when as many values breach.
 */
import type { EcsDocument } from '../load/shapes.js';
import type { Obj } from '../model/values.js';
import { metricAlarmOf, type CloudWatchMetric as Metric } from '../model/delivery.js';

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
  const v = metricAlarmOf(alarm);
  const op = OPERATORS[v.ComparisonOperator ?? ''];
  const threshold = v.Threshold;
  if (!op || threshold === undefined)
    return { why: `its comparison ${JSON.stringify(v.ComparisonOperator ?? 'none')} is not a fixed threshold (anomaly detection bands and PromQL alarms have no Argo equivalent)` };
  const periods = v.EvaluationPeriods ?? 1;
  const toAlarm = v.DatapointsToAlarm ?? periods;
  const metrics = v.Metrics ?? [];
  let period = v.Period ?? 60;
  let queries: Obj[];
  let single: AlarmQuery['single'];
  if (metrics.length > 0) {
    queries = metrics.map((q) => {
      const out: Obj = { id: q.Id };
      if (q.Expression) out['expression'] = q.Expression;
      if (q.Label) out['label'] = q.Label;
      const ms = q.MetricStat;
      if (ms) {
        period = ms.Period;
        out['metricStat'] = { metric: metricOf(ms.Metric), period: ms.Period, stat: ms.Stat, ...(ms.Unit && { unit: ms.Unit }) };
      }
      if (q.Period !== undefined) out['period'] = q.Period;
      out['returnData'] = q.ReturnData !== false;
      return out;
    });
  } else {
    const stat = v.ExtendedStatistic ?? v.Statistic ?? 'Average';
    const m: Metric = {
      ...(v.Namespace !== undefined && { Namespace: v.Namespace }),
      ...(v.MetricName !== undefined && { MetricName: v.MetricName }),
      ...(v.Dimensions && { Dimensions: v.Dimensions }),
    };
    queries = [{ id: 'm1', metricStat: { metric: metricOf(m), period, stat, ...(v.Unit && { unit: v.Unit }) }, returnData: true }];
    single = { namespace: v.Namespace ?? '', metricName: v.MetricName ?? '', dimensions: dimensionsOf(v.Dimensions), stat, ...(v.Unit && { unit: v.Unit }) };
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
export function dimensionsOf(list: readonly { Name: string; Value: string }[] | undefined): [string, string][] {
  return (list ?? []).map((d) => [d.Name, d.Value]);
}

function metricOf(m: Metric): Obj {
  const dims = (m.Dimensions ?? []).map((d) => ({ name: d.Name, value: d.Value }));
  return { namespace: m.Namespace ?? '', metricName: m.MetricName ?? '', ...(dims.length > 0 && { dimensions: dims }) };
}
