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

export interface CompileResult {
  entries: BundleEntry[];
  diagnostics: Diagnostic[];
  /** The input files read, in the order given. */
  files: string[];
}

/**
 * Compiles input paths (files, directories, `-`) into bundle entries. The `ecs2k8s.io/source`
 * annotations name the files relative to the project root (src/load/root.ts), never to `cwd`.
 */
export async function compile(paths: readonly string[], options: Options, env: { cwd: string; stdin?: NodeJS.ReadableStream; maxInputBytes?: number }): Promise<CompileResult> {
  const d = new Diagnostics();
  const texts = await readInputs(paths, d, { cwd: env.cwd, ...(env.maxInputBytes !== undefined && { maxInputBytes: env.maxInputBytes }), ...(env.stdin && { stdin: env.stdin }) });
  const source = await sourceNamer(texts.map((t) => t.file), env.cwd, options.projectRoot);
  return compileInputs(texts, options, d, env.cwd, source);
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

function compileInputs(texts: readonly InputText[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer): CompileResult {
  for (const [flag, n] of [['replicas', options.replicas], ['--replicas', options.replicasOverride]] as const) {
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= 2_147_483_647)) {
      // The command line checks for a whole number; Kubernetes holds replicas in 32 bits.
      d.add({ code: 'usage', severity: 'error', message: `${flag} ${String(n)} is not a replica count: give a whole number from 0 to 2147483647` });
    }
  }
  const context = { imageOverrides: new Set(Object.keys(options.images)), serviceNameGiven: options.serviceName !== undefined };
  const documents = loadInputs(texts, d, context, { options: options.read ?? {}, cwd });
  // --var and the project file's variables act only on .tf inputs: said when there are none.
  const vars = Object.keys(options.read?.variables ?? {});
  if (vars.length > 0 && !texts.some((t) => /\.(tf|tfvars)$/i.test(t.file))) d.add({ code: 'not-applied', severity: 'warning', message: `the Terraform variable${vars.length === 1 ? '' : 's'} ${vars.join(', ')} (--var or variables:) change${vars.length === 1 ? 's' : ''} nothing: no .tf input was read` });
  const files = texts.map((t) => t.file);
  if (d.hasErrors()) return { entries: [], diagnostics: sortDiagnostics(d.items), files };
  const entries = compileDocuments(documents, options, d, cwd, source);
  return { entries: d.hasErrors() ? [] : entries, diagnostics: sortDiagnostics(d.items), files };
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
  const families = () => [...byFamily.keys()].sort().map((f) => `"${f}"`).join(', ') || 'none';
  for (const svc of svcs) {
    const ref = str(svc.value['taskDefinition']);
    const ptr = `${svc.pointer}/taskDefinition`;
    if (ref === undefined) {
      if (tds.length === 1) {
        d.info(svc.source, svc.pointer, 'paired', `the service names no taskDefinition: it is paired with the only task definition given, ${show(tds[0]!.value['family'])}`);
        pairs.push({ td: tds[0]!, svc });
        used.add(tds[0]!);
      } else {
        d.error(svc.source, svc.pointer, 'unpaired-service', `the service names no "taskDefinition" and ${tds.length} task definitions were given (families: ${families()}): add "taskDefinition", or build it with its one task definition`);
      }
      continue;
    }
    const { family, revision } = parseTaskDefinitionRef(ref);
    const candidates = byFamily.get(family) ?? [];
    if (candidates.length === 0) {
      d.error(svc.source, ptr, 'unpaired-service', `the service runs the task definition ${show(ref)}, but no input holds family ${show(family)} (families found: ${families()}): pass its task definition file too`);
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
  let namespace = options.namespaceOverride ?? (cluster !== undefined ? mapped ?? dnsLabel(cluster) : options.namespace);
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
export function compileDocuments(documents: EcsDocument[], options: Options, d: Diagnostics, cwd: string, source: SourceNamer = (f) => sourcePath(f, cwd, options.projectRoot ?? cwd)): BundleEntry[] {
  const entries: { entry: BundleEntry; origin: EcsDocument }[] = [];
  const flags = new FlagUse(options);
  const scaling = pairScaling(documents, documents.filter((x) => x.kind === 'service'), d);
  const alarms = new Map(documents.filter((x) => x.kind === 'metricAlarm').map((x) => [str(x.value['AlarmName']) ?? '', x] as const));
  for (const pair of pairDocuments(documents, d)) {
    if (pair.svc) checkLoadBalancers(pair.svc, pair.td, d);
    const steering = readSteering(pair.td, pair.svc, d);
    const id = identity(pair, options, d, steering);
    if (!(pair.svc && str(pair.svc.value['serviceName'])) && options.serviceName !== undefined) flags.serviceNameUsed = true;
    const ctx = new ConvertContext(options, d, pair.td, pair.svc, id, steering);
    convertContainers(ctx);
    flags.workload(id.name, id.kind, pair.svc === undefined, ctx.pod.containers.map((c) => c.ecsName));
    convertMetadata(ctx, source);
    convertResources(ctx);
    convertProbes(ctx);
    convertSecrets(ctx);
    convertVolumes(ctx);
    convertSecurity(ctx);
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
    entries.push({ entry: { namespace: id.namespace, object: buildWorkload(ctx, replicas, schedule, rollout) }, origin });
    for (const o of ctx.extra) entries.push({ entry: { namespace: id.namespace, object: o }, origin });
  }
  flags.report(d);
  addNamespaces(entries, options);
  checkCollisions(entries, d);
  // An input error already explains what is wrong; output validation would only repeat it as a "bug".
  if (!d.hasErrors()) validateOutput(entries, d);
  return entries.map((e) => e.entry);
}

function addNamespaces(entries: { entry: BundleEntry; origin: EcsDocument }[], options: Options): void {
  const seen = new Map<string, EcsDocument>();
  for (const e of entries) if (!seen.has(e.entry.namespace)) seen.set(e.entry.namespace, e.origin);
  for (const [ns, origin] of seen) {
    if (ns === 'default') continue; // always there; never emitted
    entries.push({
      entry: { namespace: ns, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { ...options.labels, 'app.kubernetes.io/managed-by': 'ecs2k8s' } } } },
      origin,
    });
  }
}

const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume']);

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
