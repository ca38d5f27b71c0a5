// Bundles the GitHub Action (src/action/main.ts) into one self-contained ESM file that is
// committed to the repository: a runner starts `node dist-action/index.mjs` in a checkout of
// this repository at the tag a workflow names, with no node_modules, so everything the action
// loads must be inside the file.
//
//   node scripts/build-action.mjs            writes dist-action/index.mjs (npm run build:action)
//   node scripts/build-action.mjs OUTFILE    writes OUTFILE instead (the staleness test)
//
// The output is deterministic: the same sources give the same bytes, wherever the checkout and
// the output file are (paths in it are relative to the repository root; no timestamps).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedBy } from './generated.mjs';
import { validatorLoader } from './validator-loader.mjs';
import { lazyModules } from './lazy-modules.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ACTION_BUNDLE = 'dist-action/index.mjs';

/** Builds the action bundle into outfile (absolute, or relative to the repository root). */
export async function buildAction(outfile = ACTION_BUNDLE) {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/action/main.ts'],
    outfile: resolve(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    // What `runs.using: node24` provides; the tests run it on Node 20 too, so nothing newer is used.
    target: 'node20',
    // Nothing stays external: the cluster client and the AWS SDK are not imported by the action.
    external: [],
    // The validators of every kind inside the file, each initialised on first use.
    plugins: [validatorLoader('inline'), lazyModules()],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    metafile: false,
    banner: {
      js: `// ${generatedBy('scripts/build-action.mjs', 'src/action/main.ts')}\nimport { createRequire as __ecs2k8sCreateRequire } from 'node:module'; const require = __ecs2k8sCreateRequire(import.meta.url);`,
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildAction(process.argv[2]);
}
