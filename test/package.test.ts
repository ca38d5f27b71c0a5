/**
 * ecs2k8s as a package others install: what `npm pack` would publish holds every file that
 * package.json's exports map, "types", "main" and "bin" name (declarations included), and a
 * consumer resolving `ecs2k8s` and `ecs2k8s/cli` through the exports map gets working code and
 * types. The library entry does not carry the argument parser.
 * (dist/ is built by the test global setup: node scripts/build.mjs.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
};

/** Every file path the manifest names (wildcard subpaths excepted), without "./". */
function namedFiles(): string[] {
  const out = [pkg.main, pkg.types, ...Object.values(pkg.bin)];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (subpath.includes('*')) continue;
    if (typeof target === 'string') out.push(target);
    else out.push(target.types, target.default);
  }
  return [...new Set(out.map((p) => posix.normalize(p)))].sort();
}

describe('the package', () => {
  it('npm pack lists every file the exports map, types, main and bin name', () => {
    // --ignore-scripts: the files are built already; a second build would race the other tests.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [report] = JSON.parse(out) as [{ files: { path: string }[] }];
    const packed = new Set(report.files.map((f) => f.path));
    const named = namedFiles();
    expect(named).toEqual(expect.arrayContaining(['dist/types/index.d.ts', 'dist/types/cli/index.d.ts', 'dist/index.mjs', 'dist/cli.mjs']));
    expect(named.filter((f) => !packed.has(f))).toEqual([]);
    // The declarations they import are packed too (no "types" pointing into src/, which is not).
    const dts = [...packed].filter((f) => f.endsWith('.d.ts'));
    expect(dts.length).toBeGreaterThan(20);
    expect([...packed].filter((f) => f.startsWith('src/'))).toEqual([]);
    for (const f of dts) {
      for (const m of readFileSync(join(root, f), 'utf8').matchAll(/from '(\.[^']+)\.js'/g)) {
        const target = posix.join(posix.dirname(f), `${m[1]}.d.ts`);
        expect(packed.has(target), `${f} imports ${m[1]}.js`).toBe(true);
      }
    }
  });

  describe('installed in a project', () => {
    let project: string;
    beforeAll(() => {
      project = mkdtempSync(join(tmpdir(), 'ecs2k8s-consumer-'));
      mkdirSync(join(project, 'node_modules'));
      symlinkSync(root, join(project, 'node_modules', 'ecs2k8s'), 'dir');
      writeFileSync(join(project, 'package.json'), '{"type": "module", "private": true}\n');
    });
    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('imports the library and the CLI through the exports map, and runs them', () => {
      writeFileSync(
        join(project, 'use.mjs'),
        `import { compileTexts, defaultOptions, VERSION } from 'ecs2k8s';
import { run, EXIT } from 'ecs2k8s/cli';
const text = '{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "portMapping": []}]}';
const r = compileTexts([{ file: 'td.json', text }], defaultOptions(), { cwd: process.cwd() });
let out = '';
const io = { stdout: { write: (s) => { out += s; } }, stderr: { write: () => {} }, stdin: process.stdin, env: {}, cwd: process.cwd() };
const code = await run(['--version'], io);
console.log(JSON.stringify({ codes: r.diagnostics.map((d) => d.code), code, ok: EXIT.ok, version: out.trim() === VERSION }));
`,
      );
      const out = execFileSync(process.execPath, ['use.mjs'], { cwd: project, encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual({ codes: ['unknown-member'], code: 0, ok: 0, version: true });
    });

    it('type-checks a consumer against the declarations (a bogus diagnostic code included)', () => {
      writeFileSync(
        join(project, 'use.ts'),
        `import { compileTexts, defaultOptions, type Diagnostic, type Options } from 'ecs2k8s';
import { run, type CliIO } from 'ecs2k8s/cli';
const options: Options = defaultOptions();
const codes: Diagnostic['code'][] = compileTexts([], options, { cwd: '.' }).diagnostics.map((d) => d.code);
const known: Diagnostic['code'] = 'unknown-member';
// @ts-expect-error not a diagnostic code
const bogus: Diagnostic['code'] = 'no-such-code';
declare const io: CliIO;
const exit: Promise<number> = run(['build'], io);
export { codes, known, bogus, exit };
`,
      );
      writeFileSync(
        join(project, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            types: ['node'],
            typeRoots: [join(root, 'node_modules/@types')],
          },
          files: ['use.ts'],
        }),
      );
      const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
      // Throws (with tsc's messages) if a declaration is missing, broken, or the bogus code compiles.
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8', stdio: 'pipe' });
    }, 60_000);
  });

  it('the library entry does not load the argument parser (yargs); the CLI entry does, when a command line needs it', () => {
    /** The files an ESM file imports, statically or with import(), transitively (esbuild's relative chunk imports). */
    const closure = (entry: string): string[] => {
      const seen = new Set<string>();
      const todo = [join(root, entry)];
      for (let f = todo.pop(); f; f = todo.pop()) {
        if (seen.has(f)) continue;
        seen.add(f);
        for (const m of readFileSync(f, 'utf8').matchAll(/(?:(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?|\bimport\(\s*)["'](\.[^"']+)["']/g)) {
          todo.push(join(dirname(f), m[1] as string));
        }
      }
      return [...seen];
    };
    // "YError" is the name of yargs' own error class: in yargs' code, and nowhere in ecs2k8s's.
    const carriesYargs = (entry: string) => closure(entry).some((f) => readFileSync(f, 'utf8').includes('YError'));
    expect(closure('dist/index.mjs').length).toBeGreaterThan(1);
    expect(carriesYargs('dist/index.mjs')).toBe(false);
    expect(carriesYargs('dist/cli.mjs')).toBe(true);
  });
});
