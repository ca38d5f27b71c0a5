/**
 * A Copilot manifest's task definition: the main container (image, port, variables, secrets,
 * entrypoint and command, container health check, depends_on, docker labels), its sidecars, the
 * FireLens log router of `logging`, task size and platform, ephemeral storage and volumes (EFS,
 * or scratch volumes shared with sidecars), and the simple `taskdef_overrides` paths.
 */
import { pointerJoin, show } from '../../../diagnostics.js';
import { isObject, type Obj } from '../../../model/values.js';
import type { EcsDocument } from '../../document.js';
import { applyOverrides } from './overrides.js';
import { Built, type Manifest } from './manifest.js';

const FLUENT_BIT = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable';
const CONDITIONS: Record<string, string> = { start: 'START', complete: 'COMPLETE', success: 'SUCCESS', healthy: 'HEALTHY' };

/** The task definition of a manifest; `name` is the service's name, the family and the main container's name. */
export function taskDefinition(m: Manifest, name: string, extraTags: { key: string; value: string }[]): EcsDocument {
  const b = new Built(m);
  const td: Obj = { family: name, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'] };
  b.from('/family', '/name');
  td['cpu'] = String(m.num('/cpu') ?? 256);
  b.from('/cpu', '/cpu');
  td['memory'] = String(m.num('/memory') ?? 512);
  b.from('/memory', '/memory');
  const platform = runtimePlatform(m);
  if (platform) {
    td['runtimePlatform'] = platform;
    b.from('/runtimePlatform', '/platform');
  }
  const ephemeral = m.num('/storage/ephemeral');
  if (ephemeral !== undefined) {
    td['ephemeralStorage'] = { sizeInGiB: ephemeral };
    b.from('/ephemeralStorage', '/storage/ephemeral');
  }
  const containers: Obj[] = [];
  containers.push(mainContainer(m, b, name));
  const sidecars = m.obj('/sidecars') ?? {};
  for (const s of Object.keys(sidecars)) containers.push(sidecar(m, b, s, containers.length));
  if (m.has('/logging')) containers.push(logRouter(m, b, containers.length));
  td['containerDefinitions'] = containers;
  b.from('/containerDefinitions', '');
  const volumes = volumeList(m, b);
  if (volumes.length > 0) td['volumes'] = volumes;
  const tags = [...extraTags];
  if (tags.length > 0) {
    td['tags'] = tags;
    b.from('/tags', m.has('/on/schedule') ? '/on/schedule' : '/type');
  }
  applyOverrides(m, b, td);
  return { kind: 'taskDefinition', source: b.source, pointer: '', value: td };
}

function runtimePlatform(m: Manifest): Obj | undefined {
  const p = m.get('/platform');
  if (p === undefined) return undefined;
  let os: string | undefined;
  let arch: string | undefined;
  if (typeof p === 'string') [os, arch] = p.toLowerCase().split('/');
  else if (isObject(p)) {
    os = m.str('/platform/osfamily')?.toLowerCase();
    arch = m.str('/platform/architecture')?.toLowerCase();
  }
  const out: Obj = {};
  if (os === 'linux') out['operatingSystemFamily'] = 'LINUX';
  else if (os === 'windows' || os === 'windows_server_2019_core') out['operatingSystemFamily'] = 'WINDOWS_SERVER_2019_CORE';
  else if (os?.startsWith('windows_server_')) out['operatingSystemFamily'] = os.toUpperCase();
  else if (os !== undefined) m.warn('/platform', 'copilot-manifest', `the platform ${show(p)} is not linux or windows: it is ignored`);
  if (arch === 'arm' || arch === 'arm64' || arch === 'aarch64') out['cpuArchitecture'] = 'ARM64';
  else if (arch === 'amd64' || arch === 'x86_64') out['cpuArchitecture'] = 'X86_64';
  return Object.keys(out).length > 0 ? out : undefined;
}

/** `image.location`, or for `image.build` no image at all (the build's image is not known: --image fills it). */
function imageOf(m: Manifest, at: string, container: string): string | undefined {
  const v = m.get(at);
  if (typeof v === 'string') return m.subst(v);
  const location = m.str(`${at}/location`);
  if (location !== undefined) return location;
  if (m.has(`${at}/build`)) {
    m.warn(
      `${at}/build`,
      'copilot-not-applied',
      `the image of container ${show(container)} is built by Copilot from ${show(m.get(`${at}/build`))}: build and push it yourself, then give it with --image ${container}=URI (the bundle carries a placeholder until then)`,
    );
  }
  return undefined;
}

function portOf(m: Manifest, at: string): { port: number; protocol: string } | undefined {
  const v = m.get(at);
  if (v === undefined) return undefined;
  const match = /^(\d+)(?:\/(tcp|udp|http|grpc|tls))?$/i.exec(String(v).trim());
  if (!match) {
    m.warn(at, 'copilot-manifest', `the port ${show(v)} is not a number (or NUMBER/PROTOCOL): it is ignored`);
    return undefined;
  }
  return { port: Number(match[1]), protocol: match[2]?.toLowerCase() === 'udp' ? 'udp' : 'tcp' };
}

function environment(m: Manifest, b: Built, at: string, cptr: string, extra: [string, string][]): Obj[] {
  const vars = m.obj(at) ?? {};
  const out: Obj[] = extra.map(([name, value]) => ({ name, value }));
  for (const k of Object.keys(vars)) {
    const ptr = pointerJoin(at, k);
    const v = m.get(ptr);
    if (isObject(v)) {
      m.warn(ptr, 'copilot-not-applied', `the variable ${show(k)} takes its value from ${show(v)} (another stack's output): it is not known offline; set its value by hand`);
      out.push({ name: k, value: '${' + k + '}' });
    } else out.push({ name: k, value: m.str(ptr) ?? '' });
    b.from(pointerJoin(cptr, 'environment', out.length - 1), ptr);
  }
  return out;
}

function secrets(m: Manifest, b: Built, at: string, cptr: string): Obj[] {
  const all = m.obj(at) ?? {};
  const out: Obj[] = [];
  for (const k of Object.keys(all)) {
    const ptr = pointerJoin(at, k);
    const v = m.get(ptr);
    let valueFrom: string | undefined;
    if (typeof v === 'string') valueFrom = m.subst(v);
    else if (isObject(v) && m.str(`${ptr}/secretsmanager`) !== undefined) {
      const id = m.str(`${ptr}/secretsmanager`)!;
      valueFrom = id.startsWith('arn:') ? id : `arn:aws:secretsmanager:${m.vars['AWS_REGION'] ?? '${AWS_REGION}'}:${m.vars['AWS_ACCOUNT_ID'] ?? '${AWS_ACCOUNT_ID}'}:secret:${id}`;
      if (!id.startsWith('arn:') && (m.vars['AWS_REGION'] === undefined || m.vars['AWS_ACCOUNT_ID'] === undefined)) {
        m.warn(
          ptr,
          'copilot-not-applied',
          `the secret ${show(k)} names the Secrets Manager secret ${show(id)} by name: its ARN needs the region and account (--region, --account); until then it holds placeholders`,
        );
      }
    } else if (isObject(v) && v['from_cfn'] !== undefined) {
      m.warn(
        ptr,
        'copilot-not-applied',
        `the secret ${show(k)} comes from the CloudFormation export ${show(v['from_cfn'])}, which is not known offline: the bundle names a placeholder secret; point it at the real one`,
      );
      valueFrom = `\${${String(v['from_cfn'])}}`;
    } else {
      m.warn(ptr, 'copilot-manifest', `the secret ${show(k)} is ${show(v)}: write an SSM parameter name or ARN, or { secretsmanager: NAME }; it is skipped`);
      continue;
    }
    out.push({ name: k, valueFrom });
    b.from(pointerJoin(cptr, 'secrets', out.length - 1), ptr);
  }
  return out;
}

function healthCheck(m: Manifest, b: Built, at: string, cptr: string): Obj | undefined {
  if (!m.has(at)) return undefined;
  const command = m.get(`${at}/command`);
  const list = Array.isArray(command) ? command.map(String) : typeof command === 'string' ? ['CMD-SHELL', command] : undefined;
  if (!list) {
    m.warn(at, 'copilot-manifest', 'the health check has no command: it is ignored');
    return undefined;
  }
  const hc: Obj = {
    command: list,
    interval: m.seconds(`${at}/interval`) ?? 10,
    retries: m.num(`${at}/retries`) ?? 2,
    timeout: m.seconds(`${at}/timeout`) ?? 5,
    startPeriod: m.seconds(`${at}/start_period`) ?? 0,
  };
  b.from(`${cptr}/healthCheck`, at);
  b.from(`${cptr}/healthCheck/command`, `${at}/command`);
  return hc;
}

function dependsOn(m: Manifest, b: Built, at: string, cptr: string): Obj[] {
  const deps = m.obj(at) ?? {};
  const out: Obj[] = [];
  for (const k of Object.keys(deps)) {
    const cond = CONDITIONS[(m.str(pointerJoin(at, k)) ?? '').toLowerCase()];
    if (!cond) {
      m.warn(pointerJoin(at, k), 'copilot-manifest', `depends_on ${show(k)}: ${show(deps[k])} is not start, complete, success or healthy; it is skipped`);
      continue;
    }
    out.push({ containerName: k, condition: cond });
    b.from(pointerJoin(cptr, 'dependsOn', out.length - 1), pointerJoin(at, k));
  }
  return out;
}

/** The members every container takes the same way: variables, secrets, labels, depends_on, health check, entrypoint and command. */
function common(m: Manifest, b: Built, c: Obj, at: string, imageAt: string, cptr: string, extraEnv: [string, string][]): void {
  const env = environment(m, b, `${at}/variables`, cptr, extraEnv);
  if (env.length > 0) c['environment'] = env;
  const sec = secrets(m, b, `${at}/secrets`, cptr);
  if (sec.length > 0) c['secrets'] = sec;
  if (m.has(`${at}/env_file`))
    m.warn(`${at}/env_file`, 'copilot-not-applied', `env_file ${show(m.get(`${at}/env_file`))} is uploaded to S3 by Copilot: its variables are not read; add them under variables`);
  const labels = m.obj(`${imageAt}/labels`) ?? m.obj(`${at}/labels`);
  if (labels) c['dockerLabels'] = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, m.subst(String(v))]));
  const deps = dependsOn(m, b, m.has(`${imageAt}/depends_on`) ? `${imageAt}/depends_on` : `${at}/depends_on`, cptr);
  if (deps.length > 0) c['dependsOn'] = deps;
  const hc = healthCheck(m, b, m.has(`${imageAt}/healthcheck`) ? `${imageAt}/healthcheck` : `${at}/healthcheck`, cptr);
  if (hc) c['healthCheck'] = hc;
  const entryPoint = m.words(`${at}/entrypoint`);
  if (entryPoint) {
    c['entryPoint'] = entryPoint;
    b.from(`${cptr}/entryPoint`, `${at}/entrypoint`);
  }
  const command = m.words(`${at}/command`);
  if (command) {
    c['command'] = command;
    b.from(`${cptr}/command`, `${at}/command`);
  }
}

function mainContainer(m: Manifest, b: Built, name: string): Obj {
  const cptr = '/containerDefinitions/0';
  b.from(cptr, m.has('/image') ? '/image' : '/name');
  const c: Obj = { name, essential: true };
  const image = imageOf(m, '/image', name);
  if (image !== undefined) {
    c['image'] = image;
    b.from(`${cptr}/image`, m.has('/image/location') ? '/image/location' : '/image');
  }
  const port = portOf(m, '/image/port');
  if (port) {
    c['portMappings'] = [{ containerPort: port.port, protocol: port.protocol, ...(m.has('/network/connect') && m.get('/network/connect') !== false && { name: 'target' }) }];
    b.from(`${cptr}/portMappings/0`, '/image/port');
  }
  const copilotVars: [string, string][] = [];
  if (m.app) copilotVars.push(['COPILOT_APPLICATION_NAME', m.app]);
  if (m.env) copilotVars.push(['COPILOT_ENVIRONMENT_NAME', m.env]);
  copilotVars.push(['COPILOT_SERVICE_NAME', name]);
  common(m, b, c, '', '/image', cptr, copilotVars);
  const mounts = Object.keys(m.obj('/storage/volumes') ?? {}).map((v) => ({
    sourceVolume: v,
    containerPath: m.str(pointerJoin('/storage/volumes', v, 'path')) ?? `/${v}`,
    readOnly: m.bool(pointerJoin('/storage/volumes', v, 'read_only')) ?? true,
  }));
  if (mounts.length > 0) c['mountPoints'] = mounts;
  if (m.bool('/storage/readonly_fs') === true) c['readonlyRootFilesystem'] = true;
  if (m.has('/logging')) {
    const dest = m.obj('/logging/destination');
    c['logConfiguration'] = { logDriver: 'awsfirelens', ...(dest && { options: Object.fromEntries(Object.entries(dest).map(([k, v]) => [k, m.subst(String(v))])) }) };
    b.from(`${cptr}/logConfiguration`, '/logging');
  }
  return c;
}

function sidecar(m: Manifest, b: Built, name: string, index: number): Obj {
  const at = pointerJoin('/sidecars', name);
  const cptr = `/containerDefinitions/${index}`;
  b.from(cptr, at);
  const c: Obj = { name, essential: m.bool(`${at}/essential`) ?? true };
  const image = imageOf(m, `${at}/image`, name);
  if (image !== undefined) {
    c['image'] = image;
    b.from(`${cptr}/image`, `${at}/image`);
  }
  const port = portOf(m, `${at}/port`);
  if (port) c['portMappings'] = [{ containerPort: port.port, protocol: port.protocol }];
  if (m.has(`${at}/credentialsParameter`)) c['repositoryCredentials'] = { credentialsParameter: m.str(`${at}/credentialsParameter`) };
  common(m, b, c, at, `${at}/image`, cptr, []);
  const mounts: Obj[] = [];
  for (const [i, mp] of (Array.isArray(m.get(`${at}/mount_points`)) ? (m.get(`${at}/mount_points`) as unknown[]) : []).entries()) {
    if (!isObject(mp)) continue;
    const p = `${at}/mount_points/${i}`;
    mounts.push({ sourceVolume: m.str(`${p}/source_volume`), containerPath: m.str(`${p}/path`), readOnly: m.bool(`${p}/read_only`) ?? true });
    b.from(`${cptr}/mountPoints/${mounts.length - 1}`, p);
  }
  if (mounts.length > 0) c['mountPoints'] = mounts;
  return c;
}

function logRouter(m: Manifest, b: Built, index: number): Obj {
  const cptr = `/containerDefinitions/${index}`;
  b.from(cptr, '/logging');
  const options: Record<string, string> = { 'enable-ecs-log-metadata': String(m.bool('/logging/enableMetadata') ?? true) };
  const config = m.str('/logging/configFilePath');
  if (config) Object.assign(options, { 'config-file-type': 'file', 'config-file-value': config });
  const c: Obj = { name: 'firelens_log_router', image: m.str('/logging/image') ?? FLUENT_BIT, essential: true, firelensConfiguration: { type: 'fluentbit', options } };
  const env = environment(m, b, '/logging/variables', cptr, []);
  if (env.length > 0) c['environment'] = env;
  const sec = secrets(m, b, '/logging/secrets', cptr);
  if (sec.length > 0) c['secrets'] = sec;
  return c;
}

function volumeList(m: Manifest, b: Built): Obj[] {
  const out: Obj[] = [];
  for (const name of Object.keys(m.obj('/storage/volumes') ?? {})) {
    const at = pointerJoin('/storage/volumes', name);
    const efs = m.get(`${at}/efs`);
    const v: Obj = { name };
    if (efs === true || (isObject(efs) && efs['id'] === undefined && (efs['uid'] !== undefined || efs['gid'] !== undefined))) {
      m.warn(
        `${at}/efs`,
        'copilot-not-applied',
        `the volume ${show(name)} is an EFS file system that Copilot creates and manages: it does not exist outside Copilot; create one (or another ReadWriteMany storage) and set its id`,
      );
      v['efsVolumeConfiguration'] = { fileSystemId: '${COPILOT_MANAGED_EFS}', transitEncryption: 'ENABLED' };
    } else if (isObject(efs)) {
      const cfg: Obj = { fileSystemId: m.str(`${at}/efs/id`), transitEncryption: 'ENABLED' };
      const root = m.str(`${at}/efs/root_dir`);
      if (root) cfg['rootDirectory'] = root;
      const ap = m.str(`${at}/efs/auth/access_point_id`);
      cfg['authorizationConfig'] = { iam: m.bool(`${at}/efs/auth/iam`) === false ? 'DISABLED' : 'ENABLED', ...(ap && { accessPointId: ap }) };
      v['efsVolumeConfiguration'] = cfg;
    }
    out.push(v);
    b.from(`/volumes/${out.length - 1}`, at);
  }
  return out;
}
