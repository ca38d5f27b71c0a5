/** The container images of an object, found where kustomize's `images:` looks: every `containers` and `initContainers` list. */
import { isMap, type Json, type JsonMap } from './json.js';

export interface ContainerRef {
  /** `<map path of the list>/<container name>`: the same container in two versions of an object. */
  slot: string;
  container: JsonMap;
}

export function containersOf(object: unknown): ContainerRef[] {
  const out: ContainerRef[] = [];
  const walk = (node: Json, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, `${path}/${i}`));
      return;
    }
    if (!isMap(node)) return;
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
        for (const c of v) if (isMap(c) && typeof c['image'] === 'string') out.push({ slot: `${path}/${k}/${String(c['name'])}`, container: c });
      }
      walk(v, `${path}/${k}`);
    }
  };
  walk(object as Json, '');
  return out;
}
