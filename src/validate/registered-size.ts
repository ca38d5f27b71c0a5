/** The size of a definition as ECS counts it, and the limit ECS puts on it. */
import type { EcsDocument } from '../load/shapes.js';
import { readOnlyMembers, schemas, serviceMembers, taskDefinitionMembers } from '../model/schemas.js';

/** ECS registers task definitions of at most 64 KiB (its service quota "task definition size"). */
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024;

/** The members ECS registers: known to the schema and not read-only (unknown members are reported on their own). */
const registeredOf = (members: Set<string>, readOnly: Set<string>): Set<string> => new Set([...members].filter((k) => !readOnly.has(k)));
const REGISTERED = {
  taskDefinition: registeredOf(taskDefinitionMembers, readOnlyMembers(schemas.taskDefinition)),
  service: registeredOf(serviceMembers, readOnlyMembers(schemas.service)),
};

/**
 * The size ECS counts: the definition as registered (no whitespace, only the members it
 * registers). It bounds every string a task definition carries into the bundle.
 */
export function registeredSize(doc: EcsDocument): number {
  const members = REGISTERED[doc.kind === 'service' ? 'service' : 'taskDefinition'];
  const registered = Object.fromEntries(Object.entries(doc.value).filter(([k]) => members.has(k)));
  return Buffer.byteLength(JSON.stringify(registered) ?? '', 'utf8');
}
