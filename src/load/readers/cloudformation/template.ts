/**
 * One CloudFormation template → ECS documents: `AWS::ECS::TaskDefinition` → taskDefinition,
 * `AWS::ECS::Service` → service, `AWS::ApplicationAutoScaling::ScalableTarget` → scalableTarget
 * (and its inline `ScheduledActions` → scheduledAction), `ScalingPolicy` → scalingPolicy.
 * `AWS::ECS::Cluster` names the cluster its services run in (its ClusterName, else its logical
 * id). A resource whose `Condition` is false is skipped. Each document's pointer is its
 * resource's `/Resources/<id>/Properties`, and its source maps every member to the template.
 */
import { basename } from 'node:path';
import type { Code } from '../../../codes.js';
import { pointerJoin, type Diagnostics } from '../../../diagnostics.js';
import { schemas } from '../../../model/schemas.js';
import type { DocumentKind, EcsDocument } from '../../document.js';
import { LineIndex } from '../../json.js';
import { MappedSource } from '../../source.js';
import type { ReaderOptions } from '../types.js';
import { learnFacts } from './facts.js';
import { placeholders, Resolver, type ResourceFacts } from './intrinsics.js';
import { Translator } from './translate.js';
import { entry, member, str, type TNode } from './tree.js';

export interface TemplateContext {
  options: ReaderOptions;
  used: Set<string>;
  /** CDK output: asset images become placeholders. */
  cdk?: boolean;
}

const ECS = 'AWS::ECS::';
const AAS = 'AWS::ApplicationAutoScaling::';
const KINDS: Record<string, DocumentKind> = {
  [`${ECS}TaskDefinition`]: 'taskDefinition',
  [`${ECS}Service`]: 'service',
  [`${AAS}ScalableTarget`]: 'scalableTarget',
  [`${AAS}ScalingPolicy`]: 'scalingPolicy',
};

/** CDK's bootstrapped asset repository: `…/cdk-<qualifier>-container-assets-<account>-<region>:<hash>`. */
const CDK_ASSET = /cdk-[a-z0-9]+-container-assets-.*:([0-9a-f]{12,64})$/;

export function readTemplate(file: string, text: string, root: TNode, d: Diagnostics, ctx: TemplateContext): EcsDocument[] {
  const lines = new LineIndex(text);
  const report = (code: Code, severity: 'error' | 'warning' | 'info', at: number, message: string) => {
    const { line, column } = lines.position(at);
    d.add({ code, severity, file, line, column, message });
  };
  const resources = member(root, 'Resources');
  if (resources?.t !== 'map') {
    report('cfn-invalid', 'error', root.at, 'a CloudFormation template needs a "Resources" mapping');
    return [];
  }
  const o = ctx.options;
  const facts = new Map<string, ResourceFacts>();
  for (const r of resources.entries) facts.set(r.key, { type: str(member(r.value, 'Type')) ?? '' });
  const resolver = new Resolver({
    parameters: o.parameters ?? {},
    ...(o.region !== undefined && { region: o.region }),
    ...(o.account !== undefined && { account: o.account }),
    ...(o.stackName !== undefined && { stackName: o.stackName }),
    defaultStackName:
      basename(file)
        .replace(/(\.template)?\.(json|ya?ml|template)$/i, '')
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'stack',
    parameterDecls: member(root, 'Parameters'),
    mappings: member(root, 'Mappings'),
    conditions: member(root, 'Conditions'),
    resources: facts,
    report,
    used: (option) => ctx.used.add(option),
  });
  const decls = member(root, 'Parameters');
  if (decls?.t === 'map') for (const p of decls.entries) ctx.used.add(`parameter:${p.key}`);
  const active = new Map<string, boolean>();
  const isActive = (id: string, r: TNode): boolean => {
    const known = active.get(id);
    if (known !== undefined) return known;
    const c = member(r, 'Condition');
    const name = str(c);
    const on = name === undefined ? true : resolver.condition(name, c!.at) === true;
    active.set(id, on);
    if (!on && KINDS[facts.get(id)?.type ?? ''] !== undefined) report('cfn-ignored', 'info', entry(r, 'Condition')!.keyAt, `the resource ${id} is skipped: its condition ${name} is false`);
    return on;
  };
  const unknownCluster = resolver.silently(() => learnFacts(resources.entries, facts, resolver, o));
  const source = new MappedSource(file, text);
  const docs: EcsDocument[] = [];
  const targets = new Map<string, Record<string, unknown>>();
  const pending: { doc: EcsDocument; targetId: string; at: number }[] = [];
  for (const r of resources.entries) {
    const type = facts.get(r.key)!.type;
    const kind = KINDS[type];
    if (kind === undefined || !isActive(r.key, r.value)) continue;
    const props = entry(r.value, 'Properties');
    const base = pointerJoin(pointerJoin(pointerJoin('', 'Resources'), r.key), 'Properties');
    source.map(base, { key: lines.position(props?.keyAt ?? r.keyAt), value: lines.position(props?.value.at ?? r.value.at) });
    // A policy's ScalingTargetId names its target by logical id (read below), not by what Ref of it would be.
    const written = props && kind === 'scalingPolicy' && props.value.t === 'map' ? { ...props.value, entries: props.value.entries.filter((e) => e.key !== 'ScalingTargetId') } : props?.value;
    const resolved = written ? resolver.resolve(written) : { t: 'map' as const, entries: [], at: r.value.at };
    if (resolved && resolved.t !== 'map') {
      report('cfn-invalid', 'error', props?.value.at ?? r.keyAt, `the Properties of ${r.key} must be a mapping`);
      continue;
    }
    const sink = {
      map: (ptr: string, keyAt: number | undefined, valueAt: number) => source.map(ptr, { ...(keyAt !== undefined && { key: lines.position(keyAt) }), value: lines.position(valueAt) }),
      unknown: (at: number, message: string) => report('unknown-member', 'error', at, message),
      ignored: (at: number, message: string) => report('cfn-ignored', 'info', at, message),
      dynamic: (at: number, v: string) =>
        report('cfn-unresolved', 'warning', at, `the dynamic reference ${JSON.stringify(v)} is resolved by CloudFormation when the stack is deployed: it stays a placeholder here`),
    };
    const translator = new Translator(schemas[kind], sink, `${type} ${r.key}`);
    const node = resolved ?? { t: 'map' as const, entries: [], at: r.value.at };
    const value = translator.value(node, schemas[kind], base) as Record<string, unknown>;
    const doc: EcsDocument = { kind, source, pointer: base, value };
    const keyAt = lines.position(r.keyAt);
    if (kind === 'taskDefinition') {
      if (value['family'] === undefined) {
        value['family'] = r.key;
        report('cfn-ignored', 'info', r.keyAt, `${r.key} has no Family: CloudFormation names the family when it deploys the stack; the logical id ${JSON.stringify(r.key)} stands for it`);
      }
      if (ctx.cdk) assetImages(value, node, report);
    } else if (kind === 'service') {
      value['serviceName'] = facts.get(r.key)!.attributes!['Name'];
      if (!member(props?.value, 'ServiceName')) source.map(pointerJoin(base, 'serviceName'), { key: keyAt, value: keyAt });
      const cl = member(node, 'Cluster');
      if (cl && placeholders.has(cl)) {
        delete value['cluster'];
        report('cfn-unresolved', 'warning', cl.at, "the cluster is not known offline: the service is built into the default namespace (give --namespace, or the cluster's stack)");
      }
    } else if (kind === 'scalableTarget') {
      targets.set(r.key, value);
      const sched = member(props?.value && resolved, 'ScheduledActions');
      if (sched?.t === 'seq') {
        sched.items.forEach((item, i) => {
          const ptr = pointerJoin(pointerJoin(base, 'ScheduledActions'), i);
          source.map(ptr, { value: lines.position(item.at) });
          const a = new Translator(schemas.scheduledAction, sink, `a scheduled action of ${r.key}`).value(item, schemas.scheduledAction, ptr) as Record<string, unknown>;
          for (const k of ['ResourceId', 'ScalableDimension', 'ServiceNamespace']) if (value[k] !== undefined) a[k] = value[k];
          docs.push({ kind: 'scheduledAction', source, pointer: ptr, value: a });
        });
      }
    } else if (kind === 'scalingPolicy') {
      const t = member(props?.value, 'ScalingTargetId');
      const id = t?.t === 'map' ? str(member(t, 'Ref')) : undefined;
      if (t && id === undefined) report('cfn-unresolved', 'warning', t.at, 'ScalingTargetId is not a Ref to a scalable target of this template: the policy is paired by its ResourceId only');
      if (id !== undefined) pending.push({ doc, targetId: id, at: t!.at });
    }
    docs.push(doc);
  }
  // A service whose cluster is not known is in the default cluster: so are the scaling documents written for it.
  for (const doc of docs) {
    const id = doc.kind === 'service' ? undefined : doc.value['ResourceId'];
    const m = typeof id === 'string' ? /^service\/(<.*>)\/([^/]+)$/.exec(id) : null;
    if (m && unknownCluster.has(m[2]!)) doc.value['ResourceId'] = `service/default/${m[2]}`;
  }
  if (docs.length === 0)
    report(
      'empty-document',
      'warning',
      entry(root, 'Resources')?.keyAt ?? resources.at,
      'the template declares no AWS::ECS::TaskDefinition or AWS::ECS::Service (or their conditions are false): nothing to build from it',
    );
  for (const p of pending) {
    const target = targets.get(p.targetId);
    if (!target) {
      report('cfn-invalid', 'error', p.at, `ScalingTargetId: ${p.targetId} is not an AWS::ApplicationAutoScaling::ScalableTarget of this template`);
      continue;
    }
    for (const k of ['ResourceId', 'ScalableDimension', 'ServiceNamespace']) if (p.doc.value[k] === undefined && target[k] !== undefined) p.doc.value[k] = target[k];
  }
  return docs;
}

/** CDK builds an image asset into its bootstrap repository only when it deploys: the image is a placeholder that --image fills. */
function assetImages(value: Record<string, unknown>, node: TNode, report: (code: Code, s: 'warning', at: number, m: string) => void): void {
  const defs = value['containerDefinitions'];
  const cds = member(node, 'ContainerDefinitions');
  if (!Array.isArray(defs)) return;
  defs.forEach((c, i) => {
    if (c === null || typeof c !== 'object') return;
    const cd = c as Record<string, unknown>;
    const image = cd['image'];
    const m = typeof image === 'string' ? CDK_ASSET.exec(image) : null;
    if (!m) return;
    const name = typeof cd['name'] === 'string' ? cd['name'] : `container ${i}`;
    cd['image'] = `<cdk-asset:${m[1]!.slice(0, 12)}>`;
    const at = member(cds?.t === 'seq' ? cds.items[i] : undefined, 'Image')?.at ?? cds?.at ?? 0;
    report('cdk-asset-image', 'warning', at, `the image of ${name} is a CDK asset (${m[1]!.slice(0, 12)}…), built and pushed when the app is deployed: give --image ${name}=URI`);
  });
}
