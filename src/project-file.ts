/**
 * The project file (ecs2k8s.yaml) as written: every member optional. Its JSON Schema,
 * schemas/ecs2k8s-config.schema.json, is generated from the type `ProjectFile` below by
 * scripts/gen-config-validator.mjs (`npm run gen:schemas`): the doc comments become the
 * schema's descriptions (what editors show), the tags its constraints. test/config-validator
 * fails when the committed schema is stale. src/options.ts applies it over the defaults.
 */

export type WorkloadKind = 'deployment' | 'daemonset' | 'job' | 'cronjob';
export type SecretStrategy = 'external-secrets' | 'secret-ref';
export type IamMode = 'irsa' | 'pod-identity' | 'none';
export type LoadBalancerMode = 'alb' | 'nlb';
export type ProgressiveDelivery = 'argo-rollouts' | 'none';

/** @pattern ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ */
type DnsLabel = string;

/**
 * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$
 */
type DnsSubdomain = string;

/** @pattern ^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$ */
type Quantity = string;

/** @pattern ^[a-z0-9]+(-[a-z0-9]+)*$ */
type Code = string;

/** @pattern ^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$ */
type LabelValue = string;

/**
 * Kubernetes labels: keys are [prefix/]name, values at most 63 characters of letters, digits, '-', '_', '.'
 * @propertyNames {"pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"}
 */
type Labels = Record<string, LabelValue>;

/** @uniqueItems true */
type CodeList = Code[];

/** A SecretStore or ClusterSecretStore of the External Secrets Operator. */
interface StoreRefSetting {
  /** @maxLength 253 */
  name?: DnsSubdomain;
  kind?: 'ClusterSecretStore' | 'SecretStore';
}

/** One environment of `environments:`: its inputs and what it sets over the shared options. */
export interface ProjectEnvironment {
  /** Files and directories of this environment, relative to the project file. */
  inputs?: NonEmpty[];
  /** Every object of the environment in this namespace. */
  namespace?: DnsLabel;
  /** Container name → image, over the shared images. */
  images?: Record<string, string>;
  labels?: Labels;
  /**
   * Replicas of a standalone task definition in this environment.
   * @asType integer
   * @minimum 0
   */
  replicas?: number;
}

/** @minLength 1 */
type NonEmpty = string;

/**
 * Environments built into a base and one overlay each (build --env NAME=PATHS does the same): name (a DNS label) → inputs and options.
 * @propertyNames {"pattern": "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"}
 */
export type ProjectEnvironments = Record<string, ProjectEnvironment>;

/**
 * ecs2k8s project file (ecs2k8s.yaml)
 * @title ecs2k8s project file (ecs2k8s.yaml)
 */
export interface ProjectFile {
  /** Namespace for inputs that name no cluster (default: default). */
  namespace?: DnsLabel;
  /** ECS cluster name → namespace. */
  namespaces?: Record<string, DnsLabel>;
  /**
   * AWS region: AWS::Region of CloudFormation templates (--region wins), and KEDA's aws-cloudwatch triggers. A not-applied warning says so when nothing used it.
   * @pattern ^[a-z]{2}(-[a-z]+)+-\d+$
   */
  region?: string;
  /**
   * AWS account id: AWS::AccountId of CloudFormation templates (--account wins).
   * @pattern ^\d{12}$
   */
  account?: string;
  /**
   * AWS::StackName of CloudFormation templates (--stack-name wins).
   * @minLength 1
   */
  stackName?: string;
  /** CloudFormation parameters, name → value, over their Default (--parameter KEY=VALUE wins). */
  parameters?: Record<string, string>;
  /** Terraform variables, name → value, over `*.tfvars` and their defaults (--var NAME=VALUE wins). */
  variables?: Record<string, string>;
  /**
   * Target Kubernetes minor version (default 1.36).
   * @pattern ^1\.\d+$
   */
  kubernetesVersion?: string;
  /** Kind for a task definition without a service, unless its ecs2k8s.io/workload tag says otherwise (default deployment); --workload on the command line wins over both. */
  workload?: WorkloadKind;
  /** CronJob schedule of a task definition without a service, unless its ecs2k8s.io/schedule tag gives one; --schedule on the command line wins over both. */
  schedule?: string;
  /**
   * Replicas of a task definition built without a service, unless its ecs2k8s.io/replicas tag gives them (default 1); a service's desiredCount is not changed. --replicas on the command line sets every Deployment's.
   * @asType integer
   * @minimum 0
   */
  replicas?: number;
  /**
   * Name for a service without serviceName, or a standalone workload.
   * @minLength 1
   */
  serviceName?: string;
  /** Container name → image, as --image. A container that no task definition of a build has is a warning (an error for --image). */
  images?: Record<string, string>;
  secrets?: {
    strategy?: SecretStrategy;
    secretsManagerStore?: StoreRefSetting;
    parameterStore?: StoreRefSetting;
    /** @pattern ^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$ */
    refreshInterval?: string;
  };
  iam?: { mode?: IamMode };
  storage?: { efsStorageClass?: DnsSubdomain; efsCapacity?: Quantity; sharedVolumeStorageClass?: DnsSubdomain; sharedVolumeSize?: Quantity };
  loadBalancer?: LoadBalancerMode;
  /** @maxLength 253 */
  ingressClass?: DnsSubdomain;
  labels?: Labels;
  /** What a team accepts and what it refuses: diagnostic codes (docs/diagnostics.md) whose warnings and notes are dropped (ignore), and codes that fail the build (error). Command-line --strict applies after these. */
  diagnostics?: {
    /** Codes whose warnings and notes are not reported. Errors are never dropped. */
    ignore?: CodeList;
    /** Codes whose warnings and notes become errors (exit 2), as --strict does for every warning. */
    error?: CodeList;
  };
  /** Services with a BLUE_GREEN, CANARY or LINEAR strategy or the CODE_DEPLOY controller: argo-rollouts (default) → an Argo Rollouts Rollout; none → a rolling Deployment and a warning. */
  progressiveDelivery?: ProgressiveDelivery;
  /**
   * The name of this project's ApplySet for diff and apply (the parent ConfigMap is applyset-<name> in each namespace): keep it unique per bundle. Default: derived from the bundle; --prune needs it set (or --applyset).
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   * @maxLength 54
   */
  applyset?: string;
  environments?: ProjectEnvironments;
  /** build --gitops: the objects that make Argo CD or Flux pick the output up (the command line's flags win). */
  gitops?: {
    tool?: 'argocd' | 'flux';
    /** The Git repository the output is committed to. */
    repoURL?: NonEmpty;
    /** Branch, refs/tags/TAG or commit (default main). */
    revision?: NonEmpty;
    /** The output folder's path in the repository (default: --out relative to the working directory). */
    path?: string;
    /** Name of the Application(Set) / GitRepository (default: the last segment of path, else the repository's name). */
    name?: DnsLabel;
    /** Namespace of the GitOps objects (default argocd / flux-system). */
    namespace?: DnsLabel;
    /** With environments: one ApplicationSet (default) or one Application each. */
    argocdKind?: 'applicationset' | 'application';
  };
}
