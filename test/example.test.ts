/**
 * The shipped example (examples/web-app: sidecars, secrets, EFS, a load balancer) is a golden
 * case: `npm start` writes examples/web-app/k8s, and that committed output must be what the
 * compiler produces now.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';

function capture(cwd: string) {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true) },
      stdin: process.stdin,
      env: { NO_COLOR: '1' },
      cwd,
    },
    out: () => ({ stdout, stderr }),
  };
}

function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

const root = process.cwd();
const tmp = mkdtempSync(join(tmpdir(), 'ecs2k8s-example-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the shipped example', () => {
  it('compiles to exactly the committed bundle', async () => {
    const c = capture(root);
    const out = join(tmp, 'k8s');
    const code = await run(['build', 'examples/web-app', '--out', out], c.io);
    expect(code, c.out().stderr).toBe(0);
    const want = tree(join(root, 'examples/web-app/k8s'));
    const got = tree(out);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [path, text] of want) expect(got.get(path), path).toBe(text);
  });

  it('is current: build --check on the committed folder exits 0 and prints nothing', async () => {
    const c = capture(root);
    const code = await run(['build', 'examples/web-app', '--out', 'examples/web-app/k8s', '--check'], c.io);
    expect(code).toBe(0);
    expect(c.out().stdout).toBe('');
  });

  it('warns about what needs a person: the load balancer, the lost rollback, and the shared budget', async () => {
    const c = capture(root);
    await run(['build', 'examples/web-app', '--stdout', '--report', 'json', '--report-file', join(tmp, 'r.json')], c.io);
    const report = JSON.parse(readFileSync(join(tmp, 'r.json'), 'utf8')) as { diagnostics: { code: string; severity: string }[] };
    const warnings = report.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code).sort();
    expect(warnings).toEqual(['circuit-breaker', 'load-balancer', 'task-resources']);
  });
});
