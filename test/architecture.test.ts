/**
 * The shape of src/ that a reviewer would otherwise check by hand (issue 13): nothing outside
 * src/cli imports src/cli, nothing in src/load imports src/validate, there are no import
 * circles, no hand-written file is longer than 400 lines, and the plain-object test has one definition. The import graph is read with TypeScript's own pre-processor (every static import
 * and export ... from, type-only ones included, and every import() with a literal specifier).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []))
    .sort();
}

const rel = (abs: string) => relative(root, abs).split('\\').join('/');

/** The packages each file imports (bare specifiers: "yargs", "node:fs"). */
const packagesOf = new Map<string, string[]>();

/** file → the src/ files it imports (relative specifiers only; `x.js` is the module `x.ts`). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const specifiers = info.importedFiles.map((f) => f.fileName);
    packagesOf.set(
      rel(file),
      specifiers.filter((s) => !s.startsWith('.')),
    );
    const targets = specifiers
      .filter((s) => s.startsWith('.'))
      .map((s) => {
        const abs = resolve(dirname(file), s);
        const asTs = abs.replace(/\.js$/, '.ts');
        return rel(existsSync(asTs) ? asTs : abs);
      });
    graph.set(rel(file), [...new Set(targets)].sort());
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue; // a generated .js module
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/**
 * Files outside src/cli that import it. Empty since the cluster stage took its own IO type and
 * the Action calls diff/apply through their functions (issue 12); it may only stay empty.
 */
const KNOWN_CLI_IMPORTERS: string[] = [];

describe('the architecture of src/', () => {
  const graph = importGraph();

  it('reads a graph of every module (the walk itself works)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/index.ts')).toContain('src/compile.ts');
    // type-only imports and import() count
    expect(graph.get('src/convert/context.ts')).toContain('src/convert/steering.ts');
    expect(graph.get('src/cli/commands/build.cli.ts')).toContain('src/cli/commands/build.ts');
  });

  it('has no import circles', () => {
    expect(circles(graph)).toEqual([]);
    // and the check finds one when there is one
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c']]);
  });

  it('nothing outside src/cli imports src/cli (except the known list, which only shrinks)', () => {
    const importers = [...graph]
      .filter(([file, deps]) => !file.startsWith('src/cli/') && deps.some((d) => d.startsWith('src/cli/')))
      .map(([file]) => file)
      .sort();
    const unknown = importers.filter((f) => !KNOWN_CLI_IMPORTERS.includes(f));
    expect(unknown, 'these import src/cli: take what they need from a module below the CLI instead').toEqual([]);
    const gone = KNOWN_CLI_IMPORTERS.filter((f) => !importers.includes(f));
    expect(gone, 'these no longer import src/cli: remove them from KNOWN_CLI_IMPORTERS').toEqual([]);
  });

  it('nothing in src/load imports src/validate (reading comes before validating)', () => {
    const importers = [...graph]
      .filter(([file, deps]) => file.startsWith('src/load/') && deps.some((d) => d.startsWith('src/validate/')))
      .map(([file]) => file)
      .sort();
    expect(importers, 'these import src/validate: move what they share to a module both may import (src/model/)').toEqual([]);
    // and the walk sees src/load's imports at all
    expect(graph.get('src/load/shapes.ts')).toContain('src/model/suggest.ts');
  });

  it('the library entry (src/index.ts) reaches neither src/cli nor yargs', () => {
    const reached = new Set<string>();
    const todo = ['src/index.ts'];
    for (let f = todo.pop(); f; f = todo.pop()) {
      if (reached.has(f) || !graph.has(f)) continue;
      reached.add(f);
      todo.push(...(graph.get(f) ?? []));
    }
    expect(reached.size).toBeGreaterThan(50);
    expect([...reached].filter((f) => f.startsWith('src/cli/'))).toEqual([]);
    expect([...reached].filter((f) => (packagesOf.get(f) ?? []).some((p) => p === 'yargs' || p.startsWith('yargs/')))).toEqual([]);
    expect(packagesOf.get('src/cli/run.ts')).toContain('yargs');
  });

  it('no hand-written file under src/ is longer than 400 lines (generated/ excepted)', () => {
    const long = [...graph.keys()]
      .filter((f) => !f.includes('/generated/'))
      .map((f) => [f, readFileSync(join(root, f), 'utf8').split('\n').length - 1] as const)
      .filter(([, n]) => n > 400);
    expect(long).toEqual([]);
  });

  it('the plain-object test is defined once, in src/model/values.ts (isObject), and imported everywhere else', () => {
    // A function or arrow whose whole result is `typeof v === 'object'`, `v !== null` and
    // `!Array.isArray(v)`, in any order: a copy of isObject under another name.
    const copies: string[] = [];
    for (const f of graph.keys()) {
      if (f === 'src/model/values.ts' || f.includes('/generated/')) continue;
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const body = /(?:=>|\breturn)\s*([^;{}]*?)\s*;?\s*\}?\s*$/.exec(line)?.[1]?.replace(/^\((.*)\)$/, '$1');
          const parts = body?.split('&&').map((p) => p.trim());
          const v = parts?.map((p) => /^typeof (\w+) === 'object'$/.exec(p)?.[1]).find(Boolean);
          if (!parts || !v || parts.length !== 3) return;
          const want = new Set([`typeof ${v} === 'object'`, `${v} !== null`, `!Array.isArray(${v})`]);
          if (parts.every((p) => want.has(p))) copies.push(`${f}:${i + 1}`);
        });
    }
    expect(copies).toEqual([]);
  });
});
