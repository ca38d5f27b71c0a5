// Bundles the CLI and the public API into single ESM files under dist/ with esbuild.
// Heavy, optional modules (the cluster client, the AWS SDK) stay external and are
// imported lazily by the commands that need them, so `build` and `validate` start fast.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  external: ['@kubernetes/client-node', '@aws-sdk/client-ecs'],
  banner: {
    js: "import { createRequire as __ecs2k8sCreateRequire } from 'node:module'; const require = __ecs2k8sCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  // Smaller code parses faster at every start; a source map beside it serves debugging
  // (node --enable-source-maps dist/ecs2k8s.mjs …).
  minify: true,
  sourcemap: 'linked',
  sourcesContent: false,
};

await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/ecs2k8s.mjs' });
await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.mjs' });
await chmod('dist/ecs2k8s.mjs', 0o755);
