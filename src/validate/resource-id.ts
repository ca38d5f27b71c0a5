/** The resource ID of an ECS service in Application Auto Scaling (rules/application-auto-scaling.ts, src/convert/scaling-pair.ts). */

/** `service/CLUSTER/SERVICE` (the cluster part may be a cluster ARN, which holds a "/"): the cluster name and the service name. */
export function parseEcsResourceId(id: string): { cluster: string; service: string } | undefined {
  const m = /^service\/(.+)\/([^/]+)$/.exec(id);
  if (!m) return undefined;
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(m[1]!);
  return { cluster: arn ? arn[1]! : m[1]!, service: m[2]! };
}
