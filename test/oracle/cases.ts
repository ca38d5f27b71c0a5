/**
 * The inputs the oracle runs over: every golden case, the example, and every corpus task
 * definition and service (fixtures/corpus when it exists, ../shared/corpus when it exists).
 *
 * Corpus services are paired with task definitions the way a user would build them: the task
 * definition of the family the service names; else the task definition from the same repository
 * (the file names start with owner__repository); else — for services kept without their task
 * definition — a small task definition written by the test from the service's own load balancer,
 * Service Connect and registry entries (so that the service's facts are still exercised). A
 * service that names another family than the one it is paired with is copied without its
 * `taskDefinition`, so that the CLI pairs it with the only task definition given; a service
 * without serviceName gets --service-name.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface OracleCase {
  /** golden/<name>, example/web-app, corpus/taskdefs/<file>, corpus/services/<file>. */
  id: string;
  /** Input files, absolute. */
  inputs: string[];
  /** CLI arguments after the inputs (paths relative to cwd). */
  args: string[];
  /** The working directory of the build (the project file is found there). */
  cwd: string;
  /** The project file, when there is one. */
  projectFile?: string;
  /** The project file's kubernetesVersion (default 1.36). */
  kubernetesVersion?: string;
  /** What the test wrote for this case (a synthetic task definition), for the report. */
  note?: string;
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

function withProject(c: OracleCase): OracleCase {
  const i = c.args.indexOf('--config');
  const file = i >= 0 ? resolve(c.cwd, c.args[i + 1] ?? '') : join(c.cwd, 'ecs2k8s.yaml');
  if (!isFile(file)) return c;
  const p = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
  const v = p?.['kubernetesVersion'];
  return { ...c, projectFile: file, ...(typeof v === 'string' && { kubernetesVersion: v }) };
}

export function goldenCases(root: string): OracleCase[] {
  const dir = join(root, 'fixtures', 'golden');
  return readdirSync(dir)
    .filter((d) => statSync(join(dir, d)).isDirectory() && !existsSync(join(dir, d, 'expected-exit.txt')))
    .sort()
    .map((name) => {
      const cwd = join(dir, name);
      const inputs = readdirSync(cwd)
        .filter((f) => f.endsWith('.json') && f !== 'args.json')
        .sort()
        .map((f) => join(cwd, f));
      const argsFile = join(cwd, 'args.json');
      const args = isFile(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
      return withProject({ id: `golden/${name}`, inputs, args, cwd });
    });
}

export function exampleCase(root: string): OracleCase {
  const cwd = join(root, 'examples', 'web-app');
  return withProject({ id: 'example/web-app', inputs: ['task-definition.json', 'service.json'].map((f) => join(cwd, f)), args: [], cwd });
}

/** The corpus folders that exist: fixtures/corpus (the licensed copy) first, then ../shared/corpus. */
export function corpusRoots(root: string): string[] {
  return [join(root, 'fixtures', 'corpus'), resolve(root, '..', 'shared', 'corpus')].filter((d) => existsSync(join(d, 'taskdefs')));
}

/** corpus/<folder>/<file> → absolute path, the first root holding it winning. */
function corpusFiles(roots: readonly string[], folder: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of roots) {
    const d = join(r, folder);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)
      .filter((x) => x.endsWith('.json'))
      .sort())
      if (!out.has(f)) out.set(f, join(d, f));
  }
  return out;
}

type Json = Record<string, unknown>;
const readJson = (p: string): Json => JSON.parse(readFileSync(p, 'utf8').replace(/^\uFEFF/, '')) as Json;
const taskDefOf = (p: string): Json => (readJson(p)['taskDefinition'] as Json | undefined) ?? readJson(p);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v.filter((x) => typeof x === 'object' && x !== null) as Json[]) : []);
const repoOf = (file: string): string => file.split('__').slice(0, 2).join('__');
const familyOf = (ref: string): string => ref.replace(/^arn:aws[a-z-]*:ecs:[^:]*:[^:]*:task-definition\//, '').replace(/:\d+$/, '');

/** A task definition for a service kept without one: its load balancer, registry and Service Connect containers and ports. */
function syntheticTaskDefinition(svc: Json, family: string): Json {
  const containers = new Map<string, Json[]>();
  const add = (name: string, mapping?: Json): void => {
    const list = containers.get(name) ?? [];
    if (mapping && !list.some((m) => m['containerPort'] === mapping['containerPort'])) list.push(mapping);
    containers.set(name, list);
  };
  for (const lb of arr(svc['loadBalancers'])) if (typeof lb['containerName'] === 'string') add(lb['containerName'], { containerPort: lb['containerPort'], protocol: 'tcp' });
  for (const r of arr(svc['serviceRegistries'])) if (typeof r['containerName'] === 'string') add(r['containerName'], { containerPort: r['containerPort'] ?? 80, protocol: 'tcp' });
  const sc = svc['serviceConnectConfiguration'] as Json | undefined;
  for (const s of arr(sc?.['services'])) add([...containers.keys()][0] ?? 'app', { name: s['portName'], containerPort: 8080, protocol: 'tcp' });
  if (containers.size === 0) add('app');
  const awsvpc = typeof svc['networkConfiguration'] === 'object' || svc['launchType'] === 'FARGATE';
  return {
    family,
    networkMode: awsvpc ? 'awsvpc' : 'bridge',
    ...(awsvpc && { requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512' }),
    containerDefinitions: [...containers].map(([name, portMappings]) => ({
      name,
      image: 'public.ecr.aws/nginx/nginx:1.27',
      essential: true,
      ...(!awsvpc && { memory: 256 }),
      ...(portMappings.length > 0 && { portMappings: portMappings.map((m) => (awsvpc ? m : { ...m, hostPort: 0 })) }),
    })),
  };
}

export function corpusCases(roots: readonly string[], scratch: string): OracleCase[] {
  const taskdefs = corpusFiles(roots, 'taskdefs');
  const services = corpusFiles(roots, 'services');
  const cases: OracleCase[] = [...taskdefs].map(([f, p]) => ({ id: `corpus/taskdefs/${f}`, inputs: [p], args: [], cwd: scratch }));
  for (const [f, p] of services) {
    const doc = readJson(p);
    for (const [i, svc] of (Array.isArray(doc['services']) ? arr(doc['services']) : [doc]).entries()) {
      const id = `corpus/services/${f}${Array.isArray(doc['services']) && arr(doc['services']).length > 1 ? `#${i}` : ''}`;
      const lbNames = arr(svc['loadBalancers']).map((lb) => lb['containerName']);
      const fits = (td: string): boolean => lbNames.every((n) => arr(taskDefOf(td)['containerDefinitions']).some((c) => c['name'] === n));
      const ref = typeof svc['taskDefinition'] === 'string' ? familyOf(svc['taskDefinition']) : undefined;
      const byFamily = [...taskdefs.values()].find((td) => taskDefOf(td)['family'] === ref);
      const sameRepo = [...taskdefs]
        .filter(([tf]) => repoOf(tf) === repoOf(f))
        .map(([, tp]) => tp)
        .filter(fits);
      let td = byFamily && fits(byFamily) ? byFamily : sameRepo.length === 1 ? sameRepo[0] : undefined;
      let note: string | undefined;
      if (!td) {
        td = join(scratch, `${f.replace(/\.json$/, '')}-${i}.taskdef.json`);
        writeFileSync(
          td,
          JSON.stringify(
            syntheticTaskDefinition(
              svc,
              `oracle-${f
                .split('__')
                .pop()!
                .replace(/\.json$/, '')}`,
            ),
            null,
            2,
          ),
        );
        note = 'task definition written by the test from the service';
      }
      const family = String(taskDefOf(td)['family']);
      let svcFile = p;
      if (ref !== family || Array.isArray(doc['services'])) {
        const copy = { ...svc };
        delete copy['taskDefinition'];
        svcFile = join(scratch, `${f.replace(/\.json$/, '')}-${i}.service.json`);
        writeFileSync(svcFile, JSON.stringify(copy, null, 2));
      }
      const args =
        typeof svc['serviceName'] === 'string'
          ? []
          : [
              '--service-name',
              f
                .split('__')
                .pop()!
                .replace(/\.json$/, '')
                .toLowerCase(),
            ];
      cases.push({ id, inputs: [td, svcFile], args, cwd: scratch, ...(note !== undefined && { note }) });
    }
  }
  return cases;
}
