/**
 * The bin's standard output and error. A pipe, a socket (what a parent's child_process pipes
 * are), a regular file or /dev/null is written with fs.writeSync: synchronously, as Node itself
 * writes files everywhere and pipes on Linux (on macOS it writes pipes asynchronously; a CLI
 * that writes its report and exits is better served by a blocking write). This skips building the stream
 * objects, whose modules (net, streams) are a measurable part of a short run's start-up
 * (docs/performance.md). A terminal, anything else, and Windows get Node's own stream. A write
 * that the descriptor refuses for now (EAGAIN: a non-blocking pipe that is full) hands the rest,
 * and every later write, to Node's stream, which waits; a closed pipe (EPIPE: `ecs2k8s build
 * --stdout | head`) ends the process quietly, as the stream's 'error' handler did.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import type { CliIO } from './io.js';

type Writer = CliIO['stdout'];

/** Whether fd is a pipe, a socket, a regular file or /dev/null (so never a terminal). */
function plain(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const st = fstatSync(fd);
    if (st.isFIFO() || st.isSocket() || st.isFile()) return true;
    // `>/dev/null`, and what a parent's 'ignore' gives: a character device, as a terminal is, told apart by its device number.
    return st.isCharacterDevice() && st.rdev === devNull();
  } catch {
    return false;
  }
}

let devNullRdev: number | undefined;
const devNull = (): number => (devNullRdev ??= statSync('/dev/null').rdev);

function closedPipe(): never {
  process.exit(process.exitCode ?? 0);
}

/** Whether a Node stream was built for fd 1 or 2 (whose writes may still be under way when the run ends). */
let streamBuilt = false;

/** True when every byte the run wrote to stdout and stderr went out through writeSync. */
export function everyWriteDone(): boolean {
  return !streamBuilt;
}

function nodeStream(fd: 1 | 2): NodeJS.WriteStream {
  streamBuilt = true;
  const stream = fd === 1 ? process.stdout : process.stderr;
  if (fd === 1) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') closedPipe();
    });
  }
  return stream;
}

/** A writer for fd 1 or 2 whose stream, when one is needed, is built on first use. */
export function stdioWriter(fd: 1 | 2): Writer {
  let stream: NodeJS.WriteStream | undefined;
  const toStream = (): NodeJS.WriteStream => (stream ??= nodeStream(fd));
  if (!plain(fd)) {
    return {
      write: (s: string) => toStream().write(s),
      get isTTY() {
        return toStream().isTTY;
      },
    };
  }
  return {
    isTTY: false,
    write(s: string): boolean {
      if (stream) return stream.write(s);
      const buf = Buffer.from(s, 'utf8');
      let done = 0;
      while (done < buf.length) {
        try {
          done += writeSync(fd, buf, done);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EPIPE') closedPipe();
          if (code !== 'EAGAIN') throw e;
          return toStream().write(buf.subarray(done));
        }
      }
      return true;
    },
  };
}
