/**
 * Cross-field rules of the ECS API that a schema cannot say (SPEC §3). Each rule is a small
 * function over one document; all run after schema validation, on the normalised value, and
 * tolerate values of the wrong type (schema validation has reported those already).
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import { isObject, type EcsDocument } from '../load/shapes.js';
import type { ValidationContext } from './index.js';
import { INT32_MAX } from './int32.js';
import { readOnlyMembers, schemas, serviceMembers, taskDefinitionMembers } from './schemas.js';

type Obj = Record<string, unknown>;
type Rule = (doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext) => void;

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function objects(v: unknown): [Obj, number][] {
  return list(v).flatMap((x, i) => (isObject(x) ? [[x, i] as [Obj, number]] : []));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const PLACEHOLDER = /<[^<>]+>|\$\{[^}]*\}|\{\{[^}]*\}\}|\$\$\$[A-Za-z0-9_]+\$\$\$|%\{[^}]*\}/;

/** True for image strings that a pipeline substitutes later: `<IMAGE1_NAME>`, `${IMAGE}`, `{{image}}`, `$$$IMAGE$$$`. */
export function isPlaceholder(s: string): boolean {
  return PLACEHOLDER.test(s) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

const containers = (doc: EcsDocument) => objects(doc.value['containerDefinitions']);
const cptr = (doc: EcsDocument, i: number, ...rest: (string | number)[]) => pointerJoin(doc.pointer, 'containerDefinitions', i, ...rest);

const containerBasics: Rule = (doc, d, context) => {
  const defs = doc.value['containerDefinitions'];
  if (Array.isArray(defs) && defs.length === 0) {
    d.error(doc.source, pointerJoin(doc.pointer, 'containerDefinitions'), 'no-containers', '"containerDefinitions" is empty: a task definition needs at least one container');
    return;
  }
  const names = new Map<string, number>();
  for (const [c, i] of containers(doc)) {
    const name = str(c['name']);
    if (name === undefined || name === '') {
      d.error(doc.source, cptr(doc, i), 'missing-member', `containerDefinitions[${i}] has no "name": every container needs a unique name`);
    } else if (names.has(name)) {
      d.error(doc.source, cptr(doc, i, 'name'), 'duplicate-name', `two containers are named ${show(name)} (containerDefinitions[${names.get(name)}] and [${i}]): container names must be unique`);
    } else {
      names.set(name, i);
    }
    const image = c['image'];
    if (name !== undefined && context.imageOverrides?.has(name)) {
      // --image replaces it: neither missing nor a placeholder.
    } else if (image === undefined || image === '') {
      // Pipelines leave "image" empty for the render step to fill (aws-actions/amazon-ecs-render-task-definition).
      d.warn(doc.source, cptr(doc, i), 'image-missing', `container ${show(name ?? i)} has no "image": a pipeline is expected to fill it in; pass --image ${name ?? 'CONTAINER'}=URI when building`);
    } else if (typeof image === 'string' && isPlaceholder(image)) {
      d.warn(doc.source, cptr(doc, i, 'image'), 'image-placeholder', `the image of container ${show(name ?? i)} is the placeholder ${show(image)}: replace it with --image ${name ?? 'CONTAINER'}=URI when building`);
    }
  }
  if (containers(doc).length > 0 && !containers(doc).some(([c]) => c['essential'] !== false)) {
    d.error(doc.source, pointerJoin(doc.pointer, 'containerDefinitions'), 'no-essential-container', 'no container is essential ("essential": false on all of them): ECS requires at least one essential container');
  }
};

function containerNames(doc: EcsDocument): Set<string> {
  return new Set(containers(doc).flatMap(([c]) => (typeof c['name'] === 'string' ? [c['name']] : [])));
}

const references: Rule = (doc, d) => {
  const names = containerNames(doc);
  const volumeNames = new Map<string, number>();
  for (const [v, i] of objects(doc.value['volumes'])) {
    const n = str(v['name']);
    if (n === undefined) {
      d.error(doc.source, pointerJoin(doc.pointer, 'volumes', i), 'missing-member', `volumes[${i}] has no "name": ECS requires one, and mountPoints refer to volumes by it`);
      continue;
    }
    if (volumeNames.has(n)) {
      d.error(doc.source, pointerJoin(doc.pointer, 'volumes', i, 'name'), 'duplicate-name', `two volumes are named ${show(n)}: volume names must be unique`);
    }
    volumeNames.set(n, i);
  }
  const known = (set: Iterable<string>) => [...set].map((s) => `"${s}"`).join(', ') || 'none';
  for (const [c, i] of containers(doc)) {
    const self = str(c['name']);
    for (const [dep, j] of objects(c['dependsOn'])) {
      const target = str(dep['containerName']);
      if (target === undefined) continue;
      if (target === self) {
        d.error(doc.source, cptr(doc, i, 'dependsOn', j, 'containerName'), 'dangling-reference', `container ${show(self)} depends on itself: remove that dependsOn entry`);
      } else if (!names.has(target)) {
        d.error(doc.source, cptr(doc, i, 'dependsOn', j, 'containerName'), 'dangling-reference', `"dependsOn" names the container ${show(target)}, which this task definition does not have (containers: ${known(names)})`);
      }
    }
    list(c['links']).forEach((l, j) => {
      if (typeof l !== 'string') return;
      const target = l.split(':')[0] as string;
      if (!names.has(target)) {
        // ECS hands links to Docker, which fails only when the task starts; in a pod every container shares localhost anyway.
        d.warn(doc.source, cptr(doc, i, 'links', j), 'dangling-reference', `"links" names the container ${show(target)}, which this task definition does not have (containers: ${known(names)}): the link cannot work; remove it`);
      }
    });
    for (const [vf, j] of objects(c['volumesFrom'])) {
      const src = str(vf['sourceContainer']);
      if (src !== undefined && !names.has(src)) {
        d.error(doc.source, cptr(doc, i, 'volumesFrom', j, 'sourceContainer'), 'dangling-reference', `"volumesFrom" names the container ${show(src)}, which this task definition does not have (containers: ${known(names)})`);
      }
    }
    for (const [mp, j] of objects(c['mountPoints'])) {
      const vol = str(mp['sourceVolume']);
      if (vol !== undefined && !volumeNames.has(vol)) {
        d.error(doc.source, cptr(doc, i, 'mountPoints', j, 'sourceVolume'), 'dangling-reference', `"sourceVolume" names the volume ${show(vol)}, which "volumes" does not declare (volumes: ${known(volumeNames.keys())}): add it to "volumes"`);
      }
    }
  }
};

const networkMode = (doc: EcsDocument): string => str(doc.value['networkMode']) ?? 'bridge';

const ports: Rule = (doc, d) => {
  const mode = networkMode(doc);
  const portNames = new Map<string, string>();
  // One host port serves one mapping per task (Docker binds it once; a pod's hostPorts are unique).
  const hostPorts = new Map<string, { container: number; name: unknown; containerPort: unknown }>();
  for (const [c, i] of containers(doc)) {
    const seen = new Set<string>();
    for (const [pm, j] of objects(c['portMappings'])) {
      const cp = pm['containerPort'];
      const hp = pm['hostPort'];
      if (mode === 'bridge' && typeof hp === 'number' && hp > 0) {
        const key = `${hp}/${str(pm['protocol']) ?? 'tcp'}`;
        const prev = hostPorts.get(key);
        if (prev === undefined) hostPorts.set(key, { container: i, name: c['name'], containerPort: cp });
        else if (prev.container !== i || prev.containerPort !== cp) {
          d.error(doc.source, cptr(doc, i, 'portMappings', j, 'hostPort'), 'duplicate-port', `host port ${key} is already mapped (container ${show(prev.name)}, container port ${show(prev.containerPort)}): a host port can serve one mapping of a task; use another hostPort, or 0 for a dynamic one`);
        }
      }
      if ((mode === 'awsvpc' || mode === 'host') && typeof hp === 'number' && typeof cp === 'number' && hp !== cp) {
        if (hp === 0) {
          d.warn(doc.source, cptr(doc, i, 'portMappings', j, 'hostPort'), 'host-port-mode', `"hostPort" 0 (a dynamic port) has no meaning in network mode "${mode}", where the host port is the container port ${cp}: remove "hostPort"`);
        } else {
          d.error(doc.source, cptr(doc, i, 'portMappings', j, 'hostPort'), 'host-port-mode', `"hostPort" ${hp} differs from "containerPort" ${cp}, which network mode "${mode}" forbids: remove "hostPort" or make it equal`);
        }
      }
      if (typeof cp === 'number') {
        const key = `${cp}/${str(pm['protocol']) ?? 'tcp'}`;
        if (seen.has(key)) d.warn(doc.source, cptr(doc, i, 'portMappings', j), 'duplicate-port', `container ${show(c['name'])} maps port ${key} twice: remove one`);
        seen.add(key);
      }
      const name = str(pm['name']);
      if (name !== undefined) {
        const owner = `${str(c['name']) ?? i}`;
        if (portNames.has(name)) {
          d.error(doc.source, cptr(doc, i, 'portMappings', j, 'name'), 'duplicate-name', `the port name ${show(name)} is used twice (containers ${show(portNames.get(name))} and ${show(owner)}): port names must be unique within a task definition`);
        } else portNames.set(name, owner);
      }
    }
  }
};

const healthChecks: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    const hc = c['healthCheck'];
    if (!isObject(hc)) continue;
    const cmd = list(hc['command']);
    const first = cmd[0];
    if (cmd.length > 0 && first !== 'CMD' && first !== 'CMD-SHELL' && first !== 'NONE') {
      d.warn(doc.source, cptr(doc, i, 'healthCheck', 'command', 0), 'health-check-form', `a health check command starts with "CMD" or "CMD-SHELL", not ${show(first)}: it is read as ["CMD", ${cmd.map((x) => show(x)).join(', ')}]; write the prefix to make it explicit`);
    } else if (cmd.length === 1 && first !== 'NONE') {
      d.error(doc.source, cptr(doc, i, 'healthCheck', 'command'), 'invalid-value', `the health check command ${show(cmd)} has nothing to run after ${show(first)}`);
    }
  }
};

// Fargate task sizes: cpu units → allowed memory (MiB), from the ECS developer guide.
const FARGATE: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/** "512, 1024 or 2048 MiB" for a short or uneven list, "2048–8192 MiB in steps of 1024" for a long even one. */
function describeSizes(sizes: number[]): string {
  const step = (sizes[1] ?? 0) - (sizes[0] ?? 0);
  const even = sizes.length > 3 && sizes.every((v, i) => i === 0 || v - sizes[i - 1]! === step);
  if (even) return `${sizes[0]}–${sizes[sizes.length - 1]} MiB in steps of ${step}`;
  return `${sizes.length > 1 ? `${sizes.slice(0, -1).join(', ')} or ` : ''}${sizes[sizes.length - 1]} MiB`;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}

/** Task-level cpu: "256", "1 vCPU", "0.25 vcpu", "2 vCPUs" → cpu units. */
export function parseTaskCpu(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(vcpus?)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? Math.round(n * 1024) : n;
}

/** Task-level memory: "512", "2 GB", "0.5GB", "2GiB", "512 MiB" (the forms the schema accepts) → MiB. */
export function parseTaskMemory(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([gm])i?b)?\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2]?.toLowerCase() === 'g' ? Math.round(n * 1024) : n;
}

/** ECS registers task definitions of at most 64 KiB (its service quota "task definition size"). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;

/** The members ECS registers: known to the schema and not read-only (unknown members are reported on their own). */
const REGISTERED = {
  taskDefinition: new Set([...taskDefinitionMembers].filter((k) => !readOnlyMembers(schemas.taskDefinition).has(k))),
  service: new Set([...serviceMembers].filter((k) => !readOnlyMembers(schemas.service).has(k))),
};

/**
 * The size ECS counts: the definition as registered (no whitespace, only the members it
 * registers). It bounds every string a task definition carries into the bundle.
 */
function registeredSize(doc: EcsDocument): number {
  const members = REGISTERED[doc.kind === 'service' ? 'service' : 'taskDefinition'];
  const registered = Object.fromEntries(Object.entries(doc.value).filter(([k]) => members.has(k)));
  return Buffer.byteLength(JSON.stringify(registered) ?? '', 'utf8');
}

/** Task-level cpu and memory are strings, but ECS stores them as 32-bit integers (units, MiB); and the whole definition has a size limit. */
const taskSize: Rule = (doc, d) => {
  const bytes = registeredSize(doc);
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    d.error(doc.source, doc.pointer, 'out-of-range', `the task definition is ${(bytes / 1024).toFixed(1)} KiB without whitespace, but ECS registers at most 64 KiB: move large values (scripts, certificates, configuration) to files, S3 environment files or secrets`);
  }
  const cpu = parseTaskCpu(doc.value['cpu']);
  const mem = parseTaskMemory(doc.value['memory']);
  if (cpu !== undefined && cpu > INT32_MAX) d.error(doc.source, pointerJoin(doc.pointer, 'cpu'), 'out-of-range', `"cpu" is ${show(doc.value['cpu'])}, which is more CPU units than ECS can hold (at most ${INT32_MAX})`);
  if (mem !== undefined && mem > INT32_MAX) d.error(doc.source, pointerJoin(doc.pointer, 'memory'), 'out-of-range', `"memory" is ${show(doc.value['memory'])}, which is more MiB than ECS can hold (at most ${INT32_MAX})`);
};

const fargate: Rule = (doc, d) => {
  const compat = list(doc.value['requiresCompatibilities']);
  if (!compat.includes('FARGATE')) return;
  const base = doc.pointer;
  if (doc.value['networkMode'] !== undefined && doc.value['networkMode'] !== 'awsvpc') {
    d.error(doc.source, pointerJoin(base, 'networkMode'), 'fargate', `Fargate requires "networkMode": "awsvpc", not ${show(doc.value['networkMode'])}`);
  }
  const cpu = parseTaskCpu(doc.value['cpu']);
  const mem = parseTaskMemory(doc.value['memory']);
  if (doc.value['cpu'] === undefined || doc.value['memory'] === undefined) {
    d.error(doc.source, base, 'fargate', 'Fargate requires task-level "cpu" and "memory": add both (for example "cpu": "256", "memory": "512")');
  } else if (cpu !== undefined && mem !== undefined) {
    const allowed = FARGATE[cpu];
    if (!allowed) {
      d.error(doc.source, pointerJoin(base, 'cpu'), 'fargate', `Fargate has no task size with cpu ${show(doc.value['cpu'])}: use one of ${Object.keys(FARGATE).join(', ')}`);
    } else if (!allowed.includes(mem)) {
      d.error(doc.source, pointerJoin(base, 'memory'), 'fargate', `Fargate does not offer memory ${show(doc.value['memory'])} with cpu ${show(doc.value['cpu'])}: use ${describeSizes(allowed)}`);
    }
  }
  for (const [c, i] of containers(doc)) {
    const st = c['stopTimeout'];
    if (typeof st === 'number' && st > 120) {
      d.error(doc.source, cptr(doc, i, 'stopTimeout'), 'out-of-range', `"stopTimeout" is ${st}, but Fargate allows at most 120 seconds`);
    }
  }
};

/** Values that are credentials whatever the variable is called (AWS, PEM, GitHub, Slack, Stripe, Google keys, JWTs, passwords in URLs). */
const CREDENTIAL_VALUE = [
  /\b(AKIA|ASIA)[0-9A-Z]{16}\b/,
  /-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/,
  /\bgh[pousr]_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/,
  /\bxox[abprs]-[A-Za-z0-9-]{10,}/,
  /\b[rs]k_live_[A-Za-z0-9]{16,}/,
  /\bAIza[0-9A-Za-z_-]{35}\b/,
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/,
  // scheme://user:password@host, unless the password is a placeholder
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:(?![$<{%])[^/\s@]+@/i,
];

/** Words of a variable name that say it holds a credential. */
const SECRET_WORDS = new Set(['password', 'passwd', 'pass', 'pwd', 'passphrase', 'secret', 'token', 'credential', 'credentials', 'apikey', 'privatekey', 'secretkey', 'accesskey']);
/** Qualifiers that make "key" a credential (API_KEY, PRIVATE_KEY, SIGNING_KEY; not CACHE_KEY or S3_KEY). */
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'encryption', 'signing', 'master', 'license', 'client']);
/** A last word that makes the variable describe a credential rather than hold one (PASSWORD_FILE, TOKEN_URL, AUTH_ENABLED). */
const DESCRIBING_WORDS = new Set(['file', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'port', 'name', 'arn', 'id', 'region', 'header', 'length', 'len', 'min', 'max', 'ttl', 'expiry', 'expiration', 'expires', 'timeout', 'lifetime', 'age', 'enabled', 'disabled', 'required', 'mode', 'type', 'provider', 'strategy', 'policy', 'issuer', 'audience', 'algorithm', 'alg', 'format', 'prefix', 'field', 'param', 'version', 'count', 'size', 'location', 'store', 'backend', 'rotation']);
/** Values that are not a credential in the file: flags, numbers, nothing, placeholders a pipeline fills in, references and paths. */
const HARMLESS_VALUE = /^(true|false|yes|no|on|off|none|null|nil|\d{1,6})$|^(\$\{.*\}|\$[A-Z_][A-Z0-9_]*|<[^<>]*>|\{\{.*\}\}|%\{.*\})$|^arn:aws[a-z-]*:|^\/[\w.\/-]*$|^[a-z][a-z0-9+.-]*:\/\/[^@\s]*$/i;

/** The words of a variable name: DB_PASSWORD → db, password; secretKey → secret, key; NEXTAUTH_SECRET → nextauth, secret. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * True for a plain environment variable that looks like it carries a credential: by its value (an
 * AWS access key, a private key, a token format), or by its name (DB_PASSWORD, JWT_SECRET, API_KEY,
 * BASIC_AUTH) when the value is not a flag, a number, a placeholder, an ARN, a path or a URL.
 */
export function looksLikeCredential(name: string, value: string): boolean {
  if (value.trim() === '') return false;
  if (CREDENTIAL_VALUE.some((re) => re.test(value))) return true;
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || DESCRIBING_WORDS.has(last)) return false;
  const named =
    words.some((w, i) => SECRET_WORDS.has(w) || (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1]!))) ||
    last === 'auth'; // BASIC_AUTH, PROXY_AUTH (AUTH_PROVIDER and AUTH_TYPE describe)
  if (!named) return false;
  return !HARMLESS_VALUE.test(value.trim());
}


/** Plain environment values that look like credentials: named by the variable, never echoed. */
const plaintextCredentials: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    for (const [kv, j] of objects(c['environment'])) {
      const name = str(kv['name']);
      const value = str(kv['value']);
      if (name !== undefined && value !== undefined && looksLikeCredential(name, value)) {
        d.warn(doc.source, cptr(doc, i, 'environment', j, 'value'), 'plaintext-credential', `the environment variable ${show(name)} of container ${show(c['name'])} looks like a credential in plain text: move it to "secrets" (Secrets Manager or SSM) so that its value never sits in the task definition or the bundle`);
      }
    }
  }
};

/** ECS refuses a soft limit above the hard one. */
const memoryLimits: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    const mem = c['memory'];
    const res = c['memoryReservation'];
    if (typeof mem === 'number' && typeof res === 'number' && res > mem) {
      d.error(doc.source, cptr(doc, i, 'memoryReservation'), 'out-of-range', `"memoryReservation" ${res} is above "memory" ${mem} in container ${show(c['name'])}: the soft limit must be at most the hard limit`);
    }
  }
};

const serviceRules: Rule = (doc, d) => {
  const v = doc.value;
  // ECS documents no size for a service definition; real ones are a few KiB. The task definition's
  // 64 KiB keeps every value either brings within Kubernetes' 256 KiB of annotations per object.
  const bytes = registeredSize(doc);
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    d.error(doc.source, doc.pointer, 'out-of-range', `the service definition is ${(bytes / 1024).toFixed(1)} KiB without whitespace; ecs2k8s accepts at most 64 KiB (as ECS does for a task definition), so that its values fit in Kubernetes objects: look for a value that does not belong`);
  }
  if (v['schedulingStrategy'] === 'DAEMON' && typeof v['desiredCount'] === 'number') {
    d.warn(doc.source, pointerJoin(doc.pointer, 'desiredCount'), 'daemon-desired-count', '"desiredCount" has no meaning for a DAEMON service (one task per instance): it is ignored');
  }
};

export const taskDefinitionRules: Rule[] = [containerBasics, references, ports, healthChecks, taskSize, fargate, plaintextCredentials, memoryLimits];
export const serviceRuleList: Rule[] = [serviceRules];

export function runRules(doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext = {}): void {
  if (doc.kind !== 'taskDefinition' && doc.kind !== 'service') return; // the other kinds: src/validate/scaling-rules.ts
  for (const rule of doc.kind === 'taskDefinition' ? taskDefinitionRules : serviceRuleList) rule(doc, diagnostics, context);
}

/** A service's load balancers must name a container and port of its task definition (checked once paired). */
export function checkLoadBalancers(service: EcsDocument, taskDefinition: EcsDocument, d: Diagnostics): void {
  const byName = new Map(containers(taskDefinition).flatMap(([c]) => (typeof c['name'] === 'string' ? [[c['name'], c] as [string, Obj]] : [])));
  for (const [lb, i] of objects(service.value['loadBalancers'])) {
    const name = str(lb['containerName']);
    const port = lb['containerPort'];
    const ptr = pointerJoin(service.pointer, 'loadBalancers', i);
    if (name === undefined) continue;
    const c = byName.get(name);
    if (!c) {
      d.error(service.source, pointerJoin(ptr, 'containerName'), 'dangling-reference', `"loadBalancers" names the container ${show(name)}, which task definition ${show(taskDefinition.value['family'])} does not have (containers: ${[...byName.keys()].map((k) => `"${k}"`).join(', ')})`);
    } else if (typeof port === 'number' && !objects(c['portMappings']).some(([pm]) => pm['containerPort'] === port)) {
      d.error(service.source, pointerJoin(ptr, 'containerPort'), 'dangling-reference', `"loadBalancers" sends traffic to port ${port} of container ${show(name)}, which maps no such port (ports: ${objects(c['portMappings']).map(([pm]) => String(pm['containerPort'])).join(', ') || 'none'})`);
    }
  }
}
