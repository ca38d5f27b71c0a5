/**
 * The compiler, in one short function per stage: read → validate → pair → convert → check
 * names → validate output. Pure apart from reading inputs: it returns bundle entries and
 * diagnostics; writing is the bundle stage's job.
 */
import type { BundleEntry, K8sObject } from './bundle/types.js';
import { convertContainers } from './convert/containers.js';
import { ConvertContext, type WorkloadIdentity } from './convert/context.js';
import { own, str } from './model/values.js';
import { convertIam } from './convert/iam.js';
import { convertMetadata } from './convert/metadata.js';
import { convertNetworking } from './convert/networking.js';
import { disruptionBudget } from './convert/traffic.js';
import { convertLogging } from './convert/logging.js';
import { impliedOrder } from './convert/implied-order.js';
import { FlagUse, replicasOf, scheduleOf, workloadKind } from './convert/overrides.js';
import { convertPlacement } from './convert/placement.js';
import { convertProbes } from './convert/probes.js';
import { convertResources } from './convert/resources.js';
import { convertSecrets } from './convert/secrets.js';
import { convertSecurity } from './convert/security.js';
import { convertServices } from './convert/services.js';
import { convertScaling } from './convert/scaling.js';
import { pairScaling } from './convert/scaling-pair.js';
import { planRollout } from './convert/rollout.js';
import { toCronSchedule } from './convert/schedule.js';
import { readSteering } from './convert/steering.js';
import { reportUnmapped } from './convert/unmapped.js';
import { convertVolumes } from './convert/volumes.js';
import { buildWorkload } from './convert/workload.js';
import { Diagnostics, show, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import { readInputs, type InputText } from './load/inputs.js';
import { sourceNamer, sourcePath, type SourceNamer } from './load/root.js';
import type { EcsDocument } from './load/shapes.js';
import { validateK8sObject } from './k8s/validate/index.js';
import { validateK8sBundle } from './k8s/validate/bundle-rules.js';
import { dnsLabel } from './k8s/names.js';
import type { Options } from './options.js';
import { checkLoadBalancers } from './validate/rules/index.js';
import { loadInputs } from './validate/index.js';
import { reportUnusedReadOptions } from './load/readers/unused.js';
import { distance } from './model/suggest.js';

export interface CompileResult {
  entries: BundleEntry[];
  diagnostics: Diagnostic[];
  /** The input files read, in the order given. */
  files: string[];
  /**
   * Per environment, when a reader translated its inputs per environment (Copilot's
   * `environments:`): each compiled on its own (with the untagged documents); `entries` is then
   * every environment's entries one after another. A build writes them as base + overlays.
   */
  environments?: { name: string; entries: BundleEntry[]; files: string[] }[];
}

/**
 * Compiles input paths (files, directories, `-`) into bundle entries. The `ecs2k8s.io/source`
 * annotations name the files relative to the project root (src/load/root.ts), never to `cwd`.
 */
/** Told how far a compile is: files read (of those found in a directory), services converted (of all). */
export type CompileProgress = (stage: 'read' | 'convert', done: number, total: number) => void;

export async function compile(paths: readonly string[], options: Options, env: { cwd: string; stdin?: NodeJS.ReadableStream; maxInputBytes?: number; progress?: CompileProgress }): Promise<CompileResult> {
  const d = new Diagnostics();
  const progress = env.progress;
  const texts = await readInputs(paths, d, { cwd: env.cwd, ...(env.maxInputBytes !== undefined && { maxInputBytes: env.maxInputBytes }), ...(env.stdin && { stdin: env.stdin }), ...(progress && { onRead: (n: number, total: number) => progress('read', n, total) }) });
  const source = await sourceNamer(texts.map((t) => t.file), env.cwd, options.projectRoot);
  return compileInputs(texts, options, d, env.cwd, source, progress);
}

/**
 * Compiles texts already in memory (the same pipeline as {@link compile}, minus reading):
 * for tests, editors and embedders. `file` names each text in diagnostics and, through
 * `env.source` (default: relative to `options.projectRoot`, else `cwd`), in the
 * `ecs2k8s.io/source` annotation. Never throws on any input text.
 */
export function compileTexts(texts: readonly InputText[], options: Options, env: { cwd: string; source?: SourceNamer }): CompileResult {
  return compileInputs(texts, options, new Diagnostics(), env.cwd, env.source ?? ((f) => sourcePath(f, env.cwd, options.projectRoot ?? env.cwd)));
}

function compileInputs(texts: readonly InputText[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer, progress?: CompileProgress): CompileResult {
  for (const [flag, n] of [['replicas', options.replicas], ['--replicas', options.replicasOverride]] as const) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= 2_147_483_647)) {
      // The command line checks for a whole number; Kubernetes holds replicas in 32 bits.
      d.add({ code: 'usage', severity: 'error', message: `${flag} ${String(n)} is not a replica count: give a whole number from 0 to 2147483647` });
    }
  }
  const context = { imageOverrides: new Set(Object.keys(options.images)), serviceNameGiven: options.serviceName !== undefined };
  const used = new Set<string>();
  const skipped = new Set<string>();
  const documents = loadInputs(texts, d, context, { options: options.read ?? {}, cwd, used }, skipped);
  reportUnusedReadOptions(options, used, texts, documents, d);
  const files = texts.map((t) => t.file).filter((f) => !skipped.has(f));
  if (d.hasErrors()) return { entries: [], diagnostics: sortDiagnostics(d.items), files };
  const names = [...new Set(documents.map((x) => x.environment).filter((x): x is string => x !== undefined))].sort();
  // Under --env NAME=…, the inputs' own environment NAME (a Copilot application's) is the one built.
  const picked = options.environment !== undefined && names.includes(options.environment) ? documents.filter((x) => x.environment === undefined || x.environment === options.environment) : undefined;
  if (names.length > 0 && !picked) {
    if (options.environment !== undefined) d.warn(undefined, '', 'not-applied', `the environment "${options.environment}" is none of the inputs' own environments (${names.join(', ')}): all of them are built into it; name the --env after one of them`);
    return compileEnvironmentDocuments(names, documents, options, d, cwd, source, files);
  }
  const entries = compileDocuments(picked ?? documents, options, d, cwd, source, progress);
  return { entries: d.hasErrors() ? [] : entries, diagnostics: sortDiagnostics(d.items), files };
}

/** Each environment's documents (and the untagged ones) compiled on their own; what they report alike is reported once. */
function compileEnvironmentDocuments(names: string[], documents: EcsDocument[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer, files: string[]): CompileResult {
  const environments: NonNullable<CompileResult['environments']> = [];
  // The documents of every environment were validated in turn: what they share was reported once per environment.
  const seen = new Set<string>();
  const all = new Diagnostics();
  for (const x of d.items) {
    const key = JSON.stringify(x);
    if (!seen.has(key)) {
      seen.add(key);
      all.add(x);
    }
  }
  d = all;
  for (const name of names) {
    const e = new Diagnostics();
    const docs = documents.filter((x) => x.environment === undefined || x.environment === name);
    const entries = compileDocuments(docs, options, e, cwd, source);
    environments.push({ name, entries, files: [...new Set(docs.map((x) => x.source.file))] });
    for (const x of e.items) {
      const key = JSON.stringify(x);
      if (!seen.has(key)) {
        seen.add(key);
        d.add(x);
      }
    }
  }
  const ok = !d.hasErrors();
  return { entries: ok ? environments.flatMap((x) => x.entries) : [], diagnostics: sortDiagnostics(d.items), files, ...(ok && { environments }) };
}


interface Pair {
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

function pairDocuments(documents: EcsDocument[], d: Diagnostics): Pair[] {
  const tds = documents.filter((x) => x.kind === 'taskDefinition');
  const svcs = documents.filter((x) => x.kind === 'service');
  const byFamily = new Map<string, EcsDocument[]>();
  for (const td of tds) {
    const f = str(td.value['family']) ?? '';
    (byFamily.get(f) ?? byFamily.set(f, []).get(f)!).push(td);
  }
  const used = new Set<EcsDocument>();
  const pairs: Pair[] = [];
  const families = (near: string | undefined) => familyList([...byFamily.keys()], near);
  for (const svc of svcs) {
    const ref = str(svc.value['taskDefinition']);
    const ptr = `${svc.pointer}/taskDefinition`;
    if (ref === undefined) {
      if (tds.length === 1) {
        d.info(svc.source, svc.pointer, 'paired', `the service names no taskDefinition: it is paired with the only task definition given, ${show(tds[0]!.value['family'])}`);
        pairs.push({ td: tds[0]!, svc });
        used.add(tds[0]!);
      } else {
        d.error(svc.source, svc.pointer, 'unpaired-service', `the service names no "taskDefinition" and ${tds.length} task definitions were given (${families(str(svc.value['serviceName']))}): add "taskDefinition", or build it with its one task definition`);
      }
      continue;
    }
    const { family, revision } = parseTaskDefinitionRef(ref);
    const candidates = byFamily.get(family) ?? [];
    if (candidates.length === 0) {
      d.error(svc.source, ptr, 'unpaired-service', `the service runs the task definition ${show(ref)}, but no input holds family ${show(family)} (${families(family)}): pass its task definition file too`);
      continue;
    }
    let td = revision !== undefined ? candidates.find((c) => revisionOf(c) === revision) : undefined;
    if (!td) {
      if (candidates.length === 1) {
        td = candidates[0]!;
        if (revision !== undefined) {
          const has = revisionOf(td);
          d.info(svc.source, ptr, 'paired', `the service runs ${show(ref)}; it is paired with the ${show(family)} task definition in ${td.source.file}${has === undefined ? ', which carries no revision' : `, revision ${has}`}`);
        }
      } else {
        const revs = candidates.map((c) => revisionOf(c) ?? 'none').join(', ');
        d.error(svc.source, ptr, 'unpaired-service', `the service runs ${show(ref)}, and ${candidates.length} task definitions of family ${show(family)} were given (revisions: ${revs}): name the revision to use, or pass only one`);
        continue;
      }
    }
    pairs.push({ td, svc });
    used.add(td);
  }
  const pairedFamilies = new Set([...used].map((td) => str(td.value['family']) ?? ''));
  for (const td of tds) {
    if (used.has(td)) continue;
    const family = str(td.value['family']) ?? '';
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

function clusterName(svc: EcsDocument | undefined): string | undefined {
  const c = str(svc?.value['cluster']) ?? str(svc?.value['clusterArn']);
  if (!c) return undefined;
  const arn = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:cluster\/(.+)$/.exec(c);
  return arn ? arn[1] : c;
}

function identity(pair: Pair, options: Options, d: Diagnostics, steering: ReturnType<typeof readSteering>): WorkloadIdentity {
  const { td, svc } = pair;
  const family = str(td.value['family']) ?? 'task';
  const cluster = clusterName(svc);
  const mapped = cluster !== undefined ? own(options.namespaces, cluster) : undefined;
  let namespace = options.namespaceOverride ?? (cluster !== undefined ? mapped ?? dnsLabel(cluster) : td.namespace ?? options.namespace);
  if (cluster !== undefined && options.namespaceOverride === undefined && mapped === undefined && namespace !== cluster) {
    d.info(svc!.source, `${svc!.pointer}/cluster`, 'name-sanitised', `cluster ${show(cluster)} becomes the namespace ${show(namespace)}`);
  }
  const raw = namespace;
  namespace = dnsLabel(namespace);
  if (namespace !== raw) d.warn(undefined, '', 'name-sanitised', `the namespace ${show(raw)} becomes ${show(namespace)} (namespace names are lowercase DNS labels without ".")`);
  const rawName = (svc ? str(svc.value['serviceName']) : undefined) ?? options.serviceName ?? family;
  const name = dnsLabel(rawName);
  if (name !== rawName) {
    const message = `${show(rawName)} becomes ${show(name)} in Kubernetes (lowercase DNS label of at most 63 characters)`;
    if (svc && str(svc.value['serviceName'])) d.warn(svc.source, `${svc.pointer}/serviceName`, 'name-sanitised', message, 'value');
    else if (options.serviceName !== undefined) d.warn(undefined, '', 'name-sanitised', `--service-name: ${message}`);
    else d.warn(td.source, `${td.pointer}/family`, 'name-sanitised', message, 'value');
  }
  const kind = workloadKind(svc, steering, options, d);
  return { name: kind === 'CronJob' ? dnsLabel(rawName, 52) : name, namespace, appName: dnsLabel(family), instance: name, kind };
}

/**
 * Converts validated documents into bundle entries. `source` names each input file in the
 * `ecs2k8s.io/source` annotation (src/load/root.ts); default: relative to Options.projectRoot,
 * else to `cwd` (which resolves the file names).
 */
export function compileDocuments(documents: EcsDocument[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer = (f) => sourcePath(f, cwd, options.projectRoot ?? cwd), progress?: CompileProgress): BundleEntry[] {
  const entries: { entry: BundleEntry; origin: EcsDocument }[] = [];
  const flags = new FlagUse(options);
  const scaling = pairScaling(documents, documents.filter((x) => x.kind === 'service'), d);
  const nsLabels = new Map<string, Record<string, string>>();
  const alarms = new Map(documents.filter((x) => x.kind === 'metricAlarm').map((x) => [str(x.value['AlarmName']) ?? '', x] as const));
  const pairs = pairDocuments(documents, d);
  for (const [n, pair] of pairs.entries()) {
    progress?.('convert', n, pairs.length);
    if (pair.svc) checkLoadBalancers(pair.svc, pair.td, d);
    const steering = readSteering(pair.td, pair.svc, d);
    const id = identity(pair, options, d, steering);
    if (!(pair.svc && str(pair.svc.value['serviceName'])) && options.serviceName !== undefined) flags.serviceNameUsed = true;
    const ctx = new ConvertContext(options, d, pair.td, pair.svc, id, steering);
    convertContainers(ctx);
    impliedOrder(ctx);
    flags.workload(id.name, id.kind, pair.svc === undefined, ctx.pod.containers.map((c) => c.ecsName));
    convertMetadata(ctx, source);
    convertResources(ctx);
    convertProbes(ctx);
    convertSecrets(ctx);
    convertVolumes(ctx);
    convertSecurity(ctx);
    convertLogging(ctx);
    const ports = convertNetworking(ctx);
    convertPlacement(ctx);
    convertIam(ctx);
    convertServices(ctx, ports);
    reportUnmapped(pair.td, d);
    if (pair.svc) reportUnmapped(pair.svc, d);
    const delivery = pair.svc ? scaling.get(pair.svc) : undefined;
    for (const doc of delivery ? [delivery.target, ...delivery.policies, ...delivery.scheduled, delivery.deploymentGroup] : []) if (doc) reportUnmapped(doc, d);
    const rollout = planRollout(ctx, delivery?.deploymentGroup, alarms);
    const ref = rollout ? { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: id.name } : { apiVersion: 'apps/v1', kind: 'Deployment', name: id.name };
    const autoscaler = convertScaling(ctx, delivery, ref, alarms);
    // An autoscaled workload has no replicas: its autoscaler owns them (and --replicas says so).
    if (autoscaler.kind) flags.autoscaled(id.name, autoscaler.kind);
    const replicas = autoscaler.kind ? undefined : replicasOf(id.kind, pair.svc, steering, options, d);
    const raw = id.kind === 'CronJob' ? scheduleOf(pair.svc, pair.td, steering, options, d) : undefined;
    let schedule: string | undefined;
    if (raw && raw.value === undefined) {
      d.error(pair.td.source, pair.td.pointer, 'missing-schedule', `a CronJob needs a schedule: pass --schedule "CRON" or set the tag ${show('ecs2k8s.io/schedule')}`);
    } else if (raw?.value !== undefined) {
      const r = toCronSchedule(raw.value);
      if ('error' in r) d.error(raw.doc.source, raw.pointer, 'invalid-schedule', `${raw.label}: ${r.error}`);
      else {
        schedule = r.schedule;
        if (r.note) d.info(raw.doc.source, raw.pointer, 'schedule-converted', r.note);
      }
    }
    const origin = pair.svc ?? pair.td;
    const count = autoscaler.kind ? autoscaler.min : replicas;
    disruptionBudget(ctx, count);
    const labels = nsLabels.get(id.namespace) ?? {};
    nsLabels.set(id.namespace, Object.assign(labels, ctx.namespaceLabels));
    entries.push({ entry: { namespace: id.namespace, object: buildWorkload(ctx, replicas, schedule, rollout, count) }, origin });
    for (const o of ctx.extra) entries.push({ entry: { namespace: id.namespace, object: o }, origin });
  }
  progress?.('convert', pairs.length, pairs.length);
  flags.report(d);
  addNamespaces(entries, options, nsLabels);
  checkCollisions(entries, d);
  // An input error already explains what is wrong; output validation would only repeat it as a "bug".
  if (!d.hasErrors()) validateOutput(entries, d);
  return entries.map((e) => e.entry);
}

/** `nsLabels`: labels the workloads of a namespace need on it (the load balancer controller's readiness-gate injection). */
function addNamespaces(entries: { entry: BundleEntry; origin: EcsDocument }[], options: Options, nsLabels: ReadonlyMap<string, Record<string, string>>): void {
  const seen = new Map<string, EcsDocument>();
  for (const e of entries) if (!seen.has(e.entry.namespace)) seen.set(e.entry.namespace, e.origin);
  for (const [ns, origin] of seen) {
    if (ns === 'default') continue; // always there; never emitted
    entries.push({
      entry: { namespace: ns, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ...options.labels, ...nsLabels.get(ns), 'app.kubernetes.io/managed-by': 'ecs2k8s' } } } },
      origin,
    });
  }
}

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume', 'StorageClass']);

function checkCollisions(entries: { entry: BundleEntry; origin: EcsDocument }[], d: Diagnostics): void {
  const seen = new Map<string, EcsDocument>();
  for (const { entry, origin } of entries) {
    const o = entry.object;
    const key = CLUSTER_SCOPED.has(o.kind) ? `${o.kind}/${o.metadata.name}` : `${o.metadata.namespace}/${o.kind}/${o.metadata.name}`;
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, origin);
    } else if (o.kind !== 'Namespace') {
      const where = (x: EcsDocument) => `${x.source.file}${x.pointer ? `#${x.pointer}` : ''}`;
      d.error(origin.source, origin.pointer, 'name-collision', `${o.kind} ${show(o.metadata.name)}${o.metadata.namespace ? ` in namespace ${show(o.metadata.namespace)}` : ''} would come from both ${where(prev)} and ${where(origin)} (their names sanitise to the same Kubernetes name): rename one, or build them into different namespaces`);
    }
  }
  // Remove duplicate Namespace objects (one per folder is enough).
  const nsSeen = new Set<string>();
  for (let i = entries.length - 1; i >= 0; i--) {
    const o = entries[i]!.entry.object;
    if (o.kind !== 'Namespace') continue;
    if (nsSeen.has(o.metadata.name)) entries.splice(i, 1);
    nsSeen.add(o.metadata.name);
  }
}

function validateOutput(entries: { entry: BundleEntry; origin: EcsDocument }[], d: Diagnostics): void {
  for (const issue of validateK8sBundle(entries.map((e) => e.entry.object))) {
    const { entry, origin } = entries[issue.index]!;
    d.error(origin.source, origin.pointer, 'invalid-output', `the emitted ${entry.object.kind} ${show(entry.object.metadata.name)} refers to what the bundle lacks (${issue.code} at ${issue.pointer}): ${issue.message}; this is a bug in ecs2k8s, please report it`);
  }
  for (const { entry, origin } of entries) {
    for (const issue of validateK8sObject(entry.object as K8sObject)) {
      d.error(origin.source, origin.pointer, 'invalid-output', `the emitted ${entry.object.kind} ${show(entry.object.metadata.name)} would be rejected by the API server (${issue.code} at ${issue.pointer || '/'}): ${issue.message}; this is a bug in ecs2k8s or an input it cannot express, please report it`);
    }
  }
}
