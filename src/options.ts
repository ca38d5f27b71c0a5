/**
 * Every option of `build`, with its default, resolved once from (in rising priority) the
 * defaults, the project file (ecs2k8s.yaml) and the command line.
 */
import { pointerJoin, type SourceRef } from './diagnostics.js';
import type { ReaderOptions } from './load/readers/index.js';

import type { IamMode, LoadBalancerMode, ProgressiveDelivery, ProjectFile, SecretStrategy, WorkloadKind } from './project-file.js';

export type { IamMode, LoadBalancerMode, ProgressiveDelivery, ProjectEnvironment, ProjectEnvironments, ProjectFile, SecretStrategy, WorkloadKind } from './project-file.js';

export interface StoreRef {
  name: string;
  kind: 'ClusterSecretStore' | 'SecretStore';
}

/** Where an `images` entry came from: how messages name it, and how a container that no task definition has is reported. */
export interface ImageOrigin {
  /** How messages name the setting: `--image`, `"container-name"`, `images:`. */
  via: string;
  /**
   * A container that no task definition has: `error` for the command line and the Action (as
   * aws-actions/amazon-ecs-render-task-definition fails), `warning` for the project file, which
   * several builds of one repository share.
   */
  severity: 'error' | 'warning';
  /** The project file and the entry's pointer in it, for a position. */
  source?: SourceRef;
  pointer?: string;
}

/** What the project file's `diagnostics:` says. */
export interface DiagnosticRules {
  /** Codes whose warnings and notes are dropped (errors never are). Default none. */
  ignore: string[];
  /** Codes whose warnings and notes become errors. Default none. */
  error: string[];
}

export interface Options {
  /** Namespace for inputs that name no cluster. Default `default`. */
  namespace: string;
  /** Forces every object into this namespace (`--namespace`). Default: unset. */
  namespaceOverride?: string;
  /** ECS cluster name → namespace. Default: the cluster name, sanitised. */
  namespaces: Record<string, string>;
  /** AWS region: KEDA's aws-cloudwatch triggers (the readers take theirs from `read.region`). Default unset. */
  region?: string;
  /**
   * The folder that `ecs2k8s.io/source` paths are relative to: the project file's folder when a
   * project file is used. Default: the repository root of the inputs (the nearest folder holding
   * `.git`), else the inputs' common folder (src/load/root.ts).
   */
  projectRoot?: string;
  /** What the readers of infrastructure code resolve templates with (parameters, variables, pseudo parameters). Default: nothing given. */
  read?: ReaderOptions;
  /**
   * The environment being compiled (`--env NAME=…`, set by src/environments.ts): when a reader
   * translates its inputs per environment (Copilot), only that environment's documents are built.
   * Default: none (every environment the inputs have).
   */
  environment?: string;
  /**
   * Where each of `read`'s settings came from, by the name readers record it under (`region`,
   * `account`, `stackName`, `parameter:KEY`): how a not-applied warning names one that no reader
   * used (`--region`, or the project file and its pointer). Default none: nothing is warned.
   */
  readOrigins?: Record<string, { via: string; source?: SourceRef; pointer?: string }>;
  /** Target Kubernetes minor version. Default `1.36` (what the output validator models). */
  kubernetesVersion: string;
  /** Kind for a task definition without a service, unless its steering keys say otherwise. Default `deployment`. */
  workload: WorkloadKind;
  /** `--workload`: the kind of every task definition built without a service, over its steering keys. Default: unset. */
  workloadOverride?: WorkloadKind;
  /** CronJob schedule of a task definition without a service, unless its `ecs2k8s.io/schedule` key gives one. */
  schedule?: string;
  /** `--schedule`: the schedule of every CronJob built from a task definition without a service, over its steering key. Default: unset. */
  scheduleOverride?: string;
  /** Replicas of a standalone task definition's Deployment, unless its steering key gives them. Default 1. */
  replicas?: number;
  /** `--replicas`: the replicas of every Deployment, over a service's desiredCount and the steering key. Default: unset. */
  replicasOverride?: number;
  /** Name of a service that has no serviceName (ecspresso), or of a standalone workload. */
  serviceName?: string;
  /** Container name → image: `--image CONTAINER=URI`, the project file's `images:`, the Action's inputs. Default none. */
  images: Record<string, string>;
  /** Where each `images` entry came from. Default none: an entry without an origin counts as `--image`. */
  imageOrigins: Record<string, ImageOrigin>;
  /** The project file's `diagnostics:`. Default: nothing ignored, nothing promoted. */
  diagnostics: DiagnosticRules;
  secrets: {
    /** `external-secrets` (default): secretKeyRef plus an ExternalSecret; `secret-ref`: secretKeyRef only. */
    strategy: SecretStrategy;
    secretsManagerStore: StoreRef;
    parameterStore: StoreRef;
    /** ExternalSecret refreshInterval. Default `1h`. */
    refreshInterval: string;
  };
  /** `irsa` (default): `eks.amazonaws.com/role-arn` on the ServiceAccount; `pod-identity`; `none`. */
  iamMode: IamMode;
  storage: {
    /** StorageClass of EFS PersistentVolumes. Default `efs-sc`. */
    efsStorageClass: string;
    /** Capacity written on EFS volumes (EFS is elastic; Kubernetes requires a number). Default `5Gi`. */
    efsCapacity: string;
    /** StorageClass for shared Docker volumes. Default: unset (the cluster's default class). */
    sharedVolumeStorageClass?: string;
    /** Size requested for shared Docker volumes. Default `1Gi`. */
    sharedVolumeSize: string;
  };
  /** How a service's load balancer is expressed: `alb` (default) → Ingress, `nlb` → Service type LoadBalancer. */
  loadBalancer: LoadBalancerMode;
  /** IngressClass for ALB Ingresses. Default `alb`. */
  ingressClass: string;
  /** Labels added to every object. Default none. */
  labels: Record<string, string>;
  /**
   * Services whose strategy is BLUE_GREEN, CANARY or LINEAR, or whose controller is CODE_DEPLOY:
   * `argo-rollouts` (default) → an Argo Rollouts Rollout; `none` → a rolling Deployment and a
   * warning naming the strategy (the strategy is lost).
   */
  progressiveDelivery: ProgressiveDelivery;
  /** The ApplySet name `diff` and `apply` use (`applyset` in the project file; `--applyset` wins). Default: unset (derived from the bundle). */
  applyset?: string;
}

export function defaultOptions(): Options {
  return {
    namespace: 'default',
    namespaces: {},
    kubernetesVersion: '1.36',
    workload: 'deployment',
    images: {},
    imageOrigins: {},
    diagnostics: { ignore: [], error: [] },
    secrets: {
      strategy: 'external-secrets',
      secretsManagerStore: { name: 'aws-secrets-manager', kind: 'ClusterSecretStore' },
      parameterStore: { name: 'aws-parameter-store', kind: 'ClusterSecretStore' },
      refreshInterval: '1h',
    },
    iamMode: 'irsa',
    storage: { efsStorageClass: 'efs-sc', efsCapacity: '5Gi', sharedVolumeSize: '1Gi' },
    loadBalancer: 'alb',
    ingressClass: 'alb',
    labels: {},
    progressiveDelivery: 'argo-rollouts',
  };
}

/** The project file's settings over `o`; `source` (the file, for positions) marks where `images:` came from. */
export function applyProjectFile(o: Options, p: ProjectFile, source?: SourceRef): Options {
  const r: Options = { ...o, secrets: { ...o.secrets }, storage: { ...o.storage }, imageOrigins: { ...o.imageOrigins }, diagnostics: { ...o.diagnostics } };
  if (p.namespace !== undefined) r.namespace = p.namespace;
  if (p.namespaces) r.namespaces = { ...p.namespaces };
  if (p.variables) r.read = { ...r.read, variables: { ...r.read?.variables, ...p.variables } };
  if (p.region !== undefined) r.region = p.region;
  if (p.region !== undefined || p.account !== undefined || p.stackName !== undefined || p.parameters !== undefined) {
    r.read = { ...r.read };
    r.readOrigins = { ...r.readOrigins };
    const from = (key: string, pointer: string, via: string) => (r.readOrigins![key] = { via, ...(source && { source, pointer }) });
    if (p.region !== undefined) from('region', '/region', `region ${JSON.stringify(p.region)}`);
    if (p.account !== undefined) from('account', '/account', `account ${JSON.stringify(p.account)}`);
    if (p.stackName !== undefined) from('stackName', '/stackName', `stackName ${JSON.stringify(p.stackName)}`);
    for (const k of Object.keys(p.parameters ?? {})) from(`parameter:${k}`, pointerJoin('/parameters', k), `parameters.${k}`);
    if (p.region !== undefined) r.read.region = p.region;
    if (p.account !== undefined) r.read.account = p.account;
    if (p.stackName !== undefined) r.read.stackName = p.stackName;
    if (p.parameters !== undefined) r.read.parameters = { ...r.read.parameters, ...p.parameters };
  }
  if (p.kubernetesVersion !== undefined) r.kubernetesVersion = p.kubernetesVersion;
  if (p.workload !== undefined) r.workload = p.workload;
  if (p.schedule !== undefined) r.schedule = p.schedule;
  if (p.replicas !== undefined) r.replicas = p.replicas;
  if (p.serviceName !== undefined) r.serviceName = p.serviceName;
  if (p.images) {
    r.images = { ...p.images };
    for (const name of Object.keys(p.images)) r.imageOrigins[name] = { via: 'images:', severity: 'warning', ...(source && { source, pointer: pointerJoin('/images', name) }) };
  }
  if (p.secrets?.strategy) r.secrets.strategy = p.secrets.strategy;
  if (p.secrets?.secretsManagerStore) r.secrets.secretsManagerStore = { ...r.secrets.secretsManagerStore, ...p.secrets.secretsManagerStore };
  if (p.secrets?.parameterStore) r.secrets.parameterStore = { ...r.secrets.parameterStore, ...p.secrets.parameterStore };
  if (p.secrets?.refreshInterval) r.secrets.refreshInterval = p.secrets.refreshInterval;
  if (p.iam?.mode) r.iamMode = p.iam.mode;
  if (p.storage) Object.assign(r.storage, p.storage);
  if (p.loadBalancer) r.loadBalancer = p.loadBalancer;
  if (p.ingressClass) r.ingressClass = p.ingressClass;
  if (p.labels) r.labels = { ...p.labels };
  if (p.diagnostics) r.diagnostics = { ignore: [...(p.diagnostics.ignore ?? [])], error: [...(p.diagnostics.error ?? [])] };
  if (p.progressiveDelivery) r.progressiveDelivery = p.progressiveDelivery;
  if (p.applyset !== undefined) r.applyset = p.applyset;
  return r;
}

/** What an environment of `environments:` (or `--env`) may set over the shared options (src/environments.ts). */
export interface EnvironmentOptions {
  /** Every object of the environment in this namespace (as --namespace). Default: the shared options'. */
  namespace?: string;
  /** Container name → image, over the shared `images`. Default none. */
  images?: Record<string, string>;
  /** Labels added to every object, over the shared `labels`. Default none. */
  labels?: Record<string, string>;
  /** Replicas of a task definition without a service. Default: the shared option. */
  replicas?: number;
}
