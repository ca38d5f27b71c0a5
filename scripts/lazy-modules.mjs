// Shared by scripts/build.mjs and scripts/build-action.mjs: an esbuild plugin that replaces the
// modules whose imports are made on first use (src/lazy.ts, src/load/readers/lazy.ts), which
// import them plainly for src/, with the same functions around plain `require()` calls, so that
// what they import is in the bundle and initialised only when a function is first called.
//
// In the CLI's bundle (mode 'files'), the compiled validators of the input schemas that a lazy.ts
// imports (its imports of a generated/*.js) are not in the bundle but files of their own beside
// it, dist/validators/input-*.cjs, which the bin loads on first use as it loads the Kubernetes
// ones (scripts/bin.cjs): a build of valid documents never runs them (model/conforms.ts), and
// their 400 KB (minified) were read and kept at every start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binLoaderFunction } from './validator-loader.mjs';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');
/** The modules of imports made on first use: each a `lazy.ts` of the same form. */
export const LAZY_MODULES = ['lazy.ts', 'load/readers/lazy.ts'].map((f) => path.join(src, f));

/** The file in dist/validators/ of a lazy.ts's import of a generated validator module, or undefined. */
export function inputValidatorFile(spec) {
  const m = /(?:^|\/)generated\/([\w-]+)\.js$/.exec(spec);
  return m ? `input-${m[1]}.cjs` : undefined;
}

/** The generated validator modules the lazy.ts files import: dist/validators/ file → source path. */
export function inputValidatorEntries() {
  const entries = new Map();
  for (const file of LAZY_MODULES) {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import (?:\* as )?\w+ from '([^']+)'/gm)) {
      const name = inputValidatorFile(spec);
      if (name !== undefined) entries.set(name, path.resolve(path.dirname(file), spec));
    }
  }
  return new Map([...entries].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A lazy.ts for a bundle: each `import X from 'spec'` (or `import * as X`) goes, and each
 * `() => X` becomes `() => require('spec')`, or with mode 'files', for a generated validator
 * module, `() => loadInputValidator('input-….cjs')`, which asks the bin's loader for that file.
 * Anything else there is an error, not a silent eager import.
 */
export function lazyRequires(text, mode = 'inline') {
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
    const file = mode === 'files' ? inputValidatorFile(spec) : undefined;
    if (file !== undefined) return `() => loadInputValidator(${JSON.stringify(file)}),`;
    return `() => require(${JSON.stringify(spec)}),`;
  });
  if (specs.size > 0) throw new Error(`lazy-modules: a lazy.ts imports ${[...specs.keys()].join(', ')} without returning them`);
  if (!out.includes('loadInputValidator(')) return out;
  return `${out}\n${binLoaderFunction('loadInputValidator')}`;
}

/** mode: 'files' for the CLI's bundle (the input validators beside it), 'inline' for the others. */
export function lazyModules(mode = 'inline') {
  return {
    name: 'ecs2k8s-lazy-modules',
    setup(b) {
      b.onLoad({ filter: /[\\/]lazy\.ts$/ }, (args) => {
        const file = path.resolve(args.path);
        if (LAZY_MODULES.includes(file)) return { contents: lazyRequires(readFileSync(file, 'utf8'), mode), loader: 'ts', resolveDir: path.dirname(file) };
        return undefined;
      });
      // The generated schemas (schemas/*.schema.json, schemas/k8s/*.schema.json) are read on
      // each build, but only the definitions a build's documents and objects reach: each module
      // is its top level as a string that JSON.parse reads, and a `definitions` whose members
      // parse their own string on first read (schemaModule below).
      b.onLoad({ filter: /[\\/]schemas[\\/](?:k8s[\\/])?[^\\/]+\.schema\.json$/ }, (args) => ({
        contents: schemaModule(JSON.parse(readFileSync(args.path, 'utf8'))),
        loader: 'js',
      }));
      b.onResolve({ filter: /^ecs2k8s:lazy-definitions$/ }, (args) => ({ path: args.path, namespace: 'ecs2k8s' }));
      b.onLoad({ filter: /.*/, namespace: 'ecs2k8s' }, () => ({ contents: LAZY_DEFINITIONS, loader: 'js' }));
    },
  };
}

/**
 * The module a bundle has for a generated schema: the schema with the same keys in the same
 * order, whose `definitions` has the same names, each parsed from its text on first read, and then
 * held (LAZY_DEFINITIONS). Faster than esbuild's object literal of the JSON file, or one
 * JSON.parse of it all: a build of the example reads about a tenth of the Kubernetes schema's 336
 * definitions. Object.hasOwn, `in`, Object.keys, for … in and JSON.stringify see the schema as the file has it.
 */
export function schemaModule(schema) {
  if (schema.definitions === undefined || Object.keys(schema.definitions).length === 0) return `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(schema))});`;
  const top = JSON.stringify({ ...schema, definitions: {} });
  // One string of the definitions' texts end to end, and where each ends: V8 keeps one string in
  // the code cache instead of one per definition.
  const names = Object.keys(schema.definitions);
  const texts = names.map((name) => JSON.stringify(schema.definitions[name]));
  let end = 0;
  const ends = texts.map((t) => (end += t.length));
  return `module.exports = require("ecs2k8s:lazy-definitions")(JSON.parse(${JSON.stringify(top)}), JSON.parse(${JSON.stringify(JSON.stringify(Object.fromEntries(names.map((name, i) => [name, i]))))}), ${JSON.stringify(ends)}, ${JSON.stringify(texts.join(''))});`;
}

/**
 * The function the schema modules share: `schema.definitions` becomes a proxy of `held` (each
 * name → its index in `ends`, the end of its text in `text`), which replaces an index with the
 * parsed definition when the name is first read, through a property read or a descriptor
 * (Object.hasOwn, Object.keys with JSON.stringify). A proxy, not 336 accessors: defining those
 * took longer than parsing the whole schema.
 */
export const LAZY_DEFINITIONS = `module.exports = function lazyDefinitions(schema, held, ends, text) {
  var read = function (target, name) {
    var i = target[name];
    if (typeof i === 'number' && Object.hasOwn(target, name)) target[name] = JSON.parse(text.slice(i === 0 ? 0 : ends[i - 1], ends[i]));
  };
  schema.definitions = new Proxy(held, {
    get: function (target, name) {
      if (typeof name === 'string') read(target, name);
      return target[name];
    },
    getOwnPropertyDescriptor: function (target, name) {
      if (typeof name === 'string') read(target, name);
      return Reflect.getOwnPropertyDescriptor(target, name);
    },
  });
  return schema;
};
`;
