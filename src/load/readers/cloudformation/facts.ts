/**
 * What a template itself decides of its ECS resources, before any document is read: a
 * cluster's name (its ClusterName, else its logical id) and ARN, a task definition's family
 * (`Ref` of it stands for the family, which pairs a service with it: src/compile.ts pairs
 * families), a log group's name, a service's name and ARN. Returns the names of the services
 * whose cluster is not known offline.
 */
import type { ReaderOptions } from '../types.js';
import { partition, placeholders, type Resolver, type ResourceFacts } from './intrinsics.js';
import { member, type TEntry } from './tree.js';

const ECS = 'AWS::ECS::';

export function learnFacts(entries: readonly TEntry[], facts: Map<string, ResourceFacts>, resolver: Resolver, o: ReaderOptions): Set<string> {
  const unknownCluster = new Set<string>();
  const arn = (rest: string) => `arn:${partition(o.region)}:ecs:${o.region ?? ''}:${o.account ?? ''}:${rest}`;
  const byId = new Map(entries.map((e) => [e.key, e.value] as const));
  const nameOf = (id: string, prop: string): string => {
    const n = member(member(byId.get(id), 'Properties'), prop);
    const v = n ? resolver.resolve(n) : undefined;
    if (v && placeholders.has(v)) facts.get(id)!.unknown = true;
    return v?.t === 'scalar' && typeof v.v === 'string' && v.v !== '' ? v.v : id;
  };
  for (const r of entries) {
    const f = facts.get(r.key)!;
    if (f.type === `${ECS}Cluster`) {
      f.ref = nameOf(r.key, 'ClusterName');
      f.attributes = { Arn: arn(`cluster/${f.ref}`) };
    } else if (f.type === `${ECS}TaskDefinition`) {
      f.ref = nameOf(r.key, 'Family');
      f.attributes = { TaskDefinitionArn: f.ref };
    } else if (f.type === 'AWS::Logs::LogGroup' && member(member(r.value, 'Properties'), 'LogGroupName')) {
      f.ref = nameOf(r.key, 'LogGroupName');
    }
  }
  for (const r of entries) {
    const f = facts.get(r.key)!;
    if (f.type !== `${ECS}Service`) continue;
    const name = nameOf(r.key, 'ServiceName');
    const c = member(member(r.value, 'Properties'), 'Cluster');
    const cv = c ? resolver.resolve(c) : undefined;
    const known = cv?.t === 'scalar' && typeof cv.v === 'string' && !placeholders.has(cv);
    const cluster = known ? (/:cluster\/(.+)$/.exec(String(cv.v))?.[1] ?? String(cv.v)) : 'default';
    f.ref = arn(`service/${cluster}/${name}`);
    f.attributes = { Name: name, ServiceArn: f.ref };
    if (cv && placeholders.has(cv)) unknownCluster.add(name);
  }
  return unknownCluster;
}
