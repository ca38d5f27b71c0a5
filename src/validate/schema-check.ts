/**
 * Runs the ahead-of-time compiled ajv validators and turns their errors into diagnostics that
 * name the user's key and value, with a "did you mean" for near misses.
 */
import type { ErrorObject } from 'ajv';
import { Diagnostics, pointerJoin, pointerSegments, show } from '../diagnostics.js';
import type { DocumentKind } from '../load/shapes.js';
import type { DocumentSource } from '../load/source.js';
import { lazy } from '../lazy.js';
import { apiNames, schemaAtPath, schemas, type SchemaNode } from '../model/schemas.js';
import { suggest } from '../model/suggest.js';
import type { ValidationContext } from './context.js';
import { conforms } from '../model/conforms.js';

/**
 * The compiled validator of each document kind, initialised on first use (../lazy.ts): only for a
 * document that does not plainly conform to its schema (./conforms.ts), to decide and name its errors.
 */
const validators = {
  get taskDefinition() {
    return lazy.ecsValidators().validateTaskDefinition;
  },
  get service() {
    return lazy.ecsValidators().validateService;
  },
  get scalableTarget() {
    return lazy.aasValidators().validateScalableTarget;
  },
  get scalingPolicy() {
    return lazy.aasValidators().validateScalingPolicy;
  },
  get scheduledAction() {
    return lazy.aasValidators().validateScheduledAction;
  },
  get deploymentGroup() {
    return lazy.codedeployValidators().validateDeploymentGroup;
  },
  get metricAlarm() {
    return lazy.cloudwatchValidators().validateMetricAlarm;
  },
};

const docNames: Record<DocumentKind, string> = {
  taskDefinition: 'a task definition',
  service: 'a service',
  scalableTarget: 'a scalable target',
  scalingPolicy: 'a scaling policy',
  scheduledAction: 'a scheduled action',
  deploymentGroup: 'a deployment group',
  metricAlarm: 'a metric alarm',
};

export function checkSchema(kind: DocumentKind, value: unknown, base: string, source: DocumentSource, diagnostics: Diagnostics, context: ValidationContext = {}): void {
  const root = schemas[kind];
  if (conforms(root, value)) return;
  const validate = validators[kind];
  if (validate(value)) return;
  const seen = new Set<string>();
  for (const e of simplify(validate.errors ?? [])) {
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    report(kind, root, e, value, base, source, diagnostics, context);
  }
}

/** Drops the umbrella errors of anyOf/oneOf when a more specific error exists at or under the same path. */
function simplify(errors: ErrorObject[]): ErrorObject[] {
  const specific = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  return specific.length > 0 ? specific : errors;
}

function valueAt(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const s of pointerSegments(pointer)) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[s];
  }
  return v;
}

function memberName(pointer: string, fallback: string): string {
  const segs = pointerSegments(pointer);
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i] as string;
    if (!/^\d+$/.test(s)) return i === segs.length - 1 ? s : `${s}[${segs.slice(i + 1).join('][')}]`;
  }
  return fallback;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}

const typeWords: Record<string, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

const PLACEHOLDER = /\{\{|\$\{|\$\$|^\$[A-Z_]|<[A-Z0-9_]+>|%\{/;

function report(kind: DocumentKind, root: SchemaNode, e: ErrorObject, doc: unknown, base: string, source: DocumentSource, diagnostics: Diagnostics, context: ValidationContext): void {
  const ptr = base + e.instancePath;
  const value = valueAt(doc, e.instancePath);
  const name = memberName(e.instancePath, docNames[kind]);
  const p = e.params as Record<string, unknown>;
  const api = apiNames[kind];
  switch (e.keyword) {
    case 'additionalProperties': {
      const extra = String(p['additionalProperty']);
      const where = schemaAtPath(root, e.schemaPath);
      const props = where?.properties ?? {};
      const allowed = Object.keys(props);
      const hint = suggest(extra, allowed);
      // The list names what a user may write: the read-only members of describe output are only tolerated.
      const writable = allowed.filter((k) => props[k]?.readOnly !== true);
      const owner = e.instancePath === '' ? docNames[kind] : `"${name}"`;
      diagnostics.error(
        source,
        pointerJoin(ptr, extra),
        'unknown-member',
        `${show(extra)} is not a member of ${owner}${hint ? `: did you mean "${hint}"?` : `; ${api} rejects unknown members, so remove it${writable.length ? ` (members: ${writable.slice(0, 12).join(', ')}${writable.length > 12 ? ', …' : ''})` : ''}`}`,
        'key',
      );
      return;
    }
    case 'required': {
      const missing = String(p['missingProperty']);
      if (kind === 'service' && e.instancePath === '' && missing === 'serviceName') {
        if (context.serviceNameGiven) return;
        diagnostics.warn(
          source,
          ptr,
          'missing-service-name',
          'the service has no "serviceName" (tools such as ecspresso keep it elsewhere): `build` takes the name from --service-name or the project file',
        );
        return;
      }
      const owner = e.instancePath === '' ? docNames[kind] : `"${name}"`;
      diagnostics.error(source, ptr, 'missing-member', `${owner} has no "${missing}", which ${api} requires: add it`);
      return;
    }
    case 'type': {
      const want = String(p['type'])
        .split(',')
        .map((t) => typeWords[t] ?? t)
        .join(' or ');
      let hint = '';
      if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) && /integer|number/.test(String(p['type']))) hint = ': remove the quotes';
      else if (typeof value === 'number' && String(p['type']) === 'string') hint = `: write it in quotes ("${value}")`;
      else if (!Array.isArray(value) && String(p['type']) === 'array') hint = ': wrap it in [ ]';
      diagnostics.error(source, ptr, 'wrong-type', `"${name}" must be ${want}, not ${typeOf(value)} (${show(value)})${hint}`);
      return;
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map(String);
      const hint = typeof value === 'string' ? suggest(value, allowed) : undefined;
      const placeholder = typeof value === 'string' && PLACEHOLDER.test(value);
      diagnostics.error(
        source,
        ptr,
        'invalid-value',
        `"${name}" is ${show(value)}, which is not one of ${allowed.join(', ')}` +
          (placeholder ? ': it looks like an unsubstituted template placeholder; render the template first' : hint ? `: did you mean "${hint}"?` : ''),
      );
      return;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const limit = p['limit'];
      const cmpWord = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      diagnostics.error(source, ptr, 'out-of-range', `"${name}" is ${show(value)}, but ${api} requires ${cmpWord} ${String(limit)}`);
      return;
    }
    case 'pattern':
    case 'minLength':
    case 'maxLength': {
      const placeholder = typeof value === 'string' && PLACEHOLDER.test(value);
      const rule =
        e.keyword === 'pattern' ? describePattern(String(p['pattern'])) : e.keyword === 'minLength' ? `at least ${String(p['limit'])} characters` : `at most ${String(p['limit'])} characters`;
      diagnostics.error(
        source,
        ptr,
        'invalid-value',
        `"${name}" is ${show(value)}, but ${api} requires ${rule}` + (placeholder ? ': it looks like an unsubstituted template placeholder; render the template first' : ''),
      );
      return;
    }
    case 'minItems':
    case 'maxItems': {
      diagnostics.error(source, ptr, 'invalid-value', `"${name}" must have ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p['limit'])} entries`);
      return;
    }
    default:
      diagnostics.error(source, ptr, 'invalid-value', `"${name}" ${e.message ?? 'is invalid'}`);
  }
}

/** The patterns of scripts/ecs-constraints.json in words; a pattern not listed here is quoted as it is. */
const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z0-9_-]{1,255}$': 'letters, digits, "-" and "_" only, 1 to 255 characters',
  '^[a-zA-Z0-9_-]{1,255}$': 'letters, digits, "-" and "_" only, 1 to 255 characters',
  '^\\s*[0-9]+(\\.[0-9]+)?\\s*([vV][cC][pP][uU][sS]?)?\\s*$': 'CPU units such as "256" or vCPUs such as "1 vCPU"',
  '^\\s*[0-9]+(\\.[0-9]+)?\\s*([gGmM][iI]?[bB])?\\s*$': 'MiB such as "512" or GB such as "2 GB"',
  '^\\s*[0-9]{1,5}\\s*-\\s*[0-9]{1,5}\\s*$': 'a port range such as "8000-8010"',
};

function describePattern(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? `the form ${pattern}`;
}
