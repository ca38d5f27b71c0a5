/**
 * The fields of each Copilot manifest type (the manifest reference of Copilot v1.34), as a tree:
 * a member maps to its sub-fields, `ANY` takes any value below it, and `NAMED` stands for the
 * user's own names (sidecar, volume and environment names). An unknown field is a located
 * warning with a did-you-mean among the fields of its own level.
 */
import { pointerJoin, show, type Diagnostics, type SourceRef } from '../../../diagnostics.js';
import { isObject } from '../../../model/values.js';
import { suggest } from '../../../model/suggest.js';

export const ANY = true;
export type FieldTree = { [field: string]: FieldTree | typeof ANY };
/** The key of a FieldTree whose members are the user's own names. */
export const NAMED = '*';

const duration = ANY;
const healthcheckContainer: FieldTree = { command: ANY, interval: duration, retries: ANY, timeout: duration, start_period: duration };
const imageLocation: FieldTree = { build: ANY, location: ANY, credentials: ANY, labels: ANY, depends_on: ANY };
const image: FieldTree = { ...imageLocation, port: ANY, healthcheck: healthcheckContainer };
const albHealthcheck: FieldTree = { path: ANY, port: ANY, success_codes: ANY, healthy_threshold: ANY, unhealthy_threshold: ANY, timeout: duration, interval: duration, grace_period: duration };
const rule: FieldTree = {
  path: ANY,
  alias: ANY,
  healthcheck: albHealthcheck,
  deregistration_delay: duration,
  target_container: ANY,
  target_port: ANY,
  stickiness: ANY,
  allowed_source_ips: ANY,
  redirect_to_https: ANY,
  version: ANY,
  hosted_zone: ANY,
  condition: ANY,
};
const http: FieldTree = { ...rule, public: ANY, private: ANY, additional_rules: ANY };
const nlbListener: FieldTree = { port: ANY, healthcheck: ANY, target_container: ANY, target_port: ANY, ssl_policy: ANY, stickiness: ANY, deregistration_delay: duration };
const nlb: FieldTree = { ...nlbListener, alias: ANY, additional_listeners: ANY };
const scalingMetric = ANY; // a number, or { value, cooldown }
const count: FieldTree = {
  range: ANY,
  spot: ANY,
  cooldown: { in: duration, out: duration },
  cpu_percentage: scalingMetric,
  memory_percentage: scalingMetric,
  requests: scalingMetric,
  response_time: scalingMetric,
  queue_delay: ANY,
};
const network: FieldTree = { vpc: { placement: ANY, security_groups: ANY }, connect: ANY };
const volume: FieldTree = { path: ANY, read_only: ANY, efs: ANY };
const storage: FieldTree = { ephemeral: ANY, readonly_fs: ANY, volumes: { [NAMED]: volume } };
const logging: FieldTree = { retention: ANY, image: ANY, destination: ANY, enableMetadata: ANY, secretOptions: ANY, configFilePath: ANY, variables: ANY, secrets: ANY, env_file: ANY };
const sidecar: FieldTree = {
  port: ANY,
  image: ANY,
  essential: ANY,
  credentialsParameter: ANY,
  variables: ANY,
  secrets: ANY,
  env_file: ANY,
  mount_points: ANY,
  labels: ANY,
  depends_on: ANY,
  healthcheck: healthcheckContainer,
  command: ANY,
  entrypoint: ANY,
};
const common: FieldTree = {
  name: ANY,
  type: ANY,
  image,
  entrypoint: ANY,
  command: ANY,
  cpu: ANY,
  memory: ANY,
  platform: ANY,
  exec: ANY,
  network,
  variables: ANY,
  env_file: ANY,
  secrets: ANY,
  storage,
  logging,
  sidecars: { [NAMED]: sidecar },
  taskdef_overrides: ANY,
  publish: ANY,
  observability: ANY,
  tags: ANY,
};
const service: FieldTree = { ...common, count, deployment: { rolling: ANY, rollback_alarms: ANY } };

export const SERVICE_TYPES = ['Load Balanced Web Service', 'Backend Service', 'Worker Service', 'Scheduled Job'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

const TREES: Record<ServiceType, FieldTree> = {
  'Load Balanced Web Service': { ...service, http, nlb },
  'Backend Service': { ...service, http },
  'Worker Service': { ...service, subscribe: ANY },
  'Scheduled Job': { ...common, on: { schedule: ANY }, timeout: duration, retries: ANY },
};

/** Warns at every field the manifest type does not have (the `environments` sections too, against the same tree). */
export function checkFields(type: ServiceType, value: Record<string, unknown>, source: SourceRef, d: Diagnostics): void {
  const tree = TREES[type];
  walk(value, { ...tree, environments: { [NAMED]: tree } }, '', source, d, type);
}

function walk(value: unknown, tree: FieldTree, pointer: string, source: SourceRef, d: Diagnostics, type: string): void {
  if (!isObject(value)) return;
  const named = tree[NAMED];
  for (const [k, v] of Object.entries(value)) {
    const sub = named !== undefined ? named : tree[k];
    const ptr = pointerJoin(pointer, k);
    if (sub === undefined) {
      const hint = suggest(k, Object.keys(tree));
      const where =
        pointer === ''
          ? `a ${type} manifest`
          : `${show(
              pointer
                .slice(1)
                .split('/')
                .filter((s) => !/^\d+$/.test(s))
                .join('.'),
            )}`;
      d.warn(
        source,
        ptr,
        'copilot-unknown-field',
        `${show(k)} is not a field of ${where}${
          hint
            ? `: did you mean "${hint}"?`
            : ` (fields: ${Object.keys(tree)
                .filter((f) => f !== NAMED)
                .sort()
                .join(', ')})`
        }; it is ignored`,
        'key',
      );
      continue;
    }
    if (sub !== ANY) walk(v, sub, ptr, source, d, type);
  }
}
