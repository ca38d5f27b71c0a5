/**
 * containerDefinitions → containers: names, images, entryPoint/command, workingDirectory,
 * environment, environmentFiles, interactive/pseudoTerminal, links, and the pod roles that
 * essential and dependsOn decide (regular containers, native sidecars, init containers).
 */
import { show } from '../diagnostics.js';
import { dnsLabel, isEnvName, isQualifiedName } from '../k8s/names.js';
import { own } from '../model/values.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import { essentialRoles, jobSidecars } from './essential.js';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';

/** The image written when a container has none and --image gives none: reserved, never pullable. */
export function placeholderImage(container: string): string {
  return `ecs2k8s.invalid/${dnsLabel(container)}:unset`;
}

export function convertContainers(ctx: ConvertContext): void {
  const used = new Map<string, string>();
  for (const [index, def] of ctx.taskDefinition.containerDefinitions.entries()) {
    const ecsName = def.name ?? `container-${index}`;
    const name = dnsLabel(ecsName);
    const c: ContainerPlan = { ecsName, index, def, k8s: { name }, role: 'main' };
    if (name !== ecsName) {
      ctx.note(ctx.td, ctx.containerPtr(c, 'name'), 'name-sanitised', `container name ${show(ecsName)} becomes ${show(name)} (Kubernetes names are lowercase DNS labels)`);
    }
    const clash = used.get(name);
    if (clash !== undefined) {
      ctx.error(ctx.td, ctx.containerPtr(c, 'name'), 'name-collision', `containers ${show(clash)} and ${show(ecsName)} both become ${show(name)} in Kubernetes: rename one`);
    }
    used.set(name, ecsName);
    image(ctx, c);
    const entryPoint = nonEmpty(def.entryPoint);
    const command = nonEmpty(def.command);
    if (entryPoint && entryPoint.every((x) => x === '')) {
      // Docker: an empty entrypoint clears the image's ENTRYPOINT (and its CMD): the command is the whole argument vector.
      if (command) {
        c.k8s.command = command;
        ctx.note(
          ctx.td,
          ctx.containerPtr(c, 'entryPoint'),
          'entrypoint-reset',
          `entryPoint [""] clears the image's entrypoint, as Docker does: the command ${show(command.join(' '))} becomes the container's command (Kubernetes cannot exec an empty program name)`,
        );
      } else {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'entryPoint'),
          'entrypoint-reset',
          `entryPoint [""] clears the image's entrypoint and its CMD, and there is no command: Docker cannot start the container ("no command specified"), nor can Kubernetes; it is left to the image here — give the command to run`,
        );
      }
    } else {
      if (entryPoint) c.k8s.command = entryPoint;
      if (command) c.k8s.args = command;
    }
    if (def.workingDirectory) c.k8s.workingDir = def.workingDirectory;
    environment(ctx, c);
    if (def.interactive === true) c.k8s.stdin = true;
    if (def.pseudoTerminal === true) c.k8s.tty = true;
    ctx.pod.containers.push(c);
  }
  links(ctx);
  roles(ctx);
}

function nonEmpty(a: string[] | undefined): string[] | undefined {
  return a !== undefined && a.length > 0 ? a : undefined;
}

function image(ctx: ConvertContext, c: ContainerPlan): void {
  const override = own(ctx.options.images, c.ecsName);
  const img = c.def.image;
  if (override !== undefined) {
    c.k8s.image = override;
  } else if (img !== undefined && img.trim() !== '') {
    c.k8s.image = img.trim();
  } else {
    c.k8s.image = placeholderImage(c.ecsName);
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c),
      'image-missing',
      `container ${show(c.ecsName)} has no image: wrote the placeholder ${show(c.k8s.image)}; pass --image ${c.ecsName}=URI (or set it with kustomize's images:)`,
    );
  }
}

/** Every variable a container gets (plain or from a secret) must have a name Kubernetes accepts; others are skipped with a warning. */
export function acceptEnvName(ctx: ConvertContext, c: ContainerPlan, name: string, member: 'environment' | 'secrets', j: number): boolean {
  if (isEnvName(name)) return true;
  ctx.warn(
    ctx.td,
    ctx.containerPtr(c, member, j, 'name'),
    'env-invalid',
    `${member === 'secrets' ? 'secret' : 'environment'} variable name ${show(name)} is not accepted by Kubernetes (printable ASCII without "="): it is skipped`,
  );
  return false;
}

function environment(ctx: ConvertContext, c: ContainerPlan): void {
  const env: IEnvVar[] = [];
  const index = new Map<string, number>();
  for (const [j, kv] of (c.def.environment ?? []).entries()) {
    const name = kv.name;
    if (name === undefined) {
      ctx.warn(ctx.td, ctx.containerPtr(c, 'environment', j), 'env-invalid', `an environment entry of container ${show(c.ecsName)} has no "name": it is skipped`);
      continue;
    }
    if (!acceptEnvName(ctx, c, name, 'environment', j)) continue;
    const entry: IEnvVar = { name, value: kv.value ?? '' };
    const prev = index.get(name);
    if (prev !== undefined) {
      ctx.warn(ctx.td, ctx.containerPtr(c, 'environment', j, 'name'), 'duplicate-env', `container ${show(c.ecsName)} sets ${show(name)} twice: the last value wins, as in ECS`);
      env[prev] = entry;
    } else {
      index.set(name, env.length);
      env.push(entry);
    }
  }
  if (env.length > 0) c.k8s.env = env;
  envFiles(ctx, c);
}

function envFiles(ctx: ConvertContext, c: ContainerPlan): void {
  const envFrom: IEnvFromSource[] = [];
  for (const [j, { value }] of (c.def.environmentFiles ?? []).entries()) {
    if (!value) continue;
    const base = value.slice(value.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '') || 'env';
    const name = dnsLabel(`${ctx.id.name}-${base}`, 253);
    envFrom.push({ configMapRef: { name } });
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c, 'environmentFiles', j),
      'environment-file',
      `${show(value)} cannot be read offline: create the ConfigMap ${show(name)} from it (kubectl create configmap ${name} --from-env-file=FILE -n ${ctx.id.namespace})`,
    );
  }
  if (envFrom.length > 0) c.k8s.envFrom = envFrom;
}

/** links: every container of a pod shares localhost, so link names and aliases resolve to 127.0.0.1. */
function links(ctx: ConvertContext): void {
  const names = new Set<string>();
  for (const c of ctx.pod.containers) {
    (c.def.links ?? []).forEach((l, j) => {
      for (const part of l.split(':')) {
        const h = part.trim();
        if (h === '') continue;
        if (!isQualifiedName(h) || /[_A-Z]/.test(h)) {
          ctx.warn(ctx.td, ctx.containerPtr(c, 'links', j), 'link-name', `the link name ${show(h)} is not a valid host name in Kubernetes: reach that container at localhost instead`);
          continue;
        }
        names.add(h);
      }
    });
  }
  if (names.size === 0) return;
  const aliases = ctx.pod.spec.hostAliases ?? [];
  aliases.push({ ip: '127.0.0.1', hostnames: [...names].sort() });
  ctx.pod.spec.hostAliases = aliases;
  const withLinks = ctx.pod.containers.find((c) => (c.def.links ?? []).length > 0)!;
  ctx.note(ctx.td, ctx.containerPtr(withLinks, 'links'), 'links', `links become hostAliases to 127.0.0.1 (${[...names].sort().join(', ')}): containers of a pod share localhost`);
}

type Condition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

/** Decides which containers run first: depended on with START/HEALTHY → native sidecar; COMPLETE/SUCCESS → init container. */
function roles(ctx: ConvertContext): void {
  const byName = new Map(ctx.pod.containers.map((c) => [c.ecsName, c]));
  const conditions = new Map<ContainerPlan, Set<Condition>>();
  const deps = new Map<ContainerPlan, ContainerPlan[]>();
  for (const c of ctx.pod.containers) {
    for (const [j, d] of (c.def.dependsOn ?? []).entries()) {
      const target = byName.get(d.containerName);
      const cond: Condition | undefined = d.condition;
      if (!target || target === c || !cond) continue;
      (deps.get(c) ?? deps.set(c, []).get(c)!).push(target);
      (conditions.get(target) ?? conditions.set(target, new Set()).get(target)!).add(cond);
      if (cond === 'HEALTHY') {
        const st = c.def.startTimeout;
        const prev = target.awaitedHealthy?.startTimeout;
        target.awaitedHealthy = st === undefined && prev === undefined ? {} : { startTimeout: Math.max(st ?? 0, prev ?? 0) };
      }
      if (cond === 'COMPLETE') {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'dependsOn', j, 'condition'),
          'depends-on-complete',
          `${show(c.ecsName)} waits for ${show(target.ecsName)} to COMPLETE (any exit code); an init container must exit 0 for the pod to go on`,
        );
      }
    }
  }
  for (const c of ctx.pod.containers) {
    const conds = conditions.get(c);
    const steer = ctx.steering.get('ecs2k8s.io/sidecar', c.index);
    if (conds && (conds.has('COMPLETE') || conds.has('SUCCESS'))) c.role = 'init';
    else if (conds) c.role = 'sidecar';
    if (steer && c.role !== 'init') c.role = steer.value === 'true' ? 'sidecar' : 'main';
  }
  jobSidecars(ctx);
  // A cycle in dependsOn cannot start in ECS either.
  const state = new Map<ContainerPlan, 1 | 2>();
  const order: ContainerPlan[] = [];
  const visit = (c: ContainerPlan, path: ContainerPlan[]): boolean => {
    if (state.get(c) === 2) return true;
    if (state.get(c) === 1) {
      ctx.error(ctx.td, ctx.containerPtr(c, 'dependsOn'), 'dependency-cycle', `dependsOn forms a cycle: ${[...path.slice(path.indexOf(c)), c].map((x) => x.ecsName).join(' → ')}`);
      return false;
    }
    state.set(c, 1);
    for (const d of deps.get(c) ?? []) if (!visit(d, [...path, c])) return false;
    state.set(c, 2);
    order.push(c);
    return true;
  };
  for (const c of ctx.pod.containers) if (!visit(c, [])) return;
  // Init containers and sidecars start in dependency order; regular containers keep theirs.
  const first = order.filter((c) => c.role !== 'main');
  const main = ctx.pod.containers.filter((c) => c.role === 'main');
  if (main.length === 0 && ctx.pod.containers.length > 0) {
    // Every container is waited on: the last one to start stays a regular container.
    const last = first.pop()!;
    last.role = 'main';
    main.push(last);
  }
  ctx.pod.containers = [...first, ...main];
  essentialRoles(ctx, main);
}
