/**
 * Regressions: every crash or invalid-output that the fuzzer (test/fuzz.test.ts) found, shrunk by
 * hand to a small input, one folder each under fixtures/regressions/<name>/:
 *
 * - `*.json`: the inputs (built together, as `ecs2k8s build <files>`);
 * - `expected.yaml`: `caught` (what the fuzzer saw before the fix), `exit` (0, or 2 for input that
 *   is now an input error), `codes` (diagnostic codes that must now be reported), `args` (extra
 *   flags), `pad` (an input value too large for git, filled in by the test);
 * - `README.md`: what the case exercises and what was checked by hand.
 *
 * Each case is built through the CLI in-process (so an exception would surface as it did for
 * users) and through compileTexts; then the case's own test checks what the fix is about.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBundle } from '../src/bundle/index.js';
import { compileTexts } from '../src/compile.js';
import { defaultOptions } from '../src/options.js';
import { repoRoot, type JsonReport } from './helpers/cli.js';
import { buildJson, bundleObjects } from './helpers/build.js';
import { makeTempDir } from './helpers/files.js';

const ROOT = join(repoRoot, 'fixtures', 'regressions');
const tmp = makeTempDir('ecs2k8s-regressions-');
afterAll(() => tmp.remove());

interface Case {
  caught: string;
  exit: 0 | 2;
  codes: string[];
  args?: string[];
  /** Inputs too large for git: the string at `pointer` of `file` gets `bytes` characters ('x') in place of PADDED. */
  pad?: { file: string; pointer: string; bytes: number };
}

interface Built {
  code: number | null;
  stderr: string;
  report: JsonReport;
  out: string;
  inputs: string[];
}

let seq = 0;
async function build(name: string): Promise<Built & { case: Case }> {
  const dir = join(ROOT, name);
  const c = parseYaml(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as Case;
  let inputs = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
  const out = tmp.path(`out-${++seq}`);
  if (c.pad) {
    const { file, pointer, bytes } = c.pad;
    inputs = inputs.map((f) => {
      if (!f.endsWith(`/${file}`)) return f;
      const value = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      const segs = pointer.split('/').slice(1);
      const parent = segs.slice(0, -1).reduce<any>((o, k) => o[k], value); // eslint-disable-line @typescript-eslint/no-explicit-any
      parent[segs[segs.length - 1]!] = String(parent[segs[segs.length - 1]!]).replace('PADDED', 'x'.repeat(bytes));
      return tmp.write(`padded-${seq}/${file}`, JSON.stringify(value, null, 2));
    });
  }
  const r = await buildJson([...inputs, '--out', out, '--verbose', ...(c.args ?? [])], tmp.path(`report-${seq}.json`));
  return { ...r, out, inputs, case: c };
}

/** What every regression case must show now, whatever it caught. */
async function expectFixed(name: string): Promise<Built> {
  const b = await build(name);
  expect(b.stderr).not.toMatch(/internal error|TypeError|RangeError|^\s+at /m);
  expect(b.code, b.stderr.slice(0, 3000)).toBe(b.case.exit);
  const codes = new Set(b.report.diagnostics.map((d) => d.code));
  expect(codes.has('invalid-output'), 'invalid-output means a bug').toBe(false);
  for (const code of b.case.codes) expect(codes, `expected ${code}; got ${[...codes].join(', ')}`).toContain(code);
  for (const d of b.report.diagnostics) {
    // eslint-disable-next-line no-control-regex
    expect(d.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(d.message.length).toBeLessThanOrEqual(4000);
  }
  // The same through the in-memory API: no throw, and the entries render.
  const texts = b.inputs.map((f) => ({ file: f, text: readFileSync(f, 'utf8') }));
  const args = b.case.args ?? [];
  const options = { ...defaultOptions(), ...(args[0] === '--schedule' && { schedule: args[1], workload: 'cronjob' as const }), ...(args[0] === '--replicas' && { replicas: Number(args[1]) }) };
  const r = compileTexts(texts, options, { cwd: repoRoot });
  expect(r.diagnostics.some((d) => d.code === 'invalid-output')).toBe(false);
  expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(b.case.exit === 2);
  if (r.entries.length) {
    expect(() => renderBundle(r.entries, 'yaml')).not.toThrow();
    expect(() => renderBundle(r.entries, 'json')).not.toThrow();
  }
  return b;
}

type K8s = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const objects = (b: Built): K8s[] => bundleObjects(b.out).map((o) => o.object as K8s);

describe('regressions found by the fuzzer (fixtures/regressions)', () => {
  it('every fixture folder has a test here', () => {
    const tested = [
      'registry-without-port',
      'secret-name-not-ascii',
      'container-named-tostring',
      'cluster-named-constructor',
      'schedule-out-of-range',
      'schedule-tag-out-of-range',
      'replicas-beyond-int32',
      'desired-count-beyond-int32',
      'steering-replicas-beyond-int32',
      'desired-count-1e400',
      'memory-beyond-int32',
      'host-port-twice',
      'task-definition-over-64k',
      'service-over-64k',
      'negative-zero',
      'control-characters-in-messages',
      'message-flood',
    ];
    expect(
      readdirSync(ROOT)
        .filter((f) => statSync(join(ROOT, f)).isDirectory())
        .sort(),
    ).toEqual(tested.sort());
  });

  it('registry-without-port: a Cloud Map registration on a task without ports crashed the build (TypeError in convertServices)', async () => {
    const b = await expectFixed('registry-without-port');
    const headless = objects(b).find((o) => o['kind'] === 'Service' && o['metadata'].name === 'api-discovery')!;
    expect(headless['spec'].clusterIP).toBe('None');
    expect(headless['spec'].ports).toBeUndefined();
  });

  it('secret-name-not-ascii: a secret variable name Kubernetes refuses reached the Deployment (invalid-output k8s-env-name)', async () => {
    const b = await expectFixed('secret-name-not-ascii');
    expect(b.report.diagnostics.find((d) => d.code === 'env-invalid')?.pointer).toBe('/containerDefinitions/0/secrets/0/name');
    const env = objects(b).find((o) => o['kind'] === 'Deployment')!['spec'].template.spec.containers[0].env as { name: string }[];
    expect(env.map((e) => e.name)).toEqual(['OK_NAME']);
  });

  it('container-named-tostring: a container named "toString" got Object.prototype.toString as its image (invalid-output, then a TypeError)', async () => {
    const b = await expectFixed('container-named-tostring');
    const deployment = objects(b).find((o) => o['kind'] === 'Deployment')!;
    const images = [...(deployment['spec'].template.spec.initContainers ?? []), ...deployment['spec'].template.spec.containers].map((c: K8s) => c['image']);
    expect(images.length).toBe(2);
    for (const image of images) expect(image).toBe('public.ecr.aws/nginx/nginx:1.27');
  });

  it('cluster-named-constructor: the cluster → namespace lookup found Object.prototype.constructor', async () => {
    const b = await expectFixed('cluster-named-constructor');
    expect(objects(b).find((o) => o['kind'] === 'Deployment')!['metadata'].namespace).toBe('constructor');
  });

  it('schedule-out-of-range: --schedule "61 * * * *" reached the CronJob (invalid-output k8s-cron-schedule)', async () => {
    const b = await expectFixed('schedule-out-of-range');
    expect(b.report.diagnostics.find((d) => d.code === 'invalid-schedule')?.message).toMatch(/minute "61" is outside 0-59/);
  });

  it('schedule-tag-out-of-range: an EventBridge cron(61 …) in the schedule tag reached the CronJob', async () => {
    const b = await expectFixed('schedule-tag-out-of-range');
    expect(b.report.diagnostics.find((d) => d.code === 'invalid-schedule')?.pointer).toMatch(/^\/tags\/0/);
  });

  it('replicas-beyond-int32: --replicas 9007199254740991 reached /spec/replicas (invalid-output k8s-range)', async () => {
    const b = await expectFixed('replicas-beyond-int32');
    expect(b.report.diagnostics.find((d) => d.code === 'usage')?.message).toMatch(/--replicas 9007199254740991 .* 0 to 2147483647/);
  });

  it('desired-count-beyond-int32: desiredCount 2147483648 passed the schema (integers have no width there) and reached /spec/replicas', async () => {
    const b = await expectFixed('desired-count-beyond-int32');
    expect(b.report.diagnostics.find((d) => d.code === 'out-of-range')).toMatchObject({ pointer: '/desiredCount', message: expect.stringMatching(/32-bit integer/) });
  });

  it('steering-replicas-beyond-int32: the tag ecs2k8s.io/replicas "99999999999" reached /spec/replicas', async () => {
    const b = await expectFixed('steering-replicas-beyond-int32');
    expect(b.report.diagnostics.find((d) => d.code === 'invalid-steering-value')?.message).toMatch(/at most 2147483647/);
  });

  it('desired-count-1e400: 1e400 parsed as Infinity passed the schema and became replicas: null', async () => {
    const b = await expectFixed('desired-count-1e400');
    expect(b.report.diagnostics.find((d) => d.code === 'out-of-range')).toMatchObject({ pointer: '/desiredCount', line: 5, message: expect.stringMatching(/Infinity/) });
  });

  it('memory-beyond-int32: memory 3e269 became the quantity "3.036921358522224e+269Mi" (invalid-output k8s-quantity)', async () => {
    const b = await expectFixed('memory-beyond-int32');
    const pointers = b.report.diagnostics.filter((d) => d.code === 'out-of-range').map((d) => d.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/memory', '/containerDefinitions/0/memory']));
  });

  it('host-port-twice: two containers on host port 8080 made a pod the API server rejects (invalid-output k8s-host-port)', async () => {
    const b = await expectFixed('host-port-twice');
    expect(b.report.diagnostics.find((d) => d.code === 'duplicate-port')).toMatchObject({ severity: 'error', pointer: '/containerDefinitions/1/portMappings/0/hostPort' });
  });

  it('task-definition-over-64k: megabyte values overflowed the 256 KiB of annotations (invalid-output k8s-annotation-size)', async () => {
    const b = await expectFixed('task-definition-over-64k');
    expect(b.report.diagnostics.find((d) => d.code === 'out-of-range')?.message).toMatch(/ECS registers at most 64 KiB/);
  });

  it('service-over-64k: a megabyte target group ARN overflowed the Ingress annotations', async () => {
    const b = await expectFixed('service-over-64k');
    expect(b.report.diagnostics.find((d) => d.code === 'out-of-range')?.file).toMatch(/service\.json$/);
  });

  it('negative-zero: desiredCount -0 made the YAML say "replicas: -0" where the JSON said 0', async () => {
    const b = await expectFixed('negative-zero');
    const yaml = readFileSync(join(b.out, 'apps', 'deployment-api.yaml'), 'utf8');
    expect(yaml).toMatch(/^ {2}replicas: 0$/m);
    expect(yaml).not.toMatch(/-0\b/);
  });

  it('control-characters-in-messages: ESC, DEL and U+202E from names reached the terminal raw', async () => {
    const b = await expectFixed('control-characters-in-messages');
    const dangling = b.report.diagnostics.find((d) => d.code === 'dangling-reference')!;
    expect(dangling.message).toContain('\\u001b[31mred');
    expect(dangling.message).toContain('data\\u202e');
    expect(b.report.diagnostics.find((d) => d.code === 'unknown-member')!.message).toContain('initProcessEnable\\u007f');
    // eslint-disable-next-line no-control-regex
    expect(b.stderr).not.toMatch(/[\u001b\u007f\u202e]/);
  });

  it('message-flood: a long container name went whole into a message (100,162 characters in the fuzzer)', async () => {
    const b = await expectFixed('message-flood');
    expect(Math.max(...b.report.diagnostics.map((d) => d.message.length))).toBeLessThanOrEqual(4000);
  });
});
