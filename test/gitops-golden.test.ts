/**
 * GitOps golden cases (fixtures/gitops/<case>/, SPEC §13), each built like a golden bundle
 * (test/helpers/golden.ts: top-level *.json inputs, args.json, ecs2k8s.yaml) and compared byte
 * for byte with expected/ and expected-diagnostics.txt. Then, by what the case holds:
 *
 * - overlays/: `kubectl kustomize overlays/<env>` equals a plain build of that environment alone
 *   (same inputs and options), each overlay is less than half that build's size, and
 *   `build --check` sees the whole tree (base, overlays, gitops) as current, and an edit anywhere;
 * - gitops/: every object passes the strict Argo CD / Flux validation and points at an overlay
 *   (or bundle root) that exists; `kubectl kustomize gitops` lists them;
 * - charts: `helm lint --strict` passes; `helm template` with the default values equals the
 *   plain bundle of that namespace object for object (its Namespace aside); `--set` of replicas
 *   and of an image changes the rendered object; strings holding `{{` come out as written.
 *
 * Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/gitops-golden.test.ts`, then read every
 * changed file against the case's README.md.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { validateGitopsObject } from '../src/k8s/validate/gitops.js';
import { runIn } from './helpers/build.js';
import { repoRoot } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { buildCase, bundleFiles, listCases, listFiles, manifestProblems, updateExpected, type GoldenCase } from './helpers/golden.js';
import { helm, helmPath } from './helpers/helm.js';
import { bundleFolderObjects, byKey, hasKubectl, kustomize, parseStream, type Obj } from './helpers/kustomize.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const root = join(repoRoot, 'fixtures', 'gitops');
const cases = listCases(root);
const tmp = makeTempDir('ecs2k8s-gitops-golden-');
afterAll(() => tmp.remove());

const bytesUnder = (dir: string) =>
  listFiles(dir)
    .filter((f) => !f.split('/').pop()!.startsWith('.'))
    .reduce((n, f) => n + statSync(join(dir, f)).size, 0);

interface ProjectEnv {
  inputs: string[];
  namespace?: string;
  labels?: Record<string, string>;
  images?: Record<string, string>;
  replicas?: number;
}

/** The environments of a case: the project file's, or args.json's `--env NAME=PATHS`. */
function environmentsOf(c: GoldenCase): Record<string, ProjectEnv> {
  const project = existsSync(join(c.dir, 'ecs2k8s.yaml')) ? (parseYaml(readFileSync(join(c.dir, 'ecs2k8s.yaml'), 'utf8')) as { environments?: Record<string, ProjectEnv> }) : {};
  const fromArgs: Record<string, ProjectEnv> = {};
  c.args.forEach((a, i) => {
    if (a !== '--env') return;
    const [name, paths] = c.args[i + 1]!.split('=') as [string, string];
    fromArgs[name] = { ...project.environments?.[name], inputs: paths.split(',') };
  });
  return Object.keys(fromArgs).length > 0 ? fromArgs : (project.environments ?? {});
}

/**
 * A plain build of one environment alone, with the same options, into dir. It runs in a copy of
 * the case laid out as in this repository (a .git at the copy's root), with its options as the
 * copy's project file when the case has one, so that the project root, and with it every
 * ecs2k8s.io/source annotation, is the one of the environments' build (README, "The project root").
 */
async function plainBuild(c: GoldenCase, name: string, env: ProjectEnv, dir: string): Promise<void> {
  const hasProject = existsSync(join(c.dir, 'ecs2k8s.yaml'));
  const project = hasProject ? (parseYaml(readFileSync(join(c.dir, 'ecs2k8s.yaml'), 'utf8')) as Record<string, unknown>) : {};
  const { environments: _e, gitops: _g, ...shared } = project;
  const config = {
    ...shared,
    ...(env.labels && { labels: { ...(shared['labels'] as object), ...env.labels } }),
    ...(env.images && { images: { ...(shared['images'] as object), ...env.images } }),
    ...(env.replicas !== undefined && { replicas: env.replicas }),
  };
  const root = tmp.path(`${c.name}-plain-src-${name}`);
  const copy = join(root, relative(repoRoot, c.dir));
  cpSync(c.dir, copy, { recursive: true });
  mkdirSync(join(root, '.git'));
  if (hasProject) writeFileSync(join(copy, 'ecs2k8s.yaml'), JSON.stringify(config));
  else expect(config).toEqual({});
  const r = await runIn(['build', ...env.inputs, ...(hasProject ? ['--config', 'ecs2k8s.yaml'] : []), ...(env.namespace ? ['--namespace', env.namespace] : []), '--out', dir], { cwd: copy });
  expect(r.code, r.stderr).toBe(0);
}

function checkGitopsObjects(c: GoldenCase, out: string): void {
  const dir = join(out, 'gitops');
  const objects = readdirSync(dir)
    .filter((f) => f !== 'kustomization.yaml')
    .map((f) => parseYaml(readFileSync(join(dir, f), 'utf8')) as Obj);
  expect(objects.length).toBeGreaterThan(0);
  const prefix = (p: string) => p.replace(/^\.\//, '');
  const repoPrefix = c.args[c.args.indexOf('--path') + 1]!;
  const pointsAt: string[] = [];
  for (const o of objects) {
    expect(validateGitopsObject(o), `${o.kind} ${o.metadata.name}`).toEqual([]);
    const spec = o['spec'] as Record<string, any>;
    if (o.kind === 'Application') pointsAt.push(spec['source'].path);
    if (o.kind === 'Kustomization') pointsAt.push(prefix(spec['path']));
    if (o.kind === 'ApplicationSet') for (const e of spec['generators'][0].list.elements) pointsAt.push(String(spec['template'].spec.source.path).replace('{{.env}}', e.env));
  }
  expect(pointsAt.length).toBeGreaterThan(0);
  for (const p of pointsAt) {
    expect(p.startsWith(`${repoPrefix}/`) || p === repoPrefix, p).toBe(true);
    expect(existsSync(join(out, p.slice(repoPrefix.length), 'kustomization.yaml')), `${p} is a kustomization in the output`).toBe(true);
  }
  if (hasKubectl)
    expect(
      kustomize(dir)
        .map((o) => o.kind)
        .sort(),
    ).toEqual(objects.map((o) => o.kind).sort());
}

async function checkOverlays(c: GoldenCase, out: string): Promise<void> {
  const envs = environmentsOf(c);
  expect(readdirSync(join(out, 'overlays')).sort()).toEqual(Object.keys(envs).sort());
  for (const [name, env] of Object.entries(envs)) {
    const plain = tmp.path(`${c.name}-plain-${name}`);
    await plainBuild(c, name, env, plain);
    const overlay = join(out, 'overlays', name);
    expect(bytesUnder(overlay), `overlays/${name} is less than half of its plain build`).toBeLessThan(bytesUnder(plain) / 2);
    if (!hasKubectl) continue;
    const want = byKey(bundleFolderObjects(plain));
    const got = byKey(kustomize(overlay));
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [k, o] of want) expect(got.get(k), `overlays/${name}: ${k}`).toEqual(o);
  }
  // --check covers the whole tree: current as written, then an edit in an overlay is a difference.
  const argv = ['build', ...c.inputs.map((f) => join(c.dir, f)), '--out', out, ...c.args];
  expect((await runIn([...argv, '--check'], { cwd: c.dir })).code).toBe(0);
  const edited = join(out, 'overlays', Object.keys(envs)[0]!, 'kustomization.yaml');
  writeFileSync(edited, readFileSync(edited, 'utf8') + '# edited\n');
  const check = await runIn([...argv, '--check'], { cwd: c.dir });
  expect(check.code).toBe(1);
  expect(check.stdout).toContain(`a/overlays/${Object.keys(envs)[0]!}/kustomization.yaml`);
}

async function checkCharts(c: GoldenCase, out: string): Promise<void> {
  const plain = tmp.path(`${c.name}-plain`);
  const r = await runIn(['build', ...c.inputs.map((f) => join(c.dir, f)), '--out', plain], { cwd: c.dir });
  expect(r.code, r.stderr).toBe(0);
  const charts = readdirSync(out).filter((d) => existsSync(join(out, d, 'Chart.yaml')));
  expect(charts.length).toBeGreaterThan(0);
  for (const chart of charts) {
    const dir = join(out, chart);
    expect(helm(['lint', '--strict', dir])).toContain('0 chart(s) failed');
    const rendered = parseStream(helm(['template', 'release', dir, '--namespace', chart]));
    const want = byKey(bundleFolderObjects(join(plain, chart)).filter((o) => o.kind !== 'Namespace'));
    const got = byKey(rendered);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [k, o] of want) expect(got.get(k), `${chart}: ${k}`).toEqual(o);
    // --set changes the object it names.
    const values = parseYaml(readFileSync(join(dir, 'values.yaml'), 'utf8')) as { workloads: Record<string, { replicas?: number; containers: Record<string, unknown> }> };
    const [workload, w] = Object.entries(values.workloads).find(([, x]) => x.replicas !== undefined)!;
    const container = Object.keys(w.containers)[0]!;
    const set = parseStream(
      helm(['template', 'release', dir, '--namespace', chart, '--set', `workloads.${workload}.replicas=9`, '--set', `workloads.${workload}.containers.${container}.image.tag=9.9.9`]),
    );
    const d = set.find((o) => o.metadata.name === workload && (o['spec'] as any)?.replicas !== undefined) as any;
    expect(d.spec.replicas).toBe(9);
    expect(d.spec.template.spec.containers.concat(d.spec.template.spec.initContainers ?? []).find((x: any) => x.name === container).image).toMatch(/:9\.9\.9$/);
    // A value of the wrong type is refused by values.schema.json.
    expect(() => helm(['template', 'release', dir, '--set', `workloads.${workload}.replicas=many`])).toThrow(/schema|replicas/i);
  }
}

describe('GitOps golden cases (fixtures/gitops)', () => {
  it('every case has a README', () => {
    expect(cases.map((c) => c.name)).toEqual(expect.arrayContaining(['environments-argocd', 'environments-flux', 'helm-charts']));
    for (const c of cases) expect(existsSync(join(c.dir, 'README.md')), `${c.name}/README.md`).toBe(true);
  });

  for (const c of cases) {
    it(
      c.name,
      async () => {
        const r = await buildCase(c, tmp.path(c.name));
        const built = tmp.path(c.name);
        if (UPDATE) updateExpected(c, built, r);
        expect(r.code, r.stderr).toBe(c.exitCode);
        expect(r.stderr).toBe(readFileSync(join(c.dir, 'expected-diagnostics.txt'), 'utf8'));
        const files = bundleFiles(built);
        expect(files).toEqual(listFiles(join(c.dir, 'expected')));
        expect(manifestProblems(built)).toEqual([]);
        for (const f of files) expect(readFileSync(join(built, f), 'utf8'), f).toBe(readFileSync(join(c.dir, 'expected', f), 'utf8'));
        if (existsSync(join(built, 'gitops'))) checkGitopsObjects(c, built);
        if (existsSync(join(built, 'overlays'))) await checkOverlays(c, built);
        if (helmPath() && files.some((f) => f.endsWith('/Chart.yaml'))) await checkCharts(c, built);
      },
      120_000,
    );
  }
});
