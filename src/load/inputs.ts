/**
 * Turns the paths a user gives (files, directories searched recursively for `*.json`, `-` for
 * standard input) into decoded texts. Nothing here throws: problems become diagnostics.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Diagnostics } from '../diagnostics.js';

export interface InputText {
  /** The path as the user wrote it (or as found under a directory they gave); `-` for stdin. */
  file: string;
  text: string;
}

export interface ReadOptions {
  /** Largest input file accepted, in bytes. Default 16 MiB. */
  maxInputBytes?: number;
  /** Standard input, read when a path is `-`. */
  stdin?: NodeJS.ReadableStream;
}

export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Reads every input; directories contribute their `*.json` files in sorted order. */
export async function readInputs(
  paths: readonly string[],
  diagnostics: Diagnostics,
  options: ReadOptions = {},
): Promise<InputText[]> {
  const max = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const out: InputText[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      const buf = await readStream(options.stdin ?? process.stdin, max, diagnostics);
      if (buf) pushDecoded(out, '-', buf, diagnostics);
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      ioError(diagnostics, p, e);
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(p, found, new Set(), diagnostics);
      if (found.length === 0) {
        diagnostics.add({ code: 'no-inputs', severity: 'error', file: p, message: `the directory ${p} holds no *.json file: pass the ECS JSON files or a directory that contains them` });
      }
      for (const f of found) await readOne(f, max, out, seen, diagnostics);
    } else {
      await readOne(p, max, out, seen, diagnostics);
    }
  }
  return out;
}

async function walk(dir: string, found: string[], visited: Set<string>, diagnostics: Diagnostics): Promise<void> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (e) {
    ioError(diagnostics, dir, e);
    return;
  }
  if (visited.has(real)) return; // a symbolic-link loop
  visited.add(real);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    ioError(diagnostics, dir, e);
    return;
  }
  const names = entries.map((e) => e.name).sort();
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const full = join(dir, name);
    let st;
    try {
      st = await stat(full);
    } catch {
      continue; // a dangling symbolic link: nothing to read
    }
    if (st.isDirectory()) await walk(full, found, visited, diagnostics);
    else if (st.isFile() && name.toLowerCase().endsWith('.json')) found.push(full);
  }
}

async function readOne(file: string, max: number, out: InputText[], seen: Set<string>, diagnostics: Diagnostics): Promise<void> {
  let key = file;
  try {
    key = await realpath(file);
  } catch {
    /* reported by readFile below */
  }
  if (seen.has(key)) return; // the same file named twice is read once
  seen.add(key);
  try {
    const st = await stat(file);
    if (st.size > max) {
      tooLarge(diagnostics, file, st.size, max);
      return;
    }
    const buf = await readFile(file);
    pushDecoded(out, file, buf, diagnostics);
  } catch (e) {
    ioError(diagnostics, file, e);
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

function pushDecoded(out: InputText[], file: string, buf: Buffer, diagnostics: Diagnostics): void {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    diagnostics.add({ code: 'not-utf8', severity: 'error', file, line: 1, column: 1, message: 'the file is UTF-16 encoded: save it as UTF-8, the encoding JSON requires' });
    return;
  }
  try {
    out.push({ file, text: utf8.decode(buf) }); // the decoder drops a UTF-8 byte order mark
  } catch {
    const text = buf.toString('utf8');
    const at = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(0, at));
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    diagnostics.add({ code: 'not-utf8', severity: 'error', file, line, column, message: 'the file is not valid UTF-8: save it as UTF-8, the encoding JSON requires' });
  }
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
