/**
 * The shipped example (examples/web-app: sidecars, secrets, EFS, a load balancer) is a golden
 * case: `npm start` writes examples/web-app/k8s with the example's project file and --strict,
 * and that committed output must be what the compiler produces now (the test runs the very
 * arguments of package.json's start script). The project file acknowledges the example's four
 * warnings: without it, --strict fails on exactly those.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.js';
import { parseText, runBin } from './helpers/cli.js';

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

/** The arguments of `npm start` (`node dist/ecs2k8s.cjs ARGS…`), with --out replaced by `out` when given. */
function startArgs(out?: string): string[] {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;
  const args = script.split(/\s+/).slice(2);
  expect(script.split(/\s+/).slice(0, 2)).toEqual(['node', 'dist/ecs2k8s.cjs']);
  if (out !== undefined) args[args.indexOf('--out') + 1] = out;
  return args;
}

describe('the shipped example', () => {
  it('npm start builds it with its project file and --strict', () => {
    expect(startArgs()).toEqual(['build', 'examples/web-app', '--config', 'examples/web-app/ecs2k8s.yaml', '--out', 'examples/web-app/k8s', '--strict']);
  });

  it('compiles to exactly the committed bundle (what npm start writes)', async () => {
    const c = capture(root);
    const out = join(tmp, 'k8s');
    const code = await run(startArgs(out), c.io);
    expect(code, c.out().stderr).toBe(0);
    const want = tree(join(root, 'examples/web-app/k8s'));
    const got = tree(out);
    expect([...got.keys()]).toEqual([...want.keys()]);
    for (const [path, text] of want) expect(got.get(path), path).toBe(text);
  });

  it('is current: build --check on the committed folder exits 0 and prints nothing', async () => {
    const c = capture(root);
    const code = await run([...startArgs(), '--check'], c.io);
    expect(code, c.out().stderr).toBe(0);
    expect(c.out().stdout).toBe('');
    expect(c.out().stderr).toBe('');
  });

  it("warns about what needs a person: the load balancer, the lost rollback, the drain floor and the EFS mount identity (the task budget is the pod's: no warning)", async () => {
    const c = capture(root);
    await run(['build', 'examples/web-app', '--stdout', '--report', 'json', '--report-file', join(tmp, 'r.json')], c.io);
    const report = JSON.parse(readFileSync(join(tmp, 'r.json'), 'utf8')) as { diagnostics: { code: string; severity: string }[] };
    const warnings = report.diagnostics
      .filter((d) => d.severity === 'warning')
      .map((d) => d.code)
      .sort();
    expect(warnings).toEqual(['circuit-breaker', 'disruption-budget', 'efs-volume', 'load-balancer']);
  });

  it('--strict fails on those four without the project file, and passes with it, whose diagnostics.ignore lists them (the real bin)', async () => {
    const without = await runBin(['build', 'examples/web-app', '--stdout', '--strict'], { env: { NO_COLOR: '1' } });
    expect(without.code).toBe(2);
    expect(
      parseText(without.stderr)
        .map((d) => `${d.severity} ${d.code}`)
        .sort(),
    ).toEqual(['error circuit-breaker', 'error disruption-budget', 'error efs-volume', 'error load-balancer']);
    const withIt = await runBin(['build', 'examples/web-app', '--config', 'examples/web-app/ecs2k8s.yaml', '--stdout', '--strict'], { env: { NO_COLOR: '1' } });
    expect(withIt.code, withIt.stderr).toBe(0);
    expect(withIt.stderr).toBe('');
    expect(withIt.stdout).toContain('kind: Deployment');
    // validate takes the project file's diagnostics: too.
    const validate = await runBin(['validate', 'examples/web-app', '--config', 'examples/web-app/ecs2k8s.yaml', '--strict'], { env: { NO_COLOR: '1' } });
    expect(validate.code, validate.stderr).toBe(0);
  });
});
