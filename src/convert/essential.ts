/**
 * `essential` (SPEC §10): the task lives while its essential containers run; a non-essential
 * container that exits stays stopped. In a Job or CronJob a non-essential container that nothing
 * waits to complete becomes a native sidecar, so that the Job completes when the essential
 * containers exit (sidecars do not hold a Job); wherever Kubernetes restarts what ECS leaves
 * stopped, or a Job ends at another moment than the task, a warning says so. Native sidecars need
 * Kubernetes 1.29 (src/convert/features.ts): an older target gets regular containers and a warning.
 */
import { show } from '../diagnostics.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import { olderForm, supports } from './features.js';

const isJob = (ctx: ConvertContext): boolean => ctx.id.kind === 'Job' || ctx.id.kind === 'CronJob';
const essential = (c: ContainerPlan): boolean => c.def.essential !== false;
const restarts = (c: ContainerPlan): boolean => c.def.restartPolicy?.enabled === true;

/** In a Job, non-essential regular containers become native sidecars (unless steered), when an essential one stays regular. */
export function jobSidecars(ctx: ConvertContext): void {
  if (!isJob(ctx)) return;
  const mains = ctx.pod.containers.filter((c) => c.role === 'main');
  if (!mains.some(essential)) return;
  for (const c of mains) {
    if (!essential(c) && !ctx.steering.get('ecs2k8s.io/sidecar', c.index)) c.role = 'sidecar';
  }
}

/** Who waits for a container, and on what: `"app" (START)`. */
function waiters(ctx: ConvertContext, c: ContainerPlan): string[] {
  const out: string[] = [];
  for (const other of ctx.pod.containers) {
    for (const d of other.def.dependsOn ?? []) {
      if (d.containerName === c.ecsName) out.push(`${show(other.ecsName)} (${d.condition})`);
    }
  }
  return out;
}

/** Sidecars at the target version, and the warnings where essential decides something Kubernetes does differently. */
export function essentialRoles(ctx: ConvertContext, main: ContainerPlan[]): void {
  const sidecars = ctx.pod.containers.filter((c) => c.role === 'sidecar');
  if (sidecars.length > 0 && !supports(ctx, 'nativeSidecars')) {
    for (const c of sidecars) {
      c.role = 'main';
      main.push(c);
      const waiting = waiters(ctx, c);
      const order = waiting.length > 0 ? `; the containers that wait for it (${waiting.join(', ')}) start beside it, not after it` : '';
      const job = isJob(ctx) ? ', and the Job completes only when it has exited too' : '';
      ctx.warn(ctx.td, ctx.containerPtr(c), 'target-version', `${show(c.ecsName)} becomes a regular container, not a native sidecar${order}${job} (${olderForm(ctx, 'nativeSidecars')})`);
    }
    ctx.pod.containers = [...ctx.pod.containers.filter((c) => c.role !== 'main'), ...ctx.pod.containers.filter((c) => c.role === 'main')];
  }
  for (const c of ctx.pod.containers) if (c.role === 'sidecar') c.k8s.restartPolicy = 'Always';
  for (const c of ctx.pod.containers) {
    if (c.role === 'init' || essential(c) || restarts(c)) continue;
    // A Job's regular container that exits stays exited (restartPolicy Never), as in ECS.
    if (isJob(ctx) && c.role === 'main') continue;
    const how = c.role === 'sidecar' ? (isJob(ctx) && waiters(ctx, c).length === 0 ? 'a native sidecar, so that the Job completes without it' : 'a native sidecar') : 'a regular container';
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c, 'essential'),
      'non-essential',
      `${show(c.ecsName)} is not essential: ECS leaves it stopped when it exits, but Kubernetes restarts it (${how}); if it is meant to run once, make the containers that need it wait for it (dependsOn SUCCESS or COMPLETE) so that it becomes an init container`,
    );
  }
  if (!isJob(ctx)) return;
  const regular = ctx.pod.containers.filter((c) => c.role === 'main');
  const ends = regular.filter(essential);
  if (regular.length > 1) {
    ctx.warn(
      ctx.td,
      ctx.tdPtr('containerDefinitions'),
      'job-completion',
      `the Job's pod completes when all of ${regular.map((c) => show(c.ecsName)).join(', ')} have exited; ECS stops the task when the first essential container${ends.length > 1 ? ` (${ends.map((c) => show(c.ecsName)).join(', ')})` : ''} exits`,
    );
  }
  for (const c of ctx.pod.containers.filter((x) => x.role === 'sidecar' && essential(x))) {
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c),
      'job-completion',
      `${show(c.ecsName)} is essential, but a native sidecar (containers wait for it): the Job does not end when it exits, Kubernetes restarts it; ECS stops the task`,
    );
  }
}
