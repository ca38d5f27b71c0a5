/**
 * Typed views of validated ECS documents. Validation (src/validate/) proves what the generated
 * types (./generated/ecs.ts, from the same definitions as schemas/) say: members known, of their
 * type, enumerations in range, nulls and empty optional strings removed. Conversion runs only on
 * documents that validated without an error (compile stops before it otherwise), so a converter
 * reads `ctx.taskDefinition.pidMode` (a `PidMode`) instead of `str(ctx.task['pidMode'])`.
 *
 * The one cast from a document's value to its type lives here, behind that precondition.
 */
import type { EcsDocument } from '../load/shapes.js';
import type { EcsService, EcsTaskDefinition } from './generated/ecs.js';

export type * from './generated/ecs.js';

/**
 * A service as conversion sees it: validated, except that `serviceName` may be absent when the
 * command line or the project file supplies it (a `missing-service-name` warning, not an error).
 */
export type ServiceInput = Omit<EcsService, 'serviceName'> & Partial<Pick<EcsService, 'serviceName'>>;

/** The typed value of a task definition that validated without an error. */
export function taskDefinitionOf(doc: EcsDocument): EcsTaskDefinition {
  if (doc.kind !== 'taskDefinition') throw new Error(`internal: ${doc.source.file}${doc.pointer} is a ${doc.kind}, not a task definition`);
  return doc.value as unknown as EcsTaskDefinition;
}

/** The typed value of a service that validated without an error. */
export function serviceOf(doc: EcsDocument): ServiceInput {
  if (doc.kind !== 'service') throw new Error(`internal: ${doc.source.file}${doc.pointer} is a ${doc.kind}, not a service`);
  return doc.value as unknown as ServiceInput;
}
