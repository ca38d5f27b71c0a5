/**
 * The comparison: the ECS behaviour against the Kubernetes behaviour, fact by fact, and each
 * difference classified against the diagnostics ecs2k8s printed for that input:
 *
 * - explained: a warning (or error) says so — its code is one the fact table lists for the fact,
 *   it is about this workload (one of its files) and, for a container fact, about this container
 *   (its pointer lies in the container's definition, or the message quotes the container's name),
 *   and, where the table asks, its message speaks of the fact;
 * - steered: a steering key asked for the difference (ecs2k8s.io/probes, ecs2k8s.io/sidecar);
 * - unexplained: a defect. When only an info note (shown with --verbose) matches, the difference
 *   stays unexplained and `noted` names the note: notes are for what does not change behaviour.
 */
import { resolve } from 'node:path';
import { ruleOf, type Bullet, type FactRule } from './facts.js';
import type { Behaviour, ContainerBehaviour, Facts, WorkloadBehaviour } from './model.js';

export interface Difference {
  /** `family` or `family/service`. */
  workload: string;
  /** '' for a workload fact. */
  container: string;
  fact: string;
  ecs: string;
  k8s: string;
  bullet: Bullet;
  /** The ECS side's note on its value (which volume, which rule): for the diagnostics, never compared. */
  note?: string;
}

export interface Classified extends Difference {
  status: 'explained' | 'steered' | 'unexplained';
  /** The code of the warning that explains it, or the steering key. */
  by?: string;
  /** An info note about the same thing (unexplained differences only). */
  noted?: string;
}

export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  pointer?: string;
}

/** A DNS-1123 label, the form Kubernetes names take ("Object Names and IDs"): lower case, other characters → '-'. */
const dns = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

const workloadId = (w: WorkloadBehaviour): string => (w.service !== undefined ? `${w.family}/${w.service}` : w.family);

function pairWorkload(e: WorkloadBehaviour, k8s: Behaviour): WorkloadBehaviour | undefined {
  const same = k8s.workloads.filter((k) => k.family === e.family);
  return same.find((k) => k.service === e.service) ?? (same.length === 1 ? same[0] : undefined);
}

/** ECS container name → Kubernetes container name (exact, then as a DNS label, then a truncated one). */
function containerMap(e: WorkloadBehaviour, k: WorkloadBehaviour): Map<string, string> {
  const names = k.containers.map((c) => c.name);
  const out = new Map<string, string>();
  for (const c of e.containers) {
    const hit = names.find((n) => n === c.name) ?? names.find((n) => n === dns(c.name)) ?? names.find((n) => n.length >= 40 && dns(c.name).startsWith(n.replace(/-[a-z0-9]{4,}$/, '')));
    if (hit !== undefined) out.set(c.name, hit);
  }
  return out;
}

function rename(value: string, map: Map<string, string>): string {
  return value
    .split(/([\s,:;()]+)/)
    .map((part) => map.get(part) ?? part)
    .join('');
}

function same(rule: FactRule, ecs: string, k8s: string): boolean {
  if (rule.equal) return rule.equal(ecs, k8s);
  if (rule.list) return ecs.split(rule.list).sort().join(rule.list) === k8s.split(rule.list).sort().join(rule.list);
  return ecs === k8s;
}

function compareFacts(workload: string, container: string, ecs: Facts, k8s: Facts | undefined, map: Map<string, string>, out: Difference[]): void {
  for (const [name, e] of Object.entries(ecs)) {
    const rule = ruleOf(name);
    if (!e || !rule) continue;
    const k = k8s?.[name];
    if (!k && (rule.skipWhenAbsent || !k8s)) continue;
    const ev = rule.names ? rename(e.value, map) : e.value;
    const kv = k ? (rule.project ? rule.project(ev, k.value) : k.value) : '(not applicable)';
    if (k && same(rule, ev, kv)) continue;
    const bullet = typeof rule.bullet === 'function' ? rule.bullet(e.value, kv, e.note) : rule.bullet;
    out.push({ workload, container, fact: name, ecs: e.value, k8s: kv, bullet, ...(e.note !== undefined && { note: e.note }) });
  }
}

export function compareBehaviour(ecs: Behaviour, k8s: Behaviour): Difference[] {
  const out: Difference[] = [];
  for (const e of ecs.workloads) {
    const id = workloadId(e);
    const k = pairWorkload(e, k8s);
    if (!k) {
      out.push({ workload: id, container: '', fact: 'present', ecs: 'yes', k8s: 'missing', bullet: 'silent-losses' });
      continue;
    }
    const map = containerMap(e, k);
    compareFacts(id, '', e.facts, k.facts, map, out);
    for (const c of e.containers) {
      const kc = k.containers.find((x) => x.name === map.get(c.name));
      if (!kc) {
        out.push({ workload: id, container: c.name, fact: 'present', ecs: 'yes', k8s: 'missing', bullet: 'silent-losses' });
        continue;
      }
      compareFacts(id, c.name, c.facts, kc.facts, map, out);
    }
  }
  return out;
}

const under = (ptr: string, prefix: string): boolean => ptr === prefix || ptr.startsWith(`${prefix}/`);

function about(d: Diagnostic, w: WorkloadBehaviour, c: ContainerBehaviour | undefined, alsoAt: readonly string[] = []): boolean {
  const sources = w.sources ?? [];
  const src = sources.find((s) => d.file !== undefined && resolve(s.file) === resolve(d.file));
  if (!src) return false;
  if (!c) return true;
  const ptr = d.pointer ?? '';
  if (c.pointer !== undefined && under(ptr, c.pointer)) return true;
  // sources[0] is the task definition: its /volumes (say) count for every container.
  if (src === sources[0] && alsoAt.some((a) => under(ptr, `${src.pointer}${a}`))) return true;
  return d.message.includes(`"${c.name}"`) || d.message.includes(`${c.name}:`);
}

export function classify(diffs: readonly Difference[], ecs: Behaviour, diagnostics: readonly Diagnostic[]): Classified[] {
  return diffs.map((d) => {
    const w = ecs.workloads.find((x) => workloadId(x) === d.workload);
    const c = w?.containers.find((x) => x.name === d.container);
    const steer = w?.steered?.find((s) => s.container === d.container && s.fact === d.fact);
    if (steer) return { ...d, status: 'steered', by: steer.key };
    const rule = ruleOf(d.fact);
    const says = (g: Diagnostic): boolean => (rule?.says === undefined ? true : typeof rule.says === 'function' ? rule.says(g.message, d.ecs, d.k8s, d.note) : rule.says.test(g.message));
    const matching = w && rule ? diagnostics.filter((g) => rule.codes.includes(g.code) && about(g, w, c, rule.alsoAt)) : [];
    const warning = matching.find((g) => g.severity !== 'info' && says(g));
    if (warning) return { ...d, status: 'explained', by: warning.code };
    const note = matching[0];
    return note ? { ...d, status: 'unexplained', noted: `${note.code} (info)` } : { ...d, status: 'unexplained' };
  });
}
