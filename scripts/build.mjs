// Builds dist/: the CLI bundle (dist/cli.cjs), its bin (dist/ecs2k8s.mjs, from scripts/bin.mjs)
// with a V8 code cache (dist/cli.cjs.cache), and the public API (dist/index.mjs).
// Heavy, optional packages (the cluster client, the AWS SDK) stay external and are imported
// lazily by the commands that need them, so `build` and `validate` start fast.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmod, copyFile, rm } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  external: ['@kubernetes/client-node', '@aws-sdk/client-ecs', '@aws-sdk/client-application-auto-scaling'],
  logLevel: 'warning',
  // Smaller code parses faster at every start; a source map beside it serves debugging
  // (node --enable-source-maps dist/ecs2k8s.mjs …).
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
};

// The CLI as a CommonJS script, so that the bin can run it with a code cache (vm.Script).
await build({
  ...common,
  entryPoints: ['src/cli/entry.ts'],
  outfile: 'dist/cli.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__ecs2k8sModuleUrl' },
  banner: { js: 'var __ecs2k8sModuleUrl = require("url").pathToFileURL(__filename).href;' },
});
await copyFile('scripts/bin.mjs', 'dist/ecs2k8s.mjs');
await chmod('dist/ecs2k8s.mjs', 0o755);

// The public API for programs, as ESM.
await build({
  ...common,
  entryPoints: ['src/index.ts'],
  outfile: 'dist/index.mjs',
  format: 'esm',
  banner: { js: "import { createRequire as __ecs2k8sCreateRequire } from 'node:module'; const require = __ecs2k8sCreateRequire(import.meta.url);" },
});

// The code cache: compiled by this Node from a run of the shipped example (discarding its output).
await rm('dist/cli.cjs.cache', { force: true });
const warm = spawnSync(process.execPath, ['dist/ecs2k8s.mjs', 'build', 'examples/web-app', '--stdout'], {
  env: { ...process.env, ECS2K8S_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  stdio: 'ignore',
});
if (warm.status !== 0) console.warn(`build: the code cache was not written (the warm-up run exited ${warm.status}); the CLI works without it`);
