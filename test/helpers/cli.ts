/**
 * Two ways to run ecs2k8s from a test, both returning `{ code, stdout, stderr }`:
 * - `runCli`: in-process, through `run(argv, io)` with captured streams, a given stdin and env;
 * - `runBin`: the real bin (`node dist/ecs2k8s.cjs`, built by test/global-setup.ts) as a child
 *   process, with its environment under the test's control and stdin piped in.
 * Plus parsers for the text and `--report json` output, and the checks every bad-input test makes.
 */
import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The corpus in the repository (test/helpers/corpus.ts adds the wider one when it is beside the repository). */
export const corpusDir = resolve(repoRoot, 'fixtures/corpus');
export const binPath = resolve(repoRoot, 'dist/ecs2k8s.cjs');

export interface CliResult {
  /** The exit code; null only when a child process was killed by a signal. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Standard input (read when an input is `-`); empty when not given. */
  stdin?: string | Buffer;
  /** The whole environment the CLI sees (nothing is inherited from the test process but PATH for the bin). */
  env?: Record<string, string | undefined>;
  /** In-process only: whether stdout and stderr claim to be a terminal. Default false, as in a pipe. */
  tty?: boolean;
  /** The working directory relative paths are resolved against (`io.cwd`, or the child's cwd). Default: the repository root. */
  cwd?: string;
}

/** Runs the CLI in this process with captured output. A throw from `run` is not caught: it fails the test. */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty === true;
  const input = options.stdin === undefined ? [] : [Buffer.from(options.stdin)];
  const io: CliIO = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: tty },
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: tty },
    stdin: Readable.from(input),
    env: { ...options.env },
    cwd: options.cwd ?? repoRoot,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Runs `node dist/ecs2k8s.cjs …` as a child process; stdin is piped in and closed. */
export function runBin(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '/usr/bin:/bin' };
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  return new Promise((resolvePromise, reject) => {
    const child = execFile(process.execPath, [binPath, ...argv], { cwd: options.cwd ?? repoRoot, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 25_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number' && error.signal == null) {
        reject(error);
        return;
      }
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolvePromise({ code, stdout, stderr });
    });
    child.stdin?.on('error', () => {
      /* the CLI may exit without reading stdin: EPIPE is not the test's concern */
    });
    child.stdin?.end(options.stdin ?? '');
  });
}

/** One line of human output: `file:line:col: severity CODE: message` (or `file: severity CODE: message`). */
export interface TextDiagnostic {
  file: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

const WITH_POSITION = /^(.*):(\d+):(\d+): (error|warning|info) ([a-z0-9-]+): (.*)$/;
const WITHOUT_POSITION = /^(.*?): (error|warning|info) ([a-z0-9-]+): (.*)$/;

/** Parses the diagnostic lines of stderr; other lines (the summary, usage) are skipped. */
export function parseText(stderr: string): TextDiagnostic[] {
  const out: TextDiagnostic[] = [];
  for (const line of stderr.split('\n')) {
    let m = WITH_POSITION.exec(line);
    if (m) {
      out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), severity: m[4] as TextDiagnostic['severity'], code: m[5]!, message: m[6]! });
      continue;
    }
    m = WITHOUT_POSITION.exec(line);
    if (m) out.push({ file: m[1]!, severity: m[2] as TextDiagnostic['severity'], code: m[3]!, message: m[4]! });
  }
  return out;
}

/** The `--report json` form. */
export interface JsonReport {
  tool: string;
  version: string;
  summary: { files: number; errors: number; warnings: number; infos: number };
  diagnostics: ReportDiagnostic[];
}

export interface ReportDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}

/** `validate <inputs> --report json`, in-process, with the report parsed. */
export async function validateJson(inputs: readonly string[], options: RunOptions & { args?: string[] } = {}): Promise<CliResult & { report: JsonReport }> {
  const r = await runCli(['validate', ...inputs, '--report', 'json', ...(options.args ?? [])], options);
  let report: JsonReport;
  try {
    report = JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`--report json did not print JSON (exit ${r.code}).\nstdout: ${r.stdout.slice(0, 2000)}\nstderr: ${r.stderr.slice(0, 2000)}`);
  }
  return { ...r, report };
}

export const errorsOf = (report: JsonReport) => report.diagnostics.filter((d) => d.severity === 'error');

/** 1-based line and column (UTF-16 units) of an offset, counted independently of src/ (\n, \r\n or lone \r end a line). */
export function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Position of the `nth` (0-based) occurrence of `needle`; throws when there is none, so a typo in a test cannot pass. */
export function posOf(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${nth}) is not in the test input`);
  }
  return lineCol(text, at);
}

/** What a crash looks like on stderr: a stack frame, an uncaught error's name, or our own internal-error line. */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
const UNCAUGHT = /\b(TypeError|RangeError|ReferenceError|SyntaxError|Error \[ERR_[A-Z_]+\]|Maximum call stack|heap out of memory|internal error)\b/;

/** Every bad input: exit 2 (never 1, never a crash), no stack trace, and at least one error diagnostic on stderr. */
export function expectCleanRejection(r: CliResult): void {
  expect(r.stderr).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(UNCAUGHT);
  expect(r.code, `exit code; stderr:\n${r.stderr.slice(0, 4000)}`).toBe(2);
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\x1b\[[0-9;]*m/;
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
