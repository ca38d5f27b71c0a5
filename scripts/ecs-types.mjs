// TypeScript types of the validated ECS documents, rendered from the same cleaned, constrained
// definitions that scripts/gen-schemas.mjs writes as JSON Schemas (so the two cannot disagree):
//
//   - an object definition → `export interface Name { member?: T }`, required as the schema's
//     `required` says; closed (`additionalProperties: false`), as the schema is;
//   - an `enum` → a union of string literals; `integer` and `number` → number; Date members
//     (`["string", "number"]`) → string | number; a map (`additionalProperties: {…}`) → Record;
//     a JSON document (`{}`) → unknown;
//   - a describe-only member (`{readOnly: true}`, tolerated and not validated) → unknown;
//   - constraints (integer, range, pattern, item count) and the constraint overlay's reference
//     text become the member's doc comment.
//
// The two roots are also exported as EcsTaskDefinition and EcsService.

const REF_PREFIX = '#/definitions/';
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const quote = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const memberName = (k) => (IDENT.test(k) ? k : quote(k));

function refName(ref) {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${ref}`);
  return ref.slice(REF_PREFIX.length);
}

/** The TypeScript type of a schema node (not a definition's own object body: see renderDefinition). */
function typeOf(node, defs, indent) {
  if (node.readOnly === true) return 'unknown';
  if (typeof node.$ref === 'string') {
    const name = refName(node.$ref);
    if (!(name in defs)) throw new Error(`dangling $ref ${node.$ref}`);
    return name;
  }
  if (Array.isArray(node.anyOf)) return node.anyOf.map((n) => typeOf(n, defs, indent)).join(' | ');
  if (Array.isArray(node.enum)) return node.enum.map((v) => (typeof v === 'string' ? quote(v) : JSON.stringify(v))).join(' | ');
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  if (types.length === 0) {
    const keys = Object.keys(node).filter((k) => k !== 'description');
    if (keys.length > 0) throw new Error(`a schema node without a type: ${JSON.stringify(node)}`);
    return 'unknown';
  }
  return types.map((t) => scalar(t, node, defs, indent)).join(' | ');
}

function scalar(t, node, defs, indent) {
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array': {
      const item = node.items ? typeOf(node.items, defs, indent) : 'unknown';
      return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
    }
    case 'object': {
      if (node.properties) return objectBody(node, defs, indent);
      const extra = node.additionalProperties;
      if (extra === false) return 'Record<string, never>';
      return `Record<string, ${extra && extra !== true ? typeOf(extra, defs, indent) : 'unknown'}>`;
    }
    default:
      throw new Error(`unexpected type ${t}`);
  }
}

/** "integer, 0–65535; matches ^…$" from a member's constraints, and its reference text. */
function docOf(node, origin) {
  if (node.readOnly === true) return `Read-only member of ${origin ?? 'the describe output'}: tolerated and not validated (any value); check its type before use.`;
  const facts = [];
  if (node.type === 'integer') facts.push('integer');
  if (node.minimum !== undefined && node.maximum !== undefined) facts.push(`${node.minimum}–${node.maximum}`);
  else if (node.minimum !== undefined) facts.push(`≥ ${node.minimum}`);
  else if (node.maximum !== undefined) facts.push(`≤ ${node.maximum}`);
  if (node.pattern !== undefined) facts.push(`matches \`${node.pattern}\``);
  if (node.maxItems !== undefined) facts.push(`at most ${node.maxItems} entries`);
  const text = [facts.length ? `${facts.join(', ')}.` : '', node.description ?? ''].filter(Boolean).join(' ');
  return text.replace(/\*\//g, '*\\/');
}

function objectBody(node, defs, indent, origin) {
  const required = new Set(node.required ?? []);
  const pad = `${indent}  `;
  const lines = ['{'];
  for (const k of Object.keys(node.properties).sort()) {
    const member = node.properties[k];
    const doc = docOf(member, origin);
    if (doc) lines.push(`${pad}/** ${doc} */`);
    lines.push(`${pad}${memberName(k)}${required.has(k) ? '' : '?'}: ${typeOf(member, defs, pad)};`);
  }
  lines.push(`${indent}}`);
  return lines.join('\n');
}

function renderDefinition(name, node, defs, origin) {
  if (node.type === 'object' && node.properties) return `export interface ${name} ${objectBody(node, defs, '', origin)}\n`;
  return `export type ${name} = ${typeOf(node, defs, '')};\n`;
}

/**
 * The module text. `targets` are the schemas' roots and definitions: [{ request, describe,
 * describeOperation, alias, title, defs }], the defs exactly as the schema files carry them. Definitions shared by the two
 * schemas must be identical (they come from one SDK model); they are written once.
 */
export function renderEcsTypes(targets, documents, header) {
  const defs = {};
  for (const { defs: d } of targets) {
    for (const [name, node] of Object.entries(d)) {
      if (!IDENT.test(name)) throw new Error(`definition name ${name} is not a TypeScript identifier`);
      if (name in defs && JSON.stringify(defs[name]) !== JSON.stringify(node)) throw new Error(`definition ${name} differs between the schemas`);
      defs[name] = node;
    }
  }
  const out = [
    `// ${header}`,
    '//',
    `// TypeScript types of the ${documents} that validation accepts, rendered from the same`,
    '// definitions as the JSON Schemas in schemas/ (scripts/ecs-types.mjs says how). A document that',
    '// passed validation without errors has these types; read its members through them instead of',
    '// casting. Describe-only members are `unknown`: the schemas tolerate them without checking.',
    '',
  ];
  for (const { request, alias, title } of targets) {
    out.push(`/** ${title} */`, `export type ${alias} = ${request};`, '');
  }
  const origins = new Map(targets.filter((t) => t.describe !== undefined).map((t) => [t.request, `the ${t.describe} that ${t.describeOperation} returns`]));
  for (const name of Object.keys(defs).sort()) out.push(renderDefinition(name, defs[name], defs, origins.get(name)));
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
