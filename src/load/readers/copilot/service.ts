/**
 * A Copilot manifest's ECS service and Application Auto Scaling documents: desired count, load
 * balancers (`http` → the ALB target, `nlb` → an NLB), deployment (`rolling`), exec, Service
 * Connect (`network.connect`), and `count` ranges with Copilot's target tracking policies
 * (cpu, memory, requests per target, response time, queue delay: cooldowns 120 s in, 60 s out,
 * as Copilot's templates set them). A Scheduled Job has no service: its schedule is the steering
 * tag `ecs2k8s.io/schedule` on its task definition (see ./task.ts).
 */
import { pointerJoin, show } from '../../../diagnostics.js';
import { isObject, type Obj } from '../../../model/values.js';
import type { EcsDocument } from '../../document.js';
import { Built, parseDuration, type Manifest } from './manifest.js';
import type { ServiceType } from './fields.js';

const COOLDOWN_IN = 120;
const COOLDOWN_OUT = 60;

export function serviceDocuments(m: Manifest, type: ServiceType, name: string, cluster: string | undefined): EcsDocument[] {
  const b = new Built(m);
  const svc: Obj = { serviceName: name, taskDefinition: name };
  b.from('/serviceName', '/name');
  if (cluster !== undefined) svc['cluster'] = cluster;
  const count = m.get('/count');
  const range = isObject(count) ? rangeOf(m) : undefined;
  if (typeof count === 'number' || typeof count === 'string') svc['desiredCount'] = m.num('/count') ?? 1;
  else if (range) svc['desiredCount'] = range.min;
  else if (isObject(count) && count['spot'] !== undefined) {
    svc['desiredCount'] = m.num('/count/spot') ?? 1;
    m.warn(
      '/count/spot',
      'copilot-not-applied',
      'count.spot runs the tasks on Fargate Spot: in Kubernetes, interruptible capacity is a node pool (Karpenter capacity-type spot); the replicas are kept, the capacity choice is not',
    );
  } else svc['desiredCount'] = 1;
  b.from('/desiredCount', '/count');
  const port = m.num('/image/port');
  const lbs: Obj[] = [];
  const http = m.get('/http');
  const hasHttp = type === 'Load Balanced Web Service' ? http !== false : type === 'Backend Service' && isObject(http);
  if (hasHttp) {
    const target = m.str('/http/target_container') ?? name;
    const targetPort = m.num('/http/target_port') ?? (target === name ? port : m.num(pointerJoin('/sidecars', target, 'port')));
    if (targetPort === undefined) m.warn(m.has('/http') ? '/http' : '/type', 'copilot-manifest', `the load balancer needs the port of container ${show(target)}: set image.port (or http.target_port)`);
    else {
      lbs.push({ containerName: target, containerPort: targetPort });
      b.from('/loadBalancers/0', m.has('/http') ? '/http' : '/image/port');
    }
    for (const [field, what] of [
      ['path', 'the path'],
      ['alias', 'the alias (host name)'],
      ['allowed_source_ips', 'the allowed source IPs'],
      ['redirect_to_https', 'the HTTPS redirect'],
      ['stickiness', 'stickiness'],
      ['additional_rules', 'the additional rules'],
    ] as const) {
      if (m.has(`/http/${field}`) && !(field === 'path' && ['/', ''].includes(m.str('/http/path') ?? '')))
        m.warn(
          `/http/${field}`,
          'copilot-not-applied',
          `${what} of the load balancer rule (${show(m.get(`/http/${field}`))}) is not carried into the Ingress, which routes "/" on any host: add it to the Ingress (rules, or an alb.ingress.kubernetes.io annotation)`,
        );
    }
    if (m.has('/http/healthcheck')) {
      const hcPath = typeof m.get('/http/healthcheck') === 'string' ? m.str('/http/healthcheck') : m.str('/http/healthcheck/path');
      m.warn(
        '/http/healthcheck',
        'copilot-not-applied',
        `the target group health check${hcPath ? ` (path ${show(hcPath)})` : ''} is the load balancer's, not a container probe: add alb.ingress.kubernetes.io/healthcheck-path to the Ingress, or a readiness probe`,
      );
    }
    const grace = m.seconds('/http/healthcheck/grace_period');
    svc['healthCheckGracePeriodSeconds'] = grace ?? 60;
    b.from('/healthCheckGracePeriodSeconds', m.has('/http/healthcheck/grace_period') ? '/http/healthcheck/grace_period' : '/http');
    if (m.has('/http/deregistration_delay'))
      m.warn(
        '/http/deregistration_delay',
        'copilot-not-applied',
        `the deregistration delay ${show(m.get('/http/deregistration_delay'))} is a target group attribute: set alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=N on the Ingress`,
      );
  }
  const tags: Obj[] = [];
  if (type === 'Load Balanced Web Service' && m.has('/nlb')) {
    const nlbPort = m.str('/nlb/port');
    const target = m.str('/nlb/target_container') ?? name;
    const targetPort = m.num('/nlb/target_port') ?? (target === name ? port : m.num(pointerJoin('/sidecars', target, 'port'))) ?? (nlbPort ? Number(/^\d+/.exec(nlbPort)?.[0]) : undefined);
    if (targetPort !== undefined && Number.isFinite(targetPort)) {
      if (lbs.length === 0) {
        lbs.push({ containerName: target, containerPort: targetPort });
        b.from(`/loadBalancers/0`, '/nlb');
        tags.push({ key: 'ecs2k8s.io/load-balancer', value: 'nlb' });
      } else m.warn('/nlb', 'copilot-not-applied', 'the service has both http and nlb: the ALB becomes the Ingress; the NLB is not carried (add a Service of type LoadBalancer by hand)');
    }
  }
  if (lbs.length > 0) {
    svc['loadBalancers'] = lbs;
    b.from('/loadBalancers', m.has('/http') ? '/http' : m.has('/nlb') ? '/nlb' : '/type');
  }
  const rolling = m.str('/deployment/rolling');
  if (rolling === 'recreate') svc['deploymentConfiguration'] = { minimumHealthyPercent: 0, maximumPercent: 100 };
  else {
    if (rolling !== undefined && rolling !== 'default')
      m.warn('/deployment/rolling', 'copilot-manifest', `deployment.rolling ${show(rolling)} is not "default" or "recreate": the default (100% healthy, 200% at most) is used`);
    svc['deploymentConfiguration'] = { minimumHealthyPercent: 100, maximumPercent: 200 };
  }
  b.from('/deploymentConfiguration', m.has('/deployment') ? '/deployment' : '/type');
  if (m.has('/deployment/rollback_alarms'))
    m.warn(
      '/deployment/rollback_alarms',
      'copilot-not-applied',
      'rollback alarms name CloudWatch alarms of the Copilot stack: they are not carried; use progressive delivery with an analysis instead',
    );
  if (m.bool('/exec') === true) {
    svc['enableExecuteCommand'] = true;
    b.from('/enableExecuteCommand', '/exec');
  }
  const connect = m.get('/network/connect');
  if (connect !== undefined && connect !== false && port !== undefined) {
    const alias = m.str('/network/connect/alias') ?? name;
    svc['serviceConnectConfiguration'] = {
      enabled: true,
      ...(m.app && m.env && { namespace: `${m.env}.${m.app}.local` }),
      services: [{ portName: 'target', discoveryName: name, clientAliases: [{ port, dnsName: alias }] }],
    };
    b.from('/serviceConnectConfiguration', '/network/connect');
  }
  if (m.has('/network/vpc'))
    m.warn(
      '/network/vpc',
      'copilot-not-applied',
      "network.vpc (subnet placement, security groups) is the VPC of the Copilot environment: pods take the cluster's networking; use security groups for pods or NetworkPolicies where it matters",
    );
  if (m.has('/subscribe'))
    m.warn('/subscribe', 'copilot-not-applied', 'subscribe creates SNS topics and an SQS queue (COPILOT_QUEUE_URI) in the Copilot stack: they are not created; point the worker at its queue by hand');
  if (tags.length > 0) svc['tags'] = tags;
  const docs: EcsDocument[] = [{ kind: 'service', source: b.source, pointer: '', value: svc }];
  if (range) docs.push(...scaling(m, type, name, cluster, range));
  return docs;
}

function rangeOf(m: Manifest): { min: number; max: number } | undefined {
  const r = m.get('/count/range');
  if (r === undefined) {
    if (m.has('/count/cpu_percentage') || m.has('/count/memory_percentage') || m.has('/count/requests') || m.has('/count/response_time')) {
      m.warn('/count', 'copilot-manifest', 'count has scaling targets but no range: Copilot needs range (MIN-MAX) to autoscale; the service runs 1 task');
    }
    return undefined;
  }
  if (typeof r === 'string') {
    const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(r);
    if (match) return { min: Number(match[1]), max: Number(match[2]) };
  } else if (isObject(r) && typeof r['min'] === 'number' && typeof r['max'] === 'number') {
    if (r['spot_from'] !== undefined)
      m.warn('/count/range/spot_from', 'copilot-not-applied', 'range.spot_from places tasks on Fargate Spot above a count: in Kubernetes that is a node pool choice; the range is kept');
    return { min: r['min'], max: r['max'] };
  }
  m.warn('/count/range', 'copilot-manifest', `count.range ${show(r)} is not MIN-MAX (for example 1-10) or { min, max }: the service is not autoscaled`);
  return undefined;
}

function scaling(m: Manifest, type: ServiceType, name: string, cluster: string | undefined, range: { min: number; max: number }): EcsDocument[] {
  const resourceId = `service/${cluster ?? 'default'}/${name}`;
  const ids = { ServiceNamespace: 'ecs', ResourceId: resourceId, ScalableDimension: 'ecs:service:DesiredCount' };
  const t = new Built(m);
  t.from('', '/count/range');
  const docs: EcsDocument[] = [{ kind: 'scalableTarget', source: t.source, pointer: '', value: { ...ids, MinCapacity: range.min, MaxCapacity: range.max } }];
  const cooldown = (metric: string) => ({
    ScaleInCooldown: m.seconds(`/count/${metric}/cooldown/in`) ?? m.seconds('/count/cooldown/in') ?? COOLDOWN_IN,
    ScaleOutCooldown: m.seconds(`/count/${metric}/cooldown/out`) ?? m.seconds('/count/cooldown/out') ?? COOLDOWN_OUT,
  });
  const value = (metric: string): number | undefined => {
    const v = m.get(`/count/${metric}`);
    const raw = isObject(v) ? v['value'] : v;
    if (raw === undefined) return undefined;
    const n = metric === 'response_time' ? parseDuration(raw) : typeof raw === 'number' ? raw : Number(raw);
    if (n === undefined || !Number.isFinite(n)) {
      m.warn(`/count/${metric}`, 'copilot-manifest', `count.${metric} ${show(v)} is not a ${metric === 'response_time' ? 'duration' : 'number'}: no policy for it`);
      return undefined;
    }
    return n;
  };
  const lb = type === 'Backend Service' ? 'internal' : 'public';
  const policy = (metric: string, policyName: string, spec: Obj) => {
    const target = value(metric);
    if (target === undefined) return;
    const p = new Built(m);
    p.from('', `/count/${metric}`);
    p.from('/TargetTrackingScalingPolicyConfiguration/TargetValue', `/count/${metric}`);
    docs.push({
      kind: 'scalingPolicy',
      source: p.source,
      pointer: '',
      value: { ...ids, PolicyName: `${name}-${policyName}`, PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: target, ...spec, ...cooldown(metric) } },
    });
  };
  policy('cpu_percentage', 'ECSServiceAverageCPUUtilization', { PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } });
  policy('memory_percentage', 'ECSServiceAverageMemoryUtilization', { PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } });
  const albDimensions = [
    { Name: 'LoadBalancer', Value: `\${COPILOT_${lb.toUpperCase()}_LOAD_BALANCER}` },
    { Name: 'TargetGroup', Value: `\${COPILOT_TARGET_GROUP}` },
  ];
  policy('requests', 'ALBSumRequestCountPerTarget', {
    CustomizedMetricSpecification: { MetricName: 'RequestCountPerTarget', Namespace: 'AWS/ApplicationELB', Statistic: 'Sum', Dimensions: albDimensions },
  });
  policy('response_time', 'ALBAverageResponseTime', {
    CustomizedMetricSpecification: { MetricName: 'TargetResponseTime', Namespace: 'AWS/ApplicationELB', Statistic: 'Average', Dimensions: albDimensions },
  });
  if (m.has('/count/queue_delay')) {
    m.warn(
      '/count/queue_delay',
      'copilot-not-applied',
      'count.queue_delay scales on the BacklogPerTask metric that a Lambda function of the Copilot stack publishes: it is not carried; scale on the queue with a KEDA aws-sqs-queue trigger instead',
    );
  }
  if (docs.length === 1)
    m.warn('/count', 'copilot-manifest', 'count has a range but no scaling target (cpu_percentage, memory_percentage, requests or response_time): the range is kept, nothing scales the service');
  return docs;
}
