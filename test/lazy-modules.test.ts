/**
 * scripts/lazy-modules.mjs, which the bundles use to initialise the modules of src/lazy.ts and
 * src/load/readers/lazy.ts on first use: every import of a lazy.ts becomes a require() inside
 * its function, so that nothing it names is initialised at start; a module it cannot rewrite stops the build instead of being
 * imported eagerly without a word. The bundle's behaviour with those modules (documents of every
 * kind, project files) is what the build, scaling and config tests check through the bin.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without declarations
import { LAZY_DEFINITIONS, LAZY_MODULES, inputValidatorEntries, lazyRequires, schemaModule } from '../scripts/lazy-modules.mjs';
import { repoRoot, runBin } from './helpers/cli.js';

const rewrite = lazyRequires as (text: string, mode?: 'inline' | 'files') => string;

describe('lazy-modules', () => {
  it('knows every lazy.ts under src/, and turns each of its imports into a require() inside the function that returns it', () => {
    const found = (readdirSync(join(repoRoot, 'src'), { recursive: true }) as string[]).filter((f) => /(^|[\\/])lazy\.ts$/.test(f)).map((f) => join('src', f));
    expect((LAZY_MODULES as string[]).map((f) => relative(repoRoot, f)).sort()).toEqual(found.sort());
    for (const file of found) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      const out = rewrite(text);
      expect(out, file).not.toMatch(/^import /m);
      const imports = [...text.matchAll(/^import (?:\* as )?\w+ from '([^']+)'/gm)].map((m) => m[1]);
      expect(imports.length, file).toBeGreaterThan(3);
      for (const spec of imports) expect(out, file).toContain(`() => require(${JSON.stringify(spec)}),`);
    }
  });

  it('gives the bundles each generated schema as the file has it, its definitions parsed on first read', () => {
    /** The module a bundle has for `schema`, run as esbuild runs it. */
    const load = (schema: unknown): Record<string, unknown> => {
      const run = (code: string, require: (spec: string) => unknown) => {
        const module = { exports: {} as unknown };
        new Function('module', 'require', code)(module, require);
        return module.exports;
      };
      const helper = run(LAZY_DEFINITIONS as string, () => undefined);
      return run((schemaModule as (s: unknown) => string)(schema), (spec) => (spec === 'ecs2k8s:lazy-definitions' ? helper : undefined)) as Record<string, unknown>;
    };
    const files = (readdirSync(join(repoRoot, 'schemas'), { recursive: true }) as string[]).filter((f) => f.endsWith('.schema.json'));
    expect(files.length).toBeGreaterThan(8);
    for (const f of files) {
      const text = readFileSync(join(repoRoot, 'schemas', f), 'utf8');
      const schema = JSON.parse(text) as Record<string, unknown>;
      const names = Object.keys((schema['definitions'] as object | undefined) ?? {});
      const bundled = load(schema);
      const definitions = bundled['definitions'] as Record<string, unknown>;
      // Before any is read: the same names, own, in the same order; nothing Object.prototype has.
      expect(Object.keys(definitions), f).toEqual(names);
      for (const name of names.slice(0, 3)) expect(Object.hasOwn(definitions, name), f).toBe(true);
      expect(Object.hasOwn(definitions, 'constructor')).toBe(false);
      // Read one, then all: the same values, and the same text as the file.
      if (names.length > 0) expect(definitions[names[0]!], f).toEqual((schema['definitions'] as Record<string, unknown>)[names[0]!]);
      expect(JSON.stringify(bundled), f).toBe(JSON.stringify(schema));
    }
    // A definition named like a member of Object.prototype is the schema's, not the prototype's.
    const odd = JSON.parse('{"definitions":{"__proto__":{"type":"string"},"toString":{"type":"number"}}}') as Record<string, unknown>;
    const oddDefinitions = load(odd)['definitions'] as Record<string, unknown>;
    expect(Object.hasOwn(oddDefinitions, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(oddDefinitions, '__proto__')?.value).toEqual({ type: 'string' });
    expect(oddDefinitions['toString']).toEqual({ type: 'number' });
    expect(JSON.stringify({ definitions: oddDefinitions })).toBe(JSON.stringify(odd));
  });

  it("gives the CLI's bundle the compiled input validators as files beside it, loaded through the bin, and the other bundles require()s", () => {
    const entries = (inputValidatorEntries as () => Map<string, string>)();
    const lazyTs = readFileSync(join(repoRoot, 'src/lazy.ts'), 'utf8');
    const generated = [...lazyTs.matchAll(/^import \* as \w+ from '(\.\/[\w/-]+\/generated\/[\w-]+\.js)'/gm)].map((m) => m[1]!);
    // ECS, Application Auto Scaling, CodeDeploy, CloudWatch and the project file.
    expect(generated.length).toBe(5);
    expect([...entries.values()].map((f) => relative(join(repoRoot, 'src'), f).replaceAll('\\', '/')).sort()).toEqual(generated.map((s) => s.slice(2)).sort());
    const files = rewrite(lazyTs, 'files');
    for (const [file, source] of entries) {
      const spec = `./${relative(join(repoRoot, 'src'), source).replaceAll('\\', '/')}`;
      expect(files).toContain(`() => loadInputValidator(${JSON.stringify(file)}),`);
      expect(files).not.toContain(JSON.stringify(spec));
      expect(rewrite(lazyTs)).toContain(`() => require(${JSON.stringify(spec)}),`);
      expect(readFileSync(join(repoRoot, 'dist/validators', file), 'latin1'), file).toMatch(/^\(function \(exports, require, module, __filename, __dirname\) \{/);
    }
    // The schemas and the yaml library stay in the bundle.
    expect(files).toContain(`() => require("yaml"),`);
    // The bundle itself no longer holds ajv's code for the input schemas (its error messages).
    expect(readFileSync(join(repoRoot, 'dist/cli.cjs'), 'latin1')).not.toContain("must have required property '");
  });

  it('loads an input validator through the bin when the schema walk does not pass a document or a project file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs2k8s-lazy-'));
    try {
      writeFileSync(join(dir, 'td.json'), JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 'lots' }] }));
      const td = await runBin(['build', join(dir, 'td.json'), '--stdout']);
      expect(td.code).toBe(2);
      expect(td.stderr).toMatch(/td\.json:1:\d+: error wrong-type: "memory" must be an integer/);
      expect(td.stderr).not.toMatch(/internal error/);
      writeFileSync(join(dir, 'ecs2k8s.yaml'), 'bogus: 1\n');
      const cfg = await runBin(['build', join(dir, 'td.json'), '--config', join(dir, 'ecs2k8s.yaml'), '--stdout']);
      expect(cfg.code).toBe(2);
      expect(cfg.stderr).toMatch(/ecs2k8s\.yaml:1:1: error config-invalid: "bogus" is not a setting of the project file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses what it cannot make lazy: a named import, a module imported and never returned, a name returned but not imported', () => {
    expect(() => rewrite("import { x } from './x.js';\nexport const lazy = { x: () => x, };\n")).toThrow(/does not rewrite/);
    expect(() => rewrite("import * as x from './x.js';\nexport const lazy = {};\n")).toThrow(/imports x without returning them/);
    expect(() => rewrite('export const lazy = { y: () => y, };\n')).toThrow(/returns y, which it does not import/);
  });
});
