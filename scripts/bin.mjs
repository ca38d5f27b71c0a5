#!/usr/bin/env node
// The `ecs2k8s` bin (copied to dist/ecs2k8s.mjs by scripts/build.mjs). It runs the bundled CLI,
// dist/cli.cjs, as a vm.Script with V8's code cache (dist/cli.cjs.cache, written by the build
// from a run of the shipped example), so that a start skips most of the parsing and compiling
// of the bundle. A cache from another Node version is rejected by V8, and the script then
// compiles as usual. Node 20 has no module compile cache of its own.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const file = join(here, 'cli.cjs');
const cacheFile = join(here, 'cli.cjs.cache');
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // no cache: compile as usual
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, {
  filename: file,
  cachedData,
});
// A vm.Script cannot import() on Node 20 without a flag: the optional packages load through this.
globalThis.__ecs2k8sImport = (specifier) => import(specifier);
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(file), cli, file, here);
await cli.exports.main(process.argv);
if (process.env.ECS2K8S_WRITE_CODE_CACHE === '1') {
  // After a run, the cache also holds the functions that the run compiled.
  writeFileSync(`${cacheFile}.tmp`, script.createCachedData());
  renameSync(`${cacheFile}.tmp`, cacheFile);
}
