/**
 * What kustomize's strategic merge knows about the kinds ecs2k8s emits: which lists merge by a
 * key (from the Kubernetes OpenAPI `x-kubernetes-patch-merge-key`), which kinds it has a schema
 * for at all, and which kinds are cluster-scoped. Everything not listed is treated as atomic, and
 * a custom resource (no schema in kustomize) only ever gets JSON 6902 patches.
 */

/** Kinds whose strategic-merge schema kustomize embeds (the core kinds ecs2k8s emits). */
export const SMP_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'ServiceAccount',
  'ConfigMap',
  'Secret',
  'Service',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'CronJob',
  'Ingress',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
]);

/** Cluster-scoped kinds: kustomize's `namespace:` leaves them without a namespace (and renames a Namespace). */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set(['Namespace', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass', 'PriorityClass']);

/** Where the pod spec sits in each workload kind (map keys from the object's root). */
export const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const POD_LISTS: Readonly<Record<string, string>> = {
  volumes: 'name',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  readinessGates: 'conditionType',
  schedulingGates: 'name',
  resourceClaims: 'name',
};
const CONTAINER_FIELDS: Readonly<Record<string, string>> = {
  env: 'name',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
};

/**
 * Keys that kustomize's merge (kyaml) may merge a list of maps by when it has no schema for the
 * list. A list that ecs2k8s treats as atomic but whose items hold one of them is patched with
 * JSON 6902 instead, so that the patch never depends on that guess.
 */
export const GUESSED_MERGE_KEYS: readonly string[] = ['mountPath', 'devicePath', 'ip', 'type', 'topologyKey', 'name', 'containerPort'];

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => path[i] === p);
}

/**
 * The merge key of the list at `path` (map keys from the object's root, list positions left
 * out) in a `kind`, or undefined when the list is atomic (a patch replaces it whole).
 */
export function mergeKey(kind: string, path: readonly string[]): string | undefined {
  if (!SMP_KINDS.has(kind)) return undefined;
  if (kind === 'Service' && path.length === 2 && path[0] === 'spec' && path[1] === 'ports') return 'port';
  if (kind === 'ServiceAccount' && path.length === 1 && path[0] === 'secrets') return 'name';
  const pod = POD_SPEC_PATH[kind];
  if (!pod || !startsWith(path, pod)) return undefined;
  const rest = path.slice(pod.length);
  if (rest.length === 1) return CONTAINER_LISTS.has(rest[0]!) ? 'name' : POD_LISTS[rest[0]!];
  if (rest.length === 2 && CONTAINER_LISTS.has(rest[0]!)) return CONTAINER_FIELDS[rest[1]!];
  return undefined;
}

/** True when `path` is a container's `image` inside the pod spec of a workload kind. */
export function isContainerImage(kind: string, path: readonly string[]): boolean {
  const pod = POD_SPEC_PATH[kind];
  if (!pod || path.length !== pod.length + 2 || !startsWith(path, pod)) return false;
  return (path[pod.length] === 'containers' || path[pod.length] === 'initContainers') && path[pod.length + 1] === 'image';
}
