// Builds dist/: the CLI bundle (dist/cli.cjs), its bin (dist/ecs2k8s.cjs, from scripts/bin.cjs)
// with a V8 code cache (dist/cli.cjs.cache), the package's two entries as ESM (dist/index.mjs,
// the library, `ecs2k8s`; dist/cli.mjs, the CLI's run(), `ecs2k8s/cli`; code they share in
// dist/chunks/), and their declarations (dist/types/, by tsc -p tsconfig.build.json).
// Heavy, optional packages (the cluster client, the AWS SDK) stay external and are imported
// lazily by the commands that need them, so `build` and `validate` start fast.
import { build } from 'esbuild';
import { spawn, spawnSync } from 'node:child_process';
import { chmod, copyFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { GENERATED_VALIDATORS, validatorFiles, validatorLoader } from './validator-loader.mjs';
import { inputValidatorEntries, lazyModules } from './lazy-modules.mjs';

// The declarations, by tsc, in parallel with the bundling (it takes the longest).
await rm('dist/types', { recursive: true, force: true });
const tsc = spawn(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
const declarations = new Promise((resolve, reject) => {
  tsc.on('error', reject);
  tsc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build: tsc -p tsconfig.build.json exited ${code}`))));
});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  external: ['@kubernetes/client-node', '@aws-sdk/client-ecs', '@aws-sdk/client-application-auto-scaling'],
  logLevel: 'warning',
  // Smaller code parses faster at every start; a source map beside it serves debugging
  // (node --enable-source-maps dist/ecs2k8s.cjs …).
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
};

// The CLI as a CommonJS script, so that the bin can run it with a code cache (vm.Script). The
// Kubernetes validators are files of their own beside it, dist/validators/ (one per kind and one
// for what kinds share), loaded on first use: a build reads and compiles those of the kinds it
// emits, not the 1.6 MB of every kind and the GitOps kinds. So are the compiled validators of the
// input schemas (dist/validators/input-*.cjs), which only a document or project file that the
// schema walk does not pass needs (scripts/lazy-modules.mjs).
const inputValidators = inputValidatorEntries();
const distValidators = [...validatorFiles(), ...inputValidators.keys()];
await build({
  ...common,
  entryPoints: ['src/cli/entry.ts'],
  plugins: [validatorLoader('files'), lazyModules('files')],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  // import.meta.url (which only yargs reads, off the path of a build) computed when first read.
  define: { 'import.meta.url': '__ecs2k8sMeta.url' },
  // The function the bin runs it as (scripts/bin.cjs), in the file itself: no copy of the text at each start.
  banner: { js: '(function (exports, require, module, __filename, __dirname) {var __ecs2k8sMeta = { get url() { return require("url").pathToFileURL(__filename).href; } };' },
  footer: { js: '})' },
});
await rm('dist/validators', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: Object.fromEntries([
    ...validatorFiles().map((f) => [path.basename(f, '.cjs'), path.join(GENERATED_VALIDATORS, f)]),
    ...[...inputValidators].map(([f, source]) => [path.basename(f, '.cjs'), source]),
  ]),
  outdir: 'dist/validators',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  sourcemap: false,
  // The shared file stays a require() of its own, which the bin's loader serves.
  external: ['./k8s-shared.cjs', './gitops-shared.cjs'],
  // Each file is the function the bin runs it as (scripts/bin.cjs), as dist/cli.cjs is: no copy of its text to wrap it at each start.
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
});
// The bin reads the scripts as latin1 (one copy, no decoding): esbuild escapes every non-ASCII character.
for (const f of ['dist/cli.cjs', ...distValidators.map((v) => `dist/validators/${v}`)]) {
  if ((await readFile(f)).some((byte) => byte > 0x7f)) throw new Error(`build: ${f} is not ASCII`);
}
await copyFile('scripts/bin.cjs', 'dist/ecs2k8s.cjs');
await chmod('dist/ecs2k8s.cjs', 0o755);

// The package's entries for programs, as ESM: the library and the CLI's run(), sharing chunks
// (one Diagnostics class for both). The library does not load the argument parser.
await rm('dist/chunks', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { index: 'src/index.ts', cli: 'src/cli/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  plugins: [validatorLoader('inline'), lazyModules()],
  banner: { js: "import { createRequire as __ecs2k8sCreateRequire } from 'node:module'; const require = __ecs2k8sCreateRequire(import.meta.url);" },
});

// The code cache: compiled by this Node from a run of the shipped example, written into a
// temporary folder (so that the cache also holds the code that writes a bundle) and discarded.
await rm('dist/cli.cjs.cache', { force: true });
const warmOut = await mkdtemp(path.join(tmpdir(), 'ecs2k8s-warm-'));
const warm = spawnSync(process.execPath, ['dist/ecs2k8s.cjs', 'build', 'examples/web-app', '--out', path.join(warmOut, 'k8s')], {
  env: { ...process.env, ECS2K8S_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  // Pipes, as in CI and under another program (the bin writes those itself: src/cli/stdio.ts).
  stdio: ['ignore', 'pipe', 'pipe'],
});
await rm(warmOut, { recursive: true, force: true });
if (warm.status !== 0) console.warn(`build: the code cache was not written (the warm-up run exited ${warm.status}); the CLI works without it`);

await declarations;
// tsc emits no declarations for the generated .js modules: their .d.ts files (also generated)
// go beside the emitted ones, so that every declaration an entry reaches is in the package.
for (const dir of await generatedDirs('src')) {
  for (const f of await readdir(dir)) {
    if (f.endsWith('.d.ts')) await cp(path.join(dir, f), path.join('dist/types', path.relative('src', dir), f));
  }
}

async function generatedDirs(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = path.join(dir, e.name);
    if (e.name === 'generated') out.push(sub);
    else out.push(...(await generatedDirs(sub)));
  }
  return out;
}
