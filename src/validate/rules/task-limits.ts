import { pointerJoin, show } from '../../diagnostics.js';
import { INT32_MAX } from '../int32.js';
import { MAX_TASK_DEFINITION_BYTES, registeredSize } from '../registered-size.js';
import { parseTaskCpu, parseTaskMemory } from '../task-size.js';
import type { Rule } from './rule.js';

/** Task-level cpu and memory are strings, but ECS stores them as 32-bit integers (units, MiB); and the whole definition has a size limit. */
export const taskLimits: Rule = (doc, d) => {
  const bytes = registeredSize(doc);
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    d.error(
      doc.source,
      doc.pointer,
      'out-of-range',
      `the task definition is ${(bytes / 1024).toFixed(1)} KiB without whitespace, but ECS registers at most 64 KiB: move large values (scripts, certificates, configuration) to files, S3 environment files or secrets`,
    );
  }
  const cpu = parseTaskCpu(doc.value['cpu']);
  const mem = parseTaskMemory(doc.value['memory']);
  if (cpu !== undefined && cpu > INT32_MAX)
    d.error(doc.source, pointerJoin(doc.pointer, 'cpu'), 'out-of-range', `"cpu" is ${show(doc.value['cpu'])}, which is more CPU units than ECS can hold (at most ${INT32_MAX})`);
  if (mem !== undefined && mem > INT32_MAX)
    d.error(doc.source, pointerJoin(doc.pointer, 'memory'), 'out-of-range', `"memory" is ${show(doc.value['memory'])}, which is more MiB than ECS can hold (at most ${INT32_MAX})`);
};
