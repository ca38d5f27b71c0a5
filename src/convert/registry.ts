/**
 * The conversion registry: every member of the ECS model (RegisterTaskDefinitionRequest,
 * ContainerDefinition, CreateServiceRequest and the types under them), classified. It is the
 * single source of docs/conversion.md (scripts/gen-conversion-table.ts) and drives the generic
 * pass that reports members without equivalent (src/convert/unmapped.ts); a test fails when a
 * member of the generated schemas is missing here.
 *
 * status:
 * - converted: mapped to the target named; notes say what is approximated in special cases
 *   (those cases raise a warning from the area's converter).
 * - approximated: mapped to something close; the converter always warns.
 * - none: no Kubernetes equivalent; a warning names it whenever it is set.
 * - cluster: the cluster does this job, not the workload (logging, image pulls); an info note.
 * - ignored: an identifier or deploy-time setting that means nothing to the bundle; an info note.
 * Entries whose status is none, cluster or ignored cover every member beneath them.
 */
import { SCALING_REGISTRY } from './registry-scaling.js';

export type Status = 'converted' | 'approximated' | 'none' | 'cluster' | 'ignored';
export type Area =
  | 'workload'
  | 'containers'
  | 'resources'
  | 'probes'
  | 'secrets'
  | 'iam'
  | 'volumes'
  | 'networking'
  | 'placement'
  | 'security'
  | 'metadata'
  | 'deployment'
  | 'logging'
  | 'scaling'
  | 'delivery';

export interface Entry {
  status: Status;
  area: Area;
  /** The Kubernetes field or object it becomes. */
  target: string;
  /** What the user should know: approximations, warnings, what to do instead. */
  note?: string;
}

const e = (status: Status, area: Area, target: string, note?: string): Entry => (note === undefined ? { status, area, target } : { status, area, target, note });

export const REGISTRY: Record<string, Entry> = {
  // Application Auto Scaling, CodeDeploy and the ECS deployment members Argo Rollouts carries.
  ...SCALING_REGISTRY,
  // ---- RegisterTaskDefinitionRequest
  'RegisterTaskDefinitionRequest.family': e('converted', 'workload', 'workload name and app.kubernetes.io/name', 'sanitised to DNS-1123 with a warning when it changes; the revision goes to an annotation, never to a selector'),
  'RegisterTaskDefinitionRequest.containerDefinitions': e('converted', 'containers', 'pod template containers / initContainers'),
  'RegisterTaskDefinitionRequest.cpu': e('approximated', 'resources', 'container requests.cpu', 'the task budget is distributed evenly to containers that set no cpu of their own (1024 units = 1000m); a note says what each got'),
  'RegisterTaskDefinitionRequest.memory': e('approximated', 'resources', 'container limits.memory and requests.memory', 'the task budget is distributed evenly to containers that set no memory of their own; a note says what each got'),
  'RegisterTaskDefinitionRequest.enableFaultInjection': e('none', 'workload', '—', 'use a chaos tool (Chaos Mesh, Litmus)'),
  'RegisterTaskDefinitionRequest.ephemeralStorage': e('converted', 'resources', 'requests.ephemeral-storage of the first essential container'),
  'EphemeralStorage.sizeInGiB': e('converted', 'resources', 'requests.ephemeral-storage (GiB → Gi)'),
  'RegisterTaskDefinitionRequest.executionRoleArn': e('cluster', 'iam', '—', 'image pulls and secret fetches are the cluster\'s job (node role, External Secrets Operator)'),
  'RegisterTaskDefinitionRequest.inferenceAccelerators': e('none', 'resources', '—', 'Elastic Inference is retired; use GPU or Neuron nodes'),
  'RegisterTaskDefinitionRequest.ipcMode': e('converted', 'security', 'hostIPC', 'host → hostIPC: true; task → the pod\'s shared IPC namespace (the default); none → warning'),
  'RegisterTaskDefinitionRequest.networkMode': e('converted', 'networking', 'hostNetwork / pod networking', 'awsvpc, bridge → pod networking (each pod has its own IP); host → hostNetwork: true; none → warning (pods always have a network)'),
  'RegisterTaskDefinitionRequest.pidMode': e('converted', 'security', 'hostPID / shareProcessNamespace', 'host → hostPID: true; task → shareProcessNamespace: true'),
  'RegisterTaskDefinitionRequest.placementConstraints': e('converted', 'placement', 'nodeAffinity', 'memberOf expressions on ecs.instance-type, ecs.availability-zone, ecs.os-type, ecs.cpu-architecture → node affinity on the well-known labels; other expressions → warning'),
  'TaskDefinitionPlacementConstraint.type': e('converted', 'placement', 'nodeAffinity'),
  'TaskDefinitionPlacementConstraint.expression': e('converted', 'placement', 'nodeAffinity matchExpressions'),
  'RegisterTaskDefinitionRequest.proxyConfiguration': e('none', 'networking', '—', 'App Mesh proxy configuration: use your service mesh\'s sidecar injection'),
  'RegisterTaskDefinitionRequest.requiresCompatibilities': e('cluster', 'placement', '—', 'launch types are node pools in Kubernetes; steer with nodeSelector if needed'),
  'RegisterTaskDefinitionRequest.runtimePlatform': e('converted', 'placement', 'nodeSelector kubernetes.io/arch, kubernetes.io/os'),
  'RuntimePlatform.cpuArchitecture': e('converted', 'placement', 'nodeSelector kubernetes.io/arch (X86_64 → amd64, ARM64 → arm64)'),
  'RuntimePlatform.operatingSystemFamily': e('converted', 'placement', 'nodeSelector kubernetes.io/os (LINUX → linux, WINDOWS_* → windows)'),
  'RegisterTaskDefinitionRequest.tags': e('converted', 'metadata', 'labels (valid label values) or annotations', '`ecs2k8s.io/*` keys steer the conversion instead'),
  'Tag.key': e('converted', 'metadata', 'label / annotation key'),
  'Tag.value': e('converted', 'metadata', 'label / annotation value'),
  'RegisterTaskDefinitionRequest.taskRoleArn': e('converted', 'iam', 'ServiceAccount', 'IAM mode irsa: annotation eks.amazonaws.com/role-arn; pod-identity: a note to create the association; none: plain ServiceAccount'),
  'RegisterTaskDefinitionRequest.volumes': e('converted', 'volumes', 'pod volumes, PersistentVolume, PersistentVolumeClaim'),

  // ---- ContainerDefinition
  'ContainerDefinition.name': e('converted', 'containers', 'container name', 'sanitised to a DNS-1123 label with a warning when it changes'),
  'ContainerDefinition.image': e('converted', 'containers', 'image', '--image NAME=URI replaces it; a placeholder or missing image is a warning'),
  'ContainerDefinition.entryPoint': e('converted', 'containers', 'command'),
  'ContainerDefinition.command': e('converted', 'containers', 'args'),
  'ContainerDefinition.workingDirectory': e('converted', 'containers', 'workingDir'),
  'ContainerDefinition.environment': e('converted', 'containers', 'env', 'values that look like credentials are flagged: move them to secrets'),
  'KeyValuePair.name': e('converted', 'containers', 'env name'),
  'KeyValuePair.value': e('converted', 'containers', 'env value'),
  'ContainerDefinition.environmentFiles': e('approximated', 'containers', 'envFrom configMapRef', 'S3 files cannot be read offline: create the ConfigMap from the file (a warning names it)'),
  'EnvironmentFile.type': e('converted', 'containers', 'envFrom configMapRef'),
  'EnvironmentFile.value': e('converted', 'containers', 'ConfigMap name (from the S3 object name)'),
  'ContainerDefinition.essential': e('converted', 'containers', 'containers', 'Kubernetes restarts an exited container instead of stopping the pod; a non-essential container that others do not wait for gets a note'),
  'ContainerDefinition.dependsOn': e('converted', 'containers', 'initContainers', 'START/HEALTHY → native sidecars (initContainers with restartPolicy Always; HEALTHY adds a startup probe); COMPLETE/SUCCESS → initContainers (COMPLETE warns: an init container must succeed)'),
  'ContainerDependency.containerName': e('converted', 'containers', 'initContainers order'),
  'ContainerDependency.condition': e('converted', 'containers', 'initContainers / native sidecars'),
  'ContainerDefinition.cpu': e('converted', 'resources', 'requests.cpu', '1024 units = 1000m (512 → 500m); no cpu limit, as ECS cpu is a share, not a cap'),
  'ContainerDefinition.memory': e('converted', 'resources', 'limits.memory (and requests.memory when no memoryReservation)', 'MiB → Mi'),
  'ContainerDefinition.memoryReservation': e('converted', 'resources', 'requests.memory', 'MiB → Mi'),
  'ContainerDefinition.resourceRequirements': e('converted', 'resources', 'limits nvidia.com/gpu', 'GPU → nvidia.com/gpu; InferenceAccelerator → warning; NeuronDevice → aws.amazon.com/neuron'),
  'ResourceRequirement.type': e('converted', 'resources', 'extended resource name'),
  'ResourceRequirement.value': e('converted', 'resources', 'extended resource count'),
  'ResourceRequirement.sharingStrategy': e('none', 'resources', '—', 'GPU sharing (MPS) is configured in the NVIDIA device plugin, not per pod'),
  'ContainerDefinition.portMappings': e('converted', 'networking', 'ports and the Service', 'hostPort only for host and bridge modes'),
  'PortMapping.containerPort': e('converted', 'networking', 'containerPort, Service port'),
  'PortMapping.hostPort': e('converted', 'networking', 'hostPort', 'bridge mode static ports only; 0 (dynamic) is dropped'),
  'PortMapping.protocol': e('converted', 'networking', 'protocol (tcp → TCP, udp → UDP)'),
  'PortMapping.name': e('converted', 'networking', 'port name', 'at most 15 characters, sanitised deterministically'),
  'PortMapping.appProtocol': e('converted', 'networking', 'Service port appProtocol', 'http → http, http2 → kubernetes.io/h2c, grpc → kubernetes.io/h2c'),
  'PortMapping.containerPortRange': e('approximated', 'networking', 'one containerPort per port', 'ranges of at most 32 ports are expanded; larger ones are a warning'),
  'ContainerDefinition.healthCheck': e('converted', 'probes', 'livenessProbe, readinessProbe, startupProbe (exec)', 'ECS defaults (interval 30, timeout 5, retries 3); steer with ecs2k8s.io/probes'),
  'HealthCheck.command': e('converted', 'probes', 'exec.command', 'CMD → the arguments; CMD-SHELL → /bin/sh -c'),
  'HealthCheck.interval': e('converted', 'probes', 'periodSeconds'),
  'HealthCheck.timeout': e('converted', 'probes', 'timeoutSeconds'),
  'HealthCheck.retries': e('converted', 'probes', 'failureThreshold'),
  'HealthCheck.startPeriod': e('converted', 'probes', 'startupProbe', 'failureThreshold = ceil(startPeriod / interval) + retries'),
  'ContainerDefinition.secrets': e('converted', 'secrets', 'env valueFrom.secretKeyRef (+ ExternalSecret)', 'never a secret value'),
  'Secret.name': e('converted', 'secrets', 'env name and Secret key'),
  'Secret.valueFrom': e('converted', 'secrets', 'ExternalSecret remoteRef key / property / version'),
  'ContainerDefinition.repositoryCredentials': e('approximated', 'secrets', 'imagePullSecrets', 'references a docker-registry Secret that you create from the Secrets Manager secret (a warning names it)'),
  'RepositoryCredentials.credentialsParameter': e('converted', 'secrets', 'imagePullSecrets name'),
  'ContainerDefinition.mountPoints': e('converted', 'volumes', 'volumeMounts'),
  'MountPoint.sourceVolume': e('converted', 'volumes', 'volumeMounts.name'),
  'MountPoint.containerPath': e('converted', 'volumes', 'volumeMounts.mountPath'),
  'MountPoint.readOnly': e('converted', 'volumes', 'volumeMounts.readOnly'),
  'ContainerDefinition.volumesFrom': e('converted', 'volumes', 'the source container\'s volumeMounts, repeated'),
  'VolumeFrom.sourceContainer': e('converted', 'volumes', 'volumeMounts copied from that container'),
  'VolumeFrom.readOnly': e('converted', 'volumes', 'volumeMounts.readOnly'),
  'ContainerDefinition.linuxParameters': e('converted', 'security', 'securityContext, emptyDir volumes'),
  'LinuxParameters.capabilities': e('converted', 'security', 'securityContext.capabilities'),
  'KernelCapabilities.add': e('converted', 'security', 'capabilities.add'),
  'KernelCapabilities.drop': e('converted', 'security', 'capabilities.drop'),
  'LinuxParameters.devices': e('none', 'security', '—', 'host devices need a device plugin or a privileged container'),
  'LinuxParameters.initProcessEnabled': e('approximated', 'security', '—', 'Kubernetes injects no init process: add tini to the image, or set shareProcessNamespace'),
  'LinuxParameters.maxSwap': e('none', 'resources', '—', 'swap is a node setting (NodeSwap)'),
  'LinuxParameters.swappiness': e('none', 'resources', '—', 'swap is a node setting (NodeSwap)'),
  'LinuxParameters.sharedMemorySize': e('converted', 'volumes', 'emptyDir (medium Memory) at /dev/shm with sizeLimit'),
  'LinuxParameters.tmpfs': e('converted', 'volumes', 'emptyDir (medium Memory) with sizeLimit', 'mountOptions → warning'),
  'Tmpfs.containerPath': e('converted', 'volumes', 'volumeMounts.mountPath'),
  'Tmpfs.size': e('converted', 'volumes', 'emptyDir.sizeLimit (MiB → Mi)'),
  'Tmpfs.mountOptions': e('none', 'volumes', '—', 'emptyDir takes no mount options'),
  'ContainerDefinition.user': e('converted', 'security', 'securityContext runAsUser / runAsGroup', 'numeric uid[:gid] only; a named user is a warning'),
  'ContainerDefinition.privileged': e('converted', 'security', 'securityContext.privileged'),
  'ContainerDefinition.readonlyRootFilesystem': e('converted', 'security', 'securityContext.readOnlyRootFilesystem'),
  'ContainerDefinition.dockerSecurityOptions': e('none', 'security', '—', 'SELinux/AppArmor options map to securityContext.seLinuxOptions / appArmorProfile by hand; credentialspec to windowsOptions'),
  'ContainerDefinition.credentialSpecs': e('none', 'security', '—', 'gMSA: set securityContext.windowsOptions.gmsaCredentialSpecName by hand'),
  'ContainerDefinition.ulimits': e('none', 'resources', '—', 'ulimits come from the container runtime\'s configuration on the nodes'),
  'ContainerDefinition.systemControls': e('converted', 'security', 'pod securityContext.sysctls', 'sysctls are per pod: conflicting values between containers are a warning'),
  'SystemControl.namespace': e('converted', 'security', 'sysctls name'),
  'SystemControl.value': e('converted', 'security', 'sysctls value'),
  'ContainerDefinition.logConfiguration': e('cluster', 'logging', '—', 'containers log to stdout; ship logs with a cluster agent (Fluent Bit, CloudWatch agent)'),
  'ContainerDefinition.firelensConfiguration': e('cluster', 'logging', '—', 'FireLens is a per-task log router: run Fluent Bit as a DaemonSet instead'),
  'ContainerDefinition.dnsServers': e('converted', 'networking', 'pod dnsConfig.nameservers'),
  'ContainerDefinition.dnsSearchDomains': e('converted', 'networking', 'pod dnsConfig.searches'),
  'ContainerDefinition.extraHosts': e('converted', 'networking', 'pod hostAliases'),
  'HostEntry.hostname': e('converted', 'networking', 'hostAliases.hostnames'),
  'HostEntry.ipAddress': e('converted', 'networking', 'hostAliases.ip'),
  'ContainerDefinition.hostname': e('converted', 'networking', 'pod hostname', 'one per pod: a second, different hostname is a warning'),
  'ContainerDefinition.links': e('converted', 'networking', 'pod hostAliases 127.0.0.1', 'containers of a pod share localhost; link names and aliases resolve to 127.0.0.1'),
  'ContainerDefinition.disableNetworking': e('none', 'networking', '—', 'containers of a pod share one network namespace'),
  'ContainerDefinition.interactive': e('converted', 'containers', 'stdin'),
  'ContainerDefinition.pseudoTerminal': e('converted', 'containers', 'tty'),
  'ContainerDefinition.dockerLabels': e('converted', 'metadata', 'pod template labels (valid values) or annotations', '`ecs2k8s.io/*` keys steer the conversion instead'),
  'ContainerDefinition.startTimeout': e('converted', 'probes', 'startupProbe budget of the container others wait for'),
  'ContainerDefinition.stopTimeout': e('converted', 'workload', 'terminationGracePeriodSeconds (the largest of the pod)'),
  'ContainerDefinition.restartPolicy': e('converted', 'workload', 'restartPolicy', 'Kubernetes restarts containers in place by default; ignoredExitCodes and restartAttemptPeriod have no equivalent (warning)'),
  'ContainerRestartPolicy.enabled': e('converted', 'workload', 'restartPolicy'),
  'ContainerRestartPolicy.ignoredExitCodes': e('none', 'workload', '—', 'Kubernetes restarts on any exit'),
  'ContainerRestartPolicy.restartAttemptPeriod': e('none', 'workload', '—', 'Kubernetes backs off restarts itself'),
  'ContainerDefinition.versionConsistency': e('ignored', 'containers', '—', 'image tags resolve at pull time; pin digests in the image to get the same effect'),

  // ---- Volumes
  'Volume.name': e('converted', 'volumes', 'volume name', 'sanitised to a DNS-1123 label'),
  'Volume.host': e('converted', 'volumes', 'hostPath (sourcePath) or emptyDir (no sourcePath)'),
  'HostVolumeProperties.sourcePath': e('converted', 'volumes', 'hostPath.path', 'type DirectoryOrCreate (as Docker creates a missing source), except for names with an extension such as docker.sock, which get no type check'),
  'Volume.dockerVolumeConfiguration': e('converted', 'volumes', 'emptyDir (scope task) or PersistentVolumeClaim (scope shared)', 'drivers other than local, driverOpts and labels → warning'),
  'DockerVolumeConfiguration.scope': e('converted', 'volumes', 'emptyDir / PersistentVolumeClaim'),
  'DockerVolumeConfiguration.autoprovision': e('converted', 'volumes', 'PersistentVolumeClaim (dynamic provisioning)'),
  'DockerVolumeConfiguration.driver': e('approximated', 'volumes', 'storageClassName', 'non-local drivers are a warning: pick a StorageClass'),
  'DockerVolumeConfiguration.driverOpts': e('none', 'volumes', '—', 'StorageClass parameters are cluster-level'),
  'DockerVolumeConfiguration.labels': e('none', 'volumes', '—', 'labels of Docker volumes have no meaning for a PVC'),
  'Volume.efsVolumeConfiguration': e('converted', 'volumes', 'PersistentVolume (EFS CSI driver) + PersistentVolumeClaim'),
  'EFSVolumeConfiguration.fileSystemId': e('converted', 'volumes', 'csi.volumeHandle'),
  'EFSVolumeConfiguration.rootDirectory': e('converted', 'volumes', 'csi.volumeHandle path (fs-id:/dir)'),
  'EFSVolumeConfiguration.transitEncryption': e('converted', 'volumes', 'mountOptions tls'),
  'EFSVolumeConfiguration.transitEncryptionPort': e('none', 'volumes', '—', 'the EFS CSI driver picks the TLS port'),
  'EFSVolumeConfiguration.authorizationConfig': e('converted', 'volumes', 'csi.volumeHandle access point, mountOptions iam'),
  'EFSAuthorizationConfig.accessPointId': e('converted', 'volumes', 'csi.volumeHandle (fs-id::fsap-id)'),
  'EFSAuthorizationConfig.iam': e('converted', 'volumes', 'mountOptions iam'),
  'Volume.fsxWindowsFileServerVolumeConfiguration': e('none', 'volumes', '—', 'use the SMB CSI driver'),
  'Volume.s3filesVolumeConfiguration': e('none', 'volumes', '—', 'use the Mountpoint for Amazon S3 CSI driver'),
  'Volume.configuredAtLaunch': e('approximated', 'volumes', 'PersistentVolumeClaim', 'the volume is defined by the service (volumeConfigurations); the PVC is a placeholder that you size'),

  // ---- CreateServiceRequest
  'CreateServiceRequest.serviceName': e('converted', 'workload', 'workload name and app.kubernetes.io/instance'),
  'CreateServiceRequest.cluster': e('converted', 'workload', 'namespace', 'sanitised to DNS-1123 (no "."), configurable in the project file'),
  'CreateServiceRequest.taskDefinition': e('converted', 'workload', 'pairs the service with its task definition'),
  'CreateServiceRequest.desiredCount': e('converted', 'workload', 'replicas'),
  'CreateServiceRequest.schedulingStrategy': e('converted', 'workload', 'Deployment (REPLICA) / DaemonSet (DAEMON)'),
  'CreateServiceRequest.deploymentConfiguration': e('converted', 'deployment', 'strategy RollingUpdate'),
  'DeploymentConfiguration.maximumPercent': e('converted', 'deployment', 'maxSurge = maximumPercent − 100 %'),
  'DeploymentConfiguration.minimumHealthyPercent': e('converted', 'deployment', 'maxUnavailable = 100 − minimumHealthyPercent %'),
  'DeploymentConfiguration.deploymentCircuitBreaker': e('converted', 'deployment', 'progressDeadlineSeconds', 'a rollout that stalls is marked failed (a note); with rollback, a warning: Kubernetes does not roll back by itself'),
  'DeploymentCircuitBreaker.enable': e('converted', 'deployment', 'progressDeadlineSeconds'),
  'DeploymentCircuitBreaker.rollback': e('approximated', 'deployment', '—', 'no automatic rollback: use Argo Rollouts or Flagger'),
  'DeploymentCircuitBreaker.resetOnHealthyTask': e('none', 'deployment', '—'),
  'DeploymentCircuitBreaker.thresholdConfiguration': e('none', 'deployment', '—'),
  'DeploymentConfiguration.earlySuccessCriteria': e('none', 'deployment', '—'),
  'CreateServiceRequest.loadBalancers': e('converted', 'networking', 'Ingress (ALB, default) or Service type LoadBalancer (NLB)', 'steer with ecs2k8s.io/load-balancer or the project file; the target group itself is not reused'),
  'LoadBalancer.containerName': e('converted', 'networking', 'Service targetPort (the named container\'s port)'),
  'LoadBalancer.containerPort': e('converted', 'networking', 'Service port'),
  'LoadBalancer.targetGroupArn': e('converted', 'networking', 'annotation ecs2k8s.io/target-group-arn'),
  'LoadBalancer.loadBalancerName': e('converted', 'networking', 'annotation ecs2k8s.io/load-balancer-name (Classic ELB)'),
  'CreateServiceRequest.serviceRegistries': e('converted', 'networking', 'headless Service', 'the Cloud Map name is not in the ARN: the Service is named after the workload'),
  'ServiceRegistry.registryArn': e('converted', 'networking', 'annotation ecs2k8s.io/registry-arn'),
  'ServiceRegistry.containerName': e('converted', 'networking', 'headless Service port'),
  'ServiceRegistry.containerPort': e('converted', 'networking', 'headless Service port'),
  'ServiceRegistry.port': e('converted', 'networking', 'headless Service port'),
  'CreateServiceRequest.serviceConnectConfiguration': e('converted', 'networking', 'Service named by the discovery name, port from the client alias'),
  'ServiceConnectConfiguration.enabled': e('converted', 'networking', 'Services for each entry of services'),
  'ServiceConnectConfiguration.namespace': e('converted', 'networking', 'annotation ecs2k8s.io/service-connect-namespace', 'Cloud Map namespaces are not Kubernetes namespaces'),
  'ServiceConnectConfiguration.services': e('converted', 'networking', 'Services'),
  'ServiceConnectService.portName': e('converted', 'networking', 'Service targetPort'),
  'ServiceConnectService.discoveryName': e('converted', 'networking', 'Service name'),
  'ServiceConnectService.clientAliases': e('converted', 'networking', 'Service port', 'a dnsName other than the Service name is a warning: clients must use <service>.<namespace>'),
  'ServiceConnectClientAlias.port': e('converted', 'networking', 'Service port'),
  'ServiceConnectClientAlias.dnsName': e('approximated', 'networking', 'Service name'),
  'ServiceConnectClientAlias.testTrafficRules': e('none', 'networking', '—'),
  'ServiceConnectService.ingressPortOverride': e('none', 'networking', '—', 'Service Connect\'s proxy port has no meaning without the proxy'),
  'ServiceConnectService.timeout': e('none', 'networking', '—', 'timeouts belong to the ingress or the mesh'),
  'ServiceConnectService.tls': e('none', 'networking', '—', 'use a mesh or cert-manager for TLS between services'),
  'ServiceConnectConfiguration.logConfiguration': e('cluster', 'logging', '—'),
  'ServiceConnectConfiguration.containerConfigurations': e('none', 'networking', '—', 'settings of the Service Connect proxy, which a Kubernetes Service does without'),
  'ServiceConnectConfiguration.accessLogConfiguration': e('cluster', 'logging', '—'),
  'CreateServiceRequest.networkConfiguration': e('cluster', 'networking', '—', 'subnets and security groups are the cluster\'s networking: restrict traffic with NetworkPolicies, or attach security groups with an EKS SecurityGroupPolicy'),
  'CreateServiceRequest.placementConstraints': e('converted', 'placement', 'podAntiAffinity / nodeAffinity', 'distinctInstance → required podAntiAffinity on kubernetes.io/hostname; memberOf → node affinity'),
  'PlacementConstraint.type': e('converted', 'placement', 'podAntiAffinity / nodeAffinity'),
  'PlacementConstraint.expression': e('converted', 'placement', 'nodeAffinity matchExpressions'),
  'CreateServiceRequest.placementStrategy': e('converted', 'placement', 'topologySpreadConstraints', 'spread on ecs.availability-zone → zone, on instanceId/host → hostname; binpack and random → note'),
  'PlacementStrategy.type': e('converted', 'placement', 'topologySpreadConstraints'),
  'PlacementStrategy.field': e('converted', 'placement', 'topologyKey'),
  'CreateServiceRequest.availabilityZoneRebalancing': e('converted', 'placement', 'topologySpreadConstraints on topology.kubernetes.io/zone', 'ENABLED, or absent on a replica service (as CreateService defaults it), spreads the pods over zones; DISABLED does not'),
  'CreateServiceRequest.capacityProviderStrategy': e('cluster', 'placement', '—', 'capacity providers are node pools (Karpenter NodePools, managed node groups)'),
  'CreateServiceRequest.launchType': e('cluster', 'placement', '—', 'launch types are node pools; steer with nodeSelector if needed'),
  'CreateServiceRequest.platformVersion': e('ignored', 'workload', '—'),
  'CreateServiceRequest.healthCheckGracePeriodSeconds': e('converted', 'probes', 'livenessProbe.initialDelaySeconds', 'without a container healthCheck there is no probe to delay: a note says so'),
  'CreateServiceRequest.enableExecuteCommand': e('cluster', 'security', '—', '`kubectl exec`, governed by RBAC'),
  'CreateServiceRequest.enableECSManagedTags': e('ignored', 'metadata', '—'),
  'CreateServiceRequest.propagateTags': e('converted', 'metadata', 'pod template labels', 'SERVICE / TASK_DEFINITION → those tags also label the pods; otherwise tags label the objects, not the pods'),
  'CreateServiceRequest.tags': e('converted', 'metadata', 'labels (valid label values) or annotations', '`ecs2k8s.io/*` keys steer the conversion instead'),
  'CreateServiceRequest.role': e('ignored', 'iam', '—', 'the legacy ELB service role; the load balancer controller has its own'),
  'CreateServiceRequest.clientToken': e('ignored', 'workload', '—'),
  'CreateServiceRequest.volumeConfigurations': e('none', 'volumes', '—', 'managed EBS volumes per task: use a StatefulSet with volumeClaimTemplates (EBS CSI driver)'),
  'CreateServiceRequest.vpcLatticeConfigurations': e('none', 'networking', '—', 'use the AWS Gateway API controller for VPC Lattice'),
  'CreateServiceRequest.gatewayConnectors': e('none', 'networking', '—'),
  'CreateServiceRequest.monitoring': e('cluster', 'logging', '—', 'metrics come from the cluster\'s monitoring stack'),
};

/** Lists the registry in a stable order: by area, then by member. */
export function registryRows(): [string, Entry][] {
  return Object.entries(REGISTRY).sort(([a, ea], [b, eb]) => (ea.area < eb.area ? -1 : ea.area > eb.area ? 1 : a < b ? -1 : a > b ? 1 : 0));
}
