/**
 * The manual steps of one service's migration, read off the objects actually emitted (never off
 * the ECS input): the Secrets and ConfigMaps its pods reference that the bundle does not create,
 * the secret stores its ExternalSecrets read, the IAM role its ServiceAccount names (IRSA trust or
 * an EKS Pod Identity association), the load balancer settings to carry over, and the cluster
 * add-ons its objects need.
 */
import type { K8sObject } from '../bundle/types.js';
import { arr, isObject, str } from '../model/values.js';

export type StepKind = 'secret' | 'configmap' | 'iam' | 'load-balancer' | 'add-on';

export interface Step {
  kind: StepKind;
  /** One sentence: what to do. */
  text: string;
  /** Values to carry over or check, one per line. */
  detail?: string[];
}

export interface AddOn {
  name: string;
  /** The objects that need it, e.g. `Ingress/web`. */
  because: string[];
}

export const ADD_ONS = {
  lbc: 'AWS Load Balancer Controller',
  efs: 'Amazon EFS CSI driver',
  eso: 'External Secrets Operator',
  rollouts: 'Argo Rollouts',
  keda: 'KEDA',
} as const;

const ref = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;

/** Every value under a key anywhere in a tree (pod specs nest at different depths per kind). */
function collect(v: unknown, key: string, out: unknown[] = [], depth = 0): unknown[] {
  if (depth > 16) return out;
  if (Array.isArray(v)) for (const x of v) collect(x, key, out, depth + 1);
  else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k === key) out.push(x);
      collect(x, key, out, depth + 1);
    }
  }
  return out;
}

const annotationsOf = (o: K8sObject) => o.metadata.annotations ?? {};

export function addOnsOf(objects: readonly K8sObject[]): AddOn[] {
  const need = new Map<string, string[]>();
  const add = (name: string, o: K8sObject) => (need.get(name) ?? need.set(name, []).get(name)!).push(ref(o));
  for (const o of objects) {
    const a = annotationsOf(o);
    const spec = isObject(o['spec']) ? o['spec'] : {};
    if (o.kind === 'Ingress' && (spec['ingressClassName'] === 'alb' || Object.keys(a).some((k) => k.startsWith('alb.ingress.kubernetes.io/')))) add(ADD_ONS.lbc, o);
    if (o.kind === 'Service' && Object.keys(a).some((k) => k.startsWith('service.beta.kubernetes.io/aws-load-balancer-'))) add(ADD_ONS.lbc, o);
    if (collect(o, 'driver').includes('efs.csi.aws.com') || (o.kind === 'StorageClass' && o['provisioner'] === 'efs.csi.aws.com')) add(ADD_ONS.efs, o);
    if (o.apiVersion.startsWith('external-secrets.io/')) add(ADD_ONS.eso, o);
    if (o.apiVersion.startsWith('argoproj.io/') && (o.kind === 'Rollout' || o.kind === 'AnalysisTemplate')) add(ADD_ONS.rollouts, o);
    if (o.apiVersion.startsWith('keda.sh/')) add(ADD_ONS.keda, o);
  }
  return [...need].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([name, because]) => ({ name, because }));
}

/**
 * The checklist of one service. `all` is every object of the bundle, so that a Secret or
 * ConfigMap that another service's objects create is not asked for.
 */
export function checklistOf(objects: readonly K8sObject[], namespace: string, all: readonly K8sObject[]): Step[] {
  const steps: Step[] = [];
  const made = (kind: string, name: string) => all.some((o) => (o.kind === kind && o.metadata.name === name) || (kind === 'Secret' && targetOf(o) === name));
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  for (const o of objects) {
    for (const r of collect(o, 'secretKeyRef')) if (isObject(r) && str(r['name'])) secrets.add(str(r['name'])!);
    for (const r of collect(o, 'secretRef')) if (isObject(r) && str(r['name'])) secrets.add(str(r['name'])!);
    for (const r of collect(o, 'imagePullSecrets')) for (const s of arr(r)) if (isObject(s) && str(s['name'])) secrets.add(str(s['name'])!);
    for (const r of collect(o, 'secret')) if (isObject(r) && str(r['secretName'])) secrets.add(str(r['secretName'])!);
    for (const r of [...collect(o, 'configMapKeyRef'), ...collect(o, 'configMapRef'), ...collect(o, 'configMap')]) if (isObject(r) && str(r['name'])) configMaps.add(str(r['name'])!);
  }
  for (const name of [...secrets].sort()) {
    if (!made('Secret', name)) steps.push({ kind: 'secret', text: `Create the Secret "${name}" in namespace "${namespace}" (the bundle references it but does not create it).` });
  }
  const stores = new Map<string, string[]>();
  for (const o of objects) {
    if (o.kind !== 'ExternalSecret') continue;
    const spec = isObject(o['spec']) ? o['spec'] : {};
    const store = isObject(spec['secretStoreRef']) ? spec['secretStoreRef'] : {};
    const key = `${str(store['kind']) ?? 'SecretStore'} "${str(store['name']) ?? '?'}"`;
    const keys = arr(spec['data']).flatMap((d) => (isObject(d) && isObject(d['remoteRef']) && str(d['remoteRef']['key']) ? [str(d['remoteRef']['key'])!] : []));
    (stores.get(key) ?? stores.set(key, []).get(key)!).push(...keys.map((k) => `${o.metadata.name}: ${k}`));
  }
  for (const [store, keys] of [...stores].sort()) {
    steps.push({ kind: 'secret', text: `Make sure the ${store} exists and can read these keys (External Secrets Operator creates the Secrets from them).`, detail: keys });
  }
  for (const name of [...configMaps].sort()) {
    if (!made('ConfigMap', name)) steps.push({ kind: 'configmap', text: `Create the ConfigMap "${name}" in namespace "${namespace}" (for example from the S3 environment file it replaces).` });
  }
  for (const o of objects) {
    if (o.kind !== 'ServiceAccount') continue;
    const role = annotationsOf(o)['eks.amazonaws.com/role-arn'];
    if (role === undefined) continue;
    steps.push({
      kind: 'iam',
      text: `Let the ServiceAccount "${namespace}/${o.metadata.name}" assume the IAM role ${role}: either an EKS Pod Identity association, or (IRSA, the annotation the bundle sets) a trust policy for the cluster's OIDC provider.`,
      detail: [
        `Pod Identity: aws eks create-pod-identity-association --cluster-name CLUSTER --namespace ${namespace} --service-account ${o.metadata.name} --role-arn ${role}`,
        `IRSA: in the role's trust policy, allow sts:AssumeRoleWithWebIdentity for system:serviceaccount:${namespace}:${o.metadata.name}`,
        'The role trusted ecs-tasks.amazonaws.com on ECS: that trust is not needed on EKS.',
      ],
    });
  }
  for (const o of objects) {
    const a = annotationsOf(o);
    const lb = Object.entries(a).filter(
      ([k]) =>
        k.startsWith('alb.ingress.kubernetes.io/') ||
        k.startsWith('service.beta.kubernetes.io/aws-load-balancer-') ||
        k.startsWith('ecs2k8s.io/target-group-arn') ||
        k === 'ecs2k8s.io/load-balancer-name',
    );
    if (o.kind !== 'Ingress' && !(o.kind === 'Service' && lb.length > 0)) continue;
    const what =
      o.kind === 'Ingress'
        ? 'listeners, host rules, certificates (alb.ingress.kubernetes.io/certificate-arn), scheme and health check settings'
        : 'scheme (service.beta.kubernetes.io/aws-load-balancer-scheme), listeners and health check settings';
    steps.push({
      kind: 'load-balancer',
      text: `Carry the load balancer's settings over to the ${o.kind} "${o.metadata.name}": its ${what} are not in the ECS service.`,
      detail: lb.map(([k, v]) => `${k}: ${v}`).sort(),
    });
  }
  for (const a of addOnsOf(objects)) steps.push({ kind: 'add-on', text: `Cluster add-on: install ${a.name} (needed by ${a.because.join(', ')}).` });
  return steps;
}

function targetOf(o: K8sObject): string | undefined {
  if (o.kind !== 'ExternalSecret') return undefined;
  const spec = isObject(o['spec']) ? o['spec'] : {};
  const target = isObject(spec['target']) ? spec['target'] : {};
  return str(target['name']) ?? o.metadata.name;
}
