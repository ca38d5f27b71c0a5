/** What every cross-field rule of the ECS input is, and the helpers they share. */
import type { Diagnostics } from '../../diagnostics.js';
import { pointerJoin } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import { objs } from '../../model/values.js';
import type { ValidationContext } from '../context.js';

/**
 * A rule over one document. It runs after schema validation, on the normalised value, and
 * tolerates values of the wrong type (schema validation has reported those already).
 */
export type Rule = (doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext) => void;

/** The container definitions that are objects, with their indexes. */
export const containers = (doc: EcsDocument) => objs(doc.value['containerDefinitions']);

/** A pointer under containerDefinitions[i]. */
export const cptr = (doc: EcsDocument, i: number, ...rest: (string | number)[]) => pointerJoin(doc.pointer, 'containerDefinitions', i, ...rest);
