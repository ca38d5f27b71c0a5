/**
 * Where build's output goes (README, "Where output goes"): every combination of --out,
 * --stdout, --check, --report and --report-file either means one thing or is a usage error, and
 * stdout never holds two things at once. --check with a json report puts the check (and its
 * diff) into the report's `check` member; when a machine report owns stdout, the human diff goes
 * to stderr. Through the real bin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, repoRoot, runBin, type JsonReport } from './helpers/cli.js';
import { caseFolders, fixturesDir } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-build-streams-');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');

interface CheckMember {
  out: string;
  changed: boolean;
  created: string[];
  modified: string[];
  removed: string[];
  diff: string;
}

/** A bundle of CLEAN in a case folder, then one file of it made stale (a changed replica count). */
async function staleBundle(): Promise<ReturnType<typeof fresh>> {
  const c = fresh();
  expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
  const file = join(c.out, 'default', 'deployment-hello.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('replicas: 1', 'replicas: 4'));
  return c;
}

describe('build --check with a machine report', () => {
  it('--report json: stdout is one JSON document holding the check and its diff; the diff for people goes to stderr; exit 1', async () => {
    const c = await staleBundle();
    const r = await runBin(['build', CLEAN, '--out', c.out, '--check', '--report', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as JsonReport & { check: CheckMember };
    expect(report.check).toMatchObject({ out: c.out, changed: true, created: [], modified: ['default/deployment-hello.yaml'], removed: [] });
    expect(report.check.diff).toContain('--- a/default/deployment-hello.yaml\n+++ b/default/deployment-hello.yaml\n');
    expect(report.check.diff).toMatch(/^-  replicas: 4$/m);
    // The edit is named too, as a warning in the report.
    expect(report.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['hand-edited', 'warning', join(c.out, 'default/deployment-hello.yaml')]]);
    expect(r.stderr).toContain(report.check.diff);
    expect(r.stderr).toMatch(/the bundle in .* is out of date \(1 to change\)/);
  });

  it('--report json on a current bundle: the check says so (changed: false, no diff); exit 0', async () => {
    const c = fresh();
    expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
    const r = await runBin(['build', CLEAN, '--out', c.out, '--check', '--report', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { check: CheckMember }).check).toEqual({ out: c.out, changed: false, created: [], modified: [], removed: [], diff: '' });
    expect(r.stderr).toBe('');
  });

  it('--report json --report-file F: the report (with the check) in F, the diff on stdout as without a report', async () => {
    const c = await staleBundle();
    const r = await runBin(['build', CLEAN, '--out', c.out, '--check', '--report', 'json', '--report-file', c.report]);
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(c.report, 'utf8')) as { check: CheckMember };
    expect(r.stdout).toBe(report.check.diff);
    expect(r.stdout).toContain('+++ b/default/deployment-hello.yaml');
  });

  it('--report json --report-file -: the same as stdout (the report owns it)', async () => {
    const c = await staleBundle();
    const r = await runBin(['build', CLEAN, '--out', c.out, '--check', '--report', 'json', '--report-file', '-']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { check: CheckMember }).check.changed).toBe(true);
  });

  it('--report sarif: stdout is the SARIF log alone; the diff goes to stderr', async () => {
    const c = await staleBundle();
    const r = await runBin(['build', CLEAN, '--out', c.out, '--check', '--report', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['hand-edited']);
    expect(r.stderr).toContain('+++ b/default/deployment-hello.yaml');
  });
});

describe('writing with a machine report', () => {
  it('--out with --report json: stdout is the report; the summary line goes to stderr', async () => {
    const c = fresh();
    const r = await runBin(['build', CLEAN, '--out', c.out, '--report', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as JsonReport).summary.errors).toBe(0);
    expect(r.stderr).toMatch(/^ecs2k8s: 2 objects in 1 namespace → /);
  });

  it('--stdout with --report json --report-file F: the stream on stdout, the report in F', async () => {
    const c = fresh();
    const r = await runBin(['build', CLEAN, '--stdout', '--report', 'json', '--report-file', c.report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^---\napiVersion: v1\nkind: Service\n[\s\S]*\nkind: Deployment\n/);
    expect((JSON.parse(readFileSync(c.report, 'utf8')) as JsonReport).summary.files).toBe(1);
  });
});

describe('combinations that mean nothing: exit 2, a usage error naming the flags, nothing written', () => {
  it.each([
    ['--out and --stdout', ['--out', 'OUT', '--stdout'], /--stdout prints the bundle instead of writing it to --out: give one of them/],
    ['--stdout and --check', ['--stdout', '--check'], /--check compares files on disk: use it with --out, not --stdout/],
    ['--stdout and --report json on stdout', ['--stdout', '--report', 'json'], /--report json and --stdout would both write to stdout: give the report a file with --report-file/],
    ['--stdout and --report sarif --report-file -', ['--stdout', '--report', 'sarif', '--report-file', '-'], /--report sarif and --stdout would both write to stdout/],
    ['--report-file with the text report', ['--out', 'OUT', '--report-file', 'REPORT'], /--report-file writes a json, sarif, html or markdown report \(text diagnostics always go to stderr\)/],
    ['neither --out nor --stdout', ['--check'], /build needs --out DIR \(or --stdout\)/],
  ])('%s', async (_label, args, message) => {
    const c = fresh();
    const argv = args.map((a) => (a === 'OUT' ? c.out : a === 'REPORT' ? c.report : a));
    const r = await runBin(['build', CLEAN, ...argv]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(() => readFileSync(c.report)).toThrow();
    expect(() => readFileSync(join(c.out, 'kustomization.yaml'))).toThrow();
  });

  it('validate: --report-file with the text report is refused too', async () => {
    const c = fresh();
    const r = await runBin(['validate', CLEAN, '--report-file', c.report]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report-file writes a json or sarif report/);
  });
});

describe('standard output as a pipe, a socket, a file, /dev/null (the bin writes those itself: src/cli/stdio.ts)', () => {
  /** ECS inputs whose `--stdout` bundle is larger than a pipe's buffer (64 KiB on Linux), so writes block and resume. */
  function manyTasks(): string {
    const c = fresh();
    const base = JSON.parse(readFileSync(CLEAN, 'utf8')) as { family: string };
    for (let i = 0; i < 120; i++) writeFileSync(join(c.dir, `t${i}.json`), JSON.stringify({ ...base, family: `hello-${i}` }));
    return c.dir;
  }

  it('a socket (a parent process pipe), a shell pipe and a regular file get the same bytes, warnings stay on stderr', async () => {
    const dir = manyTasks();
    const viaSocket = await runBin(['build', dir, '--stdout']);
    expect(viaSocket.code, viaSocket.stderr).toBe(0);
    expect(viaSocket.stdout.length).toBeGreaterThan(128 * 1024);
    expect(viaSocket.stdout.split('\n---\n').length).toBeGreaterThan(120);

    const file = join(dir, 'bundle.yaml');
    const errFile = join(dir, 'stderr.txt');
    const fd = openSync(file, 'w');
    const errFd = openSync(errFile, 'w');
    const r = spawnSync(process.execPath, [binPath, 'build', dir, '--stdout'], { cwd: repoRoot, stdio: ['ignore', fd, errFd] });
    closeSync(fd);
    closeSync(errFd);
    expect(r.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(viaSocket.stdout);
    expect(readFileSync(errFile, 'utf8')).toBe(viaSocket.stderr);

    // A reader slower than the writer: the pipe fills and the bin waits for it.
    const shell = spawnSync('sh', ['-c', `"${process.execPath}" "${binPath}" build "${dir}" --stdout | (sleep 0.2; cat) > "${file}.fifo"`], { cwd: repoRoot });
    expect(shell.status).toBe(0);
    expect(readFileSync(`${file}.fifo`, 'utf8')).toBe(viaSocket.stdout);
  });

  it('/dev/null (`>/dev/null`, a parent\'s "ignore") takes the output, and the exit code is the build\'s', () => {
    const c = fresh();
    const bad = join(c.dir, 'bad.json');
    writeFileSync(bad, '{"family": "x", "containerDefinitions": [{"name": "app"}]');
    const ignored = { cwd: repoRoot, stdio: 'ignore' as const };
    expect(spawnSync(process.execPath, [binPath, 'build', CLEAN, '--stdout'], ignored).status).toBe(0);
    expect(spawnSync(process.execPath, [binPath, 'build', bad, '--stdout'], ignored).status).toBe(2);
    expect(spawnSync(process.execPath, [binPath, 'build', CLEAN, '--out', c.out], ignored).status).toBe(0);
    expect(readFileSync(join(c.out, 'default', 'deployment-hello.yaml'), 'utf8')).toContain('kind: Deployment');
    // The diagnostics of a failing build, on stderr as usual when stdout is /dev/null.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${binPath}" build "${bad}" --stdout >/dev/null`], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json:1:\d+: error/);
  });

  it('a reader that goes away (`ecs2k8s build --stdout | head`) ends the run quietly with the build’s exit code', async () => {
    const dir = manyTasks();
    for (const reader of ['head -c 100 >/dev/null', 'true']) {
      // The bin's status is the first of the pipeline's (sh has no PIPESTATUS): written to a file.
      const status = join(dir, 'status');
      const r = spawnSync('sh', ['-c', `{ "${process.execPath}" "${binPath}" build "${dir}" --stdout; echo $? > "${status}"; } | ${reader}`], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.status, reader).toBe(0);
      expect(readFileSync(status, 'utf8').trim(), reader).toBe('0');
      expect(r.stderr, reader).not.toMatch(/internal error|Error:|\n\s+at /);
    }
    // The bin's own status, without a shell in between: its stdout socket closed by the parent before it writes.
    const child = spawn(process.execPath, [binPath, 'build', dir, '--stdout'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/internal error|Error:|\n\s+at /);
  });
});
