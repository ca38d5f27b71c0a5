/** A service: its size, and desiredCount on a DAEMON service. */
import { pointerJoin } from '../../diagnostics.js';
import { MAX_TASK_DEFINITION_BYTES, registeredSize } from '../registered-size.js';
import type { Rule } from './rule.js';

export const serviceBasics: Rule = (doc, d) => {
  const v = doc.value;
  // ECS documents no size for a service definition; real ones are a few KiB. The task definition's
  // 64 KiB keeps every value either brings within Kubernetes' 256 KiB of annotations per object.
  const bytes = registeredSize(doc);
  if (bytes > MAX_TASK_DEFINITION_BYTES) {
    d.error(
      doc.source,
      doc.pointer,
      'out-of-range',
      `the service definition is ${(bytes / 1024).toFixed(1)} KiB without whitespace; ecs2k8s accepts at most 64 KiB (as ECS does for a task definition), so that its values fit in Kubernetes objects: look for a value that does not belong`,
    );
  }
  if (v['schedulingStrategy'] === 'DAEMON' && typeof v['desiredCount'] === 'number') {
    d.warn(doc.source, pointerJoin(doc.pointer, 'desiredCount'), 'daemon-desired-count', '"desiredCount" has no meaning for a DAEMON service (one task per instance): it is ignored');
  }
};
