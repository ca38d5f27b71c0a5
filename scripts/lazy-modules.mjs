// Shared by scripts/build.mjs and scripts/build-action.mjs: an esbuild plugin that replaces the
// modules whose imports are made on first use (src/lazy.ts, src/load/readers/lazy.ts), which
// import them plainly for src/, with the same functions around plain `require()` calls, so that
// what they import is in the bundle and initialised only when a function is first called.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
/** The modules of imports made on first use: each a `lazy.ts` of the same form. */
export const LAZY_MODULES = ['lazy.ts', 'load/readers/lazy.ts'].map((f) => path.join(src, f));

/**
 * A lazy.ts for a bundle: each `import X from 'spec'` (or `import * as X`) goes, and each
 * `() => X` becomes `() => require('spec')`. Anything else there is an error, not a silent eager import.
 */
export function lazyRequires(text) {
  const specs = new Map();
  const body = text.replace(/^import (?:\* as )?(\w+) from '([^']+)'(?: with \{ type: 'json' \})?;\n/gm, (_, name, spec) => {
    specs.set(name, spec);
    return '';
  });
  if (/^import /m.test(body)) throw new Error('lazy-modules: a lazy.ts has an import this plugin does not rewrite');
  const out = body.replace(/\(\) => (\w+),/g, (m, name) => {
    const spec = specs.get(name);
    if (spec === undefined) throw new Error(`lazy-modules: a lazy.ts returns ${name}, which it does not import`);
    specs.delete(name);
    return `() => require(${JSON.stringify(spec)}),`;
  });
  if (specs.size > 0) throw new Error(`lazy-modules: a lazy.ts imports ${[...specs.keys()].join(', ')} without returning them`);
  return out;
}

export function lazyModules() {
  return {
    name: 'ecs2k8s-lazy-modules',
    setup(b) {
      b.onLoad({ filter: /[\\/]lazy\.ts$/ }, (args) => {
        const file = path.resolve(args.path);
        if (LAZY_MODULES.includes(file)) return { contents: lazyRequires(readFileSync(file, 'utf8')), loader: 'ts', resolveDir: path.dirname(file) };
        return undefined;
      });
      // The strict Kubernetes schemas (schemas/k8s/), read on each build, are a string that
      // JSON.parse reads on first use: faster than the object literal esbuild makes of a JSON
      // file, and a smaller code cache.
      b.onLoad({ filter: /[\\/]schemas[\\/]k8s[\\/][^\\/]+\.schema\.json$/ }, (args) => ({
        contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});`,
        loader: 'js',
      }));
    },
  };
}
