/**
 * CloudFormation's condition functions: `Fn::Equals` (values compared as strings),
 * `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition` (a condition of the Conditions section by its
 * name). A comparison with a value not known offline is false, with a warning.
 */
import { NO_VALUE, placeholders, toPlain, type R } from './values.js';
import { str, type TNode } from './tree.js';

/** What the condition functions ask of the resolver. */
export interface ConditionHost {
  value(node: TNode, depth: number): R;
  condition(name: string, at: number): boolean | undefined;
  bad(at: number, fn: string, form: string): undefined;
}

export function evaluateCondition(node: TNode, depth: number, res: ConditionHost, unknown: (at: number, message: string) => void): boolean | undefined {
  if (depth > 100) return undefined;
  const only = node.t === 'map' && node.entries.length === 1 ? node.entries[0]! : undefined;
  if (!only) {
    const v = res.value(node, depth);
    if (v !== NO_VALUE && v?.t === 'scalar' && typeof v.v === 'boolean') return v.v;
    if (v !== NO_VALUE && v?.t === 'scalar' && (v.v === 'true' || v.v === 'false')) return v.v === 'true';
    return res.bad(node.at, 'a condition', 'Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition');
  }
  const a = only.value;
  switch (only.key) {
    case 'Condition': {
      const name = str(a);
      return name === undefined ? res.bad(node.at, 'Condition', 'a condition name') : res.condition(name, a.at);
    }
    case 'Fn::Equals': {
      if (a.t !== 'seq' || a.items.length !== 2) return res.bad(node.at, 'Fn::Equals', '[value, value]');
      const [x, y] = a.items.map((i) => res.value(i, depth + 1));
      if (x === undefined || y === undefined) return undefined;
      if ((x !== NO_VALUE && placeholders.has(x)) || (y !== NO_VALUE && placeholders.has(y))) {
        unknown(node.at, 'Fn::Equals compares a value not known offline: the condition is taken as false (give the parameter or pseudo parameter it depends on)');
        return false;
      }
      return JSON.stringify(x === NO_VALUE ? null : canon(toPlain(x))) === JSON.stringify(y === NO_VALUE ? null : canon(toPlain(y)));
    }
    case 'Fn::Not': {
      const items = a.t === 'seq' ? a.items : [a];
      if (items.length !== 1) return res.bad(node.at, 'Fn::Not', '[condition]');
      const v = evaluateCondition(items[0]!, depth + 1, res, unknown);
      return v === undefined ? undefined : !v;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      if (a.t !== 'seq' || a.items.length === 0) return res.bad(node.at, only.key, '[condition, condition…]');
      const vs = a.items.map((i) => evaluateCondition(i, depth + 1, res, unknown));
      if (vs.some((v) => v === undefined)) return undefined;
      return only.key === 'Fn::And' ? vs.every(Boolean) : vs.some(Boolean);
    }
    default: {
      const v = res.value(node, depth);
      if (v !== NO_VALUE && v?.t === 'scalar' && typeof v.v === 'boolean') return v.v;
      return res.bad(node.at, 'a condition', 'Fn::Equals, Fn::And, Fn::Or, Fn::Not or a Condition');
    }
  }
}

/** Values compare as CloudFormation compares them: as strings. */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') return v;
  return v === null ? '' : String(v);
}
