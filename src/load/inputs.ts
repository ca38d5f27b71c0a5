/**
 * Turns the paths a user gives (files, directories searched recursively for `*.json`, `-` for
 * standard input) into decoded texts. Nothing here throws: problems become diagnostics.
 */
// Synchronous calls on purpose: a CLI reads its inputs one after another, and each promise-based
// call would cost a round trip through the thread pool.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Diagnostics } from '../diagnostics.js';
import { LineIndex } from './json.js';
import { collected } from './readers/index.js';
import type { InputText } from './text.js';

export type { InputText } from './text.js';

export interface ReadOptions {
  /** Largest input file accepted, in bytes. Default 16 MiB. */
  maxInputBytes?: number;
  /** Standard input, read when a path is `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Directory that relative paths are resolved against (diagnostics keep the paths as given). Default: process.cwd(). */
  cwd?: string;
  /** Told the number of files read so far, after each (progress on a terminal). Default: nothing. */
  onRead?: (files: number, total: number) => void;
}

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Reads every input; directories contribute their `*.json` files, and the files a reader collects (src/load/readers/), in sorted order. */
export async function readInputs(paths: readonly string[], diagnostics: Diagnostics, options: ReadOptions = {}): Promise<InputText[]> {
  const max = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const out: InputText[] = [];
  const seen = new Set<string>();
  const cwd = options.cwd ?? process.cwd();
  for (const p of paths) {
    if (p === '-') {
      const buf = await readStream(options.stdin ?? process.stdin, max, diagnostics);
      if (buf) pushDecoded(out, '-', buf, diagnostics);
      continue;
    }
    let st;
    try {
      st = statSync(resolve(cwd, p));
    } catch (e) {
      ioError(diagnostics, p, e);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found, new Set(), diagnostics, cwd);
      if (found.length === 0) {
        diagnostics.add({ code: 'no-inputs', severity: 'error', file: p, message: `the directory ${p} holds no *.json file: pass the ECS JSON files or a directory that contains them` });
      }
      for (const [i, f] of found.entries()) {
        readOne(f, max, out, seen, diagnostics, cwd, p);
        options.onRead?.(i + 1, found.length);
      }
    } else {
      readOne(p, max, out, seen, diagnostics, cwd);
    }
  }
  return out;
}

function walk(dir: string, found: string[], visited: Set<string>, diagnostics: Diagnostics, cwd: string): void {
  let real: string;
  try {
    real = realpathSync.native(resolve(cwd, dir));
  } catch (e) {
    ioError(diagnostics, dir, e);
    return;
  }
  if (visited.has(real)) return; // a symbolic-link loop
  visited.add(real);
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
  } catch (e) {
    ioError(diagnostics, dir, e);
    return;
  }
  const kinds = new Map(entries.map((e) => [e.name, e]));
  const names = [...kinds.keys()].sort();
  // A folder that holds an ecs2k8s manifest is a bundle written by ecs2k8s (perhaps --out inside an input folder), not input.
  if (names.includes('.ecs2k8s-manifest.json')) return;
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    let entry: { isDirectory(): boolean; isFile(): boolean } | undefined = kinds.get(name);
    if (!entry || (!entry.isDirectory() && !entry.isFile())) {
      // A symbolic link (or an unknown type): follow it to see what it names.
      try {
        entry = statSync(resolve(cwd, full));
      } catch {
        continue; // a dangling symbolic link: nothing to read
      }
    }
    if (entry.isDirectory()) walk(full, found, visited, diagnostics, cwd);
    else if (entry.isFile() && collected(full)) found.push(full);
  }
}

function readOne(file: string, max: number, out: InputText[], seen: Set<string>, diagnostics: Diagnostics, cwd: string, under?: string): void {
  const abs = resolve(cwd, file);
  let key = abs;
  try {
    key = realpathSync.native(abs);
  } catch {
    /* reported by the open below */
  }
  if (seen.has(key)) return; // the same file named twice is read once
  seen.add(key);
  let fd: number | undefined;
  try {
    fd = openSync(abs, 'r');
    const st = fstatSync(fd);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > max) {
      tooLarge(diagnostics, file, st.size, max);
      return;
    }
    pushDecoded(out, file, readFileSync(fd), diagnostics, under);
  } catch (e) {
    ioError(diagnostics, file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function readStream(stream: NodeJS.ReadableStream, max: number, diagnostics: Diagnostics): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      if (size > max) {
        tooLarge(diagnostics, '-', size, max, true);
        return undefined;
      }
      chunks.push(b);
    }
  } catch (e) {
    ioError(diagnostics, '-', e);
    return undefined;
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function pushDecoded(out: InputText[], file: string, buf: Buffer, diagnostics: Diagnostics, under?: string): void {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    diagnostics.add({ code: 'not-utf8', severity: 'error', file, line: 1, column: 1, message: 'the file is UTF-16 encoded: save it as UTF-8, the encoding JSON requires' });
    return;
  }
  try {
    out.push({ file, text: utf8.decode(buf), ...(under !== undefined && { found: true, under }) }); // the decoder drops a UTF-8 byte order mark
  } catch {
    // Position of the first bad byte, counted as in every other diagnostic: after a BOM, in UTF-16 units.
    const start = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    const before = buf.subarray(start, firstInvalidUtf8(buf, start)).toString('utf8');
    const { line, column } = new LineIndex(before).position(before.length);
    diagnostics.add({ code: 'not-utf8', severity: 'error', file, line, column, message: 'the file is not valid UTF-8: save it as UTF-8, the encoding JSON requires' });
  }
}

/** Offset of the first byte sequence that is not well-formed UTF-8 (RFC 3629), or the length when there is none. */
function firstInvalidUtf8(b: Uint8Array, from = 0): number {
  let i = from;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0)
        lo = 0xa0; // no overlong forms
      else if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

function tooLarge(diagnostics: Diagnostics, file: string, size: number, max: number, atLeast = false): void {
  diagnostics.add({
    code: 'input-too-large',
    severity: 'error',
    file,
    message: `the input is ${atLeast ? 'more than ' : ''}${mib(size)}, larger than the limit of ${mib(max)}: no ECS document is this large; raise the limit with --max-input-size if you must`,
  });
}

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`;
}

/** Missing or unreadable inputs. A path that does not exist is a usage error (exit 2); other I/O is exit 3. */
function ioError(diagnostics: Diagnostics, file: string, e: unknown): void {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    diagnostics.add({ code: 'input-not-found', severity: 'error', file, message: `no such file or directory: ${file}` });
  } else {
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'I/O error');
    diagnostics.add({ code: 'input-unreadable', severity: 'error', file, message: `cannot read ${file}: ${why}` });
  }
}
