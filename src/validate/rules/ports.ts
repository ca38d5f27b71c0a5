/** Port mappings: host ports the network mode allows, no port mapped twice, port names unique in the task. */
import { show } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import { objs, str } from '../../model/values.js';
import { containers, cptr, type Rule } from './rule.js';

const networkMode = (doc: EcsDocument): string => str(doc.value['networkMode']) ?? 'bridge';

export const ports: Rule = (doc, d) => {
  const mode = networkMode(doc);
  const portNames = new Map<string, string>();
  // One host port serves one mapping per task (Docker binds it once; a pod's hostPorts are unique).
  const hostPorts = new Map<string, { container: number; name: unknown; containerPort: unknown }>();
  for (const [c, i] of containers(doc)) {
    const seen = new Set<string>();
    for (const [pm, j] of objs(c['portMappings'])) {
      const cp = pm['containerPort'];
      const hp = pm['hostPort'];
      if (mode === 'bridge' && typeof hp === 'number' && hp > 0) {
        const key = `${hp}/${str(pm['protocol']) ?? 'tcp'}`;
        const prev = hostPorts.get(key);
        if (prev === undefined) hostPorts.set(key, { container: i, name: c['name'], containerPort: cp });
        else if (prev.container !== i || prev.containerPort !== cp) {
          d.error(
            doc.source,
            cptr(doc, i, 'portMappings', j, 'hostPort'),
            'duplicate-port',
            `host port ${key} is already mapped (container ${show(prev.name)}, container port ${show(prev.containerPort)}): a host port can serve one mapping of a task; use another hostPort, or 0 for a dynamic one`,
          );
        }
      }
      if ((mode === 'awsvpc' || mode === 'host') && typeof hp === 'number' && typeof cp === 'number' && hp !== cp) {
        if (hp === 0) {
          d.warn(
            doc.source,
            cptr(doc, i, 'portMappings', j, 'hostPort'),
            'host-port-mode',
            `"hostPort" 0 (a dynamic port) has no meaning in network mode "${mode}", where the host port is the container port ${cp}: remove "hostPort"`,
          );
        } else {
          d.error(
            doc.source,
            cptr(doc, i, 'portMappings', j, 'hostPort'),
            'host-port-mode',
            `"hostPort" ${hp} differs from "containerPort" ${cp}, which network mode "${mode}" forbids: remove "hostPort" or make it equal`,
          );
        }
      }
      if (typeof cp === 'number') {
        const key = `${cp}/${str(pm['protocol']) ?? 'tcp'}`;
        if (seen.has(key)) d.warn(doc.source, cptr(doc, i, 'portMappings', j), 'duplicate-port', `container ${show(c['name'])} maps port ${key} twice: remove one`);
        seen.add(key);
      }
      const name = str(pm['name']);
      if (name !== undefined) {
        const owner = `${str(c['name']) ?? i}`;
        if (portNames.has(name)) {
          d.error(
            doc.source,
            cptr(doc, i, 'portMappings', j, 'name'),
            'duplicate-name',
            `the port name ${show(name)} is used twice (containers ${show(portNames.get(name))} and ${show(owner)}): port names must be unique within a task definition`,
          );
        } else portNames.set(name, owner);
      }
    }
  }
};
