/**
 * Where the Terraform AWS provider's arguments land in the ECS and Application Auto Scaling
 * requests. Most arguments are the API member in snake_case (`network_mode` → `networkMode`,
 * `max_capacity` → `MaxCapacity`, a repeated block `volume` → `volumes`): ./translate.ts derives
 * those from the generated schemas. This table holds only the real exceptions, as the provider's
 * documentation names them, and the arguments that only Terraform has.
 */
import type { DocumentKind } from '../../document.js';

export const KINDS: Record<string, DocumentKind> = {
  aws_ecs_task_definition: 'taskDefinition',
  aws_ecs_service: 'service',
  aws_appautoscaling_target: 'scalableTarget',
  aws_appautoscaling_policy: 'scalingPolicy',
  aws_appautoscaling_scheduled_action: 'scheduledAction',
};

/** `TYPE:arg.path` (block names, no indexes) → the member path it becomes, `/`-separated from the enclosing object. */
export const RENAMES: Record<string, string> = {
  'aws_ecs_service:name': 'serviceName',
  'aws_ecs_service:iam_role': 'role',
  'aws_ecs_service:deployment_maximum_percent': 'deploymentConfiguration/maximumPercent',
  'aws_ecs_service:deployment_minimum_healthy_percent': 'deploymentConfiguration/minimumHealthyPercent',
  'aws_ecs_service:deployment_circuit_breaker': 'deploymentConfiguration/deploymentCircuitBreaker',
  'aws_ecs_service:alarms': 'deploymentConfiguration/alarms',
  'aws_ecs_service:ordered_placement_strategy': 'placementStrategy',
  'aws_ecs_service:network_configuration': 'networkConfiguration/awsvpcConfiguration',
  'aws_ecs_service:load_balancer.elb_name': 'loadBalancerName',
  'aws_ecs_service:service_connect_configuration.service': 'services',
  'aws_ecs_task_definition:volume.host_path': 'host/sourcePath',
  'aws_appautoscaling_policy:name': 'PolicyName',
  'aws_appautoscaling_scheduled_action:name': 'ScheduledActionName',
};

/** Arguments and attributes that only Terraform has (or that describe state): not part of the request. */
export const TERRAFORM_ONLY: Record<string, ReadonlySet<string>> = {
  aws_ecs_task_definition: new Set(['arn', 'arn_without_revision', 'id', 'revision', 'tags_all', 'skip_destroy', 'track_latest', 'region']),
  aws_ecs_service: new Set(['id', 'arn', 'tags_all', 'force_new_deployment', 'wait_for_steady_state', 'triggers', 'force_delete', 'region', 'timeouts']),
  aws_appautoscaling_target: new Set(['id', 'arn', 'tags_all', 'region']),
  aws_appautoscaling_policy: new Set(['id', 'arn', 'alarm_arns', 'region']),
  aws_appautoscaling_scheduled_action: new Set(['id', 'arn', 'region']),
};

/** `TYPE:arg.path` whose value the provider writes as a bool where the API takes an enumeration. */
export const BOOL_ENUMS: Record<string, [string, string]> = {
  'aws_ecs_service:network_configuration.assign_public_ip': ['ENABLED', 'DISABLED'],
};
