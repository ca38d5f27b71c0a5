/**
 * The ECS side's input: the documents exactly as given to ecs2k8s, read with a plain JSON.parse
 * (a byte-order mark removed) and the describe shapes unwrapped as the AWS CLI prints them
 * (`{"taskDefinition": {...}, "tags": [...]}`, `{"services": [...]}`), plus what the user asked
 * for on the command line or in the project file (run it as a Job, a schedule, replicas).
 *
 * Nothing here comes from the converter: the shapes are those of the ECS API reference
 * (DescribeTaskDefinition, DescribeServices responses; RegisterTaskDefinition, CreateService
 * requests).
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export type Obj = Record<string, unknown>;

export interface TaskDefinitionDoc {
  file: string;
  /** Where the definition lies in its file: '' or '/taskDefinition'. */
  pointer: string;
  value: Obj;
  /** Tags that a DescribeTaskDefinition response carries beside the definition. */
  outerTags: unknown[];
}

export interface ServiceDoc {
  file: string;
  /** '' or '/services/N'. */
  pointer: string;
  value: Obj;
}

/** What the user asked for besides the documents: CLI flags and the project file. */
export interface Invocation {
  /** --workload or the project file's `workload` (for task definitions without a service). */
  workload?: string;
  /** --schedule or the project file's `schedule` (implies a CronJob). */
  schedule?: string;
  /** --replicas or the project file's `replicas`. */
  replicas?: number;
  /** --service-name or the project file's `serviceName`. */
  serviceName?: string;
  /** --image CONTAINER=URI overrides. */
  images: Record<string, string>;
  /** --region or the project file's `region`. */
  region?: string;
}

export interface EcsInputs {
  taskDefinitions: TaskDefinitionDoc[];
  services: ServiceDoc[];
  invocation: Invocation;
  /**
   * Application Auto Scaling scalable targets, scaling policies and scheduled actions, CodeDeploy
   * deployment groups and CloudWatch metric alarms, each as one object (the describe responses of
   * the AWS CLI unwrapped; the request shapes as they are). Optional: absent means none.
   */
  scaling?: Obj[];
}

/** The list members of the describe responses that hold scaling, deployment and alarm documents. */
const SCALING_LISTS = ['ScalableTargets', 'ScalingPolicies', 'ScheduledActions', 'MetricAlarms'];

/** A request shape of those APIs, by its members (PascalCase Application Auto Scaling and CloudWatch, or a bare DeploymentGroupInfo). */
function isScalingRequest(v: Obj): boolean {
  return ['ServiceNamespace', 'ScalableDimension', 'PolicyName', 'ScheduledActionName', 'AlarmName'].some((k) => k in v) || ('deploymentGroupName' in v && !('containerDefinitions' in v));
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the input files and the invocation (CLI arguments after the inputs, and an optional project file). */
export function readEcsInputs(files: readonly string[], args: readonly string[] = [], projectFile?: string): EcsInputs {
  const taskDefinitions: TaskDefinitionDoc[] = [];
  const services: ServiceDoc[] = [];
  const scaling: Obj[] = [];
  for (const file of files) {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    if (!isObj(value)) continue;
    const listed = SCALING_LISTS.find((k) => Array.isArray(value[k]));
    if (listed) {
      scaling.push(...list(value[listed]));
    } else if (isObj(value['deploymentGroupInfo'])) {
      scaling.push(value['deploymentGroupInfo']);
    } else if (isScalingRequest(value)) {
      scaling.push(value);
    } else if (isObj(value['taskDefinition'])) {
      taskDefinitions.push({ file, pointer: '/taskDefinition', value: value['taskDefinition'], outerTags: Array.isArray(value['tags']) ? value['tags'] : [] });
    } else if (Array.isArray(value['services'])) {
      value['services'].forEach((s, i) => {
        if (isObj(s)) services.push({ file, pointer: `/services/${i}`, value: s });
      });
    } else if ('containerDefinitions' in value) {
      taskDefinitions.push({ file, pointer: '', value, outerTags: [] });
    } else {
      services.push({ file, pointer: '', value });
    }
  }
  return { taskDefinitions, services, invocation: readInvocation(args, projectFile), scaling };
}

function readInvocation(args: readonly string[], projectFile?: string): Invocation {
  const inv: Invocation = { images: {} };
  if (projectFile !== undefined) {
    const p: unknown = parseYaml(readFileSync(projectFile, 'utf8'));
    if (isObj(p)) {
      if (typeof p['workload'] === 'string') inv.workload = p['workload'];
      if (typeof p['schedule'] === 'string') inv.schedule = p['schedule'];
      if (typeof p['replicas'] === 'number') inv.replicas = p['replicas'];
      if (typeof p['serviceName'] === 'string') inv.serviceName = p['serviceName'];
      if (typeof p['region'] === 'string') inv.region = p['region'];
      if (isObj(p['images'])) for (const [k, v] of Object.entries(p['images'])) if (typeof v === 'string') inv.images[k] = v;
    }
  }
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => inline ?? args[++i] ?? '';
    if (flag === '--workload') inv.workload = value();
    else if (flag === '--schedule') inv.schedule = value();
    else if (flag === '--replicas') inv.replicas = Number(value());
    else if (flag === '--service-name') inv.serviceName = value();
    else if (flag === '--region') inv.region = value();
    else if (flag === '--image') {
      const [c, uri] = value().split(/=(.*)/s, 2);
      if (c !== undefined && uri !== undefined) inv.images[c] = uri;
    }
  }
  return inv;
}

// Plain readers for ECS JSON: people write null for "absent" and "" for an absent optional string
// (the ECS deploy action strips both before it registers, so ECS never sees them).

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

export function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The `ecs2k8s.io/*` steering tags of the task definition and service (`[{key, value}]`). */
export function steeringTags(td: TaskDefinitionDoc, svc?: ServiceDoc): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of [...list(td.value['tags']), ...td.outerTags.filter(isObj), ...list(svc?.value['tags'])]) {
    const k = str(t['key']);
    const v = t['value'];
    if (k?.startsWith('ecs2k8s.io/') && typeof v === 'string') out.set(k, v);
  }
  return out;
}
