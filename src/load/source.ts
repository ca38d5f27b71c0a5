import type { SourceRef } from '../diagnostics.js';
import { findNode, LineIndex, type PosNode } from './json.js';

/** A parsed input file: its text, its positions, and a pointer → line/column resolver. */
export class JsonSource implements SourceRef {
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
