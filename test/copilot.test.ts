/**
 * The Copilot reader (SPEC §12, docs/inputs.md "AWS Copilot"):
 *
 * - golden cases, fixtures/copilot/<case>/: `build copilot --out` of the case folder's `copilot/`
 *   (args.json adds arguments) compared byte for byte with expected/ and expected-diagnostics.txt
 *   (the stderr of `build --verbose`); each case's README says what was checked by hand. Regenerate
 *   with `UPDATE_GOLDEN=1 npx vitest run test/copilot.test.ts` and read the diff;
 * - the environments case: every overlay is accepted by the real `kubectl kustomize`, in its
 *   namespace `<app>-<env>`, with the environment's overrides applied;
 * - located diagnostics: a typo'd field at its own line and column, with a did-you-mean;
 * - real public manifests (fixtures/iac-corpus/copilot/, SOURCES.tsv) build with no error;
 * - mutated manifests never make the compiler throw, and every diagnostic lies inside its text.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify as stringifyYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { compileTexts } from '../src/compile.js';
import { defaultOptions } from '../src/options.js';
import { repoRoot, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { buildCase, bundleFiles, listFiles, manifestProblems, updateExpected, type GoldenCase } from './helpers/golden.js';
import { hasKubectl, kustomize } from './helpers/kustomize.js';

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const root = join(repoRoot, 'fixtures', 'copilot');
const cases: GoldenCase[] = readdirSync(root)
  .filter((d) => statSync(join(root, d)).isDirectory())
  .sort()
  .map((name) => {
    const dir = join(root, name);
    const argsFile = join(dir, 'args.json');
    return { name, dir, inputs: ['copilot'], args: existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [], exitCode: 0 };
  });
const tmp = makeTempDir('ecs2k8s-copilot-');
afterAll(() => tmp.remove());

describe('Copilot golden cases', () => {
  it('has a case per manifest type, environments and diagnostics', () => {
    expect(cases.map((c) => c.name)).toEqual(['backend-service', 'diagnostics', 'environments', 'scheduled-job', 'web-service', 'worker-service']);
  });
  it.each(cases)('$name', async (c) => {
    const out = tmp.path(c.name);
    const r = await buildCase(c, out);
    if (UPDATE) updateExpected(c, out, r);
    expect(r.stderr).toBe(readFileSync(join(c.dir, 'expected-diagnostics.txt'), 'utf8'));
    expect(r.code).toBe(0);
    const expected = join(c.dir, 'expected');
    expect(bundleFiles(out)).toEqual(listFiles(expected));
    for (const f of listFiles(expected)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(expected, f), 'utf8'));
    expect(manifestProblems(out)).toEqual([]);
    expect(existsSync(join(c.dir, 'README.md'))).toBe(true);
  });
});

describe.skipIf(!hasKubectl)('Copilot environments → overlays that kubectl kustomize accepts', () => {
  const dir = join(root, 'environments', 'expected');
  it.each(['prod', 'test'])('overlays/%s', (env) => {
    const objects = kustomize(join(dir, 'overlays', env));
    const ns = `shop-${env}`;
    for (const o of objects) if (o.kind !== 'Namespace') expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(ns);
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(
      [
        'CronJob/report',
        'Deployment/api',
        'Deployment/worker',
        'ExternalSecret/api-parameters',
        'HorizontalPodAutoscaler/api',
        'Ingress/api',
        'Namespace/' + ns,
        'PodDisruptionBudget/api',
        'PodDisruptionBudget/worker',
        'Service/api',
      ].sort(),
    );
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as unknown as { spec: { minReplicas: number; maxReplicas: number } };
    // prod overrides count.range 2-10 with 4-20
    expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual(env === 'prod' ? [4, 20] : [2, 10]);
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === 'api') as unknown as { spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } } };
    const envVars = Object.fromEntries(api.spec.template.spec.containers[0]!.env.map((e) => [e.name, e.value]));
    expect(envVars['LOG_LEVEL']).toBe(env === 'prod' ? 'warn' : 'info');
    expect(envVars['COPILOT_ENVIRONMENT_NAME']).toBe(env);
    const secret = objects.find((o) => o.kind === 'ExternalSecret') as unknown as { spec: { data: { remoteRef: { key: string } }[] } };
    // ${COPILOT_APPLICATION_NAME} and ${COPILOT_ENVIRONMENT_NAME} are substituted, as Copilot does
    expect(secret.spec.data[0]!.remoteRef.key).toBe(`/copilot/shop/${env}/secrets/db_password`);
  });
});

describe('Copilot environments under --env', () => {
  it("--env NAME=copilot builds the application's own environment NAME: both named give the same tree as no --env", async () => {
    const out = tmp.path('env-flags');
    const r = await runCli(['build', '--env', 'prod=copilot', '--env', 'test=copilot', '--out', out], { cwd: join(root, 'environments') });
    expect(r.code, r.stderr).toBe(0);
    const expected = join(root, 'environments', 'expected');
    expect(bundleFiles(out)).toEqual(listFiles(expected));
    for (const f of listFiles(expected)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(expected, f), 'utf8'));
  });
  it("an --env that is none of the application's environments is warned", async () => {
    const r = await runCli(['build', '--env', 'staging=copilot', '--out', tmp.path('env-staging')], { cwd: join(root, 'environments') });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the environment "staging" is none of the inputs\' own environments (prod, test)');
  });
});

describe('Copilot diagnostics are located', () => {
  it('a typo’d field is reported at its line and column with a did-you-mean; an App Runner service is named', async () => {
    const r = await runCli(['build', 'fixtures/copilot/diagnostics/copilot', '--stdout']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'fixtures/copilot/diagnostics/copilot/web/manifest.yml:6:1: warning copilot-unknown-field: "memroy" is not a field of a Load Balanced Web Service manifest: did you mean "memory"?',
    );
    expect(r.stderr).toContain('web/manifest.yml:9:3: warning copilot-unknown-field: "helthcheck" is not a field of "http": did you mean "healthcheck"?');
    expect(r.stderr).toContain('site/manifest.yml:2:7: warning copilot-not-applied: "site" is a Request-Driven Web Service, which Copilot runs on AWS App Runner, not ECS');
  });
  it('validate reports what the environments share once', async () => {
    const r = await runCli(['validate', 'fixtures/copilot/environments/copilot']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/warning image-missing/g)).toHaveLength(1);
    expect(r.stderr).toContain('fixtures/copilot/environments/copilot/worker/manifest.yml:4:3: warning image-missing');
  });
  it('invalid YAML and an unknown type are errors at their position, exit 2', async () => {
    const texts = [
      { file: 'copilot/a/manifest.yml', text: 'name: a\ntype: Backend Service\nimage: [unclosed\n' },
      { file: 'copilot/b/manifest.yml', text: 'name: b\ntype: Backend Service\ncpu: 256\n' },
    ];
    const r = compileTexts(texts, defaultOptions(), { cwd: repoRoot });
    expect(r.diagnostics.find((x) => x.code === 'copilot-manifest')).toMatchObject({ file: 'copilot/a/manifest.yml', severity: 'error', line: 4 });
    const wrongType = await runCli(['build', '-', '--stdout'], { stdin: 'name: x\ntype: Load Balanced Web Servise\n' });
    // stdin is not named manifest.yml and its type line is not a Copilot type: it is read as JSON
    expect(wrongType.code).toBe(2);
    const typed = compileTexts([{ file: 'copilot/x/manifest.yml', text: 'name: x\ntype: Backend Servise\n' }], defaultOptions(), { cwd: repoRoot });
    expect(typed.diagnostics).toEqual([
      expect.objectContaining({ code: 'copilot-manifest', severity: 'error', line: 2, column: 7, message: '"Backend Servise" is not a Copilot manifest type: did you mean "Backend Service"?' }),
    ]);
  });
  it('a schema problem of the produced task definition points into the manifest', () => {
    const r = compileTexts([{ file: 'copilot/x/manifest.yml', text: 'name: x\ntype: Backend Service\nimage:\n  location: nginx:1.27\ncpu: 12345\nmemory: 512\n' }], defaultOptions(), {
      cwd: repoRoot,
    });
    const e = r.diagnostics.find((x) => x.severity === 'error');
    expect(e).toMatchObject({ file: 'copilot/x/manifest.yml', line: 5, column: 6 });
  });
});

describe('Copilot fields through the pipeline', () => {
  const build = (text: string) => compileTexts([{ file: 'copilot/s/manifest.yml', text }], defaultOptions(), { cwd: repoRoot });
  it('nlb alone is a Service of type LoadBalancer; http: false has no Ingress', () => {
    const r = build('name: s\ntype: Load Balanced Web Service\nhttp: false\nnlb:\n  port: 443/tcp\nimage:\n  location: nginx:1.27\n  port: 8443\n');
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const kinds = r.entries.map((e) => `${e.object.kind}/${e.object.metadata.name}`);
    expect(kinds).toContain('Service/s-lb');
    expect(kinds.some((k) => k.startsWith('Ingress/'))).toBe(false);
    const lb = r.entries.find((e) => e.object.metadata.name === 's-lb')!.object as unknown as { spec: { type: string; ports: { port: number }[] } };
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.spec.ports[0]!.port).toBe(8443);
  });
  it('platform windows/x86_64 selects Windows nodes; taskdef_overrides EphemeralStorage.SizeInGiB applies', () => {
    const r = build(
      'name: s\ntype: Backend Service\nplatform: windows/x86_64\ncpu: 1024\nmemory: 2048\nimage:\n  location: mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019\ntaskdef_overrides:\n  - path: EphemeralStorage.SizeInGiB\n    value: 30\n',
    );
    expect(r.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    const dep = r.entries.find((e) => e.object.kind === 'Deployment')!.object as unknown as {
      spec: { template: { spec: { nodeSelector: Record<string, string>; containers: { resources: { requests: Record<string, string> } }[] } } };
    };
    expect(dep.spec.template.spec.nodeSelector['kubernetes.io/os']).toBe('windows');
    expect(dep.spec.template.spec.containers[0]!.resources.requests['ephemeral-storage']).toBe('30Gi');
  });
});

describe('Copilot job schedules', () => {
  const job = (schedule: string) =>
    compileTexts([{ file: 'copilot/j/manifest.yml', text: `name: j\ntype: Scheduled Job\non:\n  schedule: "${schedule}"\nimage:\n  location: busybox:1.36\n` }], defaultOptions(), { cwd: repoRoot });
  const kinds = (r: ReturnType<typeof job>) => r.entries.map((e) => e.object.kind);
  it('@every 30m is a CronJob every 30 minutes; @daily and cron stay as written', () => {
    const every = job('@every 30m');
    expect((every.entries.find((e) => e.object.kind === 'CronJob')!.object as unknown as { spec: { schedule: string } }).spec.schedule).toBe('*/30 * * * *');
    expect((job('@daily').entries.find((e) => e.object.kind === 'CronJob')!.object as unknown as { spec: { schedule: string } }).spec.schedule).toBe('@daily');
    expect((job('0 9 * * 1-5').entries.find((e) => e.object.kind === 'CronJob')!.object as unknown as { spec: { schedule: string } }).spec.schedule).toBe('0 9 * * 1-5');
  });
  it('none is a Job with a warning at the schedule; @every 90s is a located warning', () => {
    const none = job('none');
    expect(kinds(none)).toContain('Job');
    expect(none.diagnostics).toContainEqual(expect.objectContaining({ code: 'copilot-not-applied', line: 4, column: 13 }));
    const odd = job('@every 90s');
    expect(odd.diagnostics).toContainEqual(expect.objectContaining({ code: 'copilot-manifest', line: 4, column: 13 }));
  });
});

const corpusRoot = join(repoRoot, 'fixtures', 'iac-corpus', 'copilot');
const corpus = existsSync(join(corpusRoot, 'SOURCES.tsv'))
  ? readFileSync(join(corpusRoot, 'SOURCES.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'))
  : [];
const apps = [...new Set(corpus.map((row) => row[0]!.split('/')[0]!))].sort();

describe('real public Copilot manifests build', () => {
  it('has at least six manifests, each file present, with a repository, commit and license', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(6);
    for (const [file, repo, path, commit, license] of corpus) {
      expect(existsSync(join(corpusRoot, file!)), file).toBe(true);
      expect(repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(path).toMatch(/manifest\.yml$/);
      expect(commit).toMatch(/^[0-9a-f]{40}$/);
      expect(['MIT', 'Apache-2.0', 'MIT-0']).toContain(license);
    }
  });
  it.each(apps)('%s', async (dir) => {
    const r = await runCli(['build', join('fixtures/iac-corpus/copilot', dir, 'copilot'), '--stdout']);
    expect(r.stderr).not.toMatch(/ error /);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('kind: ');
  });
});

describe('mutated Copilot manifests never throw', () => {
  const seeds = cases.flatMap((c) =>
    listFiles(join(c.dir, 'copilot'))
      .filter((f) => f.endsWith('manifest.yml'))
      .map((f) => ({ file: `copilot/${f}`, text: readFileSync(join(c.dir, 'copilot', f), 'utf8') })),
  );
  const runs = Number(process.env['ECS2K8S_FUZZ_RUNS'] ?? 200);
  it('by lines deleted, duplicated, indented and values replaced', () => {
    const junk = ['', '~', '[]', '{}', '-1', '1e400', '"\\u0000"', 'true', '!!binary AA', '&a x', '*a', '"${X}"', '0x10', '2-1', 'a: b: c', '- - -'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...junk)), { maxLength: 6 }), (s, edits) => {
        const seed = seeds[s]!;
        const lines = seed.text.split('\n');
        for (const [n, op, value] of edits) {
          const i = n % Math.max(lines.length, 1);
          const line = lines[i] ?? '';
          if (op === 0) lines.splice(i, 1);
          else if (op === 1) lines.splice(i, 0, line);
          else if (op === 2) lines[i] = '  ' + line;
          else if (op === 3) lines[i] = line.replace(/:\s.*$/, `: ${value}`);
          else lines[i] = line.replace(/^(\s*)[\w-]+/, `$1${value}`);
        }
        const text = lines.join('\n');
        const r = compileTexts([{ file: seed.file, text }], defaultOptions(), { cwd: repoRoot });
        const lineCount = text.split('\n').length;
        for (const d of r.diagnostics) {
          if (d.file !== seed.file || d.line === undefined) continue;
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lineCount + 1);
        }
        expect(r.diagnostics.some((d) => d.code === 'invalid-output')).toBe(false);
      }),
      { numRuns: runs, seed: 16 },
    );
  });
  it('by any value at any field of the manifest types', () => {
    const fields = [
      'name',
      'image',
      'location',
      'build',
      'port',
      'cpu',
      'memory',
      'platform',
      'count',
      'range',
      'cpu_percentage',
      'requests',
      'response_time',
      'cooldown',
      'http',
      'path',
      'healthcheck',
      'nlb',
      'variables',
      'secrets',
      'secretsmanager',
      'from_cfn',
      'sidecars',
      'storage',
      'volumes',
      'efs',
      'logging',
      'network',
      'connect',
      'entrypoint',
      'command',
      'depends_on',
      'deployment',
      'rolling',
      'on',
      'schedule',
      'taskdef_overrides',
      'environments',
      'prod',
      'exec',
    ];
    const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom(null, true, 0, -1, Number.POSITIVE_INFINITY, '', '1-3', '@every 1m', 'linux/arm64', '80/tcp', '${COPILOT_APPLICATION_NAME}'),
        fc.string(),
        fc.integer(),
        fc.array(tie('v'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom(...fields), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    const types = ['Load Balanced Web Service', 'Backend Service', 'Worker Service', 'Scheduled Job'];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 8 }), (type, body) => {
        const text = stringifyYaml({ ...body, type });
        const r = compileTexts([{ file: 'copilot/f/manifest.yml', text }], defaultOptions(), { cwd: repoRoot });
        expect(
          r.diagnostics.some((d) => d.code === 'invalid-output'),
          JSON.stringify(r.diagnostics.filter((d) => d.code === 'invalid-output')),
        ).toBe(false);
      }),
      { numRuns: runs, seed: 1616 },
    );
  });
});
