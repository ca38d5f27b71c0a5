// Generates the project file's schema, schemas/ecs2k8s-config.schema.json, from its TypeScript
// type (`ProjectFile` in src/project-file.ts: doc comments become descriptions, tags such as
// @pattern constraints), then compiles it ahead of time into src/load/generated/config-validator.js
// (and its .d.ts), so that the CLI never compiles a schema at run time. Run by `npm run gen:schemas`;
// test/config-validator fails when the schema or the module is stale. `--out DIR` writes under another root.
import Ajv from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedBy } from './generated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : root;
const TYPE_FILE = 'src/project-file.ts';
const SCHEMA_FILE = 'schemas/ecs2k8s-config.schema.json';

/** Drops `type` next to an `enum` of strings: the enum says it all, and ajv then reports the enum (one message) rather than the type first. */
function tidy(node) {
  if (Array.isArray(node)) return node.map(tidy);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) if (!(k === 'type' && v === 'string' && Array.isArray(node.enum))) out[k] = tidy(v);
  return out;
}

const generated = createGenerator({
  path: path.join(root, TYPE_FILE),
  tsconfig: path.join(root, 'tsconfig.json'),
  type: 'ProjectFile',
  expose: 'none',
  topRef: false,
  jsDoc: 'extended',
  skipTypeCheck: true,
  additionalProperties: false,
  sortProps: false,
}).createSchema('ProjectFile');
const { $schema, title, description: _, ...body } = tidy(generated);
const schema = {
  $comment: generatedBy('scripts/gen-config-validator.mjs', `the type ProjectFile of ${TYPE_FILE}`),
  $schema,
  $id: 'https://ecs2k8s.dev/schemas/ecs2k8s-config.schema.json',
  title,
  ...body,
};
const schemaFile = path.join(out, SCHEMA_FILE);
mkdirSync(path.dirname(schemaFile), { recursive: true });
writeFileSync(schemaFile, JSON.stringify(schema, null, 2) + '\n');
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
ajv.addSchema(schema, 'config');
let code = standaloneCode(ajv, { validateConfig: 'config' });
code = code.replace(
  /const (\w+) = require\("(ajv\/dist\/runtime\/[\w-]+)"\)\.default;/g,
  (_, local, mod) => `import ${local}_module from "${mod}.js";\nconst ${local} = typeof ${local}_module === "function" ? ${local}_module : ${local}_module.default;`,
);
if (/\brequire\(/.test(code)) throw new Error('standalone code still contains require(): extend the rewrite');
const file = path.join(out, 'src/load/generated/config-validator.js');
mkdirSync(path.dirname(file), { recursive: true });
const header = `// ${generatedBy('scripts/gen-config-validator.mjs', SCHEMA_FILE)}\n`;
writeFileSync(file, header + '// @ts-nocheck\n' + code + '\n');
writeFileSync(
  file.replace(/\.js$/, '.d.ts'),
  header + "import type { ErrorObject } from 'ajv';\n\nexport declare const validateConfig: {\n  (data: unknown): boolean;\n  errors?: ErrorObject[] | null;\n};\n",
);
console.error(`wrote ${path.relative(process.cwd(), schemaFile)}, ${path.relative(process.cwd(), file)} and its .d.ts`);
