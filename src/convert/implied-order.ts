/**
 * Docker's implied start order: "links" and "volumesFrom" make a container start after the ones it
 * names ("For links and volumesFrom, ECS ... emulates the behavior of links and volumes": START
 * dependencies). Kubernetes starts the regular containers of a pod together; only init containers
 * and native sidecars come first. A container that names another one that still starts beside it
 * gets a warning; an explicit dependsOn already orders them (src/convert/containers.ts).
 */
import { show } from '../diagnostics.js';
import type { ContainerPlan, ConvertContext } from './context.js';

export function impliedOrder(ctx: ConvertContext): void {
  const byName = new Map(ctx.pod.containers.map((c) => [c.ecsName, c]));
  for (const c of ctx.pod.containers) {
    if (c.role !== 'main') continue;
    const explicit = new Set((c.def.dependsOn ?? []).map((d) => d.containerName));
    const named: [ContainerPlan, string][] = [];
    (c.def.links ?? []).forEach((l, j) => {
      const target = byName.get(l.split(':')[0]!.trim());
      if (target) named.push([target, ctx.containerPtr(c, 'links', j)]);
    });
    for (const [j, vf] of (c.def.volumesFrom ?? []).entries()) {
      const target = byName.get(vf.sourceContainer ?? '');
      if (target) named.push([target, ctx.containerPtr(c, 'volumesFrom', j)]);
    }
    const seen = new Set<ContainerPlan>();
    for (const [target, ptr] of named) {
      if (target === c || seen.has(target) || explicit.has(target.ecsName) || target.role !== 'main') continue;
      seen.add(target);
      ctx.warn(
        ctx.td,
        ptr,
        'implied-order',
        `ECS starts ${show(c.ecsName)} after ${show(target.ecsName)} (links and volumesFrom imply a START dependency); in the pod they start together: add a dependsOn ${show(target.ecsName)} START (or the steering label ecs2k8s.io/sidecar: "true" on it) to keep the order, or make ${show(c.ecsName)} retry until ${show(target.ecsName)} answers`,
      );
    }
  }
}
