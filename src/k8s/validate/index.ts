// Offline validation of every Kubernetes object the compiler emits, before anything is
// written: the strict schema of the target Kubernetes version (no unknown fields, exact
// types, enums, required members; precompiled ajv code, see scripts/gen-k8s-validators.mjs)
// plus the rules an API server enforces in code (./rules/).
import { lazy } from '../../lazy.js';
import * as generated from './generated/k8s-validators.js';
import type { K8sSchemaError, K8sValidateFunction } from './generated/k8s-validators.js';
import { checkRules } from './rules/index.js';
import { loadK8sValidator } from './load.js';
import type { K8sIssueCode } from '../../codes.js';
import { conforms } from '../../model/conforms.js';
import type { SchemaNode } from '../../model/schemas.js';

/** The Kubernetes version whose API the output is validated against (kubernetes-models 5.1.0). */
export const KUBERNETES_VERSION = '1.36';

export interface OutputIssue {
  /** Stable code: k8s-unknown-field, k8s-type, k8s-name, k8s-label-key, ... (src/codes.ts). */
  code: K8sIssueCode;
  /** JSON Pointer into the object ("" is the object itself). */
  pointer: string;
  /** Names the field and the value and says what is wrong. */
  message: string;
}

/** A generated validator module (k8s-validators.js, gitops-validators.js) as validateWith uses it. */
export interface ValidatorModule {
  /** "apiVersion/kind" → the generated file whose module.exports validates it. */
  kinds: Readonly<Record<string, string>>;
  knownProperties(definition: string): readonly string[];
}

/**
 * A validate function that walks the kind's definition in the schema (../../model/conforms.ts)
 * and, only for an object that does not plainly conform, loads its kind's generated file
 * (./load.ts) to decide and name the errors.
 */
function lazyValidator(schema: () => StrictSchema, gvk: string, file: string, load: (file: string) => unknown): K8sValidateFunction {
  let loaded: K8sValidateFunction | undefined;
  let node: SchemaNode | undefined;
  const validate: K8sValidateFunction = (data: unknown) => {
    node ??= { $ref: `#/definitions/${schema()['x-kinds'][gvk]}` };
    if (conforms(schema(), data, node)) {
      validate.errors = null;
      return true;
    }
    loaded ??= load(file) as K8sValidateFunction;
    const ok = loaded(data);
    validate.errors = loaded.errors;
    return ok;
  };
  return validate;
}

/** The generated schema a module's validators are compiled from (schemas/k8s/*.schema.json). */
export interface StrictSchema extends SchemaNode {
  /** "apiVersion/kind" → the name of its definition. */
  'x-kinds': Readonly<Record<string, string>>;
}

/** A module's validators by "apiVersion/kind", each walking `schema` and loading its file (through `load`) when it must. */
export function validatorsOf(module: ValidatorModule, schema: () => StrictSchema, load: (file: string) => unknown): ReadonlyMap<string, K8sValidateFunction> {
  return new Map(Object.entries(module.kinds).map(([gvk, file]) => [gvk, lazyValidator(schema, gvk, file, load)]));
}

const VALIDATORS = validatorsOf(generated, () => lazy.k8sSchema() as unknown as StrictSchema, loadK8sValidator);

/** The supported kinds as "apiVersion/kind", e.g. "apps/v1/Deployment", "v1/Service". */
export function supportedKinds(): string[] {
  return [...VALIDATORS.keys()];
}

/** Schema + API-server rules; an unknown apiVersion/kind is itself an issue. */
export function validateK8sObject(obj: unknown): OutputIssue[] {
  return validateWith(VALIDATORS, generated, obj);
}

/** validateK8sObject over another generated module's kinds (the GitOps kinds: ./gitops.ts). */
export function validateWith(validators: ReadonlyMap<string, K8sValidateFunction>, module: ValidatorModule, obj: unknown): OutputIssue[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return [{ code: 'k8s-object', pointer: '', message: `a Kubernetes object must be a JSON object, got ${describe(obj)}` }];
  }
  const o = obj as Record<string, unknown>;
  const { apiVersion, kind } = o;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    const missing = typeof apiVersion !== 'string' ? 'apiVersion' : 'kind';
    return [{ code: 'k8s-kind', pointer: '', message: `object has no string "${missing}"; apiVersion and kind are required` }];
  }
  const gvk = `${apiVersion}/${kind}`;
  const validate = validators.get(gvk);
  if (!validate) return [{ code: 'k8s-kind', pointer: '', message: unknownKindMessage(apiVersion, kind, [...validators.keys()]) }];

  const issues: OutputIssue[] = [];
  if (!validate(o)) {
    for (const e of validate.errors ?? []) {
      const issue = schemaIssue(e, o, module);
      if (issue) issues.push(issue);
    }
  }
  issues.push(...checkRules(o, gvk));
  return dedupe(issues);
}

function unknownKindMessage(apiVersion: string, kind: string, supported: readonly string[]): string {
  const sameKind = supported.filter((k) => k.endsWith(`/${kind}`));
  const hint = sameKind.length ? ` (${kind} is emitted as apiVersion ${sameKind.map((k) => `"${k.slice(0, -kind.length - 1)}"`).join(' or ')})` : ` (supported: ${supported.join(', ')})`;
  return `apiVersion "${apiVersion}" kind "${kind}" is not a kind this compiler may emit for Kubernetes ${KUBERNETES_VERSION}${hint}`;
}

// ---------------------------------------------------------------------------------------
// ajv errors → readable issues

const QUANTITY_HINT = 'a Kubernetes quantity such as 500m, 0.5, 128Mi or 1Gi';

/** The value at a JSON Pointer of the object (the validators are generated without ajv's `verbose`). */
function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const seg of pointer.split('/').slice(1)) {
    if (typeof v !== 'object' || v === null) return undefined;
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    // Own members only: a field named "toString" or "constructor" must not find Object.prototype's.
    if (!Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The definition an error's schemaPath lies in: "#/definitions/<Name>/…". */
function definitionOf(schemaPath: string): string | undefined {
  return /^#\/definitions\/([^/]+)\//.exec(schemaPath)?.[1];
}

function schemaIssue(e: K8sSchemaError, root: unknown, module: ValidatorModule): OutputIssue | null {
  const at = e.instancePath;
  const where = at || '/';
  const data = valueAt(root, at);
  // A null is reported once, by the k8s-null rule, rather than as a type error here.
  if (data === null && e.keyword !== 'required' && e.keyword !== 'additionalProperties') return null;
  const p = e.params;
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String(p.additionalProperty);
      const definition = definitionOf(e.schemaPath);
      const known = definition ? [...module.knownProperties(definition)] : [];
      const guess = closest(field, known);
      const hint = guess ? ` (did you mean "${guess}"?)` : known.length ? '' : ' (no fields are allowed here)';
      return { code: 'k8s-unknown-field', pointer: `${at}/${escapeToken(field)}`, message: `unknown field "${field}" in ${where}${hint}` };
    }
    case 'required':
      return { code: 'k8s-required', pointer: at, message: `missing required field "${String(p.missingProperty)}" in ${where}` };
    case 'type': {
      const types = Array.isArray(p.type) ? p.type : String(p.type).split(',');
      return { code: 'k8s-type', pointer: at, message: `${where} must be ${types.map(article).join(' or ')}, got ${describe(data)}` };
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'const' ? [p.allowedValue] : (p.allowedValues as unknown[])) ?? [];
      const guess = typeof data === 'string' ? closest(data, allowed.map(String)) : undefined;
      const hint = guess ? ` (did you mean "${guess}"?)` : '';
      return {
        code: 'k8s-enum',
        pointer: at,
        message: `${where} is ${describe(data)}; it must be ${allowed.length === 1 ? '' : 'one of '}${allowed.map((v) => JSON.stringify(v)).join(', ')}${hint}`,
      };
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      if (pattern.includes('[KMGTPE]i')) {
        return { code: 'k8s-quantity', pointer: at, message: `${where} is ${describe(data)}, which is not ${QUANTITY_HINT}` };
      }
      if (pattern.startsWith('^(?:[A-Za-z0-9+/]{4})*')) {
        return { code: 'k8s-base64', pointer: at, message: `${where} must be base64-encoded (Secret data), got ${describe(data)}` };
      }
      return { code: 'k8s-pattern', pointer: at, message: `${where} is ${describe(data)}, which does not match ${pattern}` };
    }
    case 'minimum':
    case 'maximum': {
      const bound = Number(p.limit);
      const int32 = bound === 2147483647 || bound === -2147483648 ? ' (int32)' : '';
      const op = e.keyword === 'minimum' ? '>=' : '<=';
      return { code: 'k8s-range', pointer: at, message: `${where} is ${describe(data)}; it must be ${op} ${bound}${int32}` };
    }
    default:
      return { code: 'k8s-schema', pointer: at, message: `${where} ${e.message ?? `fails ${e.keyword}`}` };
  }
}

function article(t: string): string {
  switch (t) {
    case 'integer':
      return 'an integer';
    case 'object':
    case 'array':
      return `an ${t}`;
    default:
      return `a ${t}`;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
}

function escapeToken(t: string): string {
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The candidate nearest to `word` (case-insensitive equal, or edit distance ≤ ~1/3 of its length). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  for (const c of candidates) {
    if (c.toLowerCase() === w) return c;
    const d = distance(w, c.toLowerCase());
    if (d <= bestD && (best === undefined || d < bestD)) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function dedupe(issues: OutputIssue[]): OutputIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.code}\u0000${i.pointer}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
