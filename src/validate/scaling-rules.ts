/**
 * The rules of the Application Auto Scaling API that its model does not carry, for the documents
 * that are for ecs2k8s (ServiceNamespace ecs; the others are skipped at pairing with a note):
 * capacities are whole numbers from 0 with MinCapacity ≤ MaxCapacity, an ECS ResourceId has the
 * form service/CLUSTER/SERVICE, and a target tracking TargetValue is above 0.
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `service/CLUSTER/SERVICE` (the cluster part may be a cluster ARN, which holds a "/"): the cluster name and the service name. */
export function parseEcsResourceId(id: string): { cluster: string; service: string } | undefined {
  const m = /^service\/(.+)\/([^/]+)$/.exec(id);
  if (!m) return undefined;
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(m[1]!);
  return { cluster: arn ? arn[1]! : m[1]!, service: m[2]! };
}

function capacities(doc: EcsDocument, holder: Obj, base: string, d: Diagnostics): void {
  for (const k of ['MinCapacity', 'MaxCapacity']) {
    const v = holder[k];
    if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) {
      d.error(doc.source, pointerJoin(base, k), 'out-of-range', `"${k}" is ${show(v)}, but Application Auto Scaling takes a whole number of tasks from 0`);
    }
  }
  const min = holder['MinCapacity'];
  const max = holder['MaxCapacity'];
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    d.error(doc.source, pointerJoin(base, 'MinCapacity'), 'out-of-range', `"MinCapacity" ${min} is more than "MaxCapacity" ${max}: Application Auto Scaling rejects it; lower MinCapacity or raise MaxCapacity`);
  }
}

export function runScalingRules(doc: EcsDocument, d: Diagnostics): void {
  if (doc.kind !== 'scalableTarget' && doc.kind !== 'scalingPolicy' && doc.kind !== 'scheduledAction') return;
  const v = doc.value;
  if (v['ServiceNamespace'] !== 'ecs') return;
  const id = v['ResourceId'];
  if (typeof id === 'string' && !parseEcsResourceId(id)) {
    d.error(doc.source, pointerJoin(doc.pointer, 'ResourceId'), 'invalid-value', `"ResourceId" is ${show(id)}, but an ECS service's resource ID has the form "service/CLUSTER/SERVICE" (for example "service/prod/web")`);
  }
  if (doc.kind === 'scalableTarget') capacities(doc, v, doc.pointer, d);
  if (doc.kind === 'scheduledAction' && isObj(v['ScalableTargetAction'])) capacities(doc, v['ScalableTargetAction'], pointerJoin(doc.pointer, 'ScalableTargetAction'), d);
  const tt = v['TargetTrackingScalingPolicyConfiguration'];
  if (doc.kind === 'scalingPolicy' && isObj(tt) && typeof tt['TargetValue'] === 'number' && !(tt['TargetValue'] > 0)) {
    d.error(doc.source, pointerJoin(doc.pointer, 'TargetTrackingScalingPolicyConfiguration', 'TargetValue'), 'out-of-range', `"TargetValue" is ${show(tt['TargetValue'])}, but a target tracking policy needs a target above 0`);
  }
}
