/**
 * taskRoleArn → a ServiceAccount. IAM mode irsa (default) annotates it with
 * eks.amazonaws.com/role-arn; pod-identity needs an association made on the AWS side (a note
 * says which); none leaves it plain. Pods do not mount a Kubernetes API token: ECS tasks had
 * no Kubernetes API to talk to (IRSA and Pod Identity inject their own AWS token).
 */
import { show } from '../diagnostics.js';
import type { ConvertContext } from './context.js';

export function convertIam(ctx: ConvertContext): void {
  const role = ctx.taskDefinition.taskRoleArn;
  const existing = ctx.steering.get('ecs2k8s.io/service-account')?.value;
  ctx.pod.spec.automountServiceAccountToken = false;
  if (existing) {
    ctx.pod.spec.serviceAccountName = existing;
    return;
  }
  if (!role) return;
  const name = ctx.id.name;
  const annotations: Record<string, string> = {};
  if (ctx.options.iamMode === 'irsa') annotations['eks.amazonaws.com/role-arn'] = role;
  ctx.addObject({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: ctx.meta(name, { annotations }) });
  ctx.pod.spec.serviceAccountName = name;
  if (ctx.options.iamMode === 'none') {
    ctx.note(ctx.td, ctx.tdPtr('taskRoleArn'), 'iam-none', `IAM mode none: the ServiceAccount ${show(name)} carries no AWS role, so the pods get no ${show(role)} credentials; grant them another way`);
  } else if (ctx.options.iamMode === 'pod-identity') {
    ctx.note(
      ctx.td,
      ctx.tdPtr('taskRoleArn'),
      'pod-identity',
      `create an EKS Pod Identity association for namespace ${show(ctx.id.namespace)}, service account ${show(name)} and role ${show(role)} (aws eks create-pod-identity-association)`,
    );
  } else if (ctx.options.iamMode === 'irsa' && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(role)) {
    ctx.note(
      ctx.td,
      ctx.tdPtr('taskRoleArn'),
      'irsa',
      `the role ${show(role)} must trust the cluster's OIDC provider for system:serviceaccount:${ctx.id.namespace}:${name} (its ECS trust policy names ecs-tasks.amazonaws.com)`,
    );
  }
}
