/**
 * Whether a value certainly conforms to one of the generated schemas (the input schemas,
 * schemas/*.schema.json, the project file's, and the strict Kubernetes output schema, schemas/k8s/), decided by
 * walking the schema instead of running its ahead-of-time compiled ajv validator.
 *
 * Nearly every document and every emitted object conforms, and for them this is all a build
 * needs: the compiled validators are then neither loaded nor run at each start
 * (docs/performance.md). When this says false, the caller runs the compiled validator, which
 * decides and names the errors. So only one direction must hold, and tests check it: when this
 * says true, ajv says valid. It reads the keywords as ajv 8 does in the generated validators:
 * `required` and `properties` look at `value[name] !== undefined`, `additionalProperties` at the
 * keys of `for … in`, `minimum` and `maximum` fail on NaN, patterns are Unicode regular
 * expressions, string lengths count code points, `propertyNames` tests the keys of `for … in`,
 * `uniqueItems` is decided for arrays of strings only. Where ajv's options differ (the input
 * validators, strict false, take Infinity for a number; the output validators, strict, do not)
 * it takes the narrower reading: a number must be finite, and ajv decides the rest. So does a
 * keyword it does not know, or a `const` or `enum` value that is not a primitive: false, never
 * true.
 */
import { definitionAt, type SchemaNode } from './schemas.js';
import { isObject } from './values.js';

/** Keywords that only annotate: ajv, with strict false, does not check them. */
const ANNOTATIONS = new Set(['$comment', '$schema', 'definitions', 'description', 'readOnly', 'title']);

const patterns = new Map<string, RegExp>();

/** Whether `value` conforms to `node` (by default the schema itself), whose `$ref`s name definitions of `root`. */
export function conforms(root: SchemaNode, value: unknown, node: SchemaNode = root): boolean {
  return check(root, node, value);
}

function check(root: SchemaNode, node: SchemaNode, value: unknown): boolean {
  for (const keyword in node) {
    switch (keyword) {
      case '$ref': {
        const target = definitionAt(root, node.$ref);
        if (target === undefined || !check(root, target, value)) return false;
        break;
      }
      case 'type': {
        const type = node.type;
        if (typeof type === 'string' ? !isType(type, value) : !Array.isArray(type) || !type.some((t) => isType(t, value))) return false;
        break;
      }
      case 'enum':
        if (!Array.isArray(node.enum) || !node.enum.some((v) => v === value)) return false;
        break;
      case 'const':
        if (node['const'] !== value) return false;
        break;
      case 'properties':
      case 'required':
      case 'additionalProperties':
        if (isObject(value) && !checkObject(root, node, keyword, value)) return false;
        break;
      case 'items':
        if (Array.isArray(value)) {
          const items = node.items;
          if (typeof items !== 'object' || items === null || Array.isArray(items)) return false;
          for (const item of value) if (!check(root, items, item)) return false;
        }
        break;
      case 'maxItems':
        if (Array.isArray(value) && !(typeof node['maxItems'] === 'number' && value.length <= node['maxItems'])) return false;
        break;
      case 'minimum':
        if (typeof value === 'number' && !(typeof node['minimum'] === 'number' && value >= node['minimum'])) return false;
        break;
      case 'maximum':
        if (typeof value === 'number' && !(typeof node['maximum'] === 'number' && value <= node['maximum'])) return false;
        break;
      case 'maxLength':
        if (typeof value === 'string' && !(typeof node['maxLength'] === 'number' && codePoints(value) <= node['maxLength'])) return false;
        break;
      case 'minLength':
        if (typeof value === 'string' && !(typeof node['minLength'] === 'number' && codePoints(value) >= node['minLength'])) return false;
        break;
      case 'maxProperties':
        if (isObject(value) && !(typeof node['maxProperties'] === 'number' && Object.keys(value).length <= node['maxProperties'])) return false;
        break;
      case 'minProperties':
        if (isObject(value) && !(typeof node['minProperties'] === 'number' && Object.keys(value).length >= node['minProperties'])) return false;
        break;
      case 'pattern':
        if (typeof value === 'string' && !(typeof node['pattern'] === 'string' && pattern(node['pattern']).test(value))) return false;
        break;
      case 'propertyNames':
        if (isObject(value)) {
          const names = node['propertyNames'];
          if (typeof names !== 'object' || names === null || Array.isArray(names)) return false;
          for (const key in value) if (!check(root, names as SchemaNode, key)) return false;
        }
        break;
      case 'uniqueItems': {
        const unique = node['uniqueItems'];
        if (unique === false || !Array.isArray(value)) break;
        // Only arrays of strings are decided here (ajv compares other items with a deep equality).
        if (unique !== true || !value.every((x) => typeof x === 'string') || new Set(value).size !== value.length) return false;
        break;
      }
      case '$id':
        // An identifier at the root names the file; below it, it would change what `$ref`s resolve to.
        if (node !== root) return false;
        break;
      case 'anyOf':
        if (!Array.isArray(node.anyOf) || !node.anyOf.some((branch) => check(root, branch, value))) return false;
        break;
      default:
        if (!ANNOTATIONS.has(keyword)) return false;
    }
  }
  return true;
}

function checkObject(root: SchemaNode, node: SchemaNode, keyword: 'properties' | 'required' | 'additionalProperties', value: Record<string, unknown>): boolean {
  const properties = node.properties;
  if (keyword === 'properties') {
    if (typeof properties !== 'object' || properties === null) return false;
    for (const name in properties) {
      const member = value[name];
      if (member !== undefined && !check(root, properties[name] as SchemaNode, member)) return false;
    }
    return true;
  }
  if (keyword === 'required') {
    const required = node.required;
    return Array.isArray(required) && required.every((name) => typeof name === 'string' && value[name] !== undefined);
  }
  const additional = node.additionalProperties;
  for (const key in value) {
    if (properties !== undefined && Object.hasOwn(properties, key)) continue;
    if (additional === false) return false;
    if (additional === true) continue;
    if (typeof additional !== 'object' || additional === null || !check(root, additional, value[key])) return false;
  }
  return true;
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return false;
  }
}

/** The length of a string as ajv counts it (ucs2length): a surrogate pair is one character. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (re === undefined) {
    re = new RegExp(source, 'u');
    patterns.set(source, re);
  }
  return re;
}
