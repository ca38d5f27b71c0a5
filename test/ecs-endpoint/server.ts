/**
 * A small Amazon ECS endpoint for the import tests: Node http on 127.0.0.1, port 0, speaking the
 * AWS JSON 1.1 protocol as ECS does (`POST /`, `X-Amz-Target:
 * AmazonEC2ContainerServiceV20141113.<Operation>`, `Content-Type: application/x-amz-json-1.1`;
 * errors as `{"__type": "<Name>", "message": "…"}` with HTTP 400).
 *
 * It keeps task definitions and services the way ECS does: RegisterTaskDefinition assigns
 * revisions and returns the describe shape (ARN, revision, status, requiresAttributes,
 * compatibilities, registeredAt in epoch seconds, registeredBy, and the defaults ECS fills in);
 * CreateService keeps a service and describes it with its ARN, cluster ARN, counts, deployments
 * (Service Connect and volume configurations only there, as ECS reports them), events, … .
 *
 * Operations served: ListServices (nextToken, maxResults 1–100, default 10), DescribeServices
 * (1–10 services, `failures` with reason MISSING, include TAGS), DescribeTaskDefinition (family,
 * family:revision or ARN, include TAGS). Faults can be injected per operation (throttling,
 * access denied, anything), and every call is recorded.
 *
 * It answers Application Auto Scaling too (`X-Amz-Target: AnyScaleFrontendService.<Operation>`):
 * DescribeScalableTargets (ServiceNamespace required, ResourceIds ≤ 50, MaxResults 1–50),
 * DescribeScalingPolicies (MaxResults 1–10) and DescribeScheduledActions (MaxResults 1–50), each
 * paginated with NextToken (`aasPageSize` forces small pages), over targets, policies and actions
 * registered as RegisterScalableTarget / PutScalingPolicy / PutScheduledAction requests and
 * described with their read-only members (ARNs, CreationTime, Alarms) as the service adds them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';
/** Application Auto Scaling speaks the same JSON 1.1 protocol under this target prefix. */
export const AAS_TARGET_PREFIX = 'AnyScaleFrontendService.';
export const REGION = 'us-east-1';
export const ACCOUNT = '123456789012';

type Obj = Record<string, unknown>;

export interface RecordedCall {
  op: string;
  body: Obj;
  /** The access key id of the SigV4 Authorization header (the secret never travels). */
  accessKeyId: string | undefined;
  /** The status code answered. */
  status: number;
}

export interface Fault {
  op: string;
  type: string;
  message: string;
  status?: number;
  /** How many calls it fails; Infinity for every call. */
  times: number;
}

interface TaskDefinitionRecord {
  describe: Obj;
  tags: Obj[];
}

interface ServiceRecord {
  describe: Obj;
  tags: Obj[];
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt'];

/** Drops null and "" members and empty optional strings, as the AWS deploy action does before it registers. */
function stripEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripEmpty);
  if (typeof v === 'object' && v !== null) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === '') continue;
      out[k] = stripEmpty(x);
    }
    return out;
  }
  return v;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export class EcsEndpoint {
  readonly calls: RecordedCall[] = [];
  private readonly faults: Fault[] = [];
  private readonly taskDefinitions = new Map<string, TaskDefinitionRecord[]>(); // family → revisions (index = revision - 1)
  private readonly clusters = new Map<string, Map<string, ServiceRecord>>();
  private server: Server | undefined;
  private clock = 1_700_000_000;
  private readonly scalableTargets: Obj[] = [];
  private readonly scalingPolicies: Obj[] = [];
  private readonly scheduledActions: Obj[] = [];
  /** A smaller page size than MaxResults, to exercise pagination. */
  aasPageSize: number | undefined;
  url = '';

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Calls of one operation. */
  callsOf(op: string): RecordedCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  /** Makes the next `times` calls of op fail with the error `type`. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /**
   * Makes ListServices paginate for ever, as a broken proxy or mock might: every page comes with
   * a new nextToken, and holds either the same services again (`repeat`) or new ones (`endless`).
   */
  loopListServices(mode: 'repeat' | 'endless' | undefined): void {
    this.pagination = mode;
  }

  private pagination: 'repeat' | 'endless' | undefined;

  createCluster(name: string): void {
    if (!this.clusters.has(name)) this.clusters.set(name, new Map());
  }

  /**
   * RegisterTaskDefinition: takes a file as people keep it (request shape, describe output, or the
   * wrapped `{"taskDefinition": …, "tags": …}`), registers it as the deploy action would (read-only
   * members, nulls and "" dropped) and returns `family:revision`.
   */
  registerTaskDefinition(file: Obj): string {
    const inner = (typeof file['taskDefinition'] === 'object' && file['taskDefinition'] !== null ? file['taskDefinition'] : file) as Obj;
    const input = stripEmpty(clone(inner)) as Obj;
    const outerTags = Array.isArray(file['tags']) && file !== inner ? (file['tags'] as Obj[]) : undefined;
    const tags = (outerTags ?? (input['tags'] as Obj[] | undefined) ?? []).filter((t) => typeof t['key'] === 'string');
    for (const k of [...READ_ONLY, 'tags']) delete input[k];
    const family = String(input['family']);
    const revisions = this.taskDefinitions.get(family) ?? [];
    const revision = revisions.length + 1;
    const containers = ((input['containerDefinitions'] as Obj[] | undefined) ?? []).map((c) => {
      const network = input['networkMode'];
      const portMappings = ((c['portMappings'] as Obj[] | undefined) ?? []).map((p) => ({
        ...p,
        ...(p['protocol'] === undefined && { protocol: 'tcp' }),
        ...(network === 'awsvpc' && p['hostPort'] === undefined && { hostPort: p['containerPort'] }),
      }));
      return { cpu: 0, portMappings, essential: true, environment: [], mountPoints: [], volumesFrom: [], systemControls: [], ...c, ...(c['portMappings'] !== undefined && { portMappings }) };
    });
    const requires = (input['requiresCompatibilities'] as string[] | undefined) ?? [];
    const describe: Obj = {
      taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${family}:${revision}`,
      ...input,
      containerDefinitions: containers,
      family,
      revision,
      volumes: input['volumes'] ?? [],
      status: 'ACTIVE',
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }, ...(input['networkMode'] === 'awsvpc' ? [{ name: 'ecs.capability.task-eni' }] : [])],
      placementConstraints: input['placementConstraints'] ?? [],
      compatibilities: requires.includes('FARGATE') ? ['EC2', 'FARGATE'] : ['EC2'],
      registeredAt: this.clock++ + 0.123,
      registeredBy: `arn:aws:sts::${ACCOUNT}:assumed-role/deployer/ci`,
    };
    revisions.push({ describe, tags: clone(tags) });
    this.taskDefinitions.set(family, revisions);
    return `${family}:${revision}`;
  }

  /** CreateService: `request` is a CreateService request (serviceName, taskDefinition, …). */
  createService(cluster: string, request: Obj): void {
    this.createCluster(cluster);
    const services = this.clusters.get(cluster)!;
    const req = stripEmpty(clone(request)) as Obj;
    const name = String(req['serviceName']);
    const td = this.findTaskDefinition(String(req['taskDefinition']));
    const tdArn = td.describe['taskDefinitionArn'];
    const created = this.clock++;
    const lb = (req['loadBalancers'] as Obj[] | undefined) ?? [];
    const daemon = req['schedulingStrategy'] === 'DAEMON';
    const desired = daemon ? 3 : ((req['desiredCount'] as number | undefined) ?? 1);
    const capacity = req['capacityProviderStrategy'] as Obj[] | undefined;
    const launch = capacity ? {} : { launchType: req['launchType'] ?? 'EC2' };
    const fargate = req['launchType'] === 'FARGATE' || (capacity ?? []).some((c) => String(c['capacityProvider']).startsWith('FARGATE'));
    const platform = fargate ? { platformVersion: req['platformVersion'] ?? 'LATEST', platformFamily: 'Linux' } : {};
    const serviceArn = `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${name}`;
    const describe: Obj = {
      serviceArn,
      serviceName: name,
      clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${cluster}`,
      loadBalancers: lb,
      serviceRegistries: req['serviceRegistries'] ?? [],
      status: req['status'] ?? 'ACTIVE',
      desiredCount: desired,
      runningCount: desired,
      pendingCount: 0,
      ...launch,
      ...(capacity && { capacityProviderStrategy: capacity }),
      ...platform,
      taskDefinition: tdArn,
      deploymentConfiguration: req['deploymentConfiguration'] ?? {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: daemon ? 100 : 200,
        minimumHealthyPercent: daemon ? 0 : 100,
      },
      deployments: [
        {
          id: `ecs-svc/${String(created).padStart(19, '0')}`,
          status: 'PRIMARY',
          taskDefinition: tdArn,
          desiredCount: desired,
          pendingCount: 0,
          runningCount: desired,
          failedTasks: 0,
          createdAt: created,
          updatedAt: created + 60,
          ...launch,
          ...(capacity && { capacityProviderStrategy: capacity }),
          ...platform,
          ...(req['networkConfiguration'] !== undefined && { networkConfiguration: req['networkConfiguration'] }),
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc/1 completed.',
          ...(req['serviceConnectConfiguration'] !== undefined && {
            serviceConnectConfiguration: req['serviceConnectConfiguration'],
            serviceConnectResources: [{ discoveryName: name, discoveryArn: `arn:aws:servicediscovery:${REGION}:${ACCOUNT}:service/srv-0123456789abcdef` }],
          }),
          ...(req['volumeConfigurations'] !== undefined && { volumeConfigurations: req['volumeConfigurations'] }),
        },
      ],
      ...(req['role'] !== undefined
        ? { roleArn: String(req['role']).startsWith('arn:') ? req['role'] : `arn:aws:iam::${ACCOUNT}:role/${String(req['role'])}` }
        : lb.length > 0 && { roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS` }),
      events: [{ id: '0a1b2c3d-0000-4000-8000-000000000001', createdAt: created + 120, message: `(service ${name}) has reached a steady state.` }],
      createdAt: created,
      placementConstraints: req['placementConstraints'] ?? [],
      placementStrategy: req['placementStrategy'] ?? [],
      ...(req['networkConfiguration'] !== undefined && { networkConfiguration: req['networkConfiguration'] }),
      healthCheckGracePeriodSeconds: req['healthCheckGracePeriodSeconds'] ?? 0,
      schedulingStrategy: req['schedulingStrategy'] ?? 'REPLICA',
      deploymentController: req['deploymentController'] ?? { type: 'ECS' },
      createdBy: `arn:aws:iam::${ACCOUNT}:role/deployer`,
      enableECSManagedTags: req['enableECSManagedTags'] ?? false,
      propagateTags: req['propagateTags'] ?? 'NONE',
      enableExecuteCommand: req['enableExecuteCommand'] ?? false,
      availabilityZoneRebalancing: req['availabilityZoneRebalancing'] ?? (daemon ? 'DISABLED' : 'ENABLED'),
    };
    services.set(name, { describe, tags: clone((req['tags'] as Obj[] | undefined) ?? []) });
  }

  /** RegisterScalableTarget: kept in the describe shape. */
  registerScalableTarget(req: Obj): void {
    const id = String(req['ResourceId']);
    this.scalableTargets.push({
      ...clone(req),
      RoleARN: req['RoleARN'] ?? `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
      CreationTime: this.clock++ + 0.5,
      SuspendedState: req['SuspendedState'] ?? { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      ScalableTargetARN: `arn:aws:application-autoscaling:${REGION}:${ACCOUNT}:scalable-target/0e${id.length.toString(16).padStart(4, '0')}${this.scalableTargets.length}`,
    });
  }

  /** PutScalingPolicy: kept with its ARN, alarms (target tracking makes two) and creation time. */
  putScalingPolicy(req: Obj): void {
    const id = String(req['ResourceId']);
    const name = String(req['PolicyName']);
    const tracking = req['TargetTrackingScalingPolicyConfiguration'] !== undefined;
    const alarm = (suffix: string) => ({ AlarmName: `TargetTracking-${id}-${suffix}`, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:TargetTracking-${id}-${suffix}` });
    this.scalingPolicies.push({
      PolicyARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scalingPolicy:00000000-0000-4000-8000-${String(this.scalingPolicies.length).padStart(12, '0')}:resource/ecs/${id}:policyName/${name}`,
      ...clone(req),
      Alarms: tracking ? [alarm('AlarmHigh'), alarm('AlarmLow')] : [],
      CreationTime: this.clock++ + 0.25,
    });
  }

  /** PutScheduledAction: kept with its ARN and creation time. */
  putScheduledAction(req: Obj): void {
    this.scheduledActions.push({
      ScheduledActionARN: `arn:aws:autoscaling:${REGION}:${ACCOUNT}:scheduledAction:00000000-0000-4000-9000-${String(this.scheduledActions.length).padStart(12, '0')}:resource/ecs/${String(req['ResourceId'])}:scheduledActionName/${String(req['ScheduledActionName'])}`,
      ...clone(req),
      CreationTime: this.clock++ + 0.75,
    });
  }

  private aasPage(op: string, body: Obj, all: Obj[], maxAllowed: number, listName: string): Obj {
    if (body['ServiceNamespace'] === undefined)
      throw new ApiError('ValidationException', "1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: Member must not be null");
    const max = body['MaxResults'] ?? maxAllowed;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > maxAllowed) throw new ApiError('ValidationException', `MaxResults must be between 1 and ${maxAllowed}`);
    let start = 0;
    if (body['NextToken'] !== undefined) {
      const decoded = new RegExp(`^${op}:(\\d+)$`).exec(Buffer.from(String(body['NextToken']), 'base64').toString('utf8'));
      if (!decoded) throw new ApiError('InvalidNextTokenException', 'Invalid NextToken');
      start = Number(decoded[1]);
    }
    const size = Math.min(max, this.aasPageSize ?? max);
    const page = all.slice(start, start + size).map(clone);
    const next = start + size < all.length ? Buffer.from(`${op}:${start + size}`).toString('base64') : undefined;
    return { [listName]: page, ...(next !== undefined && { NextToken: next }) };
  }

  private matches(body: Obj): (x: Obj) => boolean {
    return (x) =>
      x['ServiceNamespace'] === body['ServiceNamespace'] &&
      (body['ScalableDimension'] === undefined || x['ScalableDimension'] === body['ScalableDimension']) &&
      (body['ResourceId'] === undefined || x['ResourceId'] === body['ResourceId']);
  }

  private describeScalableTargets(body: Obj): Obj {
    const ids = body['ResourceIds'];
    if (Array.isArray(ids) && ids.length > 50) throw new ApiError('ValidationException', 'ResourceIds can have at most 50 items');
    const found = this.scalableTargets.filter(this.matches(body)).filter((t) => !Array.isArray(ids) || ids.includes(t['ResourceId']));
    return this.aasPage('DescribeScalableTargets', body, found, 50, 'ScalableTargets');
  }

  private findTaskDefinition(ref: string): TaskDefinitionRecord {
    const arn = /^arn:aws:ecs:[^:]*:[^:]*:task-definition\/(.+)$/.exec(ref);
    const s = arn ? arn[1]! : ref;
    const m = /^(.+):(\d+)$/.exec(s);
    const family = m ? m[1]! : s;
    const revisions = this.taskDefinitions.get(family) ?? [];
    const td = m ? revisions[Number(m[2]) - 1] : revisions.at(-1);
    if (!td) throw new ApiError('ClientException', 'Unable to describe task definition.');
    return td;
  }

  private clusterOf(body: Obj): { name: string; services: Map<string, ServiceRecord> } {
    const raw = typeof body['cluster'] === 'string' ? body['cluster'] : 'default';
    const name = /^arn:aws:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(raw)?.[1] ?? raw;
    const services = this.clusters.get(name);
    if (!services) throw new ApiError('ClusterNotFoundException', 'Cluster not found.');
    return { name, services };
  }

  private listServices(body: Obj): Obj {
    const { services } = this.clusterOf(body);
    const max = body['maxResults'] === undefined ? 10 : body['maxResults'];
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 100) throw new ApiError('InvalidParameterException', 'maxResults must be between 1 and 100.');
    let start = 0;
    if (body['nextToken'] !== undefined) {
      const decoded = /^offset:(\d+)$/.exec(Buffer.from(String(body['nextToken']), 'base64').toString('utf8'));
      if (!decoded) throw new ApiError('InvalidParameterException', 'Invalid nextToken.');
      start = Number(decoded[1]);
    }
    const active = [...services.values()].filter((s) => s.describe['status'] !== 'INACTIVE').map((s) => String(s.describe['serviceArn']));
    if (this.pagination) {
      const n = this.callsOf('ListServices').length;
      const arns = this.pagination === 'repeat' ? active.slice(0, max) : [`arn:aws:ecs:${REGION}:${ACCOUNT}:service/x/loop-${n}`];
      return { serviceArns: arns, nextToken: Buffer.from(`offset:${n + 1}`).toString('base64') };
    }
    const page = active.slice(start, start + max);
    const next = start + max < active.length ? Buffer.from(`offset:${start + max}`).toString('base64') : undefined;
    return { serviceArns: page, ...(next !== undefined && { nextToken: next }) };
  }

  private describeServices(body: Obj): Obj {
    const { name: cluster, services } = this.clusterOf(body);
    const wanted = body['services'];
    if (!Array.isArray(wanted) || wanted.length === 0 || wanted.length > 10) throw new ApiError('InvalidParameterException', 'services can have at most 10 items.');
    const include = Array.isArray(body['include']) && body['include'].includes('TAGS');
    const found: Obj[] = [];
    const failures: Obj[] = [];
    for (const w of wanted) {
      const ref = String(w);
      const name = /^arn:aws:ecs:[^:]*:[^:]*:service\/(?:[^/]+\/)?(.+)$/.exec(ref)?.[1] ?? ref;
      const s = services.get(name);
      if (s) found.push({ ...clone(s.describe), ...(include && s.tags.length > 0 && { tags: clone(s.tags) }) });
      else failures.push({ arn: ref.startsWith('arn:') ? ref : `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${ref}`, reason: 'MISSING' });
    }
    return { services: found, failures };
  }

  private describeTaskDefinition(body: Obj): Obj {
    if (typeof body['taskDefinition'] !== 'string') throw new ApiError('ClientException', 'taskDefinition is required.');
    const td = this.findTaskDefinition(body['taskDefinition']);
    const include = Array.isArray(body['include']) && body['include'].includes('TAGS');
    return { taskDefinition: clone(td.describe), ...(include && { tags: clone(td.tags) }) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: Obj, op: string, parsed: Obj, accessKeyId: string | undefined) => {
      this.calls.push({ op, body: parsed, accessKeyId, status });
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': `req-${this.calls.length}` });
      res.end(text);
    };
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target.startsWith(AAS_TARGET_PREFIX) ? target.slice(AAS_TARGET_PREFIX.length) : target;
    const auth = String(req.headers['authorization'] ?? '');
    const accessKeyId = /Credential=([^/]+)\//.exec(auth)?.[1];
    let body: Obj = {};
    try {
      if (req.method !== 'POST' || req.url !== '/') throw new ApiError('UnknownOperationException', `${req.method} ${req.url} is not an ECS operation`, 404);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) throw new ApiError('SerializationException', 'Content-Type must be application/x-amz-json-1.1');
      if (!target.startsWith(TARGET_PREFIX) && !target.startsWith(AAS_TARGET_PREFIX)) throw new ApiError('UnknownOperationException', `unknown target ${target}`);
      if (!auth.startsWith('AWS4-HMAC-SHA256 ') || accessKeyId === undefined) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      const text = Buffer.concat(chunks).toString('utf8');
      body = text === '' ? {} : (JSON.parse(text) as Obj);
      const fault = this.faults.find((f) => f.op === op && f.times > 0);
      if (fault) {
        fault.times--;
        throw new ApiError(fault.type, fault.message, fault.status ?? 400);
      }
      let out: Obj;
      if (op === 'ListServices') out = this.listServices(body);
      else if (op === 'DescribeServices') out = this.describeServices(body);
      else if (op === 'DescribeTaskDefinition') out = this.describeTaskDefinition(body);
      else if (op === 'DescribeScalableTargets') out = this.describeScalableTargets(body);
      else if (op === 'DescribeScalingPolicies') out = this.aasPage(op, body, this.scalingPolicies.filter(this.matches(body)), 10, 'ScalingPolicies');
      else if (op === 'DescribeScheduledActions') out = this.aasPage(op, body, this.scheduledActions.filter(this.matches(body)), 50, 'ScheduledActions');
      else throw new ApiError('UnknownOperationException', `operation ${op} is not served here`);
      send(200, out, op, body, accessKeyId);
    } catch (e) {
      if (e instanceof ApiError) send(e.status, { __type: e.type, message: e.message }, op, body, accessKeyId);
      else send(500, { __type: 'ServerException', message: String(e) }, op, body, accessKeyId);
    }
  }
}
