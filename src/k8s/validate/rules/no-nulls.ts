import type { Obj } from '../../../model/values.js';
import { ptr, type Rule } from './rule.js';

/** k8s-null: a null anywhere is at best dropped by the server, at worst a different meaning. */
export const noNulls: Rule = (o, _gvk, report) => {
  // The path is kept as tokens and joined into a pointer only for a null: most objects have none.
  const path: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (v === null) {
      const at = ptr('', ...path);
      report('k8s-null', at, `${at || '/'} is null; omit the field instead of writing null`);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (typeof v === 'object') {
      for (const k in v as Obj) {
        path.push(k);
        walk((v as Obj)[k]);
        path.pop();
      }
    }
  };
  walk(o);
};
