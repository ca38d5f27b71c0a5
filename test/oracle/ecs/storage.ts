/**
 * What each container finds at its mount paths in ECS (Amazon ECS Developer Guide, "Storage
 * options for Amazon ECS tasks", task definition parameters: volumes, mountPoints, volumesFrom,
 * linuxParameters.tmpfs and sharedMemorySize).
 *
 * `mount.paths` lists the paths; each `mount:<path>` is `[kind]`, `(ro)` when read-only, and
 * `shared with a, b` when other containers mount the same volume, so that a dropped share is
 * visible even where the volume kind is right. The note names the volume (for the diagnostics).
 */
import { fact, type Facts } from '../model.js';
import { int, isObj, list, str, type Obj } from './read.js';
import { nameOf, type EcsTask } from './task.js';

interface Mount {
  path: string;
  readOnly: boolean;
  /** What identifies the data: containers mounting the same source share it. */
  source: string;
  kind: string;
}

/**
 * The kind of a volume:
 * - host.sourcePath: "the path on the host container instance that's presented to the container";
 *   an empty host or no host/dockerVolumeConfiguration: "the Docker daemon assigns a host path for
 *   your data volume, but the data isn't guaranteed to persist after the containers that are
 *   associated with it stop running" (scratch space of the task);
 * - dockerVolumeConfiguration: scope task ("automatically provisioned when the task starts and
 *   destroyed when the task stops") or shared ("persist after the task stops");
 * - efsVolumeConfiguration: "transitEncryption ... If this parameter is omitted, the default value
 *   of DISABLED is used"; authorizationConfig.iam ENABLED "uses the Amazon ECS task IAM role
 *   defined in a task definition when mounting the Amazon EFS file system";
 * - configuredAtLaunch: an Amazon EBS volume "configured at deployment", one per task, deleted when
 *   the task stops unless the service says otherwise.
 */
export function volumeKind(v: Obj | undefined): string {
  if (!v) return 'missing volume';
  if (v['configuredAtLaunch'] === true) return 'volume per task';
  const efs = v['efsVolumeConfiguration'];
  if (isObj(efs)) {
    const auth = isObj(efs['authorizationConfig']) ? efs['authorizationConfig'] : {};
    const ap = str(auth['accessPointId']);
    const root = str(efs['rootDirectory']);
    const tls = efs['transitEncryption'] === 'ENABLED' ? 'on' : 'off';
    const iam = auth['iam'] === 'ENABLED' ? 'task role' : 'off';
    return `efs ${str(efs['fileSystemId']) ?? '?'}${ap ? ` ap ${ap}` : ''}${root && root !== '/' && !ap ? ` ${root}` : ''} tls ${tls} iam ${iam}, this volume only`;
  }
  const fsx = v['fsxWindowsFileServerVolumeConfiguration'];
  if (isObj(fsx)) return `fsx ${str(fsx['fileSystemId']) ?? '?'}`;
  const dv = v['dockerVolumeConfiguration'];
  if (isObj(dv)) return dv['scope'] === 'shared' ? `docker volume ${str(dv['driver']) ?? 'local'} shared between tasks` : 'scratch';
  const host = v['host'];
  const src = isObj(host) ? str(host['sourcePath']) : undefined;
  return src ? `host ${src}` : 'scratch';
}

/** mountPoints and, through volumesFrom, the volumes of other containers ("--volumes-from" shares volumes, not tmpfs or /dev/shm). */
function volumeMounts(task: EcsTask, c: Obj, seen: Set<string>): Mount[] {
  const volumes = new Map(list(task.td.value['volumes']).map((v) => [str(v['name']) ?? '', v]));
  const out: Mount[] = [];
  for (const m of list(c['mountPoints'])) {
    const vol = str(m['sourceVolume']) ?? '';
    out.push({ path: str(m['containerPath']) ?? '?', readOnly: m['readOnly'] === true, source: `volume ${vol}`, kind: volumeKind(volumes.get(vol)) });
  }
  // volumesFrom: "Data volumes to mount from another container" — Docker's --volumes-from: every
  // volume of the source container, at the same paths, including the anonymous volumes its image
  // declares with VOLUME (which the task definition does not list).
  seen.add(nameOf(c));
  for (const vf of list(c['volumesFrom'])) {
    const src = str(vf['sourceContainer']) ?? '';
    const s = task.byName.get(src);
    if (!s || seen.has(src)) continue;
    for (const m of volumeMounts(task, s, seen)) out.push({ ...m, readOnly: m.readOnly || vf['readOnly'] === true });
    if (list(s['mountPoints']).length === 0 && list(s['volumesFrom']).length === 0) {
      out.push({ path: `(image VOLUMEs of ${src})`, readOnly: vf['readOnly'] === true, source: `image of ${src}`, kind: 'image volumes' });
    }
  }
  return out;
}

function mountsOf(task: EcsTask, c: Obj): Mount[] {
  const out = volumeMounts(task, c, new Set());
  const lp = isObj(c['linuxParameters']) ? c['linuxParameters'] : undefined;
  for (const t of list(lp?.['tmpfs'])) out.push({ path: str(t['containerPath']) ?? '?', readOnly: false, source: `tmpfs of ${nameOf(c)} ${str(t['containerPath'])}`, kind: 'memory' });
  if (lp && (int(lp['sharedMemorySize']) ?? 0) > 0) out.push({ path: '/dev/shm', readOnly: false, source: `shm of ${nameOf(c)}`, kind: 'memory' });
  return out;
}

export function mountFacts(task: EcsTask): Map<string, Facts> {
  const all = new Map(task.containers.map((c) => [nameOf(c), mountsOf(task, c)]));
  const holders = new Map<string, Set<string>>();
  for (const [name, ms] of all) for (const m of ms) (holders.get(m.source) ?? holders.set(m.source, new Set()).get(m.source)!).add(name);
  const out = new Map<string, Facts>();
  for (const [name, ms] of all) {
    const facts: Facts = { 'mount.paths': fact([...new Set(ms.map((m) => m.path))].sort().join(', ') || '(none)') };
    for (const m of ms) {
      const others = [...(holders.get(m.source) ?? [])].filter((n) => n !== name).sort();
      facts[`mount:${m.path}`] = fact(`[${m.kind}]${m.readOnly ? ' (ro)' : ''}${others.length ? ` shared with ${others.join(', ')}` : ''}`, m.source);
    }
    out.set(name, facts);
  }
  return out;
}
