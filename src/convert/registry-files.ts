/**
 * Which source file converts each member of the conversion registry (./registry.ts,
 * ./registry-scaling.ts), for the conversion table (docs/conversion.md). A member is converted
 * in the file its own entry here names, else the file of its type, else its area's file.
 * test/registry-files.test.ts checks that every converted member is read in the file named.
 * Paths are relative to src/.
 */
import type { Area, Entry } from './registry-entry.js';

/** The file of each area, when neither the member nor its type says otherwise. */
const AREA_FILE: Record<Area, string> = {
  workload: 'convert/workload.ts',
  containers: 'convert/containers.ts',
  resources: 'convert/resources.ts',
  probes: 'convert/probes.ts',
  secrets: 'convert/secrets.ts',
  iam: 'convert/iam.ts',
  volumes: 'convert/volumes.ts',
  networking: 'convert/networking.ts',
  placement: 'convert/placement.ts',
  security: 'convert/security.ts',
  metadata: 'convert/metadata.ts',
  deployment: 'convert/deployment.ts',
  logging: 'convert/unmapped.ts',
  scaling: 'convert/scaling.ts',
  delivery: 'convert/rollout.ts',
};

/** Types whose members are all converted in one file other than their area's. */
const TYPE_FILE: Record<string, string> = {
  // load balancers, service discovery and Service Connect become Services and Ingresses
  LoadBalancer: 'convert/services.ts',
  ServiceRegistry: 'convert/services.ts',
  ServiceConnectConfiguration: 'convert/services.ts',
  ServiceConnectService: 'convert/services.ts',
  ServiceConnectClientAlias: 'convert/services.ts',
  // Application Auto Scaling
  PutScalingPolicyRequest: 'convert/scaling-policies.ts',
  TargetTrackingScalingPolicyConfiguration: 'convert/scaling-policies.ts',
  PredefinedMetricSpecification: 'convert/scaling-policies.ts',
  StepScalingPolicyConfiguration: 'convert/scaling-policies.ts',
  StepAdjustment: 'convert/scaling-policies.ts',
  CustomizedMetricSpecification: 'convert/alarm-metric.ts',
  MetricDimension: 'convert/alarm-metric.ts',
  TargetTrackingMetricDataQuery: 'convert/alarm-metric.ts',
  TargetTrackingMetricStat: 'convert/alarm-metric.ts',
  TargetTrackingMetric: 'convert/alarm-metric.ts',
  TargetTrackingMetricDimension: 'convert/alarm-metric.ts',
  PutScheduledActionRequest: 'convert/scaling-schedule.ts',
  // CloudWatch alarms (KEDA triggers, Argo Rollouts analysis)
  PutMetricAlarmInput: 'convert/alarm-metric.ts',
  Dimension: 'convert/alarm-metric.ts',
  MetricDataQuery: 'convert/alarm-metric.ts',
  MetricStat: 'convert/alarm-metric.ts',
  Metric: 'convert/alarm-metric.ts',
  // CodeDeploy
  DeploymentGroupInfo: 'convert/codedeploy.ts',
  BlueGreenDeploymentConfiguration: 'convert/codedeploy.ts',
  BlueInstanceTerminationOption: 'convert/codedeploy.ts',
  DeploymentReadyOption: 'convert/codedeploy.ts',
  AlarmConfiguration: 'convert/codedeploy.ts',
  AutoRollbackConfiguration: 'convert/codedeploy.ts',
  ECSService: 'convert/scaling-pair.ts',
  DeploymentLifecycleHook: 'convert/rollout-steps.ts',
  DeploymentLifecycleHookTimeoutConfiguration: 'convert/rollout-steps.ts',
  // managed EBS volumes become a StorageClass and a per-pod ephemeral volume
  ServiceVolumeConfiguration: 'convert/ebs.ts',
  ServiceManagedEBSVolumeConfiguration: 'convert/ebs.ts',
  EBSTagSpecification: 'convert/ebs.ts',
};

/** Members converted somewhere else than their type's or area's file. */
const MEMBER_FILE: Record<string, string> = {
  // naming and pairing happen before any converter runs
  'RegisterTaskDefinitionRequest.family': 'convert/identity.ts',
  'CreateServiceRequest.serviceName': 'convert/identity.ts',
  'CreateServiceRequest.cluster': 'convert/identity.ts',
  'CreateServiceRequest.taskDefinition': 'convert/pairing.ts',
  'CreateServiceRequest.desiredCount': 'convert/overrides.ts',
  'CreateServiceRequest.schedulingStrategy': 'convert/overrides.ts',
  'CreateServiceRequest.loadBalancers': 'convert/services.ts',
  'CreateServiceRequest.serviceRegistries': 'convert/services.ts',
  'CreateServiceRequest.serviceConnectConfiguration': 'convert/services.ts',
  'ContainerDefinition.links': 'convert/containers.ts',
  'ContainerDefinition.essential': 'convert/essential.ts',
  'CreateServiceRequest.volumeConfigurations': 'convert/ebs.ts',
  'LoadBalancer.advancedConfiguration': 'convert/rollout.ts',
  'ContainerDefinition.stopTimeout': 'convert/security.ts',
  // a scaling document is paired with its service by these three
  'RegisterScalableTargetRequest.ServiceNamespace': 'convert/scaling-pair.ts',
  'RegisterScalableTargetRequest.ResourceId': 'convert/scaling-pair.ts',
  'RegisterScalableTargetRequest.ScalableDimension': 'convert/scaling-pair.ts',
  'PutScalingPolicyRequest.ServiceNamespace': 'convert/scaling-pair.ts',
  'PutScalingPolicyRequest.ResourceId': 'convert/scaling-pair.ts',
  'PutScalingPolicyRequest.ScalableDimension': 'convert/scaling-pair.ts',
  'PutScheduledActionRequest.ServiceNamespace': 'convert/scaling-pair.ts',
  'PutScheduledActionRequest.ResourceId': 'convert/scaling-pair.ts',
  'PutScheduledActionRequest.ScalableDimension': 'convert/scaling-pair.ts',
  'DeploymentGroupInfo.ecsServices': 'convert/scaling-pair.ts',
  'PutMetricAlarmInput.AlarmName': 'convert/scaling-policies.ts',
};

/** The file (relative to src/) that converts `member` (`Type.member`), whose entry is `entry`. */
export function convertedIn(member: string, entry: Entry): string {
  return MEMBER_FILE[member] ?? TYPE_FILE[member.slice(0, member.indexOf('.'))] ?? AREA_FILE[entry.area];
}
