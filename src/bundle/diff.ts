/**
 * Unified diff of two texts, line by line (Myers' O(ND) algorithm), in the format of `diff -u` /
 * `git diff`: `--- a/x`, `+++ b/x`, hunks with 3 lines of context, `\ No newline at end of file`.
 *
 * Inputs are small YAML files. To stay fast on big, very different inputs, the search gives up
 * after `maxEdits` edits (default 2000) and the diff becomes one hunk replacing the whole file.
 */

export type EditOp = ' ' | '-' | '+';
export interface Edit {
  op: EditOp;
  /** The line with its terminator ('\n'), if it has one. */
  line: string;
}

export interface UnifiedDiffOptions {
  /** Label of the old side, e.g. 'a/ns/x.yaml' or '/dev/null'. */
  oldLabel: string;
  /** Label of the new side, e.g. 'b/ns/x.yaml' or '/dev/null'. */
  newLabel: string;
  /** Lines of context around each change. Default 3. */
  context?: number;
  /** Give up the line-by-line search after this many edits. Default 2000. */
  maxEdits?: number;
}

/** Lines of a text, each keeping its '\n'; the last one lacks it when the text does not end with one. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => l + '\n');
  const last = lines.pop() as string; // '\n' when text ends with a newline, else the unterminated last line + '\n'
  if (last !== '\n') lines.push(last.slice(0, -1));
  return lines;
}

/**
 * The shortest edit script from a to b, or undefined when it needs more than maxEdits edits.
 * Common prefix and suffix are matched first, so small changes to big files are cheap.
 */
export function diffLines(a: string[], b: string[], maxEdits = 2000): Edit[] | undefined {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const middle = myers(A, B, maxEdits);
  if (middle === undefined) return undefined;
  const keep = (line: string): Edit => ({ op: ' ', line });
  return [...a.slice(0, pre).map(keep), ...middle, ...a.slice(a.length - suf).map(keep)];
}

function myers(a: string[], b: string[], maxEdits: number): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ op: '+', line }));
  if (m === 0) return a.map((line) => ({ op: '-', line }));
  const max = Math.min(n + m, maxEdits);
  // trace[d] holds V (furthest x on each diagonal k, for k = -d..d) after step d.
  const trace: Int32Array[] = [];
  let prev = new Int32Array(1); // for d = -1 conceptually: V[1] = 0
  for (let d = 0; d <= max; d++) {
    const v = new Int32Array(2 * d + 1);
    const get = (arr: Int32Array, dd: number, k: number): number => arr[k + dd] ?? -1;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (d === 0) x = 0;
      else if (k === -d || (k !== d && get(prev, d - 1, k - 1) < get(prev, d - 1, k + 1))) {
        x = get(prev, d - 1, k + 1); // down: insertion
      } else {
        x = get(prev, d - 1, k - 1) + 1; // right: deletion
      }
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) {
        trace.push(v);
        return backtrack(a, b, trace);
      }
    }
    trace.push(v);
    prev = v;
  }
  return undefined;
}

function backtrack(a: string[], b: string[], trace: Int32Array[]): Edit[] {
  const out: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array;
    const get = (k: number): number => prev[k + d - 1] ?? -1;
    const k = x - y;
    const down = k === -d || (k !== d && get(k - 1) < get(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: ' ', line: a[x - 1] as string });
      x--;
      y--;
    }
    if (down) {
      out.push({ op: '+', line: b[y - 1] as string });
      y--;
    } else {
      out.push({ op: '-', line: a[x - 1] as string });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    out.push({ op: ' ', line: a[x - 1] as string });
    x--;
    y--;
  }
  return out.reverse();
}

function formatLine(e: Edit): string {
  return e.line.endsWith('\n') ? e.op + e.line : `${e.op}${e.line}\n\\ No newline at end of file\n`;
}

function range(start: number, count: number): string {
  // diff -u: a one-line range is written without its count; an empty range names the line before it
  if (count === 1) return String(start + 1);
  return `${count === 0 ? start : start + 1},${count}`;
}

/** A unified diff from oldText to newText; '' when they are equal. */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions): string {
  if (oldText === newText) return '';
  const context = options.context ?? 3;
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const edits = diffLines(a, b, options.maxEdits ?? 2000) ?? [...a.map((line): Edit => ({ op: '-', line })), ...b.map((line): Edit => ({ op: '+', line }))];

  let out = `--- ${options.oldLabel}\n+++ ${options.newLabel}\n`;
  // Positions (in a and b) before each edit, to label hunks.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const e of edits) {
    posA.push(ia);
    posB.push(ib);
    if (e.op !== '+') ia++;
    if (e.op !== '-') ib++;
  }
  let i = 0;
  while (i < edits.length) {
    // find the next change
    while (i < edits.length && edits[i]?.op === ' ') i++;
    if (i >= edits.length) break;
    const start = Math.max(0, i - context);
    // extend while the gap between changes is at most 2 * context
    let end = i;
    for (;;) {
      while (end < edits.length && edits[end]?.op !== ' ') end++;
      let next = end;
      while (next < edits.length && edits[next]?.op === ' ') next++;
      if (next < edits.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(edits.length, end + context);
    let countA = 0;
    let countB = 0;
    let body = '';
    for (let j = start; j < stop; j++) {
      const e = edits[j] as Edit;
      if (e.op !== '+') countA++;
      if (e.op !== '-') countB++;
      body += formatLine(e);
    }
    out += `@@ -${range(posA[start] ?? 0, countA)} +${range(posB[start] ?? 0, countB)} @@\n${body}`;
    i = stop;
  }
  return out;
}
