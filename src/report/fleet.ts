/**
 * The facts of a migration report (`build --report html|markdown`), shared by the HTML and the
 * markdown renderers: which services built cleanly, with approximations, or failed; the objects
 * by kind; the ECS fields that need a person; the most frequent warnings; and per service its
 * inputs, objects, diagnostics and a checklist of manual steps (src/report/checklist.ts). A pure
 * function of the build's result: no clock, no environment, so the page is the same byte for byte.
 */
import type { BundleEntry, K8sObject } from '../bundle/types.js';
import { CODES, type Code } from '../codes.js';
import type { Diagnostic } from '../diagnostics.js';
import { VERSION } from '../version.js';
import { addOnsOf, checklistOf, type AddOn, type Step } from './checklist.js';

export interface FleetInput {
  /** The objects built (empty when the build failed as a whole). */
  entries: readonly BundleEntry[];
  /** Diagnostics after the project file's rules and --strict. */
  diagnostics: readonly Diagnostic[];
  /** The input files, as given. */
  files: readonly string[];
  /** How an input file is named in `ecs2k8s.io/source` (src/load/root.ts). */
  source: (file: string) => string;
  /** Inputs that did not build (--keep-going), with the service they hold when known. */
  failed?: readonly { file: string; name?: string }[];
  /** The output folder, when the bundle was written there. */
  out?: string;
}

export type Status = 'clean' | 'approximated' | 'failed';

export interface ServiceFacts {
  /** Anchor id, unique in the page. */
  id: string;
  name: string;
  namespace?: string;
  /** Deployment, Rollout, …; undefined for a failed input. */
  kind?: string;
  status: Status;
  inputs: string[];
  objects: { kind: string; name: string; namespace?: string }[];
  diagnostics: Diagnostic[];
  steps: Step[];
  addOns: AddOn[];
}

export interface Count {
  label: string;
  count: number;
  /** A one-line meaning, for a code. */
  detail?: string;
}

export interface FleetFacts {
  version: string;
  files: number;
  out?: string;
  summary: Record<Status, number>;
  objectsByKind: Count[];
  /** ECS fields (the last named member of a diagnostic's pointer) with warnings or errors, most first. */
  fields: Count[];
  /** Warning and error codes, most frequent first. */
  warnings: Count[];
  addOns: Count[];
  services: ServiceFacts[];
  /** Diagnostics that belong to no service (a flag, the project file, the output folder). */
  general: Diagnostic[];
}

const STEP_ORDER: readonly Step['kind'][] = ['secret', 'configmap', 'iam', 'load-balancer', 'add-on'];
const WORKLOADS = new Set(['Deployment', 'Rollout', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob']);
const SOURCE = 'ecs2k8s.io/source';

const byCount = (m: Map<string, number>, detail?: (k: string) => string | undefined): Count[] =>
  [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([label, count]) => ({ label, count, ...(detail?.(label) !== undefined && { detail: detail(label)! }) }));

const bump = (m: Map<string, number>, k: string, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

/**
 * The ECS member a pointer names, by its last two named segments (indexes left out):
 * `/containerDefinitions/0/ulimits` → containerDefinitions.ulimits, `/cpu` → cpu.
 */
export function fieldOf(pointer: string | undefined): string | undefined {
  if (!pointer) return undefined;
  const segs = pointer
    .split('/')
    .slice(1)
    .filter((s) => !/^\d+$/.test(s))
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segs.length === 0 ? undefined : segs.slice(-2).join('.');
}

export function fleetFacts(input: FleetInput): FleetFacts {
  const groups = new Map<string, BundleEntry[]>();
  for (const e of input.entries) {
    if (e.object.kind === 'Namespace') continue;
    const key = `${e.namespace}\0${e.object.metadata.annotations?.[SOURCE] ?? ''}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(e);
  }
  // Inputs are shown as the user gave them (as diagnostics name them), not as annotations do.
  const given = new Map(input.files.map((f) => [input.source(f), f]));
  const shown = (source: string) => given.get(source) ?? source;
  const used = new Set<Diagnostic>();
  const services: ServiceFacts[] = [];
  const ids = new Set<string>();
  const idFor = (base: string) => {
    let id = `svc-${base.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}`;
    for (let i = 2; ids.has(id); i++) id = `svc-${base.replace(/[^a-z0-9-]/gi, '-').toLowerCase()}-${i}`;
    ids.add(id);
    return id;
  };
  const diagsOf = (sources: ReadonlySet<string>) =>
    input.diagnostics.filter((d) => {
      if (d.file === undefined || !sources.has(input.source(d.file))) return false;
      used.add(d);
      return true;
    });
  for (const [key, entries] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const workloads = entries.filter((e) => WORKLOADS.has(e.object.kind));
    const main = workloads[0] ?? entries[0]!;
    const inputs = key
      .slice(key.indexOf('\0') + 1)
      .split(', ')
      .filter(Boolean);
    const diagnostics = diagsOf(new Set(inputs));
    const objects = entries.map((e) => e.object as K8sObject);
    services.push({
      id: idFor(`${main.namespace}-${main.object.metadata.name}`),
      name: main.object.metadata.name,
      namespace: main.namespace,
      kind: main.object.kind,
      status: diagnostics.some((d) => d.severity !== 'info') ? 'approximated' : 'clean',
      inputs: inputs.map(shown),
      objects: objects.map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: main.namespace })),
      diagnostics,
      steps: [
        ...checklistOf(
          objects,
          main.namespace,
          input.entries.map((e) => e.object as K8sObject),
        ),
        // With iam.mode pod-identity the ServiceAccount carries no role: the build's note names it.
        ...diagnostics.filter((d) => d.code === 'pod-identity').map((d): Step => ({ kind: 'iam', text: `${d.message.charAt(0).toUpperCase()}${d.message.slice(1)}.` })),
      ].sort((a, b) => STEP_ORDER.indexOf(a.kind) - STEP_ORDER.indexOf(b.kind)),
      addOns: addOnsOf(objects),
    });
  }
  for (const f of failedInputs(input)) {
    const diagnostics = diagsOf(new Set([input.source(f.file)]));
    services.push({ id: idFor(f.name ?? f.file), name: f.name ?? f.file, status: 'failed', inputs: [f.file], objects: [], diagnostics, steps: [], addOns: [] });
  }
  services.sort((a, b) => statusRank(a.status) - statusRank(b.status) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.name, b.name));

  const kinds = new Map<string, number>();
  for (const e of input.entries) bump(kinds, e.object.kind);
  const fields = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const d of input.diagnostics) {
    if (d.severity === 'info') continue;
    bump(codes, d.code);
    const f = fieldOf(d.pointer);
    if (f !== undefined) bump(fields, f);
  }
  const addOns = new Map<string, number>();
  for (const s of services) for (const a of s.addOns) bump(addOns, a.name);
  const summary: Record<Status, number> = { clean: 0, approximated: 0, failed: 0 };
  for (const s of services) summary[s.status]++;
  return {
    version: VERSION,
    files: input.files.length,
    ...(input.out !== undefined && { out: input.out }),
    summary,
    objectsByKind: byCount(kinds),
    fields: byCount(fields),
    warnings: byCount(codes, (c) => CODES[c as Code]?.summary),
    addOns: byCount(addOns),
    services,
    general: input.diagnostics.filter((d) => !used.has(d)),
  };
}

const statusRank = (s: Status) => (s === 'failed' ? 0 : s === 'approximated' ? 1 : 2);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The failed inputs: as --keep-going lists them, else every file with an error when nothing was built. */
function failedInputs(input: FleetInput): { file: string; name?: string }[] {
  if (input.failed) return [...input.failed];
  if (input.entries.length > 0) return [];
  const files = new Set(input.diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined).map((d) => d.file!));
  return [...files].sort().map((file) => ({ file }));
}
