/**
 * The GitHub Action (action.yml), run as a runner runs it: the committed bundle that `runs.main`
 * names, started with `node` in a child process whose environment holds only what a runner
 * gives a JavaScript action: `INPUT_<ID>` for every input (the id upper-cased, spaces as `_`,
 * dashes kept; action.yml's defaults for inputs the workflow does not set), `GITHUB_WORKSPACE`
 * (also the working directory), `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY` and `GITHUB_ACTIONS=true`.
 * Asserted: the outputs file (heredoc form), the step summary, the annotations on stdout (file
 * relative to the workspace, line, column), the bundle written, and the exit status. Plus: the
 * committed bundle is what scripts/build-action.mjs makes from today's sources, byte for byte.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { corpusDir, parseText, posOf, repoRoot, runCli, type TextDiagnostic } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { appliedOrder, startCluster, TOKEN, type Cluster } from './apiserver/harness.js';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, { required?: boolean; default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
}
const actionYml = parseYaml(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
const committedMain = resolve(repoRoot, actionYml.runs.main);

const tmp = makeTempDir('ecs2k8s-action-');
afterAll(() => tmp.remove());

/**
 * A runner downloads the action repository at the named ref and runs `node <main>` there: no
 * node_modules. The committed file is copied, byte for byte, into such a folder (none of whose
 * ancestors holds a node_modules either), so that a module left out of the bundle fails here.
 */
const actionRoot = tmp.path('actions/ecs2k8s/v1');
const actionMain = join(actionRoot, actionYml.runs.main);
mkdirSync(dirname(actionMain), { recursive: true });
cpSync(join(repoRoot, 'action.yml'), join(actionRoot, 'action.yml'));
cpSync(committedMain, actionMain);

const exampleDir = join(repoRoot, 'examples/web-app');
const MISSING_COMMA = 'aws-samples__ecs-firelens-examples__dynatrace-missing-comma.json';

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  annotations: Annotation[];
}

interface Annotation {
  kind: 'error' | 'warning' | 'notice';
  props: Record<string, string>;
  message: string;
}

let seq = 0;

/** A fresh workspace holding the web-app example as `.aws/task-definition.json` and `.aws/service.json`. */
function workspace(): string {
  const ws = tmp.path(`ws-${++seq}`);
  mkdirSync(join(ws, '.aws'), { recursive: true });
  cpSync(join(exampleDir, 'task-definition.json'), join(ws, '.aws/task-definition.json'));
  cpSync(join(exampleDir, 'service.json'), join(ws, '.aws/service.json'));
  return ws;
}

/** The environment a runner gives the action for `with: inputs`. */
function runnerEnv(ws: string, inputs: Record<string, string>, files: { output: string; summary: string }): Record<string, string> {
  for (const k of Object.keys(inputs)) if (!(k in actionYml.inputs)) throw new Error(`the test uses an input action.yml does not declare: ${k}`);
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: ws,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: tmp.dir,
  };
  for (const [id, spec] of Object.entries(actionYml.inputs)) {
    const value = inputs[id] ?? spec.default;
    if (value !== undefined) env[`INPUT_${id.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** Runs `node <runs.main>` in the workspace as the runner does. */
function runAction(ws: string, inputs: Record<string, string>): Promise<ActionRun> {
  const n = ++seq;
  const files = { output: tmp.path(`github-output-${n}`), summary: tmp.path(`step-summary-${n}`) };
  // The runner creates both files empty before the step.
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env = runnerEnv(ws, inputs, files);
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [actionMain], { cwd: ws, env, encoding: 'utf8', timeout: 25_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      const code = error ? (error.code as number) : 0;
      resolvePromise({
        code,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(files.output, 'utf8')),
        summary: readFileSync(files.summary, 'utf8'),
        annotations: parseAnnotations(stdout),
      });
    });
  });
}

/** Parses the GITHUB_OUTPUT file strictly: every entry in the `name<<DELIMITER` form, each name once. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (text === '') return out;
  expect(text.endsWith('\n')).toBe(true);
  const lines = text.slice(0, -1).split('\n');
  for (let i = 0; i < lines.length;) {
    const m = /^([A-Za-z0-9_-]+)<<(ghadelimiter_[0-9a-f-]{36})$/.exec(lines[i]!);
    expect(m, `an output line in the heredoc form: ${JSON.stringify(lines[i])}`).not.toBeNull();
    const end = lines.indexOf(m![2]!, i + 1);
    expect(end, `the delimiter of ${m![1]} closes it`).toBeGreaterThan(i);
    expect(out, `${m![1]} is written once`).not.toHaveProperty(m![1]!);
    out[m![1]!] = lines.slice(i + 1, end).join('\n');
    i = end + 1;
  }
  return out;
}

const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Workflow command annotations (`::error file=…,line=…,col=…,title=…::message`) on stdout. */
function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const p of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = p.indexOf('=');
      props[p.slice(0, eq)] = unescape(p.slice(eq + 1));
    }
    out.push({ kind: m[1] as Annotation['kind'], props, message: unescape(m[3]!) });
  }
  return out;
}

/** Annotations that point into a file, as `file:line:col severity code`, sorted. */
function located(annotations: Annotation[]): string[] {
  return annotations
    .filter((a) => a.props['file'] !== undefined)
    .map((a) => `${a.props['file']}:${a.props['line']}:${a.props['col']} ${a.kind} ${a.props['title']?.replace(/^ecs2k8s /, '')}`)
    .sort();
}

/** The CLI's own diagnostics for the same files (text form), in the same shape. */
function cliLocated(ds: TextDiagnostic[]): string[] {
  return ds
    .filter((d) => d.severity !== 'info')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`)
    .sort();
}

/** Every file under dir (relative POSIX path → content). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const objectFiles = (t: Record<string, string>) => Object.keys(t).filter((p) => p.endsWith('.yaml') && !p.endsWith('kustomization.yaml'));

describe('action.yml', () => {
  it('is a JavaScript action on node24 whose main is a committed file outside dist/', () => {
    expect(actionYml.runs.using).toBe('node24');
    expect(actionYml.runs.main).toBe('dist-action/index.mjs');
    expect(existsSync(committedMain)).toBe(true);
    for (let d = actionRoot; d !== dirname(d); d = dirname(d)) expect(existsSync(join(d, 'node_modules')), `${d}/node_modules`).toBe(false);
    expect(readFileSync(join(repoRoot, '.gitignore'), 'utf8').split('\n')).not.toContain('dist-action/');
  });

  it('declares the inputs and outputs SPEC §7 and the ECS actions name', () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual(
      [
        'applyset',
        'apply',
        'check',
        'config',
        'container-name',
        'context',
        'diff',
        'force-conflicts',
        'image',
        'images',
        'kubeconfig',
        'namespace',
        'out',
        'prune',
        'service-definition',
        'strict',
        'task-definition',
        'timeout',
        'wait',
      ].sort(),
    );
    expect(Object.keys(actionYml.outputs).sort()).toEqual(['bundle-changed', 'bundle-dir', 'changed', 'objects', 'warnings']);
    expect(actionYml.inputs['out']!.default).toBe('k8s');
    expect(actionYml.inputs['timeout']!.default).toBe('5m');
    for (const b of ['strict', 'check', 'diff', 'apply', 'wait', 'prune', 'force-conflicts']) expect(actionYml.inputs[b]!.default).toBe('false');
  });
});

describe('the committed bundle', () => {
  const build = (outfile: string) =>
    new Promise<void>((res, rej) =>
      execFile(process.execPath, [join(repoRoot, 'scripts/build-action.mjs'), outfile], { cwd: repoRoot }, (e, _o, stderr) => (e ? rej(new Error(`${e.message}\n${stderr}`)) : res())),
    );

  it('is what `npm run build:action` makes from the sources today (rebuild it when this fails)', async () => {
    const a = tmp.path('rebuild-a/index.mjs');
    await build(a);
    const committed = readFileSync(committedMain);
    const fresh = readFileSync(a);
    expect(fresh.equals(committed), `${actionYml.runs.main} is stale: run \`npm run build:action\` and commit it`).toBe(true);
  });

  it('is deterministic and carries no path of this machine', async () => {
    const b = tmp.path('elsewhere/deeper/index.mjs');
    await build(b);
    const text = readFileSync(b, 'utf8');
    expect(text).toBe(readFileSync(tmp.path('rebuild-a/index.mjs'), 'utf8'));
    expect(text).not.toContain(repoRoot);
    expect(text).not.toContain(tmp.dir);
    // Self-contained: a runner has no node_modules beside it, so only Node's own modules are imported.
    // (Every run below also starts it from a folder without node_modules.)
    const imports = [...text.matchAll(/(?:^|[;}\n])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(imports.length).toBeGreaterThan(0);
    for (const spec of imports) expect(spec, 'only Node built-ins are imported').toMatch(/^node:[a-z_/]+$/);
    expect(text.length).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('a good build', () => {
  let ws: string;
  let r: ActionRun;
  beforeAll(async () => {
    ws = workspace();
    r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json' });
  });

  it('exits 0 and writes the bundle the CLI writes', async () => {
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const cli = await runCli(['build', '.aws/task-definition.json', '.aws/service.json', '--out', 'cli-k8s'], { cwd: ws });
    expect(cli.code).toBe(0);
    expect(tree(join(ws, 'k8s'))).toEqual(tree(join(ws, 'cli-k8s')));
  });

  it('sets the outputs', () => {
    const objects = objectFiles(tree(join(ws, 'k8s'))).length;
    expect(objects).toBe(10);
    expect(r.outputs).toEqual({ 'bundle-dir': join(ws, 'k8s'), changed: 'true', 'bundle-changed': 'true', objects: String(objects), warnings: '4' });
  });

  it('annotates each warning on its file (relative to the workspace), line and column, as the CLI finds them', async () => {
    expect(r.annotations.filter((a) => a.kind === 'warning')).toHaveLength(4);
    expect(r.annotations.filter((a) => a.kind === 'error')).toEqual([]);
    const cli = await runCli(['build', '.aws/task-definition.json', '.aws/service.json', '--stdout'], { cwd: ws });
    expect(located(r.annotations)).toEqual(cliLocated(parseText(cli.stderr)));
    const cb = r.annotations.find((a) => a.props['title'] === 'ecs2k8s circuit-breaker')!;
    const text = readFileSync(join(ws, '.aws/service.json'), 'utf8');
    const at = posOf(text, '"deploymentCircuitBreaker"');
    expect(cb.props).toMatchObject({ file: '.aws/service.json', line: String(at.line), col: String(at.column) });
    expect(cb.message).toMatch(/circuit breaker/);
    expect(r.stdout).toContain('ecs2k8s: 10 objects in 1 namespace → k8s (12 written, 0 unchanged, 0 removed)\n');
  });

  it('summarises objects per namespace, warnings, and that the bundle changed', () => {
    expect(r.summary).toMatch(/^### ecs2k8s: bundle written to `k8s`\n/);
    expect(r.summary).toContain('**10 objects** in 1 namespace, 4 warnings, 0 errors. Bundle changed: **yes** (12 written, 0 unchanged, 0 removed).');
    expect(r.summary).toContain('| Namespace | Objects |\n| --- | ---: |\n| `prod-eu` | 10 |\n');
    expect(r.summary).toContain('| :warning: | `.aws/service.json:');
    expect(r.summary).toContain('`circuit-breaker`');
  });

  it('a second run changes nothing and says so', async () => {
    const again = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json' });
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', objects: '10', warnings: '4' });
    expect(again.summary).toContain('the bundle in `k8s` is unchanged');
    expect(again.summary).toContain('Bundle changed: **no** (0 written, 12 unchanged, 0 removed)');
  });

  it('check on a current bundle: exit 0, changed false', async () => {
    const c = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', check: 'true' });
    expect(c.code, c.stdout).toBe(0);
    expect(c.outputs).toMatchObject({ changed: 'false', objects: '10' });
    expect(c.summary).toContain('is up to date');
    expect(c.annotations.filter((a) => a.kind === 'error')).toEqual([]);
  });
});

describe('invalid input', () => {
  const BAD = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.27",
      "essential": true,
      "portMapping": [{ "containerPort": 80 }]
    }
  ]
}
`;
  let ws: string;
  let r: ActionRun;
  beforeAll(async () => {
    ws = workspace();
    mkdirSync(join(ws, 'ecs'), { recursive: true });
    writeFileSync(join(ws, 'ecs/web-task-def.json'), BAD);
    cpSync(join(corpusDir, 'invalid', MISSING_COMMA), join(ws, 'ecs', MISSING_COMMA));
    // Two inputs, one a line, one of them absolute: annotations still name them relative to the workspace.
    r = await runAction(ws, { 'task-definition': `ecs/web-task-def.json\n${join(ws, 'ecs', MISSING_COMMA)}\n` });
  });

  it('exits 1 and writes nothing', () => {
    expect(r.code, r.stdout).toBe(1);
    expect(existsSync(join(ws, 'k8s'))).toBe(false);
    expect(r.outputs).toEqual({ 'bundle-dir': join(ws, 'k8s'), changed: 'false', 'bundle-changed': 'false', objects: '0', warnings: '0' });
  });

  it('annotates each error on its file, line and column', async () => {
    const typo = posOf(BAD, '"portMapping"');
    const unknown = r.annotations.find((a) => a.props['title'] === 'ecs2k8s unknown-member')!;
    expect(unknown).toMatchObject({ kind: 'error', props: { file: 'ecs/web-task-def.json', line: String(typo.line), col: String(typo.column) } });
    expect(unknown.message).toContain('did you mean "portMappings"?');
    const syntax = r.annotations.find((a) => a.props['title'] === 'ecs2k8s json-syntax')!;
    expect(syntax.props['file']).toBe(`ecs/${MISSING_COMMA}`);
    const cli = await runCli(['validate', 'ecs/web-task-def.json', `ecs/${MISSING_COMMA}`], { cwd: ws });
    expect(located(r.annotations)).toEqual(cliLocated(parseText(cli.stderr)));
    // One more error without a file says why the step failed.
    expect(r.annotations.filter((a) => a.kind === 'error' && !a.props['file']).map((a) => a.message)).toEqual(['ecs2k8s: 2 errors, 0 warnings in 2 files: nothing was written']);
  });

  it('summarises the errors', () => {
    expect(r.summary).toMatch(/^### ecs2k8s: `k8s` not built\n/);
    expect(r.summary).toContain('**0 objects** in 0 namespaces, 0 warnings, 2 errors. Nothing was written.');
    expect(r.summary).toContain(`| :x: | \`ecs/web-task-def.json:8:7\` | \`unknown-member\` |`);
  });

  it('strict makes warnings errors', async () => {
    const s = await runAction(workspace(), { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', strict: 'true' });
    expect(s.code).toBe(1);
    expect(s.annotations.filter((a) => a.kind === 'error' && a.props['file'])).toHaveLength(4);
    expect(s.outputs).toMatchObject({ objects: '0', warnings: '0', changed: 'false' });
  });

  it('strict with a project file whose diagnostics.ignore acknowledges the four warnings: the step passes, nothing to annotate', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'ecs2k8s.yaml'), 'diagnostics:\n  ignore: [circuit-breaker, disruption-budget, efs-volume, load-balancer]\n');
    const s = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', strict: 'true' });
    expect(s.code, s.stdout).toBe(0);
    expect(s.annotations).toEqual([]);
    expect(s.outputs['warnings']).toBe('0');
  });

  it('a bundle file edited by hand: a warning annotation on it before it is replaced', async () => {
    const ws = workspace();
    expect((await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json' })).code).toBe(0);
    const file = join(ws, 'k8s/prod-eu/deployment-orders-api.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 3', 'replicas: 4'));
    const s = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json' });
    expect(s.code).toBe(0);
    const a = s.annotations.find((x) => x.props['title'] === 'ecs2k8s hand-edited')!;
    expect(a.kind).toBe('warning');
    expect(a.props['file']).toBe('k8s/prod-eu/deployment-orders-api.yaml');
    expect(a.message).toMatch(/this build replaces it .* kustomize overlay/);
    expect(readFileSync(file, 'utf8')).toContain('replicas: 3');
  });

  it('unusable inputs fail clearly, before anything is read', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'task-definition': '' }, /"task-definition" is required/],
      [{ 'task-definition': '.aws/task-definition.json', 'container-name': 'app' }, /"container-name" is given without "image"/],
      [{ 'task-definition': '.aws/task-definition.json', strict: 'yes' }, /"strict" is "yes": write true or false/],
      [{ 'task-definition': '.aws/task-definition.json', check: 'true', apply: 'true' }, /cannot be combined with "diff" or "apply"/],
    ];
    for (const [inputs, message] of cases) {
      const w = workspace();
      const x = await runAction(w, inputs);
      expect(x.code, JSON.stringify(inputs)).toBe(1);
      expect(x.annotations).toHaveLength(1);
      expect(x.annotations[0]!.kind).toBe('error');
      expect(x.annotations[0]!.message).toMatch(message);
      expect(x.summary).toMatch(message);
      expect(existsSync(join(w, 'k8s'))).toBe(false);
    }
  });
});

describe('diff and apply against a cluster (the test API server on 127.0.0.1)', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster.close();
  });
  const withKubeconfig = (token = TOKEN) => {
    const ws = workspace();
    const config = readFileSync(cluster.kubeconfig, 'utf8').replaceAll(TOKEN, token);
    writeFileSync(join(ws, 'kubeconfig.yaml'), config);
    return ws;
  };
  const inputs = { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', kubeconfig: 'kubeconfig.yaml' };

  it('diff before anything is applied: exit 0 (differences are information), the creations in the log and the summary', async () => {
    const r = await runAction(withKubeconfig(), { ...inputs, diff: 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain('What would change in the cluster');
    expect(r.summary).toContain('kind: Deployment');
    expect(r.stdout).toMatch(/::group::ecs2k8s diff k8s/);
    expect(appliedOrder(cluster.server)).toEqual([]);
    expect(r.stdout + r.summary).not.toContain(TOKEN);
  });

  it('apply: exit 0, server-side apply in order starting with the Namespace; a diff afterwards finds nothing', async () => {
    const r = await runAction(withKubeconfig(), { ...inputs, apply: 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(r.summary).toContain('Applied to the cluster');
    const order = appliedOrder(cluster.server);
    expect(order[0]).toBe('Namespace/prod-eu');
    expect(order).toContain('Deployment/prod-eu/orders-api');
    const again = await runAction(withKubeconfig(), { ...inputs, diff: 'true' });
    expect(again.code).toBe(0);
    expect(again.summary).toContain('The cluster matches the bundle');
  });

  it('apply with credentials the server refuses: exit 1, one error annotation, and the token is never shown', async () => {
    const bad = 'wrong-token-1234567890abcdef';
    const r = await runAction(withKubeconfig(bad), { ...inputs, apply: 'true' });
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.kind === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/apply failed: .*401|rejected the credentials/);
    expect(r.stdout + r.summary + r.stderr).not.toContain(bad);
  });

  it("an answer that is not the object (a firewall's page on 200): exit 1, and the annotation is the cluster stage's own failure", async () => {
    cluster.server.inject({ kind: 'body', status: 200, contentType: 'text/html', body: '<html>blocked</html>' }, { match: (q) => q.method === 'PATCH' && q.path.endsWith('/deployments/orders-api') });
    const r = await runAction(withKubeconfig(), { ...inputs, apply: 'true' });
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.kind === 'error');
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^apply failed: Deployment prod-eu\/orders-api: the server answered PATCH \S+ with 200 but a text\/html body, not JSON/)]);
    expect(r.summary).toContain('### Apply failed');
    expect(r.summary).toContain('**Error:** Deployment prod-eu/orders-api: the server answered');
  });

  it('as the ECS deploy step: images, apply with wait timing out, then changed reports the cluster', async () => {
    const ws = withKubeconfig();
    const image = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:9.9.9';
    const started = Date.now();
    const r = await runAction(ws, { ...inputs, images: `app=${image}\n`, apply: 'true', wait: 'true', timeout: '1s', applyset: 'orders-deploy' });
    // Nothing completes the rollout on the test server: the wait times out and fails the step.
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.annotations.filter((a) => a.kind === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^apply failed: not ready after 1s/)]);
    expect(cluster.server.get('apps/v1', 'Deployment', 'prod-eu', 'orders-api')?.['spec']).toMatchObject({
      template: { spec: { containers: expect.arrayContaining([expect.objectContaining({ name: 'app', image })]) } },
    });
    expect(cluster.server.get('v1', 'ConfigMap', 'prod-eu', 'applyset-orders-deploy')).toBeDefined();
    // A diff now: the bundle on disk is unchanged, and so is the cluster: changed is false.
    const same = await runAction(ws, { ...inputs, images: `app=${image}`, diff: 'true', applyset: 'orders-deploy' });
    expect(same.code, same.stdout).toBe(0);
    expect(same.outputs).toMatchObject({ changed: 'false', 'bundle-changed': 'false' });
    // Another image: the cluster differs, and diff says so in "changed".
    const next = await runAction(ws, { ...inputs, images: 'app=123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:10.0.0', diff: 'true', applyset: 'orders-deploy' });
    expect(next.code).toBe(0);
    expect(next.outputs).toMatchObject({ changed: 'true', 'bundle-changed': 'true' });
    // The step summary carries the migration report.
    expect(next.summary).toContain('<details><summary>Migration report: what converted, what needs a person</summary>');
    expect(next.summary).toContain('### ECS to Kubernetes migration report');
    expect(next.summary).toMatch(/- \[ \] Cluster add-on: install AWS Load Balancer Controller/);
  });

  it('inputs that need diff or apply, and a bad timeout, fail the step with one annotation', async () => {
    const before = appliedOrder(cluster.server).length;
    for (const [extra, message] of [
      [{ wait: 'true' }, /the input "wait" is for "diff" and "apply"/],
      [{ diff: 'true', wait: 'true' }, /"wait" waits for what "apply" changed/],
      [{ apply: 'true', timeout: 'soon' }, /the input "timeout": invalid duration "soon"/],
      [{ apply: 'true', applyset: 'Not A Name' }, /the input "applyset" "Not A Name"/],
    ] as const) {
      const r = await runAction(withKubeconfig(), { ...inputs, ...extra });
      expect(r.code, JSON.stringify(extra)).toBe(1);
      expect(r.annotations.map((a) => a.message)).toEqual([expect.stringMatching(message)]);
    }
    expect(appliedOrder(cluster.server)).toHaveLength(before); // nothing was sent
  });

  it('the project file names the ApplySet, and an exec credential plugin runs on the runner', async () => {
    const ws = workspace();
    writeFileSync(join(ws, 'ecs2k8s.yaml'), 'applyset: orders-ci\n');
    const plugin = join(ws, 'token.mjs');
    writeFileSync(plugin, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(TOKEN)} } }));\n`);
    const config = parseYaml(readFileSync(cluster.kubeconfig, 'utf8')) as { users: { user: Record<string, unknown> }[] };
    config.users[0]!.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } };
    writeFileSync(join(ws, 'kubeconfig.yaml'), stringifyYaml(config));
    const r = await runAction(ws, { ...inputs, apply: 'true' });
    expect(r.code, r.stdout).toBe(0);
    expect(cluster.server.get('v1', 'ConfigMap', 'prod-eu', 'applyset-orders-ci')).toBeDefined();
    expect(r.summary).toMatch(/objects applied in 1 namespace: \d+ created, \d+ configured, \d+ unchanged/);
    expect(r.stdout + r.summary).not.toContain(TOKEN);
  });
});

describe('the image override (as amazon-ecs-render-task-definition)', () => {
  const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api@sha256:' + 'ab'.repeat(32);
  const images = (ws: string) => {
    const deployment = readFileSync(join(ws, 'k8s/prod-eu/deployment-orders-api.yaml'), 'utf8');
    const doc = parseYaml(deployment) as { spec: { template: { spec: { containers: { name: string; image: string }[]; initContainers?: { name: string; image: string }[] } } } };
    const pod = doc.spec.template.spec;
    return Object.fromEntries([...(pod.initContainers ?? []), ...pod.containers].map((c) => [c.name, c.image]));
  };

  it('replaces the named container image; comma-separated names all get it', async () => {
    const ws = workspace();
    const before = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json' });
    expect(before.code).toBe(0);
    const original = images(ws);
    const r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', 'container-name': 'app, migrate', image: IMAGE });
    expect(r.code, r.stdout).toBe(0);
    expect(r.outputs['changed']).toBe('true');
    const after = images(ws);
    expect(after['app']).toBe(IMAGE);
    expect(after['migrate']).toBe(IMAGE);
    expect(after['envoy']).toBe(original['envoy']);
    expect(original['app']).not.toBe(IMAGE);
  });

  it('a container-name that matches no container fails, as the render action does', async () => {
    const ws = workspace();
    const r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'container-name': 'web', image: IMAGE });
    expect(r.code).toBe(1);
    const e = r.annotations.find((a) => a.props['title'] === 'ecs2k8s unknown-image-override')!;
    expect(e.kind).toBe('error');
    expect(e.message).toMatch(/^"container-name" names the container "web", which no task definition here has \(containers: "app", "envoy", "migrate"\)/);
    expect(existsSync(join(ws, 'k8s'))).toBe(false);
  });

  it('images: one CONTAINER=URI a line, beside container-name/image', async () => {
    const ws = workspace();
    const envoy = 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.30.0.0-prod';
    const r = await runAction(ws, {
      'task-definition': '.aws/task-definition.json',
      'service-definition': '.aws/service.json',
      'container-name': 'app',
      image: IMAGE,
      images: `\n  migrate=${IMAGE}\n\nenvoy = ${envoy}\n`,
    });
    expect(r.code, r.stdout).toBe(0);
    expect(images(ws)).toEqual({ app: IMAGE, migrate: IMAGE, envoy });
    // The same as the CLI's --image.
    const cli = await runCli(['build', '.aws/task-definition.json', '.aws/service.json', '--out', 'cli', '--image', `app=${IMAGE}`, '--image', `migrate=${IMAGE}`, '--image', `envoy=${envoy}`], {
      cwd: ws,
    });
    expect(cli.code, cli.stderr).toBe(0);
    expect(tree(join(ws, 'k8s'))).toEqual(tree(join(ws, 'cli')));
  });

  it.each([
    [{ 'container-name': 'app', image: 'UPPER CASE:??' }, /the input "image" "UPPER CASE:\?\?" is not an image reference: it contains white space/],
    [{ 'container-name': 'app', image: 'a,b' }, /the input "image" "a,b" is not an image reference: "a,b" is not a repository path component/],
    [{ images: 'app=a,b' }, /the input "images", line 1: the image of "app", "a,b", is not an image reference/],
    [{ images: 'app=nginx:1\nUPPER CASE:??' }, /the input "images", line 2, "UPPER CASE:\?\?", is not CONTAINER=URI/],
    [{ images: 'app=nginx:1\napp=nginx:2' }, /names the container "app" a second time/],
    [{ 'container-name': 'app', image: 'nginx:1', images: 'app=nginx:2' }, /the container "app" is named by "container-name" and by "images"/],
  ])('an image input that is not a reference, or a container named twice, fails before anything is read (%j)', async (inputs, message) => {
    const ws = workspace();
    const r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', ...inputs });
    expect(r.code).toBe(1);
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]!.kind).toBe('error');
    expect(r.annotations[0]!.message).toMatch(message);
    expect(existsSync(join(ws, 'k8s'))).toBe(false);
  });

  it('images naming a container that no task definition has fails, as container-name does', async () => {
    const ws = workspace();
    const r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', images: `app=${IMAGE}\nweb=${IMAGE}` });
    expect(r.code).toBe(1);
    const e = r.annotations.find((a) => a.props['title'] === 'ecs2k8s unknown-image-override')!;
    expect(e.kind).toBe('error');
    expect(e.message).toMatch(/^"images" names the container "web", which no task definition here has/);
    expect(existsSync(join(ws, 'k8s'))).toBe(false);
  });
});

describe('a stale check', () => {
  it('exits 1, shows the diff, writes nothing, and sets changed', async () => {
    const ws = workspace();
    const built = await runAction(ws, { 'task-definition': '.aws/task-definition.json', 'service-definition': '.aws/service.json', out: 'deploy/k8s' });
    expect(built.code).toBe(0);
    const before = tree(join(ws, 'deploy/k8s'));
    const r = await runAction(ws, {
      'task-definition': '.aws/task-definition.json',
      'service-definition': '.aws/service.json',
      out: 'deploy/k8s',
      check: 'true',
      'container-name': 'app',
      image: 'registry.example/app:2',
    });
    expect(r.code).toBe(1);
    expect(tree(join(ws, 'deploy/k8s'))).toEqual(before);
    expect(r.outputs).toEqual({ 'bundle-dir': join(ws, 'deploy/k8s'), changed: 'true', 'bundle-changed': 'true', objects: '10', warnings: '4' });
    // The diff is in a group, and the runner is told not to read it as workflow commands.
    const m = /::group::What would change in deploy\/k8s\n::stop-commands::(\S+)\n([\s\S]*?)::\1::\n::endgroup::\n/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    expect(m![2]).toContain('--- a/prod-eu/deployment-orders-api.yaml\n+++ b/prod-eu/deployment-orders-api.yaml\n');
    expect(m![2]).toMatch(/^\+ +image: registry\.example\/app:2$/m);
    const stale = r.annotations.filter((a) => a.kind === 'error');
    expect(stale).toHaveLength(1);
    expect(stale[0]!.message).toBe('the bundle in deploy/k8s is out of date (1 to change): run ecs2k8s build and commit the result');
    expect(r.summary).toMatch(/^### ecs2k8s: the bundle in `deploy\/k8s` is out of date\n/);
    expect(r.summary).toContain('Bundle changed: **yes**');
    expect(r.summary).toContain('<details><summary>What would change</summary>\n\n```diff\n--- a/prod-eu/deployment-orders-api.yaml');
  });

  it('a check of a folder that holds no bundle yet is stale too', async () => {
    const ws = workspace();
    const r = await runAction(ws, { 'task-definition': '.aws/task-definition.json', check: 'true' });
    expect(r.code).toBe(1);
    expect(r.outputs['changed']).toBe('true');
    expect(existsSync(join(ws, 'k8s'))).toBe(false);
  });
});

describe('the corpus', () => {
  it('a directory of real task definitions with the namespace input', async () => {
    const ws = tmp.path(`ws-corpus-${++seq}`);
    mkdirSync(join(ws, 'ecs'), { recursive: true });
    const picked = readdirSync(join(corpusDir, 'taskdefs'))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .slice(0, 6);
    for (const f of picked) cpSync(join(corpusDir, 'taskdefs', f), join(ws, 'ecs', f));
    const r = await runAction(ws, { 'task-definition': 'ecs', namespace: 'legacy', out: 'manifests' });
    expect(r.code, r.stdout).toBe(0);
    const cli = await runCli(['build', 'ecs', '--namespace', 'legacy', '--out', 'cli'], { cwd: ws });
    expect(cli.code, cli.stderr).toBe(0);
    expect(tree(join(ws, 'manifests'))).toEqual(tree(join(ws, 'cli')));
    expect(Object.keys(tree(join(ws, 'manifests'))).every((p) => p === 'kustomization.yaml' || p === '.ecs2k8s-manifest.json' || p.startsWith('legacy/'))).toBe(true);
    expect(r.outputs['objects']).toBe(String(objectFiles(tree(join(ws, 'manifests'))).length));
    expect(r.summary).toMatch(/\| `legacy` \| \d+ \|/);
    for (const a of r.annotations.filter((x) => x.props['file'])) expect(a.props['file']).toMatch(/^ecs\//);
    expect(Number(r.outputs['warnings'])).toBe(r.annotations.filter((a) => a.kind === 'warning').length);
  });
});

describe('the build layer it shares with the CLI', () => {
  it('a Copilot application with environments: the base and overlays build writes, byte for byte', async () => {
    const ws = tmp.path(`ws-copilot-${++seq}`);
    cpSync(join(repoRoot, 'fixtures/copilot/environments/copilot'), join(ws, 'copilot'), { recursive: true });
    const r = await runAction(ws, { 'task-definition': 'copilot', out: 'k8s' });
    expect(r.code, r.stdout).toBe(0);
    const cli = await runCli(['build', 'copilot', '--out', 'cli'], { cwd: ws });
    expect(cli.code, cli.stderr).toBe(0);
    const written = tree(join(ws, 'k8s'));
    expect(written).toEqual(tree(join(ws, 'cli')));
    expect(Object.keys(written).some((p) => p.startsWith('overlays/prod/'))).toBe(true);
    expect(Object.keys(written).some((p) => p.startsWith('base/'))).toBe(true);
  });
});

describe('docs/ci.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs/ci.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('every YAML example parses, and its ecs2k8s steps use only inputs and outputs action.yml declares', () => {
    expect(blocks.length).toBeGreaterThan(2);
    let steps = 0;
    for (const b of blocks) {
      const y = parseYaml(b) as unknown;
      const visit = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(visit);
        else if (v && typeof v === 'object') {
          const o = v as Record<string, unknown>;
          if (typeof o['uses'] === 'string' && /\/ecs2k8s@/.test(o['uses'])) {
            steps++;
            for (const k of Object.keys((o['with'] as Record<string, unknown>) ?? {})) expect(Object.keys(actionYml.inputs), `input ${k}`).toContain(k);
          }
          Object.values(o).forEach(visit);
        }
      };
      visit(y);
    }
    expect(steps).toBeGreaterThanOrEqual(2);
    for (const m of doc.matchAll(/steps\.k8s\.outputs\.([a-z-]+)/g)) expect(Object.keys(actionYml.outputs)).toContain(m[1]);
  });

  it('the .pre-commit-config.yaml example names the hooks .pre-commit-hooks.yaml declares, and shows each of them', () => {
    const hooks = (parseYaml(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    const block = blocks.find((b) => (parseYaml(b) as { repos?: unknown } | null)?.repos);
    expect(block).toBeDefined();
    const config = parseYaml(block!) as { repos: { hooks: { id: string }[] }[] };
    // ecs2k8s-check and ecs2k8s-build are alternatives: the example uses one and shows the other in a comment.
    expect(config.repos[0]!.hooks.map((h) => h.id)).toEqual(['ecs2k8s-validate', 'ecs2k8s-check']);
    for (const id of hooks) expect(block, id).toMatch(new RegExp(`- id: ${id}$`, 'm'));
  });
});
