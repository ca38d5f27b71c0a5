/**
 * The failures users meet with `ecs2k8s import`: each is one line on stderr and exit code 3,
 * never a stack trace, never a credential, and nothing written. Throttling is retried by the
 * SDK's standard retry mode (the endpoint counts the attempts). No test reaches beyond 127.0.0.1.
 */
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from './helpers/files.js';
import { awsEnv, importBin, lines, profileEnv, startEndpoint } from './ecs-endpoint/harness.js';
import { seedProd } from './ecs-endpoint/seed.js';
import type { EcsEndpoint } from './ecs-endpoint/server.js';

const tmp = makeTempDir('ecs2k8s-import-errors-');
afterAll(() => tmp.remove());
let seq = 0;
const outDir = (): string => tmp.path(`out-${++seq}`);

let endpoint: EcsEndpoint;
beforeEach(async () => {
  endpoint = await startEndpoint(seedProd);
});
afterEach(async () => {
  await endpoint.close();
});

/** One line on stderr, `ecs2k8s: error <code>: …`, exit 3, nothing on stdout, nothing written. */
function expectOneLine(r: { code: number | null; stdout: string; stderr: string }, code: string, out: string): string {
  expect(r.code, r.stderr).toBe(3);
  expect(r.stdout).toBe('');
  const ls = lines(r.stderr);
  expect(ls, r.stderr).toHaveLength(1);
  expect(ls[0]).toMatch(new RegExp(`^ecs2k8s: error ${code}: `));
  expect(existsSync(out)).toBe(false);
  return ls[0]!;
}

describe('API errors', () => {
  it('a missing service is named (DescribeServices failures, reason MISSING)', async () => {
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--service', 'internal-nginx', '--service', 'nope', '--service', 'gone', '--out', out], awsEnv(tmp));
    const line = expectOneLine(r, 'aws-service-not-found', out);
    expect(line).toContain('services "gone", "nope" not found in cluster "prod"');
    expect(endpoint.callsOf('DescribeTaskDefinition')).toHaveLength(0);
  });

  it('a service that was deleted (INACTIVE) counts as missing when named', async () => {
    endpoint.createService('prod', { serviceName: 'old', taskDefinition: 'internal-nginx:1', status: 'INACTIVE' });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--service', 'old', '--out', out], awsEnv(tmp));
    expect(expectOneLine(r, 'aws-service-not-found', out)).toContain('service "old" not found in cluster "prod" (missing or deleted)');
  });

  it.each([
    ['ListServices', []],
    ['DescribeServices', []],
    ['DescribeTaskDefinition', []],
    ['DescribeServices', ['--service', 'gitlab-runner']],
  ] as const)('denied access to %s names the missing permission', async (op, extra) => {
    endpoint.inject({ op, type: 'AccessDeniedException', message: `User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ecs:${op} on resource: *`, times: Infinity });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', ...extra, '--out', out], awsEnv(tmp));
    const line = expectOneLine(r, 'aws-access-denied', out);
    expect(line).toContain(`access denied to ecs:${op}`);
    expect(line).toContain(`allow ecs:${op}`);
    expect(line).toContain('ecs:ListServices, ecs:DescribeServices, ecs:DescribeTaskDefinition');
    // Access denied is not retried: no call is made twice.
    const bodies = endpoint.callsOf(op).map((c) => JSON.stringify(c.body));
    expect(new Set(bodies).size).toBe(bodies.length);
  });

  it('throttling then success: the SDK retries and the import succeeds', async () => {
    endpoint.inject({ op: 'DescribeServices', type: 'ThrottlingException', message: 'Rate exceeded', times: 2 });
    endpoint.inject({ op: 'DescribeTaskDefinition', type: 'ThrottlingException', message: 'Rate exceeded', times: 1 });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(endpoint.callsOf('DescribeServices').map((c) => c.status)).toEqual([400, 400, 200]);
    const td = endpoint.callsOf('DescribeTaskDefinition');
    expect(td.filter((c) => c.status === 400)).toHaveLength(1);
    expect(td.filter((c) => c.status === 200)).toHaveLength(4);
    expect(existsSync(join(out, 'services', 'gitlab-runner.json'))).toBe(true);
  });

  it('throttling that does not stop: exit 3 after AWS_MAX_ATTEMPTS attempts', async () => {
    endpoint.inject({ op: 'ListServices', type: 'ThrottlingException', message: 'Rate exceeded', times: Infinity });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp, { AWS_MAX_ATTEMPTS: '2' }));
    const line = expectOneLine(r, 'aws-throttled', out);
    expect(line).toContain('ecs:ListServices');
    expect(line).toContain('after 2 attempts');
    expect(endpoint.callsOf('ListServices')).toHaveLength(2);
  });

  it('an unknown cluster (ClusterNotFoundException)', async () => {
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'staging', '--out', out], awsEnv(tmp));
    const line = expectOneLine(r, 'aws-cluster-not-found', out);
    expect(line).toContain('the cluster "staging" does not exist in region us-east-1');
    expect(endpoint.callsOf('ListServices')).toHaveLength(1);
  });

  it('an unknown cluster with --service', async () => {
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'staging', '--service', 'web', '--out', out], awsEnv(tmp));
    expectOneLine(r, 'aws-cluster-not-found', out);
  });

  it('any other API error: one line with its name and message', async () => {
    endpoint.inject({ op: 'DescribeTaskDefinition', type: 'ClientException', message: 'Unable to describe task definition.', times: Infinity });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--service', 'gitlab-runner', '--out', out], awsEnv(tmp));
    const line = expectOneLine(r, 'aws-error', out);
    expect(line).toContain(
      'ecs:DescribeTaskDefinition on task definition arn:aws:ecs:us-east-1:123456789012:task-definition/fargate-gitlab-runner:1 failed: ClientException: Unable to describe task definition.',
    );
  });

  it('pagination that never ends: the same services again under a new token stop at once; new ones at the page bound', async () => {
    endpoint.loopListServices('repeat');
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp));
    expect(expectOneLine(r, 'aws-error', out)).toContain('ecs:ListServices returned the same services again under a new nextToken (page 2) for cluster "prod": giving up');
    expect(endpoint.callsOf('ListServices')).toHaveLength(2);
    endpoint.loopListServices('endless');
    endpoint.resetCalls();
    const out2 = outDir();
    const r2 = await importBin(endpoint, ['--cluster', 'prod', '--out', out2], awsEnv(tmp));
    expect(expectOneLine(r2, 'aws-error', out2)).toContain('ecs:ListServices gave a new nextToken for 1000 pages (1000 services) of cluster "prod", more than a cluster holds');
    expect(endpoint.callsOf('ListServices')).toHaveLength(1000);
  });

  /** A home folder whose ~/.aws holds `files`, and an environment with credentials only from there. */
  function profileHome(files: (home: string) => Record<string, string>) {
    const home = tmp.path(`profile-home-${++seq}`);
    mkdirSync(join(home, '.aws'), { recursive: true });
    for (const [name, text] of Object.entries(files(home))) writeFileSync(join(home, name), text);
    return profileEnv(tmp, home);
  }

  it.each([
    [
      "a profile's session token in ~/.aws/credentials",
      'prod-ro',
      'AKIAPROFILE000000001',
      (token: string) => () => ({
        '.aws/credentials': `[prod-ro]\naws_access_key_id = AKIAPROFILE000000001\naws_secret_access_key = profileSecretKey0000000000000000000000000\naws_session_token = ${token}\n`,
      }),
    ],
    [
      'the session token of credentials no file holds (credential_process)',
      'proc',
      'AKIAPROCESS000000001',
      (token: string) => (home: string) => ({
        'creds.mjs': `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPROCESS000000001', SecretAccessKey: 'processSecretKey00000000000000000000000000', SessionToken: ${JSON.stringify(token)} }));\n`,
        '.aws/config': `[profile proc]\ncredential_process = "${process.execPath}" "${join(home, 'creds.mjs')}"\n`,
      }),
    ],
  ])("%s is redacted when a message echoes it (not only the environment's credentials)", async (_what, profile, keyId, files) => {
    const token = `IQoJ${profile.toUpperCase()}SESSIONTOKEN00000000000000000000000000abcdef`;
    endpoint.inject({ op: 'ListServices', type: 'ExpiredTokenException', message: `The security token ${token} has expired`, times: Infinity });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--profile', profile, '--out', out], profileHome(files(token)));
    const line = expectOneLine(r, 'aws-credentials-rejected', out);
    expect(line).toContain('The security token [redacted] has expired');
    expect(r.stderr).not.toContain(token);
    // it was that profile's credentials that were sent
    expect(endpoint.callsOf('ListServices')[0]!.accessKeyId).toBe(keyId);
  });

  it('credentials the endpoint rejects', async () => {
    endpoint.inject({ op: 'ListServices', type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.', times: Infinity });
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp));
    expectOneLine(r, 'aws-credentials-rejected', out);
  });
});

describe('the environment', () => {
  it('no credentials anywhere: one line, quickly, and no call made', async () => {
    const out = outDir();
    const started = Date.now();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined }));
    const line = expectOneLine(r, 'aws-no-credentials', out);
    expect(line).toContain('AWS_PROFILE');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(endpoint.calls).toHaveLength(0);
  });

  /** A shared config file with two profiles, neither with credentials. */
  const configWithProfiles = () => {
    const file = tmp.path(`config-${++seq}`);
    writeFileSync(file, '[default]\nregion = eu-west-1\n\n[profile ci]\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = eu-west-1\n');
    return file;
  };

  it.each([
    ['--profile', ['--profile', 'nosuch'], {}],
    ['AWS_PROFILE', [], { AWS_PROFILE: 'nosuch' }],
  ] as const)('a profile that does not exist (%s), with no region anywhere: it says so, names the files and the profiles, and makes no call', async (via, args, extra) => {
    const out = outDir();
    const env = awsEnv(tmp, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_REGION: undefined, AWS_CONFIG_FILE: configWithProfiles(), ...extra });
    const r = await importBin(endpoint, ['--cluster', 'prod', ...args, '--out', out], env);
    const line = expectOneLine(r, 'aws-profile-not-found', out);
    expect(line).toContain(`the AWS profile "nosuch" (${via})`);
    expect(line).toContain(env['AWS_CONFIG_FILE']!);
    expect(line).toContain('the profiles there: "ci", "default"');
    expect(line).not.toMatch(/region/);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('a profile that exists but has no credentials', async () => {
    const out = outDir();
    const r = await importBin(
      endpoint,
      ['--cluster', 'prod', '--profile', 'ci', '--out', out],
      awsEnv(tmp, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_CONFIG_FILE: configWithProfiles() }),
    );
    const line = expectOneLine(r, 'aws-no-credentials', out);
    expect(line).toContain('"ci"');
  });

  it("the SDK's warnings are one line too (a profile and keys both set)", async () => {
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--profile', 'ci', '--out', out], awsEnv(tmp, { AWS_CONFIG_FILE: configWithProfiles() }));
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([
      'ecs2k8s: note: both a profile (--profile or AWS_PROFILE) and AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are set: the profile is used',
      expect.stringMatching(/^ecs2k8s: error aws-no-credentials: no usable AWS credentials for the profile "ci"/),
    ]);
  });

  it('no region', async () => {
    const out = outDir();
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', out], awsEnv(tmp, { AWS_REGION: undefined }));
    expectOneLine(r, 'aws-no-region', out);
  });

  it('an endpoint that cannot be reached', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const out = outDir();
    const url = `http://127.0.0.1:${port}`;
    const r = await importBin(url, ['--cluster', 'prod', '--out', out], awsEnv(tmp, { AWS_MAX_ATTEMPTS: '2' }));
    const line = expectOneLine(r, 'aws-unreachable', out);
    expect(line).toContain(`cannot reach ${url} (ECONNREFUSED) after 2 attempts`);
  });

  it('--out through a symbolic link is refused (exit 3), after the calls and before any write', async () => {
    const real = tmp.path(`real-${++seq}`);
    mkdirSync(real);
    const link = tmp.path(`link-${seq}`);
    symlinkSync(real, link);
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', link], awsEnv(tmp));
    expect(r.code).toBe(3);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/^ecs2k8s: error output-symlink: /)]);
    expect(existsSync(join(real, 'services'))).toBe(false);
  });
});

describe('usage', () => {
  it.each([
    [['--out', 'x'], /cluster/],
    [['--cluster', 'prod'], /out/],
    [['--cluster', 'prod', '--out', 'x', '--build'], /--build needs --bundle-out/],
    [['--cluster', 'prod', '--out', 'x', '--bundle-out', 'y'], /--bundle-out is for --build/],
    [['--cluster', 'prod', '--out', 'x', '--build', '--bundle-out', 'x'], /another folder than --out/],
  ])('%j: exit 2', async (args, message) => {
    const r = await importBin(endpoint, args, awsEnv(tmp), tmp.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(endpoint.calls).toHaveLength(0);
  });

  it('an --endpoint-url that is not a URL: exit 2', async () => {
    const r = await importBin('not a url', ['--cluster', 'prod', '--out', outDir()], awsEnv(tmp));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--endpoint-url "not a url" is not an http(s) URL');
  });

  it('AWS_MAX_ATTEMPTS that is not a number: exit 2', async () => {
    const r = await importBin(endpoint, ['--cluster', 'prod', '--out', outDir()], awsEnv(tmp, { AWS_MAX_ATTEMPTS: 'lots' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('AWS_MAX_ATTEMPTS="lots"');
  });
});
