// Shared by scripts/build.mjs and scripts/build-action.mjs: an esbuild plugin that replaces
// src/yaml.ts (which requires the `yaml` package from src/ at run time) with the same function
// around a plain `require('yaml')`, so that the package is in the bundle and initialised only
// when the function is first called.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'yaml.ts');

export function lazyYaml() {
  return {
    name: 'ecs2k8s-lazy-yaml',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]yaml\.ts$/ }, (args) => {
        if (path.resolve(args.path) !== target) return undefined;
        return { contents: "let lib;\nexport function yaml() {\n  return (lib ??= require('yaml'));\n}\n", loader: 'js', resolveDir: path.dirname(target) };
      });
    },
  };
}
