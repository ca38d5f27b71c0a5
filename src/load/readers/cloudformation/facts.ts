/**
 * What a template itself decides of its ECS resources, before any document is read: a
 * cluster's name (its ClusterName, else its logical id) and ARN, a task definition's family
 * (`Ref` of it stands for the family, which pairs a service with it: src/compile.ts pairs
 * families), a service's name and ARN; and of the resources ECS definitions name, what their
 * own properties decide: a log group's and an SSM parameter's name, a named IAM role's name and
 * ARN, a named ECR repository's name, URI and ARN (once --account and --region are known). Returns the names of the services
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
  const has = (id: string, prop: string) => member(member(byId.get(id), 'Properties'), prop) !== undefined;
  for (const r of entries) {
    const f = facts.get(r.key)!;
    if (f.type === `${ECS}Cluster`) {
      f.ref = nameOf(r.key, 'ClusterName');
      f.attributes = { Arn: arn(`cluster/${f.ref}`) };
    } else if (f.type === `${ECS}TaskDefinition`) {
      f.ref = nameOf(r.key, 'Family');
      f.attributes = { TaskDefinitionArn: f.ref };
    } else if (f.type === 'AWS::Logs::LogGroup' && has(r.key, 'LogGroupName')) {
      f.ref = nameOf(r.key, 'LogGroupName');
    } else if (f.type === 'AWS::SSM::Parameter' && has(r.key, 'Name')) {
      f.ref = nameOf(r.key, 'Name');
    } else if (f.type === 'AWS::IAM::Role' && has(r.key, 'RoleName')) {
      // A named role's ARN is known once the account is: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME.
      f.ref = nameOf(r.key, 'RoleName');
      const path = member(member(r.value, 'Properties'), 'Path');
      const p = path ? resolver.resolve(path) : undefined;
      const prefix = p?.t === 'scalar' && typeof p.v === 'string' && !placeholders.has(p) ? p.v : path ? undefined : '/';
      if (o.account !== undefined && prefix !== undefined && !f.unknown) f.attributes = { Arn: `arn:${partition(o.region)}:iam::${o.account}:role${prefix}${f.ref}` };
    } else if (f.type === 'AWS::ECR::Repository' && has(r.key, 'RepositoryName')) {
      f.ref = nameOf(r.key, 'RepositoryName');
      if (o.account !== undefined && o.region !== undefined && !f.unknown) {
        const suffix = o.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
        f.attributes = { RepositoryUri: `${o.account}.dkr.ecr.${o.region}.${suffix}/${f.ref}`, Arn: `arn:${partition(o.region)}:ecr:${o.region}:${o.account}:repository/${f.ref}` };
      }
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
