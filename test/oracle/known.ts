/**
 * known-differences.json: every difference the oracle finds today, explained or not, with the
 * issue-14 bullet it belongs to. The test holds the oracle's findings to this list, so that a new
 * difference fails (a defect, or a warning to write) and a fixed one fails too (shrink the list:
 * `UPDATE_ORACLE=1 npx vitest run test/oracle`). It is the work order of the converter half of
 * issue 14.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Classified } from './compare.js';
import type { Bullet } from './facts.js';

export interface KnownDifference {
  case: string;
  workload: string;
  container: string;
  fact: string;
  status: 'explained' | 'unexplained';
  ecs: string;
  k8s: string;
  bullet: Bullet;
  /** The warning that explains it. */
  by?: string;
  /** An info note about it (unexplained only): notes are for what does not change behaviour. */
  noted?: string;
}

export const keyOf = (d: Pick<KnownDifference, 'case' | 'workload' | 'container' | 'fact' | 'status' | 'ecs' | 'k8s'>): string =>
  [d.case, d.workload, d.container, d.fact, d.status, d.ecs, d.k8s].join(' | ');

export function toKnown(caseId: string, d: Classified): KnownDifference | undefined {
  if (d.status === 'steered') return undefined;
  const k: KnownDifference = { case: caseId, workload: d.workload, container: d.container, fact: d.fact, status: d.status, ecs: d.ecs, k8s: d.k8s, bullet: d.bullet };
  if (d.by !== undefined) k.by = d.by;
  if (d.noted !== undefined) k.noted = d.noted;
  return k;
}

const ABOUT =
  'Differences between what ECS does with each input and what the emitted bundle does in Kubernetes, found by the equivalence oracle (test/oracle, SPEC §10). "unexplained" ones are defects: no warning says so. Regenerate with UPDATE_ORACLE=1 npx vitest run test/oracle/oracle.test.ts, then read the diff: every line that goes is a fix, every line that comes is a new defect.';

export function readKnown(file: string): KnownDifference[] {
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { differences: KnownDifference[] }).differences;
}

/** Writes the list, keeping the entries of cases that did not run this time (the corpus may be absent). */
export function writeKnown(file: string, found: readonly KnownDifference[], ran: ReadonlySet<string>): void {
  const kept = readKnown(file).filter((k) => !ran.has(k.case));
  const all = [...kept, ...found].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  // One difference per line: the list is read (and diffed) by people.
  writeFileSync(file, `{\n  "about": ${JSON.stringify(ABOUT)},\n  "differences": [\n${all.map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]\n}\n`);
}
