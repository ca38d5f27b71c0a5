/**
 * The rules of the Application Auto Scaling API that its model does not carry, for the documents
 * that are for ecs2k8s (ServiceNamespace ecs; the others are skipped at pairing with a note):
 * capacities are whole numbers from 0 with MinCapacity ≤ MaxCapacity, an ECS ResourceId has the
 * form service/CLUSTER/SERVICE, and a target tracking TargetValue is above 0.
 */
import { Diagnostics, pointerJoin, show } from '../../diagnostics.js';
import type { EcsDocument } from '../../load/shapes.js';
import { isObject, type Obj } from '../../model/values.js';
import { parseEcsResourceId } from '../resource-id.js';
import type { Rule } from './rule.js';

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
    d.error(
      doc.source,
      pointerJoin(base, 'MinCapacity'),
      'out-of-range',
      `"MinCapacity" ${min} is more than "MaxCapacity" ${max}: Application Auto Scaling rejects it; lower MinCapacity or raise MaxCapacity`,
    );
  }
}

/** A scalable target, scaling policy or scheduled action of an ECS service. */
export const applicationAutoScaling: Rule = (doc, d) => {
  const v = doc.value;
  if (v['ServiceNamespace'] !== 'ecs') return;
  const id = v['ResourceId'];
  if (typeof id === 'string' && !parseEcsResourceId(id)) {
    d.error(
      doc.source,
      pointerJoin(doc.pointer, 'ResourceId'),
      'invalid-value',
      `"ResourceId" is ${show(id)}, but an ECS service's resource ID has the form "service/CLUSTER/SERVICE" (for example "service/prod/web")`,
    );
  }
  if (doc.kind === 'scalableTarget') capacities(doc, v, doc.pointer, d);
  if (doc.kind === 'scheduledAction' && isObject(v['ScalableTargetAction'])) capacities(doc, v['ScalableTargetAction'], pointerJoin(doc.pointer, 'ScalableTargetAction'), d);
  const tt = v['TargetTrackingScalingPolicyConfiguration'];
  if (doc.kind === 'scalingPolicy' && isObject(tt) && typeof tt['TargetValue'] === 'number' && !(tt['TargetValue'] > 0)) {
    d.error(
      doc.source,
      pointerJoin(doc.pointer, 'TargetTrackingScalingPolicyConfiguration', 'TargetValue'),
      'out-of-range',
      `"TargetValue" is ${show(tt['TargetValue'])}, but a target tracking policy needs a target above 0`,
    );
  }
};
