// Shared by scripts/build.mjs and scripts/build-action.mjs: an esbuild plugin that replaces
// src/k8s/validate/load.ts (which requires a generated validator file beside itself, for src/)
// with what a bundle needs:
//   'files'  (the CLI, dist/cli.cjs) the files are dist/validators/*.cjs, each a function
//            (exports, require, module, __filename, __dirname) as scripts/build.mjs writes them,
//            loaded on first use through the loader the bin supplies (each with its own code
//            cache; see scripts/bin.cjs). dist/cli.cjs is such a function too, so the bin is the
//            one host that runs it;
//   'inline' (the library's ESM entries, the GitHub Action) the files are inside the bundle,
//            each initialised on first use (esbuild wraps a require()d CommonJS module).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_VALIDATORS = path.join(root, 'src/k8s/validate/generated');

/** The generated validator files (what dist/validators/ holds). */
export function validatorFiles() {
  return readdirSync(GENERATED_VALIDATORS)
    .filter((f) => f.endsWith('.cjs'))
    .sort();
}

/**
 * The text of a function `name(file)` that returns the exports of dist/validators/<file>, through
 * the loader that the bin supplies (scripts/bin.cjs): for the CLI's bundle, here and in
 * scripts/lazy-modules.mjs.
 */
export function binLoaderFunction(name) {
  return (
    `function ${name}(file) {\n` +
    '  const load = globalThis.__ecs2k8sLoadValidator;\n' +
    '  if (!load) throw new Error("dist/cli.cjs loads its validators through dist/ecs2k8s.cjs, which starts it");\n' +
    '  return load(file);\n' +
    '}\n'
  );
}

export function validatorLoader(mode) {
  const loader = path.join(root, 'src/k8s/validate/load.ts');
  return {
    name: 'ecs2k8s-validator-loader',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]k8s[\\/]validate[\\/]load\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== loader) return undefined;
        const files = (prefix) => validatorFiles().filter((f) => f.startsWith(`${prefix}-`));
        const inline = (name, prefix) =>
          `export function ${name}(file) {\n  switch (file) {\n` +
          files(prefix)
            .map((f) => `    case ${JSON.stringify(f)}: return require(${JSON.stringify(`./generated/${f}`)});\n`)
            .join('') +
          '  }\n  throw new Error(`no generated validator ${file}`);\n}\n';
        const contents =
          mode === 'files'
            ? binLoaderFunction('loadGenerated') + 'export const loadK8sValidator = loadGenerated;\n' + 'export const loadGitopsValidator = loadGenerated;\n'
            : inline('loadK8sValidator', 'k8s') + inline('loadGitopsValidator', 'gitops');
        return { contents, loader: 'js', resolveDir: path.dirname(loader) };
      });
    },
  };
}
