/**
 * scripts/lazy-modules.mjs, which the bundles use to initialise the modules of src/lazy.ts and
 * src/load/readers/lazy.ts on first use: every import of a lazy.ts becomes a require() inside
 * its function, so that nothing it names is initialised at start; a module it cannot rewrite stops the build instead of being
 * imported eagerly without a word. The bundle's behaviour with those modules (documents of every
 * kind, project files) is what the build, scaling and config tests check through the bin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript without declarations
import { LAZY_MODULES, lazyRequires } from '../scripts/lazy-modules.mjs';
import { repoRoot } from './helpers/cli.js';

const rewrite = lazyRequires as (text: string) => string;

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

  it('refuses what it cannot make lazy: a named import, a module imported and never returned, a name returned but not imported', () => {
    expect(() => rewrite("import { x } from './x.js';\nexport const lazy = { x: () => x, };\n")).toThrow(/does not rewrite/);
    expect(() => rewrite("import * as x from './x.js';\nexport const lazy = {};\n")).toThrow(/imports x without returning them/);
    expect(() => rewrite('export const lazy = { y: () => y, };\n')).toThrow(/returns y, which it does not import/);
  });
});
