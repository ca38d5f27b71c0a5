/**
 * `ecs2k8s import` against an ECS endpoint served by the test (test/ecs-endpoint/): a whole
 * cluster imported and built, one service, pagination, stable bytes, files that `validate` and
 * `build` take as they are, and a build equal to the build of the same definitions by hand
 * (fixtures/import/prod/). No test reaches beyond 127.0.0.1.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOnlyMembers, schemas } from '../src/model/schemas.js';
import { repoRoot } from './helpers/cli.js';
import { asText, runIn, snapshot } from './helpers/build.js';
import { makeTempDir } from './helpers/files.js';
import { ACCESS_KEY_ID, awsEnv, importBin, lines, SECRET, SESSION_TOKEN, startEndpoint } from './ecs-endpoint/harness.js';
import { CORPUS_TASKDEFS, readCorpus, seedMany, seedProd, taskdefsDir } from './ecs-endpoint/seed.js';
import type { EcsEndpoint } from './ecs-endpoint/server.js';

const tmp = makeTempDir('ecs2k8s-import-');
afterAll(() => tmp.remove());
let seq = 0;
const fresh = (): string => {
  const d = tmp.path(`case-${++seq}`);
  mkdirSync(d, { recursive: true });
  return d;
};
const handWritten = join(repoRoot, 'fixtures', 'import', 'prod');

const PROD_FILES = [
  'services/ecspresso-demo-canary.json',
  'services/ecspresso-demo.json',
  'services/gitlab-runner.json',
  'services/internal-nginx.json',
  'taskdefs/ecspresso-demo-task-1.json',
  'taskdefs/ecspresso-demo-task-2.json',
  'taskdefs/fargate-gitlab-runner-1.json',
  'taskdefs/internal-nginx-1.json',
];

let endpoint: EcsEndpoint;
beforeEach(async () => {
  endpoint = await startEndpoint(seedProd);
});
afterEach(async () => {
  await endpoint.close();
});

const sha10 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 10);
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;

/** Every object key at every depth is in code-unit order. */
function keysSorted(v: unknown, at = ''): string[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => keysSorted(x, `${at}/${i}`));
  if (typeof v !== 'object' || v === null) return [];
  const keys = Object.keys(v);
  const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const here = keys.join() === sorted.join() ? [] : [at || '/'];
  return [...here, ...keys.flatMap((k) => keysSorted((v as Record<string, unknown>)[k], `${at}/${k}`))];
}

/**
 * `build <dir> --out <out>` in-process. Outside a Git repository the project root is the inputs'
 * common folder, dir, so source annotations read `services/…` (README: "The project root").
 */
async function buildIn(dir: string, out: string) {
  const r = await runIn(['build', dir, '--out', out], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return snapshot(out);
}

describe('a whole cluster', () => {
  it('is imported (every service, each task definition once, with tags) and built with --build', async () => {
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', 'ecs', '--build', '--bundle-out', 'k8s'], awsEnv(tmp), dir);
    expect(r.code, r.stderr).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toBe('ecs2k8s: 4 services and 4 task definitions from cluster "prod" → ecs (8 written, 0 unchanged)');
    expect(out[1]).toMatch(/^ecs2k8s: \d+ objects in 1 namespace → k8s \(\d+ written, 0 unchanged, 0 removed\)$/);
    expect([...snapshot(join(dir, 'ecs')).keys()]).toEqual(PROD_FILES);
    // The calls: one page of services, one batch to describe them, each task definition once; tags asked for.
    expect(endpoint.callsOf('ListServices').map((c) => c.body)).toEqual([{ cluster: 'prod', maxResults: 100 }]);
    const describes = endpoint.callsOf('DescribeServices');
    expect(describes).toHaveLength(1);
    expect(describes[0]!.body['include']).toEqual(['TAGS']);
    expect((describes[0]!.body['services'] as string[]).length).toBe(4);
    const tds = endpoint.callsOf('DescribeTaskDefinition');
    expect(tds.map((c) => c.body['taskDefinition']).sort()).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:task-definition/ecspresso-demo-task:1',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/ecspresso-demo-task:2',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/fargate-gitlab-runner:1',
      'arn:aws:ecs:us-east-1:123456789012:task-definition/internal-nginx:1',
    ]);
    expect(tds.every((c) => JSON.stringify(c.body['include']) === '["TAGS"]')).toBe(true);
    // Signed with the key id from the environment.
    expect(new Set(endpoint.calls.map((c) => c.accessKeyId))).toEqual(new Set([ACCESS_KEY_ID]));
    // The bundle: one Deployment per service, in the namespace named after the cluster.
    const bundle = snapshot(join(dir, 'k8s'));
    expect([...bundle.keys()].filter((p) => p.startsWith('prod/deployment-')).sort()).toEqual([
      'prod/deployment-ecspresso-demo-canary.yaml',
      'prod/deployment-ecspresso-demo.yaml',
      'prod/deployment-gitlab-runner.yaml',
      'prod/deployment-internal-nginx.yaml',
    ]);
    // --build is `build ecs --out k8s`: the same bytes.
    const again = await runIn(['build', 'ecs', '--out', 'k8s2'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(asText(snapshot(join(dir, 'k8s2')))).toEqual(asText(bundle));
    // No secret in any file written.
    for (const tree of [snapshot(join(dir, 'ecs')), bundle]) {
      for (const [, bytes] of tree) {
        expect(bytes.toString('utf8')).not.toContain(SECRET);
        expect(bytes.toString('utf8')).not.toContain(SESSION_TOKEN);
      }
    }
  });

  it("--region is the AWS API's: --build does not pass it on (a bundle holds no region, so build would warn)", async () => {
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--region', 'us-east-1', '--out', 'ecs', '--build', '--bundle-out', 'k8s'], awsEnv(tmp), dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('not-applied');
  });

  it('writes request shapes: read-only members (from the schemas) removed but revision, keys sorted, describe-only members translated', async () => {
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', dir], awsEnv(tmp));
    expect(r.code, r.stderr).toBe(0);
    const tdReadOnly = [...readOnlyMembers(schemas.taskDefinition)].filter((k) => k !== 'revision');
    const svcReadOnly = [...readOnlyMembers(schemas.service)];
    expect(tdReadOnly).toEqual(expect.arrayContaining(['taskDefinitionArn', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy']));
    expect(svcReadOnly).toEqual(expect.arrayContaining(['serviceArn', 'clusterArn', 'status', 'runningCount', 'pendingCount', 'deployments', 'events', 'createdAt', 'roleArn', 'platformFamily']));
    for (const f of PROD_FILES) {
      const text = readFileSync(join(dir, f), 'utf8');
      const doc = JSON.parse(text) as Record<string, unknown>;
      expect(keysSorted(doc), f).toEqual([]);
      expect(text).toBe(JSON.stringify(doc, null, 2) + '\n');
      for (const k of f.startsWith('taskdefs/') ? tdReadOnly : svcReadOnly) expect(doc, `${f} ${k}`).not.toHaveProperty(k);
    }
    const demo = readJson(join(dir, 'taskdefs/ecspresso-demo-task-2.json'));
    expect(demo['revision']).toBe(2);
    expect(demo['family']).toBe('ecspresso-demo-task');
    expect(demo['tags']).toEqual([
      { key: 'Environment', value: 'test' },
      { key: 'Name', value: 'ecspresso-demo-task-definition' },
    ]);
    const svc = readJson(join(dir, 'services/ecspresso-demo.json'));
    expect(svc).toMatchObject({ cluster: 'prod', serviceName: 'ecspresso-demo', taskDefinition: 'ecspresso-demo-task:2', launchType: 'FARGATE', desiredCount: 2 });
    expect(svc['tags']).toEqual([
      { key: 'team', value: 'payments' },
      { key: 'cost-center', value: '42' },
    ]);
    // The service-linked role is what ECS uses anyway: not named.
    expect(svc).not.toHaveProperty('role');
    // Service Connect is reported only in the PRIMARY deployment: it becomes the request's member.
    const nginx = readJson(join(dir, 'services/internal-nginx.json'));
    expect(nginx['serviceConnectConfiguration']).toMatchObject({ enabled: true, namespace: 'ServiceConnectNS', services: [{ portName: 'internal-nginx', clientAliases: [{ port: 80 }] }] });
    // A capacity provider strategy, and no launch type beside it.
    const runner = readJson(join(dir, 'services/gitlab-runner.json'));
    expect(runner['capacityProviderStrategy']).toEqual([{ base: 0, capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    expect(runner).not.toHaveProperty('launchType');
  });

  it('`validate` takes the imported files as they are (exit 0, no error)', async () => {
    const dir = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', dir], awsEnv(tmp))).code).toBe(0);
    const v = await runIn(['validate', dir, '--report', 'json']);
    expect(v.code, v.stderr).toBe(0);
    const report = JSON.parse(v.stdout) as { summary: { files: number; errors: number } };
    expect(report.summary).toMatchObject({ files: 8, errors: 0 });
  });

  it('`build` of the imported files equals `build` of the same definitions written by hand (fixtures/import/prod)', async () => {
    const dir = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', join(dir, 'ecs')], awsEnv(tmp))).code).toBe(0);
    // Same relative paths on both sides, so that the ecs2k8s.io/source annotations agree too: the
    // hand-written files are copied out of this repository, whose root would be theirs otherwise.
    // The folder's README.md (what the case is, what was checked by hand) is not a definition.
    const notReadme = (path: string) => basename(path) !== 'README.md';
    expect([...snapshot(handWritten).keys()].filter(notReadme).sort()).toEqual(PROD_FILES);
    cpSync(handWritten, join(dir, 'by-hand'), { recursive: true, filter: notReadme });
    const imported = await buildIn(join(dir, 'ecs'), join(dir, 'k8s-imported'));
    const byHand = await buildIn(join(dir, 'by-hand'), join(dir, 'k8s-by-hand'));
    expect(imported.size).toBeGreaterThan(8);
    expect(asText(imported)).toEqual(asText(byHand));
  });

  it('is byte-stable: two imports give the same bytes, and a second import into the same folder rewrites nothing', async () => {
    const a = fresh();
    const b = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', a], awsEnv(tmp))).code).toBe(0);
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', b], awsEnv(tmp))).code).toBe(0);
    expect(asText(snapshot(a))).toEqual(asText(snapshot(b)));
    const mtimes = PROD_FILES.map((f) => statSync(join(a, f)).mtimeMs);
    const again = await importBin(endpoint, ['--cluster', 'prod', '--out', a], awsEnv(tmp));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(0 written, 8 unchanged)');
    expect(PROD_FILES.map((f) => statSync(join(a, f)).mtimeMs)).toEqual(mtimes);
  });

  it('leaves files it did not write, and says which service files are not in the cluster now', async () => {
    const dir = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', dir], awsEnv(tmp))).code).toBe(0);
    writeFileSync(join(dir, 'services', 'retired.json'), '{"serviceName": "retired"}\n');
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', dir], awsEnv(tmp));
    expect(r.code).toBe(0);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^ecs2k8s: note: .*services\/retired\.json is not a service of the cluster "prod" now: left as it is/)]);
    expect(readFileSync(join(dir, 'services', 'retired.json'), 'utf8')).toBe('{"serviceName": "retired"}\n');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });
});

describe('part of a cluster', () => {
  it('--service imports that service and its task definition only, without listing the cluster', async () => {
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--service', 'internal-nginx', '--out', dir], awsEnv(tmp));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`ecs2k8s: 1 service and 1 task definition from cluster "prod" → ${dir} (2 written, 0 unchanged)\n`);
    expect([...snapshot(dir).keys()]).toEqual(['services/internal-nginx.json', 'taskdefs/internal-nginx-1.json']);
    expect(endpoint.callsOf('ListServices')).toHaveLength(0);
    expect(endpoint.callsOf('DescribeServices').map((c) => c.body['services'])).toEqual([['internal-nginx']]);
    expect(endpoint.callsOf('DescribeTaskDefinition')).toHaveLength(1);
    // The same bytes as the whole-cluster import.
    const whole = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--out', whole], awsEnv(tmp))).code).toBe(0);
    expect(readFileSync(join(dir, 'services/internal-nginx.json'), 'utf8')).toBe(readFileSync(join(whole, 'services/internal-nginx.json'), 'utf8'));
  });

  it('a service being deleted (DRAINING) is skipped with a note, unless named', async () => {
    endpoint.createService('prod', { serviceName: 'leaving', taskDefinition: 'internal-nginx:1', launchType: 'FARGATE', status: 'DRAINING' });
    const dir = fresh();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', dir], awsEnv(tmp));
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stderr)).toEqual(['ecs2k8s: note: service "leaving" is being deleted (DRAINING): not imported']);
    expect(existsSync(join(dir, 'services', 'leaving.json'))).toBe(false);
    const named = fresh();
    expect((await importBin(endpoint, ['--cluster', 'prod', '--service', 'leaving', '--out', named], awsEnv(tmp))).code).toBe(0);
    expect(readJson(join(named, 'services', 'leaving.json'))['serviceName']).toBe('leaving');
  });

  it('an empty cluster: exit 0, nothing written', async () => {
    const dir = join(fresh(), 'out');
    const r = await importBin(endpoint, ['--cluster', 'empty', '--out', dir], awsEnv(tmp));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ecs2k8s: the cluster "empty" has no services: nothing imported\n');
    expect(() => lstatSync(dir)).toThrow();
  });
});

describe('pagination', () => {
  it('follows nextToken through every page and describes the services 10 at a time', async () => {
    const big = await startEndpoint((e) => seedMany(e, 'big', 205));
    try {
      const dir = fresh();
      const r = await importBin(big, ['--cluster', 'big', '--out', dir], awsEnv(tmp));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('205 services and 1 task definition');
      const list = big.callsOf('ListServices');
      expect(list).toHaveLength(3);
      expect(list[0]!.body).not.toHaveProperty('nextToken');
      expect(list.slice(1).every((c) => typeof c.body['nextToken'] === 'string')).toBe(true);
      const describes = big.callsOf('DescribeServices');
      expect(describes).toHaveLength(21);
      expect(describes.every((c) => (c.body['services'] as unknown[]).length <= 10)).toBe(true);
      expect(big.callsOf('DescribeTaskDefinition')).toHaveLength(1);
      const files = readdirSync(join(dir, 'services'));
      expect(files).toHaveLength(205);
      expect(files).toContain('svc-204.json');
    } finally {
      await big.close();
    }
  });
});

describe('names', () => {
  it('file names are safe and distinct whatever the API returns: nothing outside --out, no clash on case-insensitive file systems', async () => {
    const odd = await startEndpoint((e) => {
      const nginx = readCorpus(taskdefsDir, CORPUS_TASKDEFS.internalNginx);
      const ref = e.registerTaskDefinition({ ...nginx, family: '../../escape' });
      for (const serviceName of ['..', 'Web', 'web', 'ünï.cöde', 'x'.repeat(255), '.hidden']) {
        e.createService('odd', { serviceName, taskDefinition: ref, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0ee55ff66aa77bb88'] } } });
      }
    });
    try {
      const dir = fresh();
      const out = join(dir, 'out');
      const r = await importBin(odd, ['--cluster', 'odd', '--out', out], awsEnv(tmp));
      expect(r.code, r.stderr).toBe(0);
      expect(readdirSync(dir)).toEqual(['out']);
      const files = [...snapshot(out).keys()];
      expect(files).toHaveLength(7);
      for (const f of files) expect(f).toMatch(/^(services|taskdefs)\/[A-Za-z0-9_][A-Za-z0-9_-]*\.json$/);
      expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(7);
      expect(files.filter((f) => f.startsWith('taskdefs/'))).toEqual([expect.stringMatching(/^taskdefs\/______escape-1-[0-9a-f]{10}\.json$/)]);
      // Each file still holds its own service, by its real name.
      const names = files.filter((f) => f.startsWith('services/')).map((f) => readJson(join(out, f))['serviceName']);
      expect(names.sort()).toEqual(['..', '.hidden', 'Web', 'web', 'x'.repeat(255), 'ünï.cöde'].sort());
      expect(readJson(join(out, 'services', 'ünï.cöde'.replace(/[^A-Za-z0-9_-]/g, '_') + '-' + sha10('ünï.cöde') + '.json'))['taskDefinition']).toBe('../../escape:1');
    } finally {
      await odd.close();
    }
  });
});

describe('credentials from the standard chain', () => {
  it('--profile reads the shared credentials and config files; the secret is never printed', async () => {
    const dir = fresh();
    const home = tmp.path(`profile-home-${seq}`);
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'credentials'), `[ci]\naws_access_key_id = AKIAPROFILEKEY000002\naws_secret_access_key = ${SECRET}\n`);
    writeFileSync(join(home, 'config'), '[profile ci]\nregion = eu-west-1\n');
    const env = awsEnv(tmp, {
      AWS_ACCESS_KEY_ID: undefined,
      AWS_SECRET_ACCESS_KEY: undefined,
      AWS_SESSION_TOKEN: undefined,
      AWS_REGION: undefined,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    });
    const r = await importBin(endpoint, ['--cluster', 'prod', '--service', 'gitlab-runner', '--profile', 'ci', '--out', dir], env);
    expect(r.code, r.stderr).toBe(0);
    expect(new Set(endpoint.calls.map((c) => c.accessKeyId))).toEqual(new Set(['AKIAPROFILEKEY000002']));
    for (const [, bytes] of snapshot(dir)) expect(bytes.toString('utf8')).not.toContain(SECRET);
  });
});
