/**
 * `ecs2k8s import`: reads a cluster's services and their task definitions through the ECS API
 * and returns the files to write. All calls happen before anything is written, so a failure
 * half way leaves --out as it was.
 */
import type { AasApi } from './aas.js';
import { DESCRIBE_BATCH, type EcsApi } from './aws.js';
import { ImportError } from './errors.js';
import { fileStems } from './names.js';
import { importScaling } from './scaling.js';
import { clusterNameOf, normaliseService, normaliseTaskDefinition, toFileText, type ImportedService, type ImportedTaskDefinition } from './normalise.js';

export interface ImportRequest {
  cluster: string;
  /** Services to import (names or ARNs); empty: every service of the cluster. */
  services: readonly string[];
  /** DescribeTaskDefinition calls in flight at once. */
  concurrency?: number;
  /** Called as the import goes (the CLI's progress line on a terminal). */
  progress?: ImportProgress;
}

/**
 * Where an import is: `pages` of ListServices read (done: pages, total: services listed so far),
 * `services` described and `task definitions` described (done of total).
 */
export type ImportProgress = (stage: 'pages' | 'services' | 'task definitions', done: number, total?: number) => void;

export interface ImportResult {
  /** relative POSIX path → file text */
  files: Map<string, string>;
  services: ImportedService[];
  taskDefinitions: ImportedTaskDefinition[];
  /** One-line notes for stderr (services skipped, …). */
  notes: string[];
  /** Scalable targets, scaling policies and scheduled actions imported (files under scaling/). */
  scalingDocuments: number;
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Runs f over xs with at most n calls in flight; results in the order of xs; the first failure wins. */
async function pool<T, R>(xs: readonly T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < xs.length) {
      const i = next++;
      try {
        out[i] = await f(xs[i]!);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}

/** The name of a service ARN (`…:service/cluster/name` or the older `…:service/name`), or the value itself. */
export function serviceNameOf(ref: string): string {
  const m = /^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:service\/(.+)$/.exec(ref);
  return m ? m[1]!.split('/').pop()! : ref;
}

const quote = (s: string) => JSON.stringify(s);

/** `aas`: the Application Auto Scaling client; without it the services' scaling is not read. */
export async function importCluster(api: EcsApi, req: ImportRequest, aas?: AasApi): Promise<ImportResult> {
  const notes: string[] = [];
  const named = [...new Set(req.services)];
  const progress = req.progress;
  const wanted = named.length > 0 ? named : await api.listServiceArns(req.cluster, progress && ((pages, services) => progress('pages', pages, services)));
  const clusterName = clusterNameOf(req.cluster);

  const described: Record<string, unknown>[] = [];
  const missing: string[] = [];
  let asked = 0;
  for (const batch of chunks(wanted, DESCRIBE_BATCH)) {
    const r = await api.describeServices(req.cluster, batch);
    described.push(...r.services);
    progress?.('services', (asked += batch.length), wanted.length);
    for (const f of r.failures) {
      const what = f.arn !== undefined ? serviceNameOf(f.arn) : '(unnamed)';
      if (f.reason === 'MISSING') missing.push(what);
      else
        throw new ImportError(
          'aws-error',
          `ecs:DescribeServices could not describe service ${quote(what)} in cluster ${quote(clusterName)}: ${f.reason ?? 'no reason given'}${f.detail ? ` (${f.detail})` : ''}`,
        );
    }
  }
  const services: Record<string, unknown>[] = [];
  for (const s of described) {
    const name = typeof s['serviceName'] === 'string' ? s['serviceName'] : '(unnamed)';
    const status = s['status'];
    // An INACTIVE service has been deleted: DescribeServices still finds it for a while by name.
    if (status === 'INACTIVE') missing.push(name);
    else if (status === 'DRAINING' && named.length === 0) notes.push(`service ${quote(name)} is being deleted (DRAINING): not imported`);
    else services.push(s);
  }
  if (missing.length > 0) {
    const list = [...new Set(missing)].sort().map(quote).join(', ');
    throw new ImportError('aws-service-not-found', `${missing.length === 1 ? 'service' : 'services'} ${list} not found in cluster ${quote(clusterName)} (missing or deleted): check --service`);
  }

  // Each distinct task definition once, in a stable order.
  const tdRefs = [...new Set(services.map(taskDefinitionRefOfService).filter((x): x is string => x !== undefined))].sort();
  let tdsDone = 0;
  const described_tds = await pool(tdRefs, req.concurrency ?? 4, async (ref) => {
    const r = await api.describeTaskDefinition(ref);
    progress?.('task definitions', ++tdsDone, tdRefs.length);
    return r;
  });
  const taskDefinitions = described_tds.map((r) => normaliseTaskDefinition(r.taskDefinition, r.tags));
  const refByArn = new Map<string, string>();
  tdRefs.forEach((ref, i) => {
    const td = taskDefinitions[i]!;
    refByArn.set(ref, `${td.family}:${td.revision}`);
    if (td.arn) refByArn.set(td.arn, `${td.family}:${td.revision}`);
  });
  const imported = services.map((s) => normaliseService(s, req.cluster, (arn) => refByArn.get(arn)));
  for (const s of imported) {
    if (s.taskDefinitionArn === undefined) notes.push(`service ${quote(s.serviceName)} names no task definition: its file has no "taskDefinition"`);
  }

  // File names.
  const files = new Map<string, string>();
  const svcStems = fileStems(imported.map((s) => s.serviceName));
  for (const s of [...imported].sort((a, b) => (a.serviceName < b.serviceName ? -1 : a.serviceName > b.serviceName ? 1 : 0))) {
    files.set(`services/${svcStems.get(s.serviceName)!}.json`, toFileText(s.doc));
  }
  const uniqueTds = new Map<string, ImportedTaskDefinition>();
  for (const td of taskDefinitions) uniqueTds.set(`${td.family}-${td.revision}`, td);
  const tdStems = fileStems([...uniqueTds.keys()]);
  for (const [key, td] of [...uniqueTds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    files.set(`taskdefs/${tdStems.get(key)!}.json`, toFileText(td.doc));
  }
  let scalingDocuments = 0;
  if (aas && imported.length > 0) {
    const scaling = await importScaling(
      aas,
      clusterName,
      imported.map((s) => s.serviceName),
    );
    for (const [p, text] of scaling.files) files.set(p, text);
    notes.push(...scaling.notes);
    scalingDocuments = scaling.count;
  }
  return { files, services: imported, taskDefinitions: [...uniqueTds.values()], notes, scalingDocuments };
}

function taskDefinitionRefOfService(s: Record<string, unknown>): string | undefined {
  if (typeof s['taskDefinition'] === 'string' && s['taskDefinition'] !== '') return s['taskDefinition'];
  for (const list of [s['deployments'], s['taskSets']]) {
    if (!Array.isArray(list)) continue;
    for (const d of list) {
      if (typeof d === 'object' && d !== null && (d as Record<string, unknown>)['status'] === 'PRIMARY') {
        const td = (d as Record<string, unknown>)['taskDefinition'];
        if (typeof td === 'string' && td !== '') return td;
      }
    }
  }
  return undefined;
}
