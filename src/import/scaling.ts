/**
 * The scaling of the imported services: their scalable targets (ServiceNamespace ecs,
 * ecs:service:DesiredCount), and for each service that has one, its scaling policies and
 * scheduled actions. Written as describe responses (`{"ScalableTargets": […]}`, …), the shape
 * `validate` and `build` read, with only the request members kept (the read-only ones, from the
 * generated schemas, dropped) and keys sorted: `scaling/<service>-targets.json`,
 * `-policies.json`, `-schedules.json`, each only when it has something.
 *
 * Access denied on these calls does not fail the import (teams grant ecs:Describe* first): a
 * note says that scaling was not read and which permissions read it.
 */
import { readOnlyMembers, schemas } from '../model/schemas.js';
import type { AasApi } from './aas.js';
import { TARGETS_BATCH } from './aas.js';
import { AAS_PERMISSIONS, ImportError } from './errors.js';
import { fileStems } from './names.js';
import { canonical, toFileText, type JsonObject } from './normalise.js';
import type { Obj } from '../model/values.js';

const READ_ONLY = {
  target: readOnlyMembers(schemas.scalableTarget),
  policy: readOnlyMembers(schemas.scalingPolicy),
  action: readOnlyMembers(schemas.scheduledAction),
};

function requestOnly(o: Obj, readOnly: Set<string>): JsonObject {
  return (canonical(Object.fromEntries(Object.entries(o).filter(([k]) => !readOnly.has(k)))) ?? {}) as JsonObject;
}

export interface ImportedScaling {
  files: Map<string, string>;
  notes: string[];
  /** Documents written (targets, policies, scheduled actions). */
  count: number;
}

export async function importScaling(aas: AasApi, cluster: string, serviceNames: readonly string[]): Promise<ImportedScaling> {
  const out: ImportedScaling = { files: new Map(), notes: [], count: 0 };
  const idOf = new Map(serviceNames.map((s) => [`service/${cluster}/${s}`, s]));
  const ids = [...idOf.keys()].sort();
  try {
    const targets: Obj[] = [];
    for (let i = 0; i < ids.length; i += TARGETS_BATCH) targets.push(...(await aas.describeScalableTargets(ids.slice(i, i + TARGETS_BATCH))));
    const stems = fileStems(serviceNames);
    const byId = new Map(targets.filter((t) => idOf.has(String(t['ResourceId']))).map((t) => [String(t['ResourceId']), t]));
    for (const id of [...byId.keys()].sort()) {
      const stem = stems.get(idOf.get(id)!)!;
      const policies = (await aas.describeScalingPolicies(id)).map((p) => requestOnly(p, READ_ONLY.policy));
      const actions = (await aas.describeScheduledActions(id)).map((a) => requestOnly(a, READ_ONLY.action));
      out.files.set(`scaling/${stem}-targets.json`, toFileText({ ScalableTargets: [requestOnly(byId.get(id)!, READ_ONLY.target)] }));
      if (policies.length > 0) out.files.set(`scaling/${stem}-policies.json`, toFileText({ ScalingPolicies: policies }));
      if (actions.length > 0) out.files.set(`scaling/${stem}-schedules.json`, toFileText({ ScheduledActions: actions }));
      out.count += 1 + policies.length + actions.length;
    }
  } catch (e) {
    if (e instanceof ImportError && e.code === 'aws-access-denied') {
      out.files.clear();
      out.count = 0;
      out.notes.push(`the services' scaling was not read (${e.message.split(': allow')[0]}): allow ${AAS_PERMISSIONS.join(', ')} to import scalable targets, scaling policies and scheduled actions`);
      return out;
    }
    throw e;
  }
  return out;
}
