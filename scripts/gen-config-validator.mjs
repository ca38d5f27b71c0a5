// Compiles the project file's schema (schemas/ecs2k8s-config.schema.json, written by hand: it is
// ecs2k8s's own format) ahead of time into src/load/generated/config-validator.js, so that the
// CLI never compiles a schema at run time (and its .d.ts). Run by `npm run gen:schemas`;
// test/config-validator fails when the committed module is stale. `--out DIR` writes under another root.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedBy } from './generated.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const out = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : root;
const schema = JSON.parse(readFileSync(path.join(root, 'schemas/ecs2k8s-config.schema.json'), 'utf8'));
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
const header = `// ${generatedBy('scripts/gen-config-validator.mjs', 'schemas/ecs2k8s-config.schema.json')}\n`;
writeFileSync(file, header + '// @ts-nocheck\n' + code + '\n');
writeFileSync(
  file.replace(/\.js$/, '.d.ts'),
  header + "import type { ErrorObject } from 'ajv';\n\nexport declare const validateConfig: {\n  (data: unknown): boolean;\n  errors?: ErrorObject[] | null;\n};\n",
);
console.error(`wrote ${path.relative(process.cwd(), file)} and its .d.ts`);
