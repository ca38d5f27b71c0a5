/** What the resolver (./intrinsics.ts) and the condition functions (./conditions.ts) share. */
import type { TNode } from './tree.js';

/** The placeholders the resolver made (strings that stand for what only a deployed stack knows). */
export const placeholders = new WeakSet<TNode>();

/** AWS::NoValue: the member that holds it is dropped. */
export const NO_VALUE = Symbol('AWS::NoValue');
export type R = TNode | typeof NO_VALUE | undefined;

export function toPlain(node: TNode): unknown {
  if (node.t === 'scalar') return node.v;
  if (node.t === 'seq') return node.items.map(toPlain);
  return Object.fromEntries(node.entries.map((e) => [e.key, toPlain(e.value)]));
}
