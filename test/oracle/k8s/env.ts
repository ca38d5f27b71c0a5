/**
 * The environment a container sees in Kubernetes, by name only ("Define Environment Variables for
 * a Container", "Distribute Credentials Securely Using Secrets", kubernetes.io): `env` entries
 * (a value, or valueFrom a field, a ConfigMap key or a Secret key), and `envFrom` (every key of a
 * ConfigMap or Secret, names known only at run time). Where an ExternalSecret of the bundle fills
 * the Secret (external-secrets.io: "spec.target.name ... defaults to the ExternalSecret name";
 * data[].secretKey ← remoteRef key, property, version), the secret's identity is that remote
 * reference, in the store's account and region unless the key is a full ARN.
 */
import { fact, type Facts } from '../model.js';
import { parseSecretRef } from '../arn.js';
import { isObj, list, str, type K8sObject, type Obj } from './read.js';

function remoteIdentity(remote: Obj): string {
  const key = str(remote['key']) ?? '?';
  const ref = key.startsWith('arn:') ? parseSecretRef(key) : { name: key };
  let s = ref.name;
  const property = str(remote['property']);
  if (property) s += `#${property}`;
  const version = str(remote['version']);
  if (version) s += version.startsWith('uuid/') ? `@version:${version.slice(5)}` : `@stage:${version}`;
  if ('account' in ref && ref.account !== undefined) s += ` in ${ref.account}/${ref.region ?? '?'}`;
  return s;
}

export function envFacts(c: Obj, namespace: string, objects: readonly K8sObject[]): Facts {
  const plain: string[] = [];
  const secrets: string[] = [];
  const sources: string[] = [];
  for (const e of list(c['env'])) {
    const name = str(e['name']);
    if (name === undefined) continue;
    const vf = isObj(e['valueFrom']) ? e['valueFrom'] : undefined;
    const ref = vf && isObj(vf['secretKeyRef']) ? vf['secretKeyRef'] : undefined;
    if (!ref) {
      plain.push(name);
      continue;
    }
    secrets.push(name);
    const secretName = str(ref['name']);
    const key = str(ref['key']);
    const es = objects.find((o) => o.kind === 'ExternalSecret' && (o.metadata.namespace ?? 'default') === namespace && targetName(o) === secretName);
    const data = es ? list((es['spec'] as Obj | undefined)?.['data']).find((d) => str(d['secretKey']) === key) : undefined;
    sources.push(`${name}=${data && isObj(data['remoteRef']) ? remoteIdentity(data['remoteRef']) : `(Secret ${secretName ?? '?'}/${key ?? '?'})`}`);
  }
  let files = 0;
  for (const f of list(c['envFrom'])) {
    if (isObj(f['configMapRef'])) files++;
    if (isObj(f['secretRef'])) secrets.push(`(all keys of Secret ${str(f['secretRef']['name']) ?? '?'})`);
  }
  const out: Facts = {
    'env.names': fact([...[...new Set(plain)].sort(), ...(files > 0 ? [`(${files} environment file${files > 1 ? 's' : ''})`] : [])].join(', ') || '(none)'),
    'secret.names': fact([...new Set(secrets)].sort().join(', ') || '(none)'),
  };
  if (sources.length > 0) out['secret.sources'] = fact(sources.sort().join('; '));
  return out;
}

function targetName(es: K8sObject): string {
  const spec = isObj(es['spec']) ? es['spec'] : {};
  const target = isObj(spec['target']) ? spec['target'] : {};
  return str(target['name']) ?? es.metadata.name;
}
