/**
 * The `yaml` library, initialised on first use. A build whose inputs are JSON and whose objects
 * all take the fast YAML path (src/bundle/serialize.ts) never needs it, and its initialisation
 * is part of every start that loads it (docs/performance.md). Types come through `import type`;
 * the functions and classes through `yaml()`.
 *
 * From src/ (tests, type checks) the package is required beside this module. The bundles replace
 * this module (scripts/lazy-modules.mjs) with a `require('yaml')` inside the function, which esbuild
 * bundles and runs on the first call.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

export function yaml(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
