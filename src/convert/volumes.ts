/**
 * volumes, mountPoints, volumesFrom, and the tmpfs / shared-memory parts of linuxParameters.
 * host.sourcePath → hostPath; an empty host → emptyDir; Docker volumes → emptyDir (scope task)
 * or a PersistentVolumeClaim (scope shared); EFS → a PersistentVolume for the EFS CSI driver
 * and its claim.
 */
import { show } from '../diagnostics.js';
import { dnsLabel } from '../k8s/names.js';
import type { ContainerPlan, ConvertContext } from './context.js';
import { managedEbsVolume } from './ebs.js';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { IPersistentVolumeClaimSpec } from 'kubernetes-models/v1/PersistentVolumeClaimSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { EFSVolumeConfiguration, Volume } from '../model/ecs.js';

export function convertVolumes(ctx: ConvertContext): void {
  const names = new Map<string, string>(); // ECS volume name → pod volume name
  const used = new Map<string, string>();
  for (const [i, v] of (ctx.taskDefinition.volumes ?? []).entries()) {
    const ecsName = v.name;
    if (!ecsName) continue;
    const name = dnsLabel(ecsName);
    const clash = used.get(name);
    if (clash !== undefined && clash !== ecsName) {
      ctx.error(ctx.td, ctx.tdPtr('volumes', i, 'name'), 'name-collision', `volumes ${show(clash)} and ${show(ecsName)} both become ${show(name)} in Kubernetes: rename one`);
      continue;
    }
    used.set(name, ecsName);
    names.set(ecsName, name);
    if (name !== ecsName) ctx.note(ctx.td, ctx.tdPtr('volumes', i, 'name'), 'name-sanitised', `volume name ${show(ecsName)} becomes ${show(name)} (Kubernetes names are lowercase DNS labels)`);
    ctx.addVolume(name, source(ctx, v, i, name));
  }
  const mounts = new Map<ContainerPlan, IVolumeMount[]>();
  for (const c of ctx.pod.containers) {
    const list: IVolumeMount[] = [];
    for (const [j, mp] of (c.def.mountPoints ?? []).entries()) {
      const vol = names.get(mp.sourceVolume ?? '');
      const path = mp.containerPath;
      if (!vol || !path) continue;
      addMount(ctx, c, list, { name: vol, mountPath: path, ...(mp.readOnly === true && { readOnly: true }) }, ctx.containerPtr(c, 'mountPoints', j));
    }
    mounts.set(c, list);
  }
  // volumesFrom repeats the source container's mounts (after they are all known).
  const byName = new Map(ctx.pod.containers.map((c) => [c.ecsName, c]));
  for (const c of ctx.pod.containers) {
    const list = mounts.get(c)!;
    for (const [j, vf] of (c.def.volumesFrom ?? []).entries()) {
      const src = byName.get(vf.sourceContainer ?? '');
      if (!src) continue;
      if ((src.def.mountPoints ?? []).length === 0) {
        // Docker's --volumes-from also shares the anonymous volumes the source's image declares (VOLUME), which the task definition does not name.
        ctx.warn(
          ctx.td,
          ctx.containerPtr(c, 'volumesFrom', j),
          'shared-volume',
          `${show(c.ecsName)} takes the volumes of ${show(src.ecsName)}, which has no mountPoints: in ECS it shares the VOLUMEs of that container's image (paths not in the task definition, content copied from the image); here it gets nothing — add a volume with a mountPoint at the image's VOLUME path on both containers, and copy the image's content into it (an init container), or bake the files into both images`,
        );
        continue;
      }
      for (const m of mounts.get(src) ?? []) {
        addMount(ctx, c, list, { ...m, ...(vf.readOnly === true && { readOnly: true }) }, ctx.containerPtr(c, 'volumesFrom', j));
      }
    }
  }
  for (const c of ctx.pod.containers) {
    const list = mounts.get(c)!;
    linuxMounts(ctx, c, list);
    if (list.length > 0) c.k8s.volumeMounts = list;
  }
}

function addMount(ctx: ConvertContext, c: ContainerPlan, list: IVolumeMount[], m: IVolumeMount, ptr: string): void {
  const dup = list.find((x) => x.mountPath === m.mountPath);
  if (dup) {
    if (dup.name !== m.name) ctx.warn(ctx.td, ptr, 'duplicate-mount', `container ${show(c.ecsName)} mounts two volumes at ${show(m.mountPath)}: the first (${show(dup.name)}) is kept`);
    return;
  }
  list.push(m);
}

/** The pod volume of an ECS volume. */
type VolumeSource = Omit<IVolume, 'name'>;

function source(ctx: ConvertContext, v: Volume, i: number, name: string): VolumeSource {
  const { host, dockerVolumeConfiguration: docker, efsVolumeConfiguration: efs } = v;
  if (efs) return efsVolume(ctx, efs, i, name, v.name ?? name);
  if (docker) {
    const scope = docker.scope ?? 'task';
    const driver = docker.driver;
    if (driver && driver !== 'local') {
      ctx.warn(
        ctx.td,
        ctx.tdPtr('volumes', i, 'dockerVolumeConfiguration', 'driver'),
        'volume-driver',
        `the Docker volume driver ${show(driver)} has no Kubernetes equivalent: ${scope === 'shared' ? 'pick a StorageClass for the claim' : 'the volume becomes an emptyDir'} (project file storage.sharedVolumeStorageClass)`,
      );
    }
    if (scope !== 'shared') return { emptyDir: {} };
    const claim = dnsLabel(`${ctx.id.name}-${name}`, 253);
    const spec: IPersistentVolumeClaimSpec = { accessModes: ['ReadWriteOnce'] };
    if (ctx.options.storage.sharedVolumeStorageClass) spec.storageClassName = ctx.options.storage.sharedVolumeStorageClass;
    spec.resources = { requests: { storage: ctx.options.storage.sharedVolumeSize } };
    ctx.addObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: ctx.meta(claim), spec });
    ctx.warn(
      ctx.td,
      ctx.tdPtr('volumes', i, 'dockerVolumeConfiguration', 'scope'),
      'shared-volume',
      `the shared Docker volume ${show(v.name)} becomes the PersistentVolumeClaim ${show(claim)} of ${ctx.options.storage.sharedVolumeSize} (ReadWriteOnce): in ECS it was shared per instance; check its size and access mode`,
    );
    return { persistentVolumeClaim: { claimName: claim } };
  }
  if (host) {
    const path = host.sourcePath;
    if (!path) return { emptyDir: {} };
    // Docker creates a missing bind-mount source as a directory; a path that names a file or a
    // socket (docker.sock, a .pem) must not be checked as a directory, or the pod cannot start.
    const base =
      path
        .replace(/[\\/]+$/, '')
        .split(/[\\/]/)
        .pop() ?? '';
    return { hostPath: base.includes('.') ? { path } : { path, type: 'DirectoryOrCreate' } };
  }
  if (v.configuredAtLaunch === true) return managedEbsVolume(ctx, v, i, name);
  if (v.fsxWindowsFileServerVolumeConfiguration || v.s3filesVolumeConfiguration) {
    ctx.warn(
      ctx.td,
      ctx.tdPtr('volumes', i),
      'volume-placeholder',
      `the volume ${show(v.name)} has no Kubernetes equivalent here: an emptyDir stands in so that its mounts stay valid; replace it (SMB or Mountpoint for S3 CSI drivers)`,
    );
    return { emptyDir: {} };
  }
  return { emptyDir: {} };
}

function efsVolume(ctx: ConvertContext, efs: EFSVolumeConfiguration, i: number, name: string, ecsName: string): VolumeSource {
  const fsId = efs.fileSystemId;
  const root = efs.rootDirectory;
  const auth = efs.authorizationConfig ?? {};
  const ap = auth.accessPointId;
  let handle = fsId;
  if (root && root !== '/') handle += `:${root}`;
  if (ap) handle += `${root && root !== '/' ? '' : ':'}:${ap}`;
  const mountOptions: string[] = [];
  const tls = efs.transitEncryption === 'ENABLED' || ap !== undefined;
  if (tls) mountOptions.push('tls');
  if (auth.iam === 'ENABLED') mountOptions.push('iam');
  const pv = dnsLabel(`${ctx.id.namespace}-${ctx.id.name}-${name}`, 253);
  const claim = dnsLabel(`${ctx.id.name}-${name}`, 253);
  const volName = show(ecsName);
  // The EFS CSI driver encrypts in transit unless told: ECS's default (and an explicit DISABLED) is plain NFS.
  const volumeAttributes = tls ? undefined : { encryptInTransit: 'false' };
  if (!tls && efs.transitEncryption === 'DISABLED') {
    ctx.note(
      ctx.td,
      ctx.tdPtr('volumes', i, 'efsVolumeConfiguration', 'transitEncryption'),
      'efs-volume',
      `the volume ${volName} mounts without encryption in transit, as transitEncryption DISABLED says: the PersistentVolume sets encryptInTransit "false" (the EFS CSI driver's default is TLS)`,
    );
  }
  if (auth.iam === 'ENABLED') {
    ctx.warn(
      ctx.td,
      ctx.tdPtr('volumes', i, 'efsVolumeConfiguration', 'authorizationConfig', 'iam'),
      'efs-volume',
      `the volume ${volName} mounts EFS ${show(fsId)} with IAM authorization: ECS authenticates as the task role, the EFS CSI driver as its own identity (its service account's role or the node's), never the pod's — allow that role elasticfilesystem:ClientMount (and ClientWrite) in the file system policy, and do not rely on the task role there`,
    );
  }
  const storageClassName = ctx.options.storage.efsStorageClass;
  const capacity = ctx.options.storage.efsCapacity;
  ctx.addObject({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: ctx.meta(pv, { namespaced: false }),
    spec: {
      capacity: { storage: capacity },
      volumeMode: 'Filesystem',
      accessModes: ['ReadWriteMany'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName,
      ...(mountOptions.length > 0 && { mountOptions }),
      // Reserved for its claim: without claimRef any claim of the class could bind the file system.
      claimRef: { namespace: ctx.id.namespace, name: claim },
      csi: { driver: 'efs.csi.aws.com', volumeHandle: handle, ...(volumeAttributes && { volumeAttributes }) },
    },
  });
  ctx.addObject({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: ctx.meta(claim),
    spec: { accessModes: ['ReadWriteMany'], storageClassName, volumeName: pv, resources: { requests: { storage: capacity } } },
  });
  ctx.note(
    ctx.td,
    ctx.tdPtr('volumes', i, 'efsVolumeConfiguration'),
    'efs-volume',
    `EFS ${show(fsId)} becomes the PersistentVolume ${show(pv)} (EFS CSI driver, handle ${show(handle)}) and the claim ${show(claim)}`,
  );
  return { persistentVolumeClaim: { claimName: claim } };
}

/** sharedMemorySize → an in-memory emptyDir at /dev/shm; tmpfs → in-memory emptyDirs. */
function linuxMounts(ctx: ConvertContext, c: ContainerPlan, list: IVolumeMount[]): void {
  const lp = c.def.linuxParameters;
  if (!lp) return;
  const cname = c.k8s.name;
  const shm = lp.sharedMemorySize;
  if (shm !== undefined && shm > 0) {
    const vol = dnsLabel(`shm-${cname}`);
    ctx.addVolume(vol, { emptyDir: { medium: 'Memory', sizeLimit: `${shm}Mi` } });
    addMount(ctx, c, list, { name: vol, mountPath: '/dev/shm' }, ctx.containerPtr(c, 'linuxParameters', 'sharedMemorySize'));
  }
  for (const [j, t] of (lp.tmpfs ?? []).entries()) {
    const path = t.containerPath;
    const size = t.size;
    if (!path) continue;
    const vol = dnsLabel(`tmpfs-${cname}-${j}`);
    ctx.addVolume(vol, { emptyDir: { medium: 'Memory', ...(size !== undefined && size > 0 && { sizeLimit: `${size}Mi` }) } });
    addMount(ctx, c, list, { name: vol, mountPath: path }, ctx.containerPtr(c, 'linuxParameters', 'tmpfs', j));
  }
}
