import type { SourceRef } from '../diagnostics.js';
import { findNode, LineIndex, type PosNode } from './json.js';

/**
 * Where a document came from: its file and text, and a resolver from a JSON pointer into the
 * document to a line and column of that text. The JSON loader's documents point into their own
 * JSON ({@link JsonSource}); a reader of another form (src/load/readers/) translates a template
 * into ECS documents and maps their pointers back to the template ({@link MappedSource}).
 */
export interface DocumentSource extends SourceRef {
  readonly file: string;
  readonly text: string;
}

/** A parsed input file: its text, its positions, and a pointer → line/column resolver. */
export class JsonSource implements DocumentSource {
  private index: LineIndex | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly positions: PosNode | undefined,
  ) {}

  locate(pointer: string, at: 'key' | 'value' = 'value'): { line: number; column: number } | undefined {
    if (!this.positions) return undefined;
    const node = findNode(this.positions, pointer);
    if (!node) return undefined;
    return this.position(at === 'key' && node.k !== undefined ? node.k : node.o);
  }

  position(offset: number): { line: number; column: number } {
    this.index ??= new LineIndex(this.text);
    return this.index.position(offset);
  }
}

/** A line and column, both from 1. */
export interface Position {
  line: number;
  column: number;
}

/** Where one member of a translated document was written: its key (when it has one) and its value. */
export interface Span {
  key?: Position;
  value: Position;
}

/**
 * The source of a document a reader translated from another form (CloudFormation, Terraform,
 * Copilot…): each pointer of the ECS document that the reader recorded maps to where the template
 * wrote it. A pointer the reader did not record (a member it filled in, a default) resolves to
 * its nearest recorded ancestor, so that every diagnostic still lands in the template.
 */
export class MappedSource implements DocumentSource {
  private readonly spans = new Map<string, Span>();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Records where the member at `pointer` of the translated document was written. */
  map(pointer: string, span: Span): void {
    this.spans.set(pointer, span);
  }

  locate(pointer: string, at: 'key' | 'value' = 'value'): Position | undefined {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const span = this.spans.get(p);
      if (span) return at === 'key' && span.key && p === pointer ? span.key : span.value;
      if (p === '') return undefined;
    }
  }
}
