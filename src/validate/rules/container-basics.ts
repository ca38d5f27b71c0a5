/** Container names (present, unique), images (missing or placeholders), and at least one essential container. */
import { pointerJoin, show } from '../../diagnostics.js';
import { str } from '../../model/values.js';
import { isPlaceholder } from '../placeholder.js';
import { containers, cptr, type Rule } from './rule.js';

export const containerBasics: Rule = (doc, d, context) => {
  const defs = doc.value['containerDefinitions'];
  if (Array.isArray(defs) && defs.length === 0) {
    d.error(doc.source, pointerJoin(doc.pointer, 'containerDefinitions'), 'no-containers', '"containerDefinitions" is empty: a task definition needs at least one container');
    return;
  }
  const names = new Map<string, number>();
  for (const [c, i] of containers(doc)) {
    const name = str(c['name']);
    if (name === undefined || name === '') {
      d.error(doc.source, cptr(doc, i), 'missing-member', `containerDefinitions[${i}] has no "name": every container needs a unique name`);
    } else if (names.has(name)) {
      d.error(doc.source, cptr(doc, i, 'name'), 'duplicate-name', `two containers are named ${show(name)} (containerDefinitions[${names.get(name)}] and [${i}]): container names must be unique`);
    } else {
      names.set(name, i);
    }
    const image = c['image'];
    if (name !== undefined && context.imageOverrides?.has(name)) {
      // --image replaces it: neither missing nor a placeholder.
    } else if (image === undefined || image === '') {
      // Pipelines leave "image" empty for the render step to fill (aws-actions/amazon-ecs-render-task-definition).
      d.warn(doc.source, cptr(doc, i), 'image-missing', `container ${show(name ?? i)} has no "image": a pipeline is expected to fill it in; pass --image ${name ?? 'CONTAINER'}=URI when building`);
    } else if (typeof image === 'string' && isPlaceholder(image)) {
      d.warn(
        doc.source,
        cptr(doc, i, 'image'),
        'image-placeholder',
        `the image of container ${show(name ?? i)} is the placeholder ${show(image)}: replace it with --image ${name ?? 'CONTAINER'}=URI when building`,
      );
    }
  }
  if (containers(doc).length > 0 && !containers(doc).some(([c]) => c['essential'] !== false)) {
    d.error(
      doc.source,
      pointerJoin(doc.pointer, 'containerDefinitions'),
      'no-essential-container',
      'no container is essential ("essential": false on all of them): ECS requires at least one essential container',
    );
  }
};
