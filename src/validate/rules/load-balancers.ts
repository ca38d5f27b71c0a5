import { Diagnostics, pointerJoin, show } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import { objs, str, type Obj } from '../../model/values.js';
import { containers } from './rule.js';

/** A service's load balancers must name a container and port of its task definition (checked once paired). */
export function checkLoadBalancers(service: EcsDocument, taskDefinition: EcsDocument, d: Diagnostics): void {
  const byName = new Map(containers(taskDefinition).flatMap(([c]) => (typeof c['name'] === 'string' ? [[c['name'], c] as [string, Obj]] : [])));
  for (const [lb, i] of objs(service.value['loadBalancers'])) {
    const name = str(lb['containerName']);
    const port = lb['containerPort'];
    const ptr = pointerJoin(service.pointer, 'loadBalancers', i);
    if (name === undefined) continue;
    const c = byName.get(name);
    if (!c) {
      d.error(
        service.source,
        pointerJoin(ptr, 'containerName'),
        'dangling-reference',
        `"loadBalancers" names the container ${show(name)}, which task definition ${show(taskDefinition.value['family'])} does not have (containers: ${[...byName.keys()].map((k) => `"${k}"`).join(', ')})`,
      );
    } else if (typeof port === 'number' && !objs(c['portMappings']).some(([pm]) => pm['containerPort'] === port)) {
      d.error(
        service.source,
        pointerJoin(ptr, 'containerPort'),
        'dangling-reference',
        `"loadBalancers" sends traffic to port ${port} of container ${show(name)}, which maps no such port (ports: ${
          objs(c['portMappings'])
            .map(([pm]) => String(pm['containerPort']))
            .join(', ') || 'none'
        })`,
      );
    }
  }
}
