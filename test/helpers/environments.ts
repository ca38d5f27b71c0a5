/**
 * Generated sets of environments for the overlay tests (fast-check): the same services in every
 * environment, differing in images (tag, registry account, digest), replica counts, resources,
 * environment values (changed, added at any place, removed), namespaces, extra containers,
 * secrets, IAM roles and labels, and services present in some environments only. `writeWorld`
 * turns one into ECS JSON files and an ecs2k8s.yaml whose `environments:` list them.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ENV_NAMES = ['dev', 'staging', 'prod', 'qa'] as const;
const FAMILIES = ['web', 'api', 'worker'] as const;
const REGISTRIES = ['123456789012.dkr.ecr.us-east-1.amazonaws.com', '210987654321.dkr.ecr.eu-west-1.amazonaws.com', 'registry.example.com:5000/team'];
const VALUES = ['debug', 'info', 'warn', '', 'yes', '0755', '1.0', '{{ .Values.evil }}', '{{- fail "x" }}', 'a: b', "it's", 'line1\nline2', ' padded ', '#hash', 'null', '~', 'ÄÖÜ ✓'];
const ENV_KEYS = ['LOG_LEVEL', 'FEATURE_X', 'DB_HOST', 'REGION', 'TZ', 'MODE'];

export type NamespaceMode = 'env-option' | 'cluster-per-env' | 'shared-cluster' | 'two-clusters';

export interface Variation {
  present: boolean;
  tag: string;
  registry: number;
  digest: boolean;
  replicas: number;
  memory: number;
  cpu: number;
  envOps: { op: 'set' | 'add' | 'del'; at: number; value: string }[];
  extraContainer: boolean;
  sidecarTag: string;
  secretAccount: string;
  roleAccount: string;
}

export interface World {
  envs: string[];
  families: string[];
  /** families that have a service (the others are task definitions alone) */
  services: boolean[];
  loadBalancer: boolean[];
  secrets: boolean[];
  sidecar: boolean[];
  baseEnv: [string, string][][];
  mode: NamespaceMode;
  /** variations[env][family] */
  variations: Variation[][];
  envImages: boolean[];
  envLabels: boolean[];
  envReplicas: (number | undefined)[];
}

const variation: fc.Arbitrary<Variation> = fc.record({
  present: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  tag: fc.constantFrom('1.0.0', '1.0.1', '2.0.0-rc1', 'latest'),
  registry: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
  digest: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  replicas: fc.integer({ min: 0, max: 6 }),
  memory: fc.constantFrom(256, 512, 1024),
  cpu: fc.constantFrom(128, 256, 512),
  envOps: fc.array(fc.record({ op: fc.constantFrom('set' as const, 'add' as const, 'del' as const), at: fc.nat(10), value: fc.constantFrom(...VALUES) }), { maxLength: 3 }),
  extraContainer: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  sidecarTag: fc.constantFrom('v1.29.6.0-prod', 'v1.30.1.0-prod'),
  secretAccount: fc.constantFrom('111111111111', '222222222222'),
  roleAccount: fc.constantFrom('111111111111', '222222222222'),
});

export const worldArb: fc.Arbitrary<World> = fc
  .record({
    envCount: fc.integer({ min: 1, max: 4 }),
    familyCount: fc.integer({ min: 1, max: 3 }),
    mode: fc.constantFrom<NamespaceMode>('env-option', 'cluster-per-env', 'shared-cluster', 'two-clusters'),
    services: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), { minLength: 3, maxLength: 3 }),
    loadBalancer: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    secrets: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    sidecar: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    baseEnv: fc.array(fc.uniqueArray(fc.tuple(fc.constantFrom(...ENV_KEYS), fc.constantFrom(...VALUES)), { selector: (t) => t[0], maxLength: 4 }), { minLength: 3, maxLength: 3 }),
    variations: fc.array(fc.array(variation, { minLength: 3, maxLength: 3 }), { minLength: 4, maxLength: 4 }),
    envImages: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), { minLength: 4, maxLength: 4 }),
    envLabels: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    envReplicas: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }), { minLength: 4, maxLength: 4 }),
  })
  .map((r) => ({ ...r, envs: ENV_NAMES.slice(0, r.envCount) as unknown as string[], families: FAMILIES.slice(0, r.familyCount) as unknown as string[] }));

function image(v: Variation, repo: string): string {
  const digest = v.digest ? `@sha256:${(repo.length.toString(16) + v.tag.replace(/[^0-9a-f]/g, 'a')).padEnd(64, 'c').slice(0, 64)}` : '';
  return `${REGISTRIES[v.registry]}/${repo}${v.digest && v.tag === 'latest' ? '' : `:${v.tag}`}${digest}`;
}

function envList(base: readonly [string, string][], v: Variation): { name: string; value: string }[] {
  const list = base.map(([name, value]) => ({ name, value }));
  for (const [i, op] of v.envOps.entries()) {
    const at = list.length === 0 ? 0 : op.at % list.length;
    if (op.op === 'set' && list[at]) list[at].value = op.value;
    else if (op.op === 'del' && list[at]) list.splice(at, 1);
    else if (op.op === 'add') {
      const name = `EXTRA_${i}`;
      if (!list.some((e) => e.name === name)) list.splice(op.at % (list.length + 1), 0, { name, value: op.value });
    }
  }
  return list;
}

function clusterOf(w: World, env: string, f: number): string {
  if (w.mode === 'cluster-per-env') return `shop-${env}`;
  if (w.mode === 'two-clusters') return f % 2 === 0 ? 'shop' : 'ops';
  return 'shop';
}

/** Writes `ecs/<env>/<family>-{task,service}.json` and ecs2k8s.yaml under root; returns the project file's path. */
export function writeWorld(root: string, w: World): string {
  const environments: Record<string, Record<string, unknown>> = {};
  w.envs.forEach((env, e) => {
    const dir = join(root, 'ecs', env);
    mkdirSync(dir, { recursive: true });
    const present = w.families.map((_, f) => w.variations[e]![f]!.present);
    if (!present.includes(true)) present[0] = true;
    w.families.forEach((family, f) => {
      const v = w.variations[e]![f]!;
      if (!present[f]) return;
      const containers: Record<string, unknown>[] = [
        {
          name: 'app',
          image: image(v, family),
          essential: true,
          memory: v.memory,
          cpu: v.cpu,
          portMappings: [{ name: 'http', containerPort: 8080, protocol: 'tcp' }],
          environment: envList(w.baseEnv[f]!, v),
          ...(w.secrets[f] && { secrets: [{ name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:us-east-1:${v.secretAccount}:secret:${family}/db-AbCdEf` }] }),
        },
      ];
      if (w.sidecar[f]) containers.push({ name: 'proxy', image: `public.ecr.aws/appmesh/aws-appmesh-envoy:${v.sidecarTag}`, essential: true, memory: 128 });
      if (v.extraContainer) containers.push({ name: 'debug', image: 'busybox:1.36', essential: false, memory: 64, command: ['sleep', 'infinity'] });
      const task = {
        family,
        networkMode: 'awsvpc',
        taskRoleArn: `arn:aws:iam::${v.roleAccount}:role/${family}-task`,
        containerDefinitions: containers,
      };
      writeFileSync(join(dir, `${family}-task.json`), JSON.stringify(task, null, 2));
      if (w.services[f]) {
        const service = {
          cluster: clusterOf(w, env, f),
          serviceName: family,
          taskDefinition: family,
          desiredCount: v.replicas,
          ...(w.loadBalancer[f] && {
            loadBalancers: [{ targetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:${v.roleAccount}:targetgroup/${family}/0123456789abcdef`, containerName: 'app', containerPort: 8080 }],
          }),
        };
        writeFileSync(join(dir, `${family}-service.json`), JSON.stringify(service, null, 2));
      }
    });
    const options: Record<string, unknown> = { inputs: [`ecs/${env}`] };
    if (w.mode === 'env-option') options['namespace'] = `shop-${env}`;
    if (w.envImages[e]) options['images'] = { app: `${REGISTRIES[1]}/override:${env}` };
    if (w.envLabels[e]) options['labels'] = { environment: env };
    if (w.envReplicas[e] !== undefined) options['replicas'] = w.envReplicas[e];
    environments[env] = options;
  });
  const file = join(root, 'ecs2k8s.yaml');
  writeFileSync(file, JSON.stringify({ namespace: 'shop', environments }, null, 2) + '\n');
  return file;
}

/** The command line and project file of a plain build of one environment alone (the same options). */
export function plainBuildOf(root: string, w: World, env: string): string[] {
  const e = w.envs.indexOf(env);
  const project: Record<string, unknown> = { namespace: 'shop' };
  if (w.envImages[e]) project['images'] = { app: `${REGISTRIES[1]}/override:${env}` };
  if (w.envLabels[e]) project['labels'] = { environment: env };
  if (w.envReplicas[e] !== undefined) project['replicas'] = w.envReplicas[e];
  const file = join(root, `plain-${env}.yaml`);
  writeFileSync(file, JSON.stringify(project) + '\n');
  return ['build', `ecs/${env}`, '--config', `plain-${env}.yaml`, ...(w.mode === 'env-option' ? ['--namespace', `shop-${env}`] : [])];
}
