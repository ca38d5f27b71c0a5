/**
 * Pairing: which task definition each service runs (family, family:revision or an ARN), and
 * which task definitions are built on their own. Errors name the families given (the closest
 * few of a fleet) so that a missing or misspelt task definition is found in one step.
 */
import { show, type Diagnostics } from '../diagnostics.js';
import type { EcsDocument } from '../load/shapes.js';
import { distance } from '../model/suggest.js';
import { serviceOf, taskDefinitionOf } from '../model/ecs.js';

/** A task definition and the service that runs it (none: the task definition is built on its own). */
export interface Pair {
  td: EcsDocument;
  svc?: EcsDocument;
}

/** Parses `family`, `family:revision` or a task definition ARN. */
export function parseTaskDefinitionRef(ref: string): { family: string; revision?: number } {
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:task-definition\/(.+)$/.exec(ref);
  const s = arn ? arn[1]! : ref;
  const m = /^(.*):(\d+)$/.exec(s);
  return m ? { family: m[1]!, revision: Number(m[2]) } : { family: s };
}

function revisionOf(td: EcsDocument): number | undefined {
  return typeof td.value['revision'] === 'number' ? td.value['revision'] : undefined;
}

/** Pairs each service with its task definition; the task definitions no service runs are built on their own. */
export function pairDocuments(documents: EcsDocument[], d: Diagnostics): Pair[] {
  const tds = documents.filter((x) => x.kind === 'taskDefinition');
  const svcs = documents.filter((x) => x.kind === 'service');
  const byFamily = new Map<string, EcsDocument[]>();
  for (const td of tds) {
    const f = taskDefinitionOf(td).family;
    (byFamily.get(f) ?? byFamily.set(f, []).get(f)!).push(td);
  }
  const used = new Set<EcsDocument>();
  const pairs: Pair[] = [];
  const families = (near: string | undefined) => familyList([...byFamily.keys()], near);
  for (const svc of svcs) {
    const ref = serviceOf(svc).taskDefinition;
    const ptr = `${svc.pointer}/taskDefinition`;
    if (ref === undefined) {
      if (tds.length === 1) {
        d.info(svc.source, svc.pointer, 'paired', `the service names no taskDefinition: it is paired with the only task definition given, ${show(taskDefinitionOf(tds[0]!).family)}`);
        pairs.push({ td: tds[0]!, svc });
        used.add(tds[0]!);
      } else {
        d.error(
          svc.source,
          svc.pointer,
          'unpaired-service',
          `the service names no "taskDefinition" and ${tds.length} task definitions were given (${families(serviceOf(svc).serviceName)}): add "taskDefinition", or build it with its one task definition`,
        );
      }
      continue;
    }
    const { family, revision } = parseTaskDefinitionRef(ref);
    const candidates = byFamily.get(family) ?? [];
    if (candidates.length === 0) {
      d.error(
        svc.source,
        ptr,
        'unpaired-service',
        `the service runs the task definition ${show(ref)}, but no input holds family ${show(family)} (${families(family)}): pass its task definition file too`,
      );
      continue;
    }
    let td = revision !== undefined ? candidates.find((c) => revisionOf(c) === revision) : undefined;
    if (!td) {
      if (candidates.length === 1) {
        td = candidates[0]!;
        if (revision !== undefined) {
          const has = revisionOf(td);
          d.info(
            svc.source,
            ptr,
            'paired',
            `the service runs ${show(ref)}; it is paired with the ${show(family)} task definition in ${td.source.file}${has === undefined ? ', which carries no revision' : `, revision ${has}`}`,
          );
        }
      } else {
        const revs = candidates.map((c) => revisionOf(c) ?? 'none').join(', ');
        d.error(
          svc.source,
          ptr,
          'unpaired-service',
          `the service runs ${show(ref)}, and ${candidates.length} task definitions of family ${show(family)} were given (revisions: ${revs}): name the revision to use, or pass only one`,
        );
        continue;
      }
    }
    pairs.push({ td, svc });
    used.add(td);
  }
  const pairedFamilies = new Set([...used].map((td) => taskDefinitionOf(td).family));
  for (const td of tds) {
    if (used.has(td)) continue;
    const family = taskDefinitionOf(td).family;
    if (pairedFamilies.has(family)) {
      d.info(td.source, td.pointer, 'paired', `this revision of ${show(family)} is not the one its service runs: it is not built on its own`);
      continue;
    }
    pairs.push({ td });
  }
  return pairs;
}

/** Up to this many families are listed in full; of more, the closest few by edit distance. */
const FAMILIES_LISTED = 5;
const FAMILIES_CLOSEST = 3;

/** "families found: …" for a few families; "the closest of N families: …" for a fleet. */
export function familyList(all: readonly string[], near: string | undefined): string {
  const sorted = [...all].sort();
  if (sorted.length === 0) return 'families found: none';
  if (sorted.length <= FAMILIES_LISTED || near === undefined) {
    const shown = sorted.slice(0, FAMILIES_LISTED).map((f) => show(f));
    return `families found: ${shown.join(', ')}${sorted.length > shown.length ? `, and ${sorted.length - shown.length} more` : ''}`;
  }
  const target = near.toLowerCase();
  const closest = sorted
    .map((f) => ({ f, d: distance(target, f.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.f < b.f ? -1 : 1))
    .slice(0, FAMILIES_CLOSEST)
    .map((x) => show(x.f));
  return `the closest of the ${sorted.length} families found: ${closest.join(', ')}`;
}
