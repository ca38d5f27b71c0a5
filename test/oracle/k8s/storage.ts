/**
 * What each container finds at its mount paths in Kubernetes (kubernetes.io: Volumes, Persistent
 * Volumes, Ephemeral Volumes; the Amazon EFS CSI driver's documentation).
 *
 * - emptyDir: "Initially empty ... When a Pod is removed from a node for any reason, the data in
 *   the emptyDir is deleted permanently"; medium Memory mounts a tmpfs.
 * - A PersistentVolumeClaim binds a PersistentVolume of its class; a PV is reserved for one claim
 *   only by its claimRef ("If the PersistentVolume exists and has not reserved
 *   PersistentVolumeClaims through its claimRef field, then the PersistentVolume and
 *   PersistentVolumeClaim will be bound" — any matching claim may take it).
 * - Generic ephemeral volumes: "the volume ... is created and deleted along with the Pod".
 * - EFS CSI: volumeHandle `fs-id[:path][::accessPointId]`; encryption in transit is on unless
 *   volumeAttributes.encryptInTransit is "false"; mountOptions `iam` authenticates with the
 *   driver's IAM identity (its service account or node role), not the pod's.
 */
import { fact, type Facts } from '../model.js';
import { cname, type PodView } from './pod.js';
import { isObj, list, str, strings, type K8sObject, type Obj } from './read.js';

function efsKind(pv: K8sObject, reserved: boolean): string {
  const spec = isObj(pv['spec']) ? pv['spec'] : {};
  const csi = isObj(spec['csi']) ? spec['csi'] : {};
  // volumeHandle: `fs-id`, `fs-id:/path` or `fs-id:[path]:accessPointId`.
  const [fs = '?', path, ap] = (str(csi['volumeHandle']) ?? '?').split(':');
  const attrs = isObj(csi['volumeAttributes']) ? csi['volumeAttributes'] : {};
  const opts = strings(spec['mountOptions']);
  const tls = attrs['encryptInTransit'] === 'false' && !opts.includes('tls') ? 'off' : 'on';
  const iam = opts.includes('iam') ? 'driver role' : 'off';
  return `efs ${fs}${ap ? ` ap ${ap}` : ''}${path && path !== '/' && !ap ? ` ${path}` : ''} tls ${tls} iam ${iam}, ${reserved ? 'this volume only' : 'any claim of its class may bind it'}`;
}

function claimKind(claimName: string, namespace: string, objects: readonly K8sObject[]): string {
  const pvc = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === claimName && (o.metadata.namespace ?? 'default') === namespace);
  const pvcSpec = pvc && isObj(pvc['spec']) ? pvc['spec'] : {};
  const pv = objects.find((o) => {
    if (o.kind !== 'PersistentVolume') return false;
    const spec = isObj(o['spec']) ? o['spec'] : {};
    const ref = isObj(spec['claimRef']) ? spec['claimRef'] : undefined;
    return o.metadata.name === str(pvcSpec['volumeName']) || (ref !== undefined && str(ref['name']) === claimName && (str(ref['namespace']) ?? 'default') === namespace);
  });
  if (!pv) return `claim ${str(pvcSpec['storageClassName']) ?? '(default class)'} ${strings(pvcSpec['accessModes']).join(',')}, one volume for every pod`.trim();
  const spec = isObj(pv['spec']) ? pv['spec'] : {};
  const ref = isObj(spec['claimRef']) ? spec['claimRef'] : undefined;
  const reserved = ref !== undefined && str(ref['name']) === claimName;
  const csi = isObj(spec['csi']) ? spec['csi'] : undefined;
  if (csi && str(csi['driver']) === 'efs.csi.aws.com') return efsKind(pv, reserved);
  if (isObj(spec['hostPath'])) return `host ${str(spec['hostPath']['path']) ?? '?'}`;
  return `persistent volume ${csi ? str(csi['driver']) : 'static'}`;
}

export function volumeKind(v: Obj | undefined, namespace: string, objects: readonly K8sObject[]): string {
  if (!v) return 'missing volume';
  if (isObj(v['emptyDir'])) return v['emptyDir']['medium'] === 'Memory' ? 'memory' : 'scratch';
  if (isObj(v['hostPath'])) return `host ${str(v['hostPath']['path']) ?? '?'}`;
  if (isObj(v['persistentVolumeClaim'])) return claimKind(str(v['persistentVolumeClaim']['claimName']) ?? '', namespace, objects);
  if (isObj(v['ephemeral'])) return 'volume per task';
  for (const k of ['configMap', 'secret', 'projected', 'downwardAPI', 'csi', 'nfs', 'image']) if (isObj(v[k])) return k;
  return 'other';
}

export function mountFacts(p: PodView, objects: readonly K8sObject[]): Map<string, Facts> {
  const volumes = new Map(list(p.spec['volumes']).map((v) => [str(v['name']) ?? '', v]));
  const containers = [...p.initOrder, ...p.regular];
  const holders = new Map<string, Set<string>>();
  for (const c of containers) for (const m of list(c['volumeMounts'])) (holders.get(str(m['name']) ?? '') ?? holders.set(str(m['name']) ?? '', new Set()).get(str(m['name']) ?? '')!).add(cname(c));
  const out = new Map<string, Facts>();
  for (const c of containers) {
    const mounts = list(c['volumeMounts']);
    const facts: Facts = { 'mount.paths': fact([...new Set(mounts.map((m) => str(m['mountPath']) ?? '?'))].sort().join(', ') || '(none)') };
    for (const m of mounts) {
      const vol = str(m['name']) ?? '';
      const others = [...(holders.get(vol) ?? [])].filter((n) => n !== cname(c)).sort();
      facts[`mount:${str(m['mountPath']) ?? '?'}`] = fact(
        `[${volumeKind(volumes.get(vol), p.namespace, objects)}]${m['readOnly'] === true ? ' (ro)' : ''}${others.length ? ` shared with ${others.join(', ')}` : ''}`,
        `volume ${vol}`,
      );
    }
    out.set(cname(c), facts);
  }
  return out;
}
