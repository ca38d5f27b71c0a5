/** The CLI's streams and environment, passed in so that tests run it in-process. */
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  /** Read when an input is `-`; process.stdin when omitted. */
  stdin?: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export { EXIT } from '../report/exit.js';

/** Colours only on a terminal, never with NO_COLOR (https://no-color.org), and not for `TERM=dumb`. */
export function useColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0') return true;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}
