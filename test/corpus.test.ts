/**
 * The corpus rules of fixtures/corpus/README.md, one test per file: a file added to the corpus
 * is tested without touching this file. They run over fixtures/corpus, and over the wider
 * corpus as well when it sits beside the repository (one line says when it does not). Also:
 * fixtures/corpus holds what its SOURCES.tsv and notices say, and nothing in test/ or scripts/
 * reads outside the repository without checking that the folder is there.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorsOf, lineCol, repoRoot, validateJson, type JsonReport } from './helpers/cli.js';
import { corpusListing, corpusRoots, fixturesCorpus, hasSharedCorpus, sharedCorpus, SHARED_CORPUS_MISSING, type CorpusRoot } from './helpers/corpus.js';
import { isFirstErrorAt, v8ErrorOffset } from './helpers/v8.js';

if (!hasSharedCorpus) console.info(`corpus.test.ts: ${SHARED_CORPUS_MISSING}`);

/** Every diagnostic about a file's content carries the file, a line and a column (SPEC §3). */
function expectPositions(report: JsonReport, file: string): void {
  for (const d of report.diagnostics) {
    expect(d.file, `${d.code}: ${d.message}`).toBe(file);
    expect(d.line, `${d.code} has no line: ${d.message}`).toBeGreaterThanOrEqual(1);
    expect(d.column, `${d.code} has no column: ${d.message}`).toBeGreaterThanOrEqual(1);
  }
}

const folders = (names: string[]): [string, CorpusRoot, string][] => corpusRoots.flatMap((root) => names.map((n) => [`${root.label}/${n}`, root, n] as [string, CorpusRoot, string]));

describe.each(folders(['taskdefs', 'services']))('%s: every file validates with exit 0 and no error', (_label, root, folder) => {
  const files = corpusListing(root, folder);
  it('holds files', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s', async (name) => {
    const file = join(root.dir, folder, name);
    const { code, report, stderr } = await validateJson([file]);
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.files).toBe(1);
    expectPositions(report, file);
  });
});

describe.each(corpusRoots.map((r) => [r.label, r] as const))('%s/rejected: exit 2 with an error at the pointer EXPECT.tsv names, or under it', (_label, root) => {
  const rows = readFileSync(join(root.dir, 'rejected', 'EXPECT.tsv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
  const expected = new Map(rows.map(([file, pointer]) => [file as string, pointer as string]));
  const files = corpusListing(root, 'rejected');

  it('EXPECT.tsv names every file of the folder, and only those', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...expected.keys()].sort()).toEqual(files);
    for (const [file, pointer] of expected) expect(pointer, file).toMatch(/^(\/[^/]*)+$/);
  });

  it.each(files)('%s', async (name) => {
    const pointer = expected.get(name);
    expect(pointer, `${name} has no row in EXPECT.tsv`).toBeDefined();
    const file = join(root.dir, 'rejected', name);
    const { code, report } = await validateJson([file]);
    expect(code).toBe(2);
    const errors = errorsOf(report);
    const hit = errors.find((d) => d.pointer === pointer || d.pointer?.startsWith(`${pointer}/`));
    expect(hit, `no error at or under ${pointer}; errors: ${JSON.stringify(errors, null, 2)}`).toBeDefined();
    expectPositions(report, file);
  });
});

describe.each(corpusRoots.map((r) => [r.label, r] as const))('%s/invalid: exit 2 with the line and column of the first syntax error', (_label, root) => {
  const files = corpusListing(root, 'invalid');
  it('holds files', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', async (name) => {
    const file = join(root.dir, 'invalid', name);
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const { code, report } = await validateJson([file]);
    expect(code).toBe(2);
    const errors = errorsOf(report);
    expect(errors.map((d) => d.code)).toEqual(['json-syntax']);
    const ours = errors[0]!;
    expect(ours.message.length).toBeGreaterThan(20);
    const v8 = v8ErrorOffset(text);
    if (v8 !== undefined) {
      expect({ line: ours.line, column: ours.column }, `V8 puts the error at offset ${v8}`).toEqual(lineCol(text, v8));
    }
    // Whether or not V8 names a place: our position is the first character that no JSON text can continue with.
    const offset = offsetOf(text, ours.line!, ours.column!);
    expect(isFirstErrorAt(text, offset), `${ours.line}:${ours.column} (${JSON.stringify(text.slice(offset, offset + 10))}) is not the first syntax error`).toBe(true);
  });
});

/** Offset of a 1-based line and column, lines ending at \n, \r\n or a lone \r. */
function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    const c = text[i++];
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) l++;
  }
  return i + column - 1;
}

/** A TSV file as rows of named columns. */
function readTsv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = head!.split('\t');
  return rows.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i] ?? `col${i}`, v])));
}

const LICENSED = new Set(['MIT', 'MIT-0', 'Apache-2.0']);
const WRITTEN = 'written for ecs2k8s';
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const inputFiles = (root: CorpusRoot) => ['taskdefs', 'services', 'rejected', 'invalid'].flatMap((f) => corpusListing(root, f).map((n) => `${f}/${n}`));

describe('fixtures/corpus: its sources and notices', () => {
  const rows = readTsv(join(fixturesCorpus.dir, 'SOURCES.tsv'));

  it('SOURCES.tsv names every input file of the folder, and only those, with repository, path, commit, licence and features', () => {
    expect(rows.map((r) => r['local_file']).sort()).toEqual(inputFiles(fixturesCorpus).sort());
    for (const r of rows) {
      expect(r['features'], r['local_file']).toMatch(/\S/);
      if (r['repository'] === WRITTEN) {
        expect(r['local_file']).toMatch(/\/ecs2k8s__written__[a-z0-9-]+\.json$/);
        continue;
      }
      expect(LICENSED.has(r['license']!), `${r['local_file']}: licence ${r['license']}`).toBe(true);
      expect(r['repository'], r['local_file']).toMatch(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);
      expect(r['commit'], r['local_file']).toMatch(/^[0-9a-f]{40}$/);
      expect(r['path'], r['local_file']).toMatch(/\S/);
    }
  });

  it('the notices: the Apache-2.0 text, each MIT licence with its copyright line, and every repository named in NOTICE', () => {
    const notice = readFileSync(join(fixturesCorpus.dir, 'NOTICE'), 'utf8');
    const licences = readdirSync(join(fixturesCorpus.dir, 'LICENSES'));
    for (const r of rows.filter((x) => x.repository !== WRITTEN)) {
      expect(notice, r['repository']).toContain(r['repository']!);
      const [owner, name] = r['repository']!.split('/');
      if (r['license'] === 'Apache-2.0') expect(readFileSync(join(fixturesCorpus.dir, 'LICENSES', 'Apache-2.0.txt'), 'utf8')).toMatch(/Apache License\s+Version 2\.0/);
      else {
        const file = `${r['license']}--${owner}--${name}.txt`;
        expect(licences, r['local_file']).toContain(file);
        expect(readFileSync(join(fixturesCorpus.dir, 'LICENSES', file), 'utf8')).toMatch(/^Copyright .*\d{4}/m);
      }
    }
  });

  it('rejected/EXPECT.tsv names every rejected file', () => {
    expect(
      readTsv(join(fixturesCorpus.dir, 'rejected', 'EXPECT.tsv'))
        .map((r) => r['file'])
        .sort(),
    ).toEqual(corpusListing(fixturesCorpus, 'rejected'));
  });

  // Skipped on a fresh clone; its name says why.
  it.skipIf(!hasSharedCorpus)(`${sharedCorpus.label}, when beside the repository: fixtures/corpus holds each of its MIT, MIT-0 and Apache-2.0 files byte for byte, with its SOURCES.tsv row`, () => {
    const shared = readTsv(join(sharedCorpus.dir, 'SOURCES.tsv'));
    const licensed = shared.filter((r) => LICENSED.has(r['license']!));
    expect(licensed.length).toBeGreaterThan(20);
    const ours = new Map(rows.map((r) => [r['local_file'], r]));
    for (const r of licensed) {
      const f = r['local_file']!;
      expect(existsSync(join(fixturesCorpus.dir, f)), `${f} is licensed but not copied`).toBe(true);
      expect(sha(join(fixturesCorpus.dir, f)), f).toBe(sha(join(sharedCorpus.dir, f)));
      expect(ours.get(f), f).toMatchObject({ repository: r['repository'], path: r['path'], commit: r['commit'], license: r['license'], features: r['features'] });
    }
    // Nothing else of the wider corpus is here (its unlicensed files may not be copied).
    const copied = rows
      .filter((r) => r['repository'] !== WRITTEN)
      .map((r) => r['local_file'])
      .sort();
    expect(copied).toEqual(licensed.map((r) => r['local_file']).sort());
  });
});

describe('nothing reads outside the repository unguarded', () => {
  // A path to it in code: a string that starts with it, its segments joined, or the absolute path
  // (built from pieces so that this file does not match itself; a message that names it is not a read).
  const dots = '\\.\\.';
  const OUTSIDE = new RegExp([`['"\`]${dots}/shared`, `['"\`]${dots}['"\`],\\s*['"\`]shared`, ['', 'work', 'shared'].join('/')].join('|'));
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return n === 'vendor' || n === 'tls' ? [] : walk(p);
      return /\.(ts|mjs|js)$/.test(n) ? [relative(repoRoot, p).split('\\').join('/')] : [];
    });

  it('every file of test/ and scripts/ that names the folder beside the repository checks that it exists first', () => {
    const files = [...walk(join(repoRoot, 'test')), ...walk(join(repoRoot, 'scripts'))];
    expect(files.length).toBeGreaterThan(30);
    const naming = files.filter((f) => OUTSIDE.test(readFileSync(join(repoRoot, f), 'utf8')));
    expect(naming).toContain('test/helpers/corpus.ts');
    for (const f of naming) expect(readFileSync(join(repoRoot, f), 'utf8'), `${f} names the folder beside the repository without existsSync`).toMatch(/existsSync\(/);
    // The benchmark measures the same inputs on every clone: it never reads it.
    expect(naming).not.toContain('scripts/bench.mjs');
  });
});
