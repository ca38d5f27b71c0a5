/**
 * The generated input schemas (schemas/*.schema.json, made by scripts/gen-schemas.mjs from the
 * pinned @aws-sdk/client-ecs, client-application-auto-scaling and client-codedeploy models) and small helpers to read them: member lists for shape
 * detection and suggestions, and a schema walk for normalising nulls and empty strings.
 */
import taskDefinitionSchema from '../../schemas/ecs-task-definition.schema.json' with { type: 'json' };
import serviceSchema from '../../schemas/ecs-service.schema.json' with { type: 'json' };
import { lazy } from '../lazy.js';
import type { DocumentKind } from '../load/document.js';

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  enum?: unknown[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  readOnly?: boolean;
  definitions?: Record<string, SchemaNode>;
  [k: string]: unknown;
}

/** Each schema by document kind; those of Application Auto Scaling, CodeDeploy and CloudWatch are made on first use (../lazy.ts). */
export const schemas: Record<DocumentKind, SchemaNode> = {
  taskDefinition: taskDefinitionSchema as unknown as SchemaNode,
  service: serviceSchema as unknown as SchemaNode,
  get scalableTarget() {
    return lazy.scalableTargetSchema() as unknown as SchemaNode;
  },
  get scalingPolicy() {
    return lazy.scalingPolicySchema() as unknown as SchemaNode;
  },
  get scheduledAction() {
    return lazy.scheduledActionSchema() as unknown as SchemaNode;
  },
  get deploymentGroup() {
    return lazy.deploymentGroupSchema() as unknown as SchemaNode;
  },
  get metricAlarm() {
    return lazy.metricAlarmSchema() as unknown as SchemaNode;
  },
};

/** The AWS API each document kind belongs to, as messages name it. */
export const apiNames: Record<DocumentKind, string> = {
  taskDefinition: 'ECS',
  service: 'ECS',
  scalableTarget: 'Application Auto Scaling',
  scalingPolicy: 'Application Auto Scaling',
  scheduledAction: 'Application Auto Scaling',
  deploymentGroup: 'CodeDeploy',
  metricAlarm: 'CloudWatch',
};

/** What definitionAt found for each `$ref` of a schema (the generated schemas never change). */
const resolved = new WeakMap<SchemaNode, Map<string, SchemaNode | undefined>>();

/**
 * The definition a `$ref` of the form `#/definitions/Name` names in the same schema file, as ajv
 * resolves it (the name URI-decoded); undefined for any other `$ref`, and for a name the
 * definitions do not have as their own (not `constructor` of Object.prototype).
 */
export function definitionAt(root: SchemaNode, ref: unknown): SchemaNode | undefined {
  if (typeof ref !== 'string') return undefined;
  // The walk of a build follows the same few hundred `$ref`s again and again: each is looked up once per schema.
  let memo = resolved.get(root);
  if (memo === undefined) resolved.set(root, (memo = new Map()));
  let found = memo.get(ref);
  if (found === undefined && !memo.has(ref)) memo.set(ref, (found = lookUp(root, ref)));
  return found;
}

function lookUp(root: SchemaNode, ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#/definitions/')) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(ref.slice('#/definitions/'.length));
  } catch {
    return undefined;
  }
  const definitions = root.definitions;
  return definitions !== undefined && Object.hasOwn(definitions, name) ? definitions[name] : undefined;
}

/** Follows `$ref`s of the form `#/definitions/Name` within one schema file. */
export function deref(root: SchemaNode, node: SchemaNode | undefined): SchemaNode | undefined {
  let n = node;
  for (let guard = 0; n?.$ref && guard < 32; guard++) n = definitionAt(root, n.$ref);
  return n;
}

/** The object schema of a document root. */
export function rootObject(root: SchemaNode): SchemaNode {
  return deref(root, root) ?? root;
}

/** Resolves an ajv `schemaPath` such as `#/definitions/ContainerDefinition/additionalProperties` to the schema object holding it. */
export function schemaAtPath(root: SchemaNode, schemaPath: string): SchemaNode | undefined {
  const segs = schemaPath
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s.replace(/~1/g, '/').replace(/~0/g, '~')));
  segs.pop(); // the keyword itself
  let n: unknown = root;
  for (const s of segs) {
    if (typeof n !== 'object' || n === null) return undefined;
    n = (n as Record<string, unknown>)[s];
  }
  return deref(root, n as SchemaNode);
}

export function memberNames(root: SchemaNode): Set<string> {
  return new Set(Object.keys(rootObject(root).properties ?? {}));
}

export const taskDefinitionMembers = memberNames(schemas.taskDefinition);
export const serviceMembers = memberNames(schemas.service);

/** Members that only describe output has; accepted and ignored. */
export function readOnlyMembers(root: SchemaNode): Set<string> {
  const props = rootObject(root).properties ?? {};
  return new Set(Object.keys(props).filter((k) => props[k]?.readOnly === true));
}

export function isStringSchema(root: SchemaNode, node: SchemaNode | undefined): boolean {
  const n = deref(root, node);
  if (!n) return false;
  if (n.type === 'string') return true;
  if (Array.isArray(n.enum) && n.enum.every((e) => typeof e === 'string')) return true;
  return false;
}
