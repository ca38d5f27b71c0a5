/**
 * The deployment alarms of a progressive service → an Argo Rollouts AnalysisTemplate
 * (argoproj.io/v1alpha1) with one cloudWatch metric per alarm whose definition is among the
 * inputs (`aws cloudwatch describe-alarms`), run in the background of a canary and after the
 * switch of a blue/green (while the old revision is kept, as ECS watches the alarms through the
 * bake time). A failed measurement aborts the Rollout, which goes back to the stable revision:
 * ECS's rollback on ALARM. With `rollback: false` ECS only stops, so the metrics run dry
 * (`dryRun`: measured, never failing). Alarms whose definition is not given are warned.
 */
import type { K8sObject } from '../bundle/types.js';
import { show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { dnsLabel } from '../k8s/names.js';
import { alarmQuery, dimensionsOf, ecsBoundDimensions } from './alarm-metric.js';
import type { ConvertContext } from './context.js';
import type { Obj } from '../model/values.js';
import { metricAlarmOf } from '../model/delivery.js';

export interface AlarmRef {
  doc: EcsDocument;
  ptr: string;
  names: string[];
  rollback: boolean;
}

/** Emits the AnalysisTemplate and returns the analysis to put in the strategy, or undefined when no alarm converts. */
export function alarmAnalysis(ctx: ConvertContext, refs: AlarmRef[], known: ReadonlyMap<string, EcsDocument>): Obj | undefined {
  const metrics: Obj[] = [];
  const dry: string[] = [];
  const used = new Set<string>();
  for (const ref of refs) {
    const missing: string[] = [];
    for (const name of ref.names) {
      if (used.has(name)) continue;
      const alarm = known.get(name);
      if (!alarm) {
        missing.push(name);
        continue;
      }
      const q = alarmQuery(alarm);
      if ('why' in q) {
        ctx.warn(alarm, alarm.pointer, 'rollout-alarms', `the deployment alarm ${show(name)} is not converted: ${q.why}`);
        continue;
      }
      used.add(name);
      const bound = ecsBoundDimensions(dimensionsOf(metricAlarmOf(alarm).Dimensions));
      if (bound) ctx.warn(alarm, `${alarm.pointer}/Dimensions`, 'rollout-alarms', `the deployment alarm ${show(name)}: ${bound}`);
      const metricName = dnsLabel(name);
      metrics.push({ name: metricName, interval: `${q.period}s`, failureLimit: 0, failureCondition: q.breach, provider: { cloudWatch: { interval: `${q.window}s`, metricDataQueries: q.queries } } });
      if (!ref.rollback) dry.push(metricName);
      ctx.note(
        alarm,
        alarm.pointer,
        'rollout-alarms',
        `the deployment alarm ${show(name)} becomes the analysis metric ${show(metricName)}: it fails when ${q.breach.replace('result[0].Values', 'the last datapoints')}${ref.rollback ? ', and the Rollout goes back to the stable revision' : ' (dry run: ECS does not roll back on it either)'}`,
      );
    }
    if (missing.length > 0) {
      ctx.warn(
        ref.doc,
        ref.ptr,
        'rollout-alarms',
        `the deployment rolls back on the CloudWatch alarm${missing.length === 1 ? '' : 's'} ${missing.map((n) => show(n)).join(', ')}, whose definition${missing.length === 1 ? ' is' : 's are'} not among the inputs: pass \`aws cloudwatch describe-alarms --alarm-names …\` output to get an AnalysisTemplate, or write one with the cloudWatch provider`,
      );
    }
  }
  if (metrics.length === 0) return undefined;
  const name = dnsLabel(`${ctx.id.name}-alarms`);
  const template: K8sObject = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: ctx.meta(name), spec: { metrics } };
  ctx.addObject(template);
  return { templates: [{ templateName: name }], ...(dry.length > 0 && { dryRun: dry.map((metricName) => ({ metricName })) }) };
}
