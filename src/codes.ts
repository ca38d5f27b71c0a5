/**
 * Every diagnostic code, with what it means: a closed set (eemeli/yaml's ErrorCode). `Code` is
 * derived from the table, and every API that takes a code takes a `Code`, so that a code missing
 * here does not compile. The table is the source of docs/diagnostics.md and of the SARIF rule list.
 */
export interface CodeInfo {
  summary: string;
  /** Codes that mean the environment failed (I/O, cluster): exit 3 instead of 2. */
  environment?: boolean;
}

export const CODES = {
  // reading inputs
  'input-not-found': { summary: 'An input path does not exist.' },
  'input-unreadable': { summary: 'An input could not be read (permissions, I/O).', environment: true },
  'input-too-large': { summary: 'An input is larger than --max-input-size.' },
  'no-inputs': { summary: 'A directory holds no *.json file, or no input was given.' },
  'not-utf8': { summary: 'An input is not UTF-8 text.' },
  'json-syntax': { summary: 'An input is not JSON: the first syntax error, with what to do about it.' },
  'duplicate-member': { summary: 'An object names the same member twice; the last one wins.' },
  'not-an-ecs-document': { summary: 'An input is neither a task definition nor a service, nor a describe response holding them.' },
  'cfn-syntax': { summary: 'A CloudFormation template (or a CDK manifest) that is not valid JSON or YAML.' },
  'cfn-invalid': { summary: 'A CloudFormation template that CloudFormation would reject: no Resources, a malformed intrinsic function, a Ref to nothing.' },
  'cfn-unresolved': { summary: 'A value of a template known only when the stack is deployed (Fn::ImportValue, Fn::GetAtt, a pseudo parameter or parameter not given, {{resolve:…}}): a placeholder.' },
  'cfn-ignored': { summary: 'A part of a template that builds nothing (a resource whose condition is false, a CloudFormation-only property) or a name CloudFormation would generate.' },
  'cdk-asset-image': { summary: 'A CDK asset image, pushed when the app is deployed: a placeholder that --image fills.' },
  'describe-failure': { summary: 'A DescribeServices response records a failure entry.' },
  'empty-document': { summary: 'A response holds no definition.' },
  // Copilot manifests
  'copilot-manifest': { summary: 'A Copilot manifest that cannot be read as written: not YAML, no or an unknown type, a value of the wrong form.' },
  'copilot-unknown-field': { summary: 'A field that the Copilot manifest type does not have, with a suggestion for near misses; it is ignored.' },
  'copilot-not-applied': { summary: 'A Copilot setting with no counterpart in the ECS documents or the bundle (App Runner services, managed EFS, image builds, ALB rules): what to do instead.' },
  // Terraform (.tf files and terraform show -json)
  'hcl-syntax': { summary: 'A .tf or .tfvars file is not valid HCL: the first syntax error.' },
  'terraform-unresolved': { summary: 'A Terraform expression that cannot be known offline; it stays a ${…} placeholder.' },
  'terraform-instances': { summary: 'A resource with count or for_each: one instance is read.' },
  'terraform-remote-module': { summary: 'A module whose source is not a local folder (or cannot be read) is not read.' },
  'terraform-ignored': { summary: 'A Terraform argument with no member in the ECS request (or a repeated block the API takes once) is not read.' },
  // schema
  'unknown-member': { summary: 'A member that the ECS API does not have (ECS rejects it), with a suggestion for near misses.' },
  'missing-member': { summary: 'A member that ECS requires is missing.' },
  'missing-service-name': { summary: 'A service has no serviceName (ecspresso keeps it in its own config).' },
  'wrong-type': { summary: 'A value of the wrong JSON type.' },
  'invalid-value': { summary: 'A value outside its enumeration or pattern, including unsubstituted placeholders.' },
  'out-of-range': { summary: 'A number outside the range the ECS API documents.' },
  'null-as-absent': { summary: 'An optional member is null and is treated as absent.' },
  'empty-as-absent': { summary: 'An optional string member is "" and is treated as absent.' },
  // cross-field rules
  'no-containers': { summary: 'A task definition without containers.' },
  'duplicate-name': { summary: 'Two containers, volumes or port names share one name.' },
  'no-essential-container': { summary: 'No container is essential.' },
  'dangling-reference': { summary: 'dependsOn, links, volumesFrom, mountPoints or loadBalancers name something that does not exist.' },
  'host-port-mode': { summary: 'A hostPort that the network mode does not allow.' },
  'duplicate-port': { summary: 'A container maps the same port and protocol twice, or two containers of one pod listen on the same port.' },
  fargate: { summary: 'A Fargate requirement is not met (network mode, task size).' },
  'image-missing': { summary: 'A container has no image (a pipeline fills it in); --image supplies it.' },
  'health-check-form': { summary: 'A health check command without its CMD / CMD-SHELL prefix.' },
  'implied-order': { summary: 'links or volumesFrom imply a start order (START) that a pod does not keep.' },
  'entrypoint-reset': { summary: 'entryPoint [""] (clear the image\'s entrypoint): the command becomes the container\'s command.' },
  'image-placeholder': { summary: 'An image is a placeholder that a pipeline substitutes later.' },
  'value-placeholder': { summary: 'A value other than an image (role ARN, secret ARN, env value, EFS id) is a placeholder that a pipeline substitutes later.' },
  'plaintext-credential': { summary: 'A plain environment variable looks like a credential (its value is never echoed).' },
  'daemon-desired-count': { summary: 'desiredCount on a DAEMON service, which ignores it.' },
  // project file
  'config-syntax': { summary: 'The project file is not valid YAML.' },
  'config-invalid': { summary: 'The project file has an unknown setting or a wrong value (including an unknown code in diagnostics:).' },
  // pairing and names
  paired: { summary: 'How a service was paired with its task definition (revision or name differences).' },
  'unpaired-service': { summary: 'A service whose task definition is not among the inputs, or is ambiguous.' },
  'name-sanitised': { summary: 'An ECS name was changed to fit Kubernetes naming rules.' },
  'name-collision': { summary: 'Two inputs would produce one Kubernetes name; nothing is written.' },
  'unknown-image-override': { summary: "An image override names a container that no task definition has: an error for --image and the Action, a warning for the project file's images:." },
  'invalid-image': { summary: 'An image given by --image, images: or the Action is not an image reference (distribution reference grammar).' },
  'target-version': { summary: 'The target kubernetesVersion lacks a feature the input needs (src/convert/features.ts): the older form written, and the version that has it.' },
  'not-applied': {
    summary: 'A flag or setting that changes nothing for the inputs given (--replicas without a Deployment, --workload with services only, build flags next to a bundle folder, region).',
  },
  overridden: { summary: "A command-line flag replaced what an input says (a service's desiredCount, a steering key)." },
  'missing-schedule': { summary: 'A CronJob without a schedule.' },
  'invalid-output': { summary: 'An emitted object would be rejected by the API server (a bug); nothing is written.' },
  // steering
  'unknown-steering-key': { summary: 'An ecs2k8s.io/ key that is not a steering key.' },
  'invalid-steering-value': { summary: 'A steering key with a value it does not accept.' },
  // conversion: generic
  'log-routing': { summary: "A log driver that routed logs to its own receiver (FireLens, Splunk, …): in Kubernetes they go to stdout and the cluster's log agent." },
  'no-equivalent': { summary: 'A member with no Kubernetes equivalent (see docs/conversion.md).' },
  'cluster-level': { summary: 'A member whose job the cluster does in Kubernetes.' },
  ignored: { summary: 'A member that means nothing to the bundle.' },
  // containers
  'env-invalid': { summary: 'An environment entry Kubernetes cannot take.' },
  'duplicate-env': { summary: 'One variable set twice (or both plain and secret); the last or the secret wins.' },
  'environment-file': { summary: 'An S3 environment file: create the ConfigMap it names.' },
  'link-name': { summary: 'A link name that is not a valid host name.' },
  links: { summary: 'Links became hostAliases to 127.0.0.1.' },
  'depends-on-complete': { summary: 'dependsOn COMPLETE became an init container, which must exit 0.' },
  'dependency-cycle': { summary: 'dependsOn forms a cycle.' },
  // resources and probes
  'task-resources': { summary: 'The task-level cpu/memory budget was shared by containers without their own.' },
  'ephemeral-storage': { summary: "Where the task's ephemeral storage request went." },
  'resource-requirement': { summary: 'A resourceRequirements entry that converts partly or not at all.' },
  'healthy-without-check': { summary: 'Containers wait for HEALTHY on a container without a healthCheck.' },
  'probe-on-init': { summary: 'A healthCheck on a container that became an init container.' },
  // secrets and IAM
  'secret-ref': { summary: 'With strategy secret-ref: the Secret to create and its keys.' },
  'pull-secret': { summary: 'repositoryCredentials: the docker-registry Secret to create.' },
  irsa: { summary: "The IAM role must trust the cluster's OIDC provider." },
  'pod-identity': { summary: 'The EKS Pod Identity association to create.' },
  // volumes
  'duplicate-mount': { summary: 'Two volumes mounted at one path; the first is kept.' },
  'volume-driver': { summary: 'A Docker volume driver with no equivalent.' },
  'shared-volume': { summary: 'A shared Docker volume became a PersistentVolumeClaim.' },
  'volume-at-launch': { summary: 'A volume configured at launch became a placeholder claim.' },
  'volume-placeholder': { summary: 'A volume type with no equivalent became an emptyDir placeholder.' },
  'efs-volume': { summary: 'How an EFS volume was expressed (PV, claim, handle).' },
  // security
  'named-user': { summary: 'A named user; Kubernetes needs numeric ids.' },
  'init-process': { summary: 'initProcessEnabled: Kubernetes injects no init process.' },
  'sysctl-conflict': { summary: 'Containers set one sysctl to different values.' },
  'unsafe-sysctl': { summary: "A sysctl outside Kubernetes' safe set." },
  'ipc-none': { summary: 'ipcMode none has no equivalent.' },
  // networking
  'network-none': { summary: 'networkMode none has no equivalent.' },
  'port-name': { summary: 'A port name changed to fit IANA service-name rules.' },
  'port-range': { summary: 'A containerPortRange expanded or skipped.' },
  'dns-config': { summary: 'More DNS servers or search domains than Kubernetes accepts.' },
  'hostname-conflict': { summary: 'Containers set different hostnames; a pod has one.' },
  hostname: { summary: 'A hostname changed or dropped.' },
  'security-groups': { summary: 'awsvpc subnets and security groups have no pure-Kubernetes equivalent.' },
  'load-balancer': { summary: 'How a load balancer was expressed (Ingress or Service), and what to add.' },
  'load-balancer-extra': { summary: 'A second target group that the Ingress cannot route by itself.' },
  'load-balancer-port': { summary: 'A load balancer whose container port is not mapped.' },
  'service-registry': { summary: 'A Cloud Map registration became a headless Service.' },
  'service-connect-port': { summary: 'Service Connect names a port that no mapping has.' },
  'client-alias': { summary: 'A Service Connect client alias that differs from the Service name.' },
  // placement and rollout
  windows: { summary: 'A Windows task: pin the Windows build if nodes mix versions.' },
  'placement-expression': { summary: 'A placement expression converted with a caveat, or not at all.' },
  'zone-spread': { summary: 'A service spread over zones because ECS enables Availability Zone rebalancing by default.' },
  'placement-strategy': { summary: 'A placement strategy that the scheduler handles differently.' },
  'deployment-controller': { summary: 'CODE_DEPLOY or EXTERNAL deployments became a rolling update.' },
  'deployment-strategy': { summary: 'BLUE_GREEN, LINEAR or CANARY became a rolling update.' },
  'deployment-percent': { summary: 'maximumPercent/minimumHealthyPercent that leave no room to roll, or that Kubernetes rounds otherwise.' },
  'disruption-budget': { summary: 'How minimumHealthyPercent bounds node drains (PodDisruptionBudget), where Kubernetes keeps fewer pods than ECS.' },
  'circuit-breaker': { summary: 'The circuit breaker became progressDeadlineSeconds.' },
  // metadata
  'reserved-label': { summary: 'A tag or label key that ecs2k8s sets itself.' },
  'label-conflict': { summary: 'Containers set one docker label to different values.' },
  'non-essential': { summary: 'A non-essential container that Kubernetes restarts when it exits, where ECS leaves it stopped; or a non-essential health check that gates nothing.' },
  'job-retries': { summary: 'A Job with an ECS container restart policy: restartPolicy OnFailure restarts every failed container, and the Job fails after backoffLimit restarts.' },
  'job-completion': { summary: 'A Job whose pod ends at another moment than the ECS task: when all its regular containers have exited, or not when an essential sidecar exits.' },
  'grace-period': { summary: 'healthCheckGracePeriodSeconds without a probe to delay.' },
  'iam-none': { summary: 'IAM mode none: the task role is not attached.' },
  'invalid-schedule': { summary: 'A schedule that is neither cron nor an EventBridge cron()/rate() expression.' },
  'schedule-converted': { summary: 'An EventBridge cron()/rate() schedule converted to a CronJob schedule.' },
  'tags-annotation': { summary: 'Tags that are not valid label keys went to the ecs2k8s.io/tags annotation.' },
  // the bundle on disk
  'hand-edited': { summary: 'A file of the bundle was edited since ecs2k8s wrote it; the build replaces it (keep changes in a kustomize overlay).' },
  // scaling (Application Auto Scaling → HPA / KEDA)
  'incomplete-response': { summary: 'A describe response with a NextToken: one page of several.' },
  'scaling-skipped': { summary: "A scaling document for another service namespace or dimension than an ECS service's desired count." },
  'scaling-unpaired': { summary: 'A scaling document or deployment group whose service is not among the inputs.' },
  'scaling-duplicate': { summary: 'A second scalable target or deployment group for one service; the first is used.' },
  'scaling-no-target': { summary: 'Scaling policies or scheduled actions without their scalable target.' },
  autoscaler: { summary: "Which autoscaler (HorizontalPodAutoscaler or KEDA ScaledObject) a service's scaling became." },
  'scaling-target': { summary: 'How a CPU or memory target carried over (denominators agree; whole percents).' },
  'scaling-denominator': { summary: "The pod's requests are not what ECS divides utilization by: an AverageValue target keeps ECS's threshold." },
  'scaling-policy': { summary: 'A scaling policy (step, predictive, metric math, other metric) or target that is not converted.' },
  'scaling-region': { summary: 'A KEDA aws-cloudwatch trigger without a known AWS region.' },
  'scaling-cooldown': { summary: "Cooldowns approximated by the HPA behaviour's stabilisation window." },
  'scale-in': { summary: 'DisableScaleIn: scale-down disabled, or only some policies disable it.' },
  'scaling-suspended': { summary: 'A scalable target whose scaling is suspended; the autoscaler is emitted active.' },
  'scheduled-action': { summary: 'How scheduled actions became KEDA cron triggers, or why one did not.' },
  // progressive delivery (ECS strategies, CodeDeploy → Argo Rollouts)
  rollout: { summary: 'How a BLUE_GREEN, CANARY, LINEAR or CodeDeploy deployment became an Argo Rollouts strategy.' },
  'rollout-weight': { summary: 'A fractional traffic weight rounded to a whole percent.' },
  'rollout-traffic': { summary: 'How traffic is shifted (ALB routing, pod counts), and what of advancedConfiguration carries over.' },
  'rollout-alarms': { summary: 'Deployment alarms whose metrics are not in the inputs: no AnalysisTemplate.' },
  'lifecycle-hook': { summary: 'A deployment lifecycle hook: PAUSE hooks are Argo pauses; Lambda hooks are approximated by pauses.' },
  'deployment-config': { summary: 'The CodeDeploy deployment configuration of a deployment group, known or custom.' },
  // diff and apply: the bundle folder they read
  'bundle-incomplete': { summary: 'A bundle folder whose manifest lists no objects, or a file it lists that is missing.' },
  'bundle-layout': { summary: 'A folder that is not a plain bundle (a base with overlays, or Helm charts): diff or apply one environment, or install the charts.' },
  'bundle-syntax': { summary: 'A bundle file that is not valid YAML or JSON.' },
  'bundle-not-an-object': { summary: 'A bundle file that is not one Kubernetes object (apiVersion, kind, metadata.name).' },
  'bundle-invalid-name': { summary: 'A name, namespace or namespace folder that the API server would reject (checked before any URL is built).' },
  'bundle-wrong-namespace': { summary: 'An object whose namespace is not its folder, or a Namespace object in another folder.' },
  'bundle-applyset-label': { summary: 'An object that already carries an ApplySet label (ecs2k8s adds them at apply time).' },
  'bundle-edited': { summary: 'A bundle file edited after ecs2k8s build wrote it: used as it is.' },
  'prune-without-applyset': { summary: "--prune without an ApplySet name (--applyset or the project file's applyset)." },
  // usage and internal
  usage: { summary: 'The command line is not valid.' },
} as const satisfies Record<string, CodeInfo>;

/** A diagnostic code: a key of CODES. */
export type Code = keyof typeof CODES;

/**
 * The codes of output validation (src/k8s/validate/): what the API server would reject in an
 * emitted object, or what a controller would miss in the bundle. They never stand alone: an
 * issue reaches the user inside an `invalid-output` diagnostic (a bug in ecs2k8s), or a program
 * through validateK8sObject() and validateK8sBundle().
 */
export const K8S_ISSUE_CODES = {
  // the object and its schema (the strict schema of the target Kubernetes version)
  'k8s-object': { summary: 'The object is not a JSON object.' },
  'k8s-kind': { summary: 'No apiVersion or kind, or a kind this compiler may not emit.' },
  'k8s-unknown-field': { summary: 'A field the kind does not have.' },
  'k8s-required': { summary: 'A required field is missing.' },
  'k8s-type': { summary: 'A value of the wrong JSON type.' },
  'k8s-enum': { summary: 'A value outside its enumeration.' },
  'k8s-quantity': { summary: 'A resource quantity that is malformed or negative.' },
  'k8s-base64': { summary: 'Secret data that is not base64.' },
  'k8s-pattern': { summary: 'A string that does not match its pattern.' },
  'k8s-range': { summary: 'A number outside its range (int32 included).' },
  'k8s-schema': { summary: 'Any other schema violation.' },
  // the rules an API server enforces in code (src/k8s/validate/rules/)
  'k8s-null': { summary: 'A null value; omit the field instead.' },
  'k8s-name': { summary: 'metadata.name missing or invalid for the kind.' },
  'k8s-namespace': { summary: 'metadata.namespace invalid, or set on a cluster-scoped kind.' },
  'k8s-label-key': { summary: 'A label or selector key that is not a qualified name.' },
  'k8s-label-value': { summary: 'A label value that is not valid.' },
  'k8s-annotation-key': { summary: 'An annotation key that is not a qualified name.' },
  'k8s-annotation-size': { summary: 'Annotations larger than 256 KiB in total.' },
  'k8s-selector': { summary: 'A workload selector that is empty or does not select its pod template.' },
  'k8s-restart-policy': { summary: 'A restartPolicy that the controller kind or an init container does not allow.' },
  'k8s-init-container': { summary: 'Probes or lifecycle hooks on an init container that is not a sidecar.' },
  'k8s-container-name': { summary: 'A container name that is invalid or used twice.' },
  'k8s-port-name': { summary: 'A container port name that is invalid or used twice.' },
  'k8s-port': { summary: 'A container port outside 1–65535.' },
  'k8s-host-port': { summary: 'A host port that is out of range, used twice, or differs from the container port with hostNetwork.' },
  'k8s-volume-name': { summary: 'A volume name that is invalid or used twice.' },
  'k8s-volume-mount': { summary: 'A volume mount naming no volume, or a mount path used twice.' },
  'k8s-env-name': { summary: 'An environment variable name or envFrom prefix that is not valid.' },
  'k8s-probe': { summary: 'A probe without exactly one handler, or with invalid periods, thresholds or ports.' },
  'k8s-resources': { summary: 'A resource name that is not valid, or requests above limits.' },
  'k8s-service-port': { summary: 'Service ports that are unnamed, invalid or repeated.' },
  'k8s-config-key': { summary: 'A ConfigMap or Secret data key that is not valid, or repeated.' },
  'k8s-cron-schedule': { summary: 'A CronJob schedule the CronJob controller would reject.' },
  'k8s-pdb': { summary: 'A PodDisruptionBudget setting both minAvailable and maxUnavailable.' },
  'k8s-hpa': { summary: 'A HorizontalPodAutoscaler whose replica bounds are invalid.' },
  'k8s-ingress-path': { summary: 'An Ingress Prefix or Exact path that is not absolute.' },
  // the rules across the objects of one bundle (src/k8s/validate/bundle-rules.ts)
  'k8s-scale-target': { summary: 'An autoscaler (HorizontalPodAutoscaler, KEDA ScaledObject) whose scale target is not in the bundle.' },
  'k8s-reference': { summary: "A Rollout's Service, Ingress or AnalysisTemplate, or a trigger's TriggerAuthentication, that is not in the bundle." },
  'k8s-rollout-services': { summary: 'A Rollout whose stable and canary (or active and preview) Services are the same.' },
} as const satisfies Record<string, CodeInfo>;

/** An output validation issue code: a key of K8S_ISSUE_CODES. */
export type K8sIssueCode = keyof typeof K8S_ISSUE_CODES;

export function isEnvironmentCode(code: Code): boolean {
  const info: CodeInfo = CODES[code];
  return info.environment === true;
}

/** True when `code` is a diagnostic code (for codes read from outside: reports, tests). */
export function isCode(code: string): code is Code {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}
