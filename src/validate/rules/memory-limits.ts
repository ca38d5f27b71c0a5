import { show } from '../../diagnostics.js';
import { containers, cptr, type Rule } from './rule.js';

/** ECS refuses a soft limit above the hard one. */
export const memoryLimits: Rule = (doc, d) => {
  for (const [c, i] of containers(doc)) {
    const mem = c['memory'];
    const res = c['memoryReservation'];
    if (typeof mem === 'number' && typeof res === 'number' && res > mem) {
      d.error(
        doc.source,
        cptr(doc, i, 'memoryReservation'),
        'out-of-range',
        `"memoryReservation" ${res} is above "memory" ${mem} in container ${show(c['name'])}: the soft limit must be at most the hard limit`,
      );
    }
  }
};
