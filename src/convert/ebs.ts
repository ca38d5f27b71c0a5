/**
 * A volume configured at launch (`configuredAtLaunch`) with the service's managed EBS volume
 * (`volumeConfigurations[].managedEBSVolume`) → a generic ephemeral volume of a StorageClass built
 * from that configuration (EBS CSI driver). ECS creates one EBS volume per task and deletes it
 * with the task; a generic ephemeral volume "is created and deleted along with the Pod" — the same
 * life. Without the service's configuration the claim has the default class and the project's
 * sharedVolumeSize, and a warning says so.
 */
import { show } from '../diagnostics.js';
import { dnsLabel } from '../k8s/names.js';
import type { IPersistentVolumeClaimSpec } from 'kubernetes-models/v1/PersistentVolumeClaimSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Volume } from '../model/ecs.js';
import type { ConvertContext } from './context.js';

export function managedEbsVolume(ctx: ConvertContext, v: Volume, i: number, name: string): Omit<IVolume, 'name'> {
  const ecsName = v.name ?? name;
  const configurations = ctx.serviceDefinition?.volumeConfigurations ?? [];
  const index = configurations.findIndex((c) => c.name === ecsName);
  const found = ctx.svc && index >= 0 ? ([configurations[index]!, index] as const) : undefined;
  const ebs = found?.[0].managedEBSVolume;
  const ptr = ctx.tdPtr('volumes', i, 'configuredAtLaunch');
  if (!ebs || !ctx.svc) {
    const size = ctx.options.storage.sharedVolumeSize;
    ctx.warn(
      ctx.td,
      ptr,
      'volume-at-launch',
      `the volume ${show(ecsName)} is configured at launch, by a service's volumeConfigurations${ctx.svc ? ' — the service has none for it' : ', which are not among the inputs'}: it becomes a per-pod ephemeral volume of the default StorageClass and ${size} (storage.sharedVolumeSize), created and deleted with the pod as ECS does with the task's EBS volume; give the service's volumeConfigurations to set its type and size`,
    );
    return ephemeral(undefined, size);
  }
  const at = (...rest: (string | number)[]) => ctx.svcPtr('volumeConfigurations', found![1], 'managedEBSVolume', ...rest);
  const className = dnsLabel(`${ctx.id.namespace}-${ctx.id.name}-${name}`, 253);
  const parameters: Record<string, string> = { type: ebs.volumeType ?? 'gp3' };
  if (typeof ebs.encrypted === 'boolean') parameters['encrypted'] = String(ebs.encrypted);
  if (ebs.kmsKeyId) parameters['kmsKeyId'] = ebs.kmsKeyId;
  if (ebs.iops !== undefined) parameters['iops'] = String(ebs.iops);
  if (ebs.throughput !== undefined) parameters['throughput'] = String(ebs.throughput);
  if (ebs.filesystemType) parameters['csi.storage.k8s.io/fstype'] = ebs.filesystemType.toLowerCase();
  let n = 0;
  for (const spec of ebs.tagSpecifications ?? []) {
    for (const tag of spec.tags ?? []) {
      if (tag.key !== undefined) parameters[`tagSpecification_${++n}`] = `${tag.key}=${tag.value ?? ''}`;
    }
  }
  ctx.addObject({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: ctx.meta(className, { namespaced: false }),
    provisioner: 'ebs.csi.aws.com',
    parameters,
    // ECS deletes a service's managed volume with its task.
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  } as never);
  let size = ebs.sizeInGiB !== undefined ? `${ebs.sizeInGiB}Gi` : undefined;
  const snapshot = ebs.snapshotId;
  if (snapshot) {
    ctx.warn(
      ctx.svc,
      at('snapshotId'),
      'volume-at-launch',
      `ECS creates the volume ${show(ecsName)} from the snapshot ${show(snapshot)}; the ephemeral volume starts empty: import the snapshot as a VolumeSnapshot (VolumeSnapshotContent with snapshotHandle ${snapshot}) and set it as the claim template's dataSource`,
    );
  }
  if (size === undefined) {
    size = ctx.options.storage.sharedVolumeSize;
    ctx.warn(
      ctx.svc,
      at(),
      'volume-at-launch',
      `the managed EBS volume ${show(ecsName)} has no sizeInGiB (ECS sizes it from its snapshot): the claim asks for ${size} (storage.sharedVolumeSize); set the size the snapshot needs`,
    );
  }
  ctx.note(
    ctx.svc,
    at(),
    'volume-at-launch',
    `the managed EBS volume ${show(ecsName)} becomes a per-pod ephemeral volume (${size}) of the StorageClass ${show(className)} (EBS CSI driver, ${parameters['type']}): created with each pod and deleted with it, as ECS does with each task's volume`,
  );
  return ephemeral(className, size);
}

function ephemeral(storageClassName: string | undefined, size: string): Omit<IVolume, 'name'> {
  const spec: IPersistentVolumeClaimSpec = { accessModes: ['ReadWriteOnce'], ...(storageClassName && { storageClassName }), resources: { requests: { storage: size } } };
  return { ephemeral: { volumeClaimTemplate: { spec } } };
}
