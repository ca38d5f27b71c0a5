/**
 * src/load/lines.ts: offsets to 1-based line and column, for text with \n, \r\n and lone \r line
 * ends, checked against the suite's own count of the line ends before each offset (helpers/cli.ts lineCol).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../src/load/lines.js';
import { lineCol } from './helpers/cli.js';

describe('LineIndex', () => {
  it('gives the line and column of every offset, whatever the line ends', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '\n\n', '{"x": 1}'), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (t) => {
        const index = new LineIndex(t);
        for (let offset = 0; offset <= t.length; offset++) expect(index.position(offset)).toEqual(lineCol(t, offset));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });

  it('counts a file of \n line ends and one of \r\n line ends alike', () => {
    const unix = '{\n  "a": 1,\n  "b": 2\n}\n';
    const dos = unix.replaceAll('\n', '\r\n');
    expect(new LineIndex(unix).position(unix.indexOf('"b"'))).toEqual({ line: 3, column: 3 });
    expect(new LineIndex(dos).position(dos.indexOf('"b"'))).toEqual({ line: 3, column: 3 });
    expect(new LineIndex('a\rb').position(2)).toEqual({ line: 2, column: 1 });
  });
});
