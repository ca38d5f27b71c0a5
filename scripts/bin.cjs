#!/usr/bin/env node
// The `ecs2k8s` bin (copied to dist/ecs2k8s.cjs by scripts/build.mjs). It runs the bundled CLI,
// dist/cli.cjs, as a vm.Script with V8's code cache (dist/cli.cjs.cache, written by the build
// from a run of the shipped example), so that a start skips most of the parsing and compiling
// of the bundle. A cache from another Node version is rejected by V8, and the script then
// compiles as usual. Node 20 has no module compile cache of its own.
//
// The compiled validators are files of their own, dist/validators/*.cjs (for Kubernetes one per
// kind and one for what kinds share; input-*.cjs for the input schemas): the CLI loads those it
// needs through __ecs2k8sLoadValidator below, each a vm.Script with a code cache of its own
// beside it (written by the same warm-up run, for the files that run loaded).
//
// It is CommonJS, not ESM: Node's ESM loader brings in modules of its own (its loaders,
// fs/promises, readline, streams) that a start this short measurably pays for. Node's modules
// come from process.getBuiltinModule (Node 20.16+).
const { readFileSync, renameSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { createRequire } = process.getBuiltinModule('node:module');
const { join } = process.getBuiltinModule('node:path');
const vm = process.getBuiltinModule('node:vm');

const here = __dirname;
const writeCache = process.env.ECS2K8S_WRITE_CODE_CACHE === '1';
const scripts = [];

/**
 * A CommonJS file built as a function (exports, require, module, __filename, __dirname) around
 * its code (scripts/build.mjs does that for dist/cli.cjs and the validator files, which spares V8
 * a copy of the text to wrap it), compiled with its code cache.
 */
function compile(file) {
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // no cache: compile as usual
  }
  // latin1: the build checks that the files are ASCII, so this is the text without decoding it.
  const source = readFileSync(file).toString('latin1');
  const script = new vm.Script(source, { filename: file, cachedData });
  if (writeCache) scripts.push([file, script]);
  return script.runInThisContext();
}

const validators = join(here, 'validators');
const requireValidators = createRequire(join(validators, 'index.cjs'));
const loaded = new Map();
globalThis.__ecs2k8sLoadValidator = function load(name) {
  let m = loaded.get(name);
  if (m) return m.exports;
  const file = join(validators, name);
  m = { exports: {} };
  loaded.set(name, m);
  compile(file)(m.exports, (spec) => (spec.startsWith('./') ? load(spec.slice(2)) : requireValidators(spec)), m, file, validators);
  return m.exports;
};
// A vm.Script cannot import() on Node 20 without a flag: the optional packages load through this.
globalThis.__ecs2k8sImport = (specifier) => import(specifier);

const file = join(here, 'cli.cjs');
const cli = { exports: {} };
compile(file)(cli.exports, createRequire(file), cli, file, here);
cli.exports.main(process.argv).then(() => {
  // Nothing is left to write (src/cli/entry.ts): end now rather than wind the heap down.
  if (!writeCache) {
    if (cli.exports.exitsAtOnce()) process.exit();
    return;
  }
  // After a run, each cache also holds the functions that the run compiled.
  for (const [f, script] of scripts) {
    writeFileSync(`${f}.cache.tmp`, script.createCachedData());
    renameSync(`${f}.cache.tmp`, `${f}.cache`);
  }
});
