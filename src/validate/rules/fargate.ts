/** What Fargate requires: awsvpc, a task size it offers, stopTimeout of at most 120 seconds. */
import { pointerJoin, show } from '../../diagnostics.js';
import { arr } from '../../model/values.js';
import { FARGATE, describeSizes, parseTaskCpu, parseTaskMemory } from '../task-size.js';
import { containers, cptr, type Rule } from './rule.js';

export const fargate: Rule = (doc, d) => {
  const compat = arr(doc.value['requiresCompatibilities']);
  if (!compat.includes('FARGATE')) return;
  const base = doc.pointer;
  if (doc.value['networkMode'] !== undefined && doc.value['networkMode'] !== 'awsvpc') {
    d.error(doc.source, pointerJoin(base, 'networkMode'), 'fargate', `Fargate requires "networkMode": "awsvpc", not ${show(doc.value['networkMode'])}`);
  }
  const cpu = parseTaskCpu(doc.value['cpu']);
  const mem = parseTaskMemory(doc.value['memory']);
  if (doc.value['cpu'] === undefined || doc.value['memory'] === undefined) {
    d.error(doc.source, base, 'fargate', 'Fargate requires task-level "cpu" and "memory": add both (for example "cpu": "256", "memory": "512")');
  } else if (cpu !== undefined && mem !== undefined) {
    const allowed = FARGATE[cpu];
    if (!allowed) {
      d.error(doc.source, pointerJoin(base, 'cpu'), 'fargate', `Fargate has no task size with cpu ${show(doc.value['cpu'])}: use one of ${Object.keys(FARGATE).join(', ')}`);
    } else if (!allowed.includes(mem)) {
      d.error(doc.source, pointerJoin(base, 'memory'), 'fargate', `Fargate does not offer memory ${show(doc.value['memory'])} with cpu ${show(doc.value['cpu'])}: use ${describeSizes(allowed)}`);
    }
  }
  for (const [c, i] of containers(doc)) {
    const st = c['stopTimeout'];
    if (typeof st === 'number' && st > 120) {
      d.error(doc.source, cptr(doc, i, 'stopTimeout'), 'out-of-range', `"stopTimeout" is ${st}, but Fargate allows at most 120 seconds`);
    }
  }
};
