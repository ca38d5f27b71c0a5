/** Names that refer to something: dependsOn, links, volumesFrom, mountPoints; volume names present and unique. */
import { pointerJoin, show } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import { arr, objs, str } from '../../model/values.js';
import { containers, cptr, type Rule } from './rule.js';

function containerNames(doc: EcsDocument): Set<string> {
  return new Set(containers(doc).flatMap(([c]) => (typeof c['name'] === 'string' ? [c['name']] : [])));
}

export const references: Rule = (doc, d) => {
  const names = containerNames(doc);
  const volumeNames = new Map<string, number>();
  for (const [v, i] of objs(doc.value['volumes'])) {
    const n = str(v['name']);
    if (n === undefined) {
      d.error(doc.source, pointerJoin(doc.pointer, 'volumes', i), 'missing-member', `volumes[${i}] has no "name": ECS requires one, and mountPoints refer to volumes by it`);
      continue;
    }
    if (volumeNames.has(n)) {
      d.error(doc.source, pointerJoin(doc.pointer, 'volumes', i, 'name'), 'duplicate-name', `two volumes are named ${show(n)}: volume names must be unique`);
    }
    volumeNames.set(n, i);
  }
  const known = (set: Iterable<string>) => [...set].map((s) => `"${s}"`).join(', ') || 'none';
  for (const [c, i] of containers(doc)) {
    const self = str(c['name']);
    for (const [dep, j] of objs(c['dependsOn'])) {
      const target = str(dep['containerName']);
      if (target === undefined) continue;
      if (target === self) {
        d.error(doc.source, cptr(doc, i, 'dependsOn', j, 'containerName'), 'dangling-reference', `container ${show(self)} depends on itself: remove that dependsOn entry`);
      } else if (!names.has(target)) {
        d.error(
          doc.source,
          cptr(doc, i, 'dependsOn', j, 'containerName'),
          'dangling-reference',
          `"dependsOn" names the container ${show(target)}, which this task definition does not have (containers: ${known(names)})`,
        );
      }
    }
    arr(c['links']).forEach((l, j) => {
      if (typeof l !== 'string') return;
      const target = l.split(':')[0] as string;
      if (!names.has(target)) {
        // ECS hands links to Docker, which fails only when the task starts; in a pod every container shares localhost anyway.
        d.warn(
          doc.source,
          cptr(doc, i, 'links', j),
          'dangling-reference',
          `"links" names the container ${show(target)}, which this task definition does not have (containers: ${known(names)}): the link cannot work; remove it`,
        );
      }
    });
    for (const [vf, j] of objs(c['volumesFrom'])) {
      const src = str(vf['sourceContainer']);
      if (src !== undefined && !names.has(src)) {
        d.error(
          doc.source,
          cptr(doc, i, 'volumesFrom', j, 'sourceContainer'),
          'dangling-reference',
          `"volumesFrom" names the container ${show(src)}, which this task definition does not have (containers: ${known(names)})`,
        );
      }
    }
    for (const [mp, j] of objs(c['mountPoints'])) {
      const vol = str(mp['sourceVolume']);
      if (vol !== undefined && !volumeNames.has(vol)) {
        d.error(
          doc.source,
          cptr(doc, i, 'mountPoints', j, 'sourceVolume'),
          'dangling-reference',
          `"sourceVolume" names the volume ${show(vol)}, which "volumes" does not declare (volumes: ${known(volumeNames.keys())}): add it to "volumes"`,
        );
      }
    }
  }
};
