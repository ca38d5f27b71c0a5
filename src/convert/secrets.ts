/**
 * secrets → env valueFrom.secretKeyRef, and (strategy external-secrets, the default) one
 * ExternalSecret per backing store: Secrets Manager (`<workload>-secrets`) and SSM Parameter
 * Store (`<workload>-parameters`). Values are never resolved or written.
 * repositoryCredentials → imagePullSecrets.
 */
import { show } from '../diagnostics.js';
import { dnsLabel, secretKey } from '../k8s/names.js';
import { acceptEnvName } from './containers.js';

import type { ContainerPlan, ConvertContext } from './context.js';

export interface RemoteRef {
  store: 'secretsmanager' | 'ssm';
  key: string;
  property?: string;
  version?: string;
  /** An SSM parameter of another account or region than the task's (its key is then the whole ARN). */
  elsewhere?: { account: string; region: string };
}

/** Where the task runs: the account of its roles, the region given (--region) or of its awslogs configuration. */
export interface Home {
  account?: string;
  region?: string;
}

export function taskHome(ctx: ConvertContext): Home {
  const home: Home = {};
  for (const k of ['executionRoleArn', 'taskRoleArn'] as const) {
    const m = /^arn:aws[a-z-]*:iam::(\d+):/.exec(ctx.taskDefinition[k] ?? '');
    if (m && home.account === undefined) home.account = m[1]!;
  }
  const logRegion = (c: ContainerPlan): string | undefined => c.def.logConfiguration?.options?.['awslogs-region'];
  const region = ctx.options.region ?? ctx.pod.containers.map(logRegion).find((r) => r !== undefined);
  // Else the region of the task's own account's secret and image ARNs (an ECR image names its region too).
  const own = ctx.pod.containers.flatMap((c) => [...(c.def.secrets ?? []).map((x) => x.valueFrom), c.def.image ?? '']);
  const ownRegion = own
    .map((v) => /^arn:aws[a-z-]*:(?:ssm|secretsmanager):([^:]+):(\d+):/.exec(v) ?? /^(\d+)\.dkr\.ecr\.([a-z0-9-]+)\./.exec(v))
    .map((m) => (m === null ? undefined : /^\d+$/.test(m[1]!) ? { account: m[1]!, region: m[2]! } : { account: m[2]!, region: m[1]! }))
    .find((x) => x !== undefined && x.account === home.account);
  const r = region ?? ownRegion?.region;
  if (r !== undefined) home.region = r;
  return home;
}

const SM_ARN = /^(arn:aws[a-z-]*:secretsmanager:[^:]*:[^:]*:secret:[^:]+)(?::([^:]*))?(?::([^:]*))?(?::([^:]*))?$/;
const SSM_ARN = /^arn:aws[a-z-]*:ssm:([^:]*):([^:]*):parameter(\/.+)$/;

/** Parses the forms ECS accepts in valueFrom: Secrets Manager ARNs with `:json-key:stage:version`, SSM ARNs, bare names. */
export function parseValueFrom(valueFrom: string, home?: Home): RemoteRef {
  const sm = SM_ARN.exec(valueFrom);
  if (sm) {
    const ref: RemoteRef = { store: 'secretsmanager', key: sm[1]! };
    if (sm[2]) ref.property = sm[2];
    if (sm[4]) ref.version = `uuid/${sm[4]}`;
    else if (sm[3]) ref.version = sm[3];
    return ref;
  }
  const ssm = SSM_ARN.exec(valueFrom);
  if (ssm) {
    const path = ssm[3]!;
    // parameter/name → "name"; parameter/a/b → "/a/b" — unless the parameter lives in another
    // account or region than the task's: then only the whole ARN names it.
    const elsewhere = (home?.account !== undefined && ssm[2] !== home.account) || (home?.region !== undefined && ssm[1] !== home.region);
    const ref: RemoteRef = { store: 'ssm', key: elsewhere ? valueFrom : path.indexOf('/', 1) === -1 ? path.slice(1) : path };
    if (elsewhere) ref.elsewhere = { account: ssm[2]!, region: ssm[1]! };
    return ref;
  }
  return { store: 'ssm', key: valueFrom };
}

interface Collected {
  secretName: string;
  data: Map<string, RemoteRef>;
}

export function convertSecrets(ctx: ConvertContext): void {
  const stores = new Map<RemoteRef['store'], Collected>();
  const collect = (ref: RemoteRef, envName: string, container: string): { secretName: string; key: string } => {
    let col = stores.get(ref.store);
    if (!col) {
      col = { secretName: dnsLabel(`${ctx.id.name}-${ref.store === 'secretsmanager' ? 'secrets' : 'parameters'}`, 253), data: new Map() };
      stores.set(ref.store, col);
    }
    let key = secretKey(envName);
    const same = (a: RemoteRef, b: RemoteRef) => a.key === b.key && a.property === b.property && a.version === b.version;
    const existing = col.data.get(key);
    if (existing && !same(existing, ref)) key = secretKey(`${container}.${envName}`);
    col.data.set(key, ref);
    return { secretName: col.secretName, key };
  };
  const home = taskHome(ctx);
  for (const c of ctx.pod.containers) {
    const env = c.k8s.env ?? [];
    for (const [j, { name, valueFrom }] of (c.def.secrets ?? []).entries()) {
      if (!name || !valueFrom) continue;
      if (!acceptEnvName(ctx, c, name, 'secrets', j)) continue;
      const ref = parseValueFrom(valueFrom, home);
      if (ref.elsewhere) {
        const other = ref.elsewhere.region !== home.region && home.region !== undefined;
        const where = [ref.elsewhere.account !== home.account && `account ${ref.elsewhere.account}`, other && `region ${ref.elsewhere.region}`].filter(Boolean).join(', ');
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'secrets', j, 'valueFrom'),
          'secret-ref',
          `${show(name)} comes from the SSM parameter ${show(ref.key)} of ${where}, not the task's own: its remote key stays the whole ARN (a parameter name alone would read another parameter, or none)${other ? `; the SSM API is regional, so the store must read in ${ref.elsewhere.region}: point the ExternalSecret at a SecretStore for that region` : "; the store's role must be allowed to read the shared parameter"}`,
        );
      }
      const { secretName, key } = collect(ref, name, c.k8s.name);
      const clash = env.findIndex((e) => e['name'] === name);
      if (clash >= 0) {
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'secrets', j, 'name'),
          'duplicate-env',
          `${show(name)} is both a plain environment variable and a secret of container ${show(c.ecsName)}: the secret wins`,
        );
        env.splice(clash, 1);
      }
      env.push({ name, valueFrom: { secretKeyRef: { name: secretName, key } } });
    }
    if (env.length > 0) c.k8s.env = env;
  }
  for (const [store, col] of [...stores].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ctx.options.secrets.strategy === 'external-secrets') {
      const storeRef = store === 'secretsmanager' ? ctx.options.secrets.secretsManagerStore : ctx.options.secrets.parameterStore;
      ctx.addObject({
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: ctx.meta(col.secretName),
        spec: {
          refreshInterval: ctx.options.secrets.refreshInterval,
          secretStoreRef: { name: storeRef.name, kind: storeRef.kind },
          target: { name: col.secretName, creationPolicy: 'Owner' },
          data: [...col.data]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, ref]) => ({
              secretKey: k,
              remoteRef: { key: ref.key, ...(ref.property !== undefined && { property: ref.property }), ...(ref.version !== undefined && { version: ref.version }) },
            })),
        },
      });
    } else {
      ctx.note(
        ctx.td,
        ctx.tdPtr('containerDefinitions'),
        'secret-ref',
        `create the Secret ${show(col.secretName)} in namespace ${show(ctx.id.namespace)} with the keys ${[...col.data.keys()].sort().join(', ')} (from ${store === 'secretsmanager' ? 'Secrets Manager' : 'SSM Parameter Store'})`,
      );
    }
  }
  pullSecrets(ctx);
}

function pullSecrets(ctx: ConvertContext): void {
  const names: string[] = [];
  for (const c of ctx.pod.containers) {
    const param = c.def.repositoryCredentials?.credentialsParameter;
    if (!param) continue;
    const ref = parseValueFrom(param);
    const base = ref.key.replace(/^.*:secret:/, '').replace(/-[A-Za-z0-9]{6}$/, '');
    const name = dnsLabel(`${base}-pull`, 253);
    if (names.includes(name)) continue;
    names.push(name);
    ctx.warn(
      ctx.td,
      ctx.containerPtr(c, 'repositoryCredentials'),
      'pull-secret',
      `container ${show(c.ecsName)} pulls with the credentials in ${show(param)}: create the docker-registry Secret ${show(name)} from them (for example with an ExternalSecret whose template type is kubernetes.io/dockerconfigjson)`,
    );
  }
  if (names.length > 0) ctx.pod.spec.imagePullSecrets = names.sort().map((name) => ({ name }));
}
