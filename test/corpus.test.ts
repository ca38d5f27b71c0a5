/**
 * The corpus rules of ../shared/corpus/README.md, one test per file: a file added to the corpus
 * is tested without touching this file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, errorsOf, lineCol, validateJson, type JsonReport } from './helpers/cli.js';
import { isFirstErrorAt, v8ErrorOffset } from './helpers/v8.js';

const NOT_INPUTS = new Set(['README.md', 'EXPECT.tsv', 'SOURCES.tsv']);
const listing = (folder: string): string[] =>
  readdirSync(join(corpusDir, folder))
    .filter((f) => !NOT_INPUTS.has(f) && !f.startsWith('.'))
    .sort();

/** Every diagnostic about a file's content carries the file, a line and a column (SPEC §3). */
function expectPositions(report: JsonReport, file: string): void {
  for (const d of report.diagnostics) {
    expect(d.file, `${d.code}: ${d.message}`).toBe(file);
    expect(d.line, `${d.code} has no line: ${d.message}`).toBeGreaterThanOrEqual(1);
    expect(d.column, `${d.code} has no column: ${d.message}`).toBeGreaterThanOrEqual(1);
  }
}

describe.each(['taskdefs', 'services'])('corpus/%s: every file validates with exit 0 and no error', (folder) => {
  const files = listing(folder);
  it('holds files', () => expect(files.length).toBeGreaterThan(0));
  it.each(files)('%s', async (name) => {
    const file = join(corpusDir, folder, name);
    const { code, report, stderr } = await validateJson([file]);
    expect(errorsOf(report), stderr).toEqual([]);
    expect(code).toBe(0);
    expect(report.summary.files).toBe(1);
    expectPositions(report, file);
  });
});

describe('corpus/rejected: exit 2 with an error at the pointer EXPECT.tsv names, or under it', () => {
  const rows = readFileSync(join(corpusDir, 'rejected', 'EXPECT.tsv'), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
  const expected = new Map(rows.map(([file, pointer]) => [file as string, pointer as string]));
  const files = listing('rejected');

  it('EXPECT.tsv names every file of the folder, and only those', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...expected.keys()].sort()).toEqual(files);
    for (const [file, pointer] of expected) expect(pointer, file).toMatch(/^(\/[^/]*)+$/);
  });

  it.each(files)('%s', async (name) => {
    const pointer = expected.get(name);
    expect(pointer, `${name} has no row in EXPECT.tsv`).toBeDefined();
    const file = join(corpusDir, 'rejected', name);
    const { code, report } = await validateJson([file]);
    expect(code).toBe(2);
    const errors = errorsOf(report);
    const hit = errors.find((d) => d.pointer === pointer || d.pointer?.startsWith(`${pointer}/`));
    expect(hit, `no error at or under ${pointer}; errors: ${JSON.stringify(errors, null, 2)}`).toBeDefined();
    expectPositions(report, file);
  });
});

describe('corpus/invalid: exit 2 with the line and column of the first syntax error', () => {
  const files = listing('invalid');
  it('holds files', () => expect(files.length).toBeGreaterThan(0));

  it.each(files)('%s', async (name) => {
    const file = join(corpusDir, 'invalid', name);
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
