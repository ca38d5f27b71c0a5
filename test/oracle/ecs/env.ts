/**
 * The environment a container sees in ECS, by name only (never a value): `environment`,
 * `environmentFiles` ("a list of files containing the environment variables to pass to a
 * container" — their names are only known at run time) and `secrets` ("name: the name of the
 * environment variable"; "valueFrom: the secret to expose to the container ... either the full ARN
 * of the AWS Secrets Manager secret or the full ARN of the parameter in the SSM Parameter Store";
 * "If the SSM Parameter Store parameter exists in the same Region as the task you're launching,
 * then you can use either the full ARN or name of the parameter"), Amazon ECS Developer Guide,
 * "Pass sensitive data to an Amazon ECS container".
 */
import { fact, type Facts } from '../model.js';
import { isObj, list, str, type Obj } from './read.js';
import type { EcsTask } from './task.js';
import { parseSecretRef, type SecretRef } from '../arn.js';

/** Where the task runs: the account of its roles, the region of the project file or its log configuration. */
export function taskHome(task: EcsTask): { account?: string; region?: string } {
  const home: { account?: string; region?: string } = {};
  for (const k of ['executionRoleArn', 'taskRoleArn']) {
    const m = /^arn:aws[a-z-]*:iam::(\d+):/.exec(str(task.td.value[k]) ?? '');
    if (m && home.account === undefined) home.account = m[1]!;
  }
  const logRegion = (c: Obj): string | undefined => {
    const lc = c['logConfiguration'];
    const options = isObj(lc) ? lc['options'] : undefined;
    return isObj(options) ? str(options['awslogs-region']) : undefined;
  };
  const region = task.inv.region ?? task.containers.map(logRegion).find((r) => r !== undefined);
  if (region !== undefined) home.region = region;
  return home;
}

/** `name[#key][@stage:x][@version:y][@account/region]`, the form both sides print. */
export function secretIdentity(ref: SecretRef, home: { account?: string; region?: string }): string {
  let s = ref.name;
  if (ref.jsonKey) s += `#${ref.jsonKey}`;
  if (ref.stage) s += `@stage:${ref.stage}`;
  if (ref.version) s += `@version:${ref.version}`;
  const elsewhere = (ref.account !== undefined && home.account !== undefined && ref.account !== home.account) || (ref.region !== undefined && home.region !== undefined && ref.region !== home.region);
  if (elsewhere) s += ` in ${ref.account ?? '?'}/${ref.region ?? '?'}`;
  return s;
}

export function envFacts(task: EcsTask, c: Obj): Facts {
  const secrets = list(c['secrets']);
  const secretNames = new Set(secrets.map((s) => str(s['name'])).filter((n): n is string => n !== undefined));
  const plain = [
    ...new Set(
      list(c['environment'])
        .map((e) => str(e['name']))
        .filter((n): n is string => n !== undefined && !secretNames.has(n)),
    ),
  ].sort();
  const files = list(c['environmentFiles']).length;
  const home = taskHome(task);
  const sources = secrets
    .map((s) => [str(s['name']), str(s['valueFrom'])] as const)
    .filter((p): p is readonly [string, string] => p[0] !== undefined && p[1] !== undefined)
    .map(([n, v]) => `${n}=${secretIdentity(parseSecretRef(v), home)}`)
    .sort();
  const out: Facts = {
    'env.names': fact([...plain, ...(files > 0 ? [`(${files} environment file${files > 1 ? 's' : ''})`] : [])].join(', ') || '(none)'),
    'secret.names': fact([...secretNames].sort().join(', ') || '(none)'),
  };
  if (sources.length > 0) out['secret.sources'] = fact(sources.join('; '));
  return out;
}
