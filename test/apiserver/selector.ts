/**
 * Label selectors as the API server parses them (k8s.io/apimachinery/pkg/labels):
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a` (exists), `!a` (does not exist),
 * joined by commas. A malformed selector is a 400.
 */
export type Requirement = { op: 'eq' | 'neq'; key: string; value: string } | { op: 'in' | 'notin'; key: string; values: string[] } | { op: 'exists' | 'notexists'; key: string };

export class SelectorError extends Error {}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const c of s) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function checkKey(k: string): string {
  if (!KEY.test(k)) throw new SelectorError(`invalid label key "${k}"`);
  return k;
}
function checkValue(v: string): string {
  if (!VALUE.test(v)) throw new SelectorError(`invalid label value: "${v}"`);
  return v;
}

export function parseSelector(s: string): Requirement[] {
  const out: Requirement[] = [];
  for (const part of splitTop(s)) {
    let m = /^(\S+?)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (m) {
      out.push({ op: m[2] as 'in' | 'notin', key: checkKey(m[1]!), values: m[3]!.split(',').map((x) => checkValue(x.trim())) });
      continue;
    }
    m = /^([^!=\s]+)\s*(!=|==|=)\s*(\S*)$/.exec(part);
    if (m) {
      out.push({ op: m[2] === '!=' ? 'neq' : 'eq', key: checkKey(m[1]!), value: checkValue(m[3]!) });
      continue;
    }
    m = /^(!?)\s*([^!=\s()]+)$/.exec(part);
    if (m) {
      out.push({ op: m[1] ? 'notexists' : 'exists', key: checkKey(m[2]!) });
      continue;
    }
    throw new SelectorError(`unable to parse requirement: "${part}"`);
  }
  return out;
}

export function matches(labels: Record<string, string> | undefined, reqs: Requirement[]): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v!);
      case 'notin':
        return !has || !r.values.includes(v!);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}
