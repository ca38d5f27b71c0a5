/**
 * One run's output: every line redacted (./redact.ts) before it reaches the caller's ClusterIO,
 * and every object's outcome kept for the structured result.
 */
import { describe, type Obj } from './client.js';
import type { ClusterIO, ObjectResult, Outcome } from './io.js';
import type { Redactor } from './redact.js';

export class Recorder {
  readonly objects: ObjectResult[] = [];

  constructor(
    private readonly io: ClusterIO,
    readonly redactor: Redactor,
  ) {}

  get env(): Record<string, string | undefined> {
    return this.io.env;
  }

  /** Diff text or one object line (with its newline). */
  out(text: string): void {
    this.io.out(this.redactor.redact(text));
  }

  /** A progress, warning or error line. */
  err(line: string): void {
    this.io.err(this.redactor.redact(line));
  }

  /** Records an object's outcome (and tells the caller's sink at once). */
  record(object: Obj | string, outcome: Outcome, reason?: string): void {
    const r: ObjectResult = { object: typeof object === 'string' ? object : describe(object), outcome, ...(reason !== undefined && { reason: this.redactor.redact(reason) }) };
    this.objects.push(r);
    this.io.object?.(r);
  }

  count(outcome: Outcome, filter: (r: ObjectResult) => boolean = () => true): number {
    return this.objects.filter((r) => r.outcome === outcome && filter(r)).length;
  }
}
