// Writes the generated docs (docs/conversion.md, docs/diagnostics.md) from the tables in src/.
// Run: npm run gen:docs. test/docs.test.ts fails when the committed files are stale.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const result = await build({ entryPoints: ['src/docs/render.ts'], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning' });
const code = result.outputFiles[0].text;
const mod = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
for (const [file, render] of Object.entries(mod.GENERATED_DOCS)) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, render());
  console.log(`wrote ${file}`);
}
