/**
 * Runs `ecs2k8s import` against the test endpoint: the real bin as a child process (the AWS SDK
 * reads process.env, so each run gets an environment of its own), with fake credentials, a
 * home folder without ~/.aws, no instance metadata, and checks that every run makes: no stack
 * trace, no secret on any stream.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runBin, type CliResult } from '../helpers/cli.js';
import type { TempDir } from '../helpers/files.js';
import { EcsEndpoint } from './server.js';

/** The fake secret: it must never appear in any output or file. */
export const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY0import';
export const ACCESS_KEY_ID = 'AKIAIMPORTTEST000001';
export const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENimport0000';
const STACK = /^\s+at /m;

/** An environment that gives the SDK fake keys and nothing else to find. */
export function awsEnv(tmp: TempDir, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const home = tmp.path('home');
  mkdirSync(home, { recursive: true });
  return {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    AWS_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '3',
    NO_COLOR: '1',
    ...extra,
  };
}

/** The checks every run gets: a number for an exit code, no stack trace, no secret. */
/** awsEnv with HOME at `home` and credentials from nowhere else: the profiles under home/.aws decide. */
export function profileEnv(tmp: TempDir, home: string): Record<string, string | undefined> {
  return {
    ...awsEnv(tmp),
    HOME: home,
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  };
}

export function checkRun(r: CliResult): void {
  expect(typeof r.code).toBe('number');
  for (const s of [r.stdout, r.stderr]) {
    expect(s).not.toMatch(STACK);
    expect(s).not.toContain(SECRET);
    expect(s).not.toContain(SESSION_TOKEN);
  }
}

/** `ecs2k8s import … --endpoint-url <endpoint>` as a child process. */
export async function importBin(endpoint: EcsEndpoint | string, args: readonly string[], env: Record<string, string | undefined>, cwd?: string): Promise<CliResult> {
  const url = typeof endpoint === 'string' ? endpoint : endpoint.url;
  const r = await runBin(['import', ...args, '--endpoint-url', url], { env, ...(cwd !== undefined && { cwd }) });
  checkRun(r);
  return r;
}

/** The stderr lines (without the empty last one). */
export const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');

/** A started endpoint; close it after the test. */
export async function startEndpoint(seed: (e: EcsEndpoint) => void): Promise<EcsEndpoint> {
  const e = new EcsEndpoint();
  seed(e);
  await e.start();
  return e;
}
