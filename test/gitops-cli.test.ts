/**
 * The command line of the GitOps outputs (SPEC §13): --env, the project file's environments and
 * gitops settings, --format helm, --gitops argocd|flux with --repo-url/--revision/--path, and
 * every combination that cannot work, refused with exit 2 and a message that says what to do.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { validateGitopsObject } from '../src/k8s/validate/gitops.js';
import { appliedOrder, startCluster, WEB_APP } from './apiserver/harness.js';
import { caseFolders, runIn, writeJson } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-gitops-cli-');

function twoEnvironments(dir: string): void {
  for (const [env, tag, n] of [
    ['dev', '1.1', 1],
    ['prod', '1.0', 4],
  ] as const) {
    writeJson(join(dir, 'ecs', env), 'task.json', { family: 'shop', networkMode: 'awsvpc', containerDefinitions: [{ name: 'shop', image: `repo/shop:${tag}`, essential: true, memory: 256 }] });
    writeJson(join(dir, 'ecs', env), 'service.json', { cluster: `shop-${env}`, serviceName: 'shop', taskDefinition: 'shop', desiredCount: n });
  }
}

const yamlAt = (p: string) => parseYaml(readFileSync(p, 'utf8')) as Record<string, any>;

describe('build: refused combinations (exit 2, nothing written)', () => {
  const cases: [string, string[], RegExp][] = [
    ['--env without NAME=', ['--env', 'ecs/dev', '--out', 'k8s'], /--env "ecs\/dev" is not NAME=PATHS/],
    ['--env with an upper-case name', ['--env', 'Prod=ecs/prod', '--out', 'k8s'], /NAME a DNS label/],
    ['--env twice', ['--env', 'dev=ecs/dev', '--env', 'dev=ecs/prod', '--out', 'k8s'], /--env dev is given twice/],
    ['--env and inputs', ['ecs/dev', '--env', 'prod=ecs/prod', '--out', 'k8s'], /give inputs per environment/],
    ['--env and --stdout', ['--env', 'prod=ecs/prod', '--stdout'], /use --out DIR, not --stdout/],
    ['--env and --format helm', ['--env', 'prod=ecs/prod', '--format', 'helm', '--out', 'k8s'], /--format helm builds one set of inputs/],
    ['--format helm and --stdout', ['ecs/dev', '--format', 'helm', '--stdout'], /--format helm writes chart folders/],
    ['no inputs at all', ['--out', 'k8s'], /build needs inputs/],
    ['--gitops without --repo-url', ['--env', 'prod=ecs/prod', '--out', 'k8s', '--gitops', 'argocd'], /needs the repository .*--repo-url/],
    ['--repo-url without --gitops', ['ecs/dev', '--out', 'k8s', '--repo-url', 'https://example.com/x.git'], /belong to --gitops/],
    ['Flux and an scp-like URL', ['ecs/dev', '--out', 'k8s', '--gitops', 'flux', '--repo-url', 'git@github.com:acme/x.git'], /ssh:\/\/git@host\/org\/repo\.git/],
    ['--gitops and --format helm', ['ecs/dev', '--out', 'k8s', '--format', 'helm', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git'], /not --format helm/],
    ['an output outside the working directory', ['ecs/dev', '--out', '../elsewhere', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git'], /give --path PREFIX/],
    ['--path with ..', ['ecs/dev', '--out', 'k8s', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git', '--path', 'a/../b'], /without "\.\."/],
    ['--gitops-name not a DNS label', ['ecs/dev', '--out', 'k8s', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git', '--gitops-name', 'My App'], /try "my-app"/],
  ];
  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const c = fresh();
      twoEnvironments(c.dir);
      const r = await runIn(['build', ...argv], { cwd: c.dir });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(join(c.dir, 'k8s'))).toBe(false);
    });
  }

  it('an environment whose input does not exist: input-not-found, nothing written', async () => {
    const c = fresh();
    twoEnvironments(c.dir);
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'qa=ecs/qa', '--out', 'k8s'], { cwd: c.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ecs\/qa.*input-not-found/);
    expect(existsSync(join(c.dir, 'k8s'))).toBe(false);
  });

  it('a project file environment with a bad name or member: config-invalid at its line', async () => {
    const c = fresh();
    writeFileSync(join(c.dir, 'ecs2k8s.yaml'), 'environments:\n  Prod:\n    inputs: [ecs/prod]\n  dev:\n    input: [ecs/dev]\n');
    const r = await runIn(['build', '--out', 'k8s'], { cwd: c.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ecs2k8s\.yaml:2:3: error config-invalid: "Prod" is not a valid environment name/);
    expect(r.stderr).toMatch(/ecs2k8s\.yaml:5:5: error config-invalid: "input" is not a setting of the project file: did you mean "inputs"\?/);
  });
});

describe('build: environments from the project file, GitOps settings', () => {
  it('environments: inputs relative to the project file; --env NAME=PATHS keeps its options', async () => {
    const c = fresh();
    twoEnvironments(join(c.dir, 'deploy'));
    writeFileSync(
      join(c.dir, 'deploy', 'ecs2k8s.yaml'),
      'environments:\n  dev:\n    inputs: [ecs/dev]\n    namespace: team-dev\n  prod:\n    inputs: [ecs/prod]\n    namespace: team-prod\n    images:\n      shop: repo/shop:9.9\n',
    );
    const r = await runIn(['build', '--config', 'deploy/ecs2k8s.yaml', '--out', 'k8s'], { cwd: c.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/for 2 environments → k8s/);
    const prod = yamlAt(join(c.dir, 'k8s/overlays/prod/kustomization.yaml'));
    expect(prod['namespace']).toBe('team-prod');
    expect(prod['images']).toEqual([{ name: 'repo/shop', newTag: '9.9' }]);
    // One grouped patch for the source annotation of the Deployment and its PodDisruptionBudget.
    const patch = yamlAt(join(c.dir, 'k8s/overlays/prod/patches/objects-shop.yaml'));
    // Relative to the project root, the project file's folder (README, "The project root").
    expect(patch['metadata'].annotations['ecs2k8s.io/source']).toBe('ecs/prod/task.json, ecs/prod/service.json');
    // --env replaces the list of environments; the project's options for the same name stay.
    const only = await runIn(['build', '--config', 'deploy/ecs2k8s.yaml', '--env', 'prod=deploy/ecs/prod', '--out', 'k8s-prod'], { cwd: c.dir });
    expect(only.code, only.stderr).toBe(0);
    expect(yamlAt(join(c.dir, 'k8s-prod/overlays/prod/kustomization.yaml'))).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['../../base'] });
    expect(yamlAt(join(c.dir, 'k8s-prod/base/namespace-team-prod.yaml'))['metadata'].name).toBe('team-prod');
    // Inputs on the command line are a plain build, whatever environments the project file has.
    const plain = await runIn(['build', 'deploy/ecs/dev', '--config', 'deploy/ecs2k8s.yaml', '--out', 'plain'], { cwd: c.dir });
    expect(plain.code, plain.stderr).toBe(0);
    expect(yamlAt(join(c.dir, 'plain/kustomization.yaml'))['resources']).toEqual(['shop-dev']);
  });

  it('--format json: object files in JSON, patches and kustomizations in YAML', async () => {
    const c = fresh();
    twoEnvironments(c.dir);
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--format', 'json', '--out', 'k8s'], { cwd: c.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(yamlAt(join(c.dir, 'k8s/base/kustomization.yaml'))['resources']).toEqual(['deployment-shop.json', 'poddisruptionbudget-shop.json']);
    expect(JSON.parse(readFileSync(join(c.dir, 'k8s/overlays/dev/namespace-shop-dev.json'), 'utf8')).kind).toBe('Namespace');
  });

  it('gitops settings from the project file; Argo CD Application per environment; a plain bundle gets one Application', async () => {
    const c = fresh();
    twoEnvironments(c.dir);
    writeFileSync(
      join(c.dir, 'ecs2k8s.yaml'),
      'gitops:\n  tool: argocd\n  repoURL: https://git.example.com/acme/deploy\n  revision: 0123456789abcdef0123456789abcdef01234567\n  name: shop\n  namespace: gitops\n  argocdKind: application\n',
    );
    const r = await runIn(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'deploy/k8s'], { cwd: c.dir });
    expect(r.code, r.stderr).toBe(0);
    const app = yamlAt(join(c.dir, 'deploy/k8s/gitops/application-shop-prod.yaml'));
    expect(validateGitopsObject(app)).toEqual([]);
    expect(app['metadata']).toMatchObject({ name: 'shop-prod', namespace: 'gitops' });
    expect(app['spec'].source).toEqual({ repoURL: 'https://git.example.com/acme/deploy', targetRevision: '0123456789abcdef0123456789abcdef01234567', path: 'deploy/k8s/overlays/prod' });
    expect(app['spec'].destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'shop-prod' });
    expect(yamlAt(join(c.dir, 'deploy/k8s/gitops/kustomization.yaml'))['resources']).toEqual(['application-shop-dev.yaml', 'application-shop-prod.yaml']);

    const plain = await runIn(['build', 'ecs/dev', '--out', 'plain', '--gitops', 'flux', '--revision', 'refs/heads/release'], { cwd: c.dir });
    expect(plain.code, plain.stderr).toBe(0);
    const repo = yamlAt(join(c.dir, 'plain/gitops/gitrepository-shop.yaml'));
    expect(repo['spec']).toEqual({ interval: '1m', url: 'https://git.example.com/acme/deploy', ref: { branch: 'release' } });
    const ks = yamlAt(join(c.dir, 'plain/gitops/kustomization-shop.yaml'));
    expect(validateGitopsObject(ks)).toEqual([]);
    expect(ks['metadata'].namespace).toBe('gitops');
    expect(ks['spec'].path).toBe('./plain');
    // The root kustomization (what Flux applies) does not list the gitops folder.
    expect(yamlAt(join(c.dir, 'plain/kustomization.yaml'))['resources']).toEqual(['shop-dev']);
  });

  it('a namespace named gitops would share its folder with the GitOps objects: refused', async () => {
    const c = fresh();
    writeJson(c.dir, 'task.json', { family: 'shop', containerDefinitions: [{ name: 'shop', image: 'repo/shop:1', essential: true, memory: 64 }] });
    const r = await runIn(['build', 'task.json', '--namespace', 'gitops', '--out', 'k8s', '--gitops', 'argocd', '--repo-url', 'https://example.com/x.git'], { cwd: c.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/gitops\/kustomization\.yaml, which the bundle uses too/);
    expect(existsSync(join(c.dir, 'k8s'))).toBe(false);
  });
});

describe('diff and apply on the GitOps outputs', () => {
  it("apply <bundle>: the Argo CD objects of --gitops are the controller's, not applied; overlays and charts are refused", async () => {
    const c = await startCluster();
    try {
      const built = await c.cli(['build', WEB_APP, '--out', 'k8s', '--gitops', 'argocd', '--repo-url', 'https://example.com/deploy.git']);
      expect(built.code, built.stderr).toBe(0);
      const r = await c.cli(['apply', 'k8s']);
      expect(r.code, r.stderr).toBe(0);
      expect(appliedOrder(c.server).some((o) => o.startsWith('Application'))).toBe(false);
      expect(appliedOrder(c.server)).toContain('Deployment/prod-eu/orders-api');

      twoEnvironments(c.tmp.dir);
      expect((await c.cli(['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'envs'])).code).toBe(0);
      const overlays = await c.cli(['diff', 'envs']);
      expect(overlays.code).toBe(2);
      expect(overlays.stderr).toMatch(/envs: error bundle-layout: holds a base and overlays: diff or apply one environment/);
      expect((await c.cli(['build', WEB_APP, '--format', 'helm', '--out', 'charts'])).code).toBe(0);
      const charts = await c.cli(['apply', 'charts']);
      expect(charts.code).toBe(2);
      expect(charts.stderr).toMatch(/charts: error bundle-layout: holds Helm charts/);
    } finally {
      await c.close();
    }
  });
});
