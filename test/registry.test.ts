/**
 * The conversion registry classifies every member of the ECS model: a member of the generated
 * input schemas that is missing from it fails here, and so does a registry entry that names a
 * member the model no longer has. Members beneath an entry marked none/cluster/ignored are
 * covered by that entry.
 */
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../src/convert/registry.js';
import { deref, schemas, type SchemaNode } from '../src/model/schemas.js';

const COVERS_SUBTREE = new Set(['none', 'cluster', 'ignored']);

function refName(node: SchemaNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.$ref) return decodeURIComponent(node.$ref.replace(/^#\/definitions\//, ''));
  if (node.items) return refName(node.items);
  return undefined;
}

/** Every Type.member reachable from the root through members that the registry does not mark as covering their subtree. */
function reachableMembers(root: SchemaNode, rootType: string): { needed: string[]; all: Set<string> } {
  const needed: string[] = [];
  const all = new Set<string>();
  const seen = new Set<string>();
  const queue = [rootType];
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (seen.has(type)) continue;
    seen.add(type);
    const def = deref(root, root.definitions?.[type]);
    for (const [member, prop] of Object.entries(def?.properties ?? {})) {
      if (prop.readOnly) continue;
      const key = `${type}.${member}`;
      all.add(key);
      needed.push(key);
      const entry = REGISTRY.get(key);
      const child = refName(prop);
      if (child && (!entry || !COVERS_SUBTREE.has(entry.status))) queue.push(child);
    }
  }
  return { needed, all };
}

/** Every Type.member of a schema file, for detecting stale registry entries. */
function allMembers(root: SchemaNode): Set<string> {
  const out = new Set<string>();
  for (const [type, def] of Object.entries(root.definitions ?? {})) for (const m of Object.keys(def.properties ?? {})) out.add(`${type}.${m}`);
  return out;
}

describe('conversion registry', () => {
  const td = reachableMembers(schemas.taskDefinition, 'RegisterTaskDefinitionRequest');
  const svc = reachableMembers(schemas.service, 'CreateServiceRequest');

  it('classifies every member of RegisterTaskDefinitionRequest, ContainerDefinition and the types under them', () => {
    const missing = td.needed.filter((k) => !REGISTRY.has(k));
    expect(missing).toEqual([]);
    expect(td.needed).toContain('ContainerDefinition.portMappings');
    expect(td.needed).toContain('HealthCheck.startPeriod');
  });

  it('classifies every member of CreateServiceRequest and the types under it', () => {
    const missing = svc.needed.filter((k) => !REGISTRY.has(k));
    expect(missing).toEqual([]);
    expect(svc.needed).toContain('DeploymentConfiguration.maximumPercent');
  });

  for (const [kind, root] of [
    ['scalableTarget', 'RegisterScalableTargetRequest'],
    ['scalingPolicy', 'PutScalingPolicyRequest'],
    ['scheduledAction', 'PutScheduledActionRequest'],
    ['deploymentGroup', 'DeploymentGroupInfo'],
    ['metricAlarm', 'PutMetricAlarmInput'],
  ] as const) {
    it(`classifies every member of ${root} and the types under it`, () => {
      const r = reachableMembers(schemas[kind], root);
      expect(r.needed.filter((k) => !REGISTRY.has(k))).toEqual([]);
      expect(r.needed.length).toBeGreaterThan(5);
    });
  }

  it('names no member that the model does not have', () => {
    const known = new Set(Object.values(schemas).flatMap((s) => [...allMembers(s)]));
    expect([...REGISTRY.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it('gives every entry an area and a target, and a note to every member without equivalent', () => {
    for (const [k, e] of [...REGISTRY]) {
      expect(e.target, k).not.toBe('');
      if (
        e.status === 'none' &&
        !/^Deployment(CircuitBreaker\.(resetOnHealthyTask|thresholdConfiguration)|Configuration\.earlySuccessCriteria)|ServiceConnectClientAlias\.testTrafficRules|CreateServiceRequest\.gatewayConnectors/.test(
          k,
        )
      ) {
        expect(e.note, k).toBeTruthy();
      }
    }
  });
});
