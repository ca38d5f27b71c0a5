/**
 * Progress on stderr for long runs: one line, rewritten in place (`\r` and erase-line), at most
 * every 100 ms, and only when stderr is a terminal: never in a pipe, a file, a CI log (where a
 * terminal is rare anyway), with TERM=dumb, or with --quiet. It never reaches stdout nor a
 * machine report. Before any other line is written, the progress line is erased (`interrupt`),
 * so that output and progress never share a line.
 */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** Minimum time between two redraws, in ms. Default 100. */
  intervalMs?: number;
  /** The clock (tests). Default Date.now. */
  now?: () => number;
}

const ERASE = '\r\x1b[2K';

export class Progress {
  readonly enabled: boolean;
  private shown = false;
  private last = -Infinity;
  private readonly interval: number;
  private readonly now: () => number;

  constructor(
    private readonly stream: ProgressStream,
    env: Record<string, string | undefined>,
    options: ProgressOptions = {},
  ) {
    this.enabled = stream.isTTY === true && options.quiet !== true && env['TERM'] !== 'dumb' && env['ECS2K8S_NO_PROGRESS'] === undefined;
    this.interval = options.intervalMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  /** Shows `ecs2k8s: <text>`, unless the last redraw was less than the interval ago (`force` redraws anyway). */
  update(text: string, force = false): void {
    if (!this.enabled) return;
    const t = this.now();
    if (!force && t - this.last < this.interval) return;
    this.last = t;
    this.stream.write(`${ERASE}ecs2k8s: ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`);
    this.shown = true;
  }

  /** `label done/total` (with a percentage when the total is known). */
  count(label: string, done: number, total?: number): void {
    if (!this.enabled) return;
    this.update(total !== undefined && total > 0 ? `${label} ${done}/${total} (${Math.floor((100 * done) / total)}%)` : `${label} ${done}`, total !== undefined && done === total);
  }

  /** Erases the progress line before another line is written. */
  interrupt(): void {
    if (!this.shown) return;
    this.stream.write(ERASE);
    this.shown = false;
  }

  /** Erases the line at the end. */
  done(): void {
    this.interrupt();
  }
}

/** Streams whose writes first erase the progress line. */
export function interrupting<T extends ProgressStream>(stream: T, progress: Progress): T {
  if (!progress.enabled) return stream;
  return { ...stream, write: (s: string) => (progress.interrupt(), stream.write(s)), isTTY: stream.isTTY } as T;
}
