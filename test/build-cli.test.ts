/**
 * Exit codes and streams of `ecs2k8s build` (SPEC §3, §9): a clean build is silent on stderr and
 * prints one summary line on stdout; warnings only where the input deserves them; machine reports
 * stay machine-readable; the real bin never prints a stack trace, whatever the input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, runBin, type JsonReport } from './helpers/cli.js';
import { exampleDir, fixturesDir, runIn, taskdefsDir, writeJson, caseFolders } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-build-cli-');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');
const STACK = /^\s+at /m;

describe('streams of a successful build', () => {
  it('a clean input: nothing on stderr, one summary line on stdout', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`ecs2k8s: 2 objects in 1 namespace → ${c.out} (4 written, 0 unchanged, 0 removed)\n`);
  });

  it('the same with services in two namespaces', async () => {
    const c = fresh();
    const r = await runIn(['build', join(fixturesDir, 'pairing'), join(fixturesDir, 'daemon'), '--out', c.out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([expect.stringMatching(/^ecs2k8s: 6 objects in 2 namespaces → .* \(\d+ written, 0 unchanged, 0 removed\)$/), '']);
  });

  it('the example: only warnings, each in file:line:col form, and a summary; no info notes without --verbose', async () => {
    const c = fresh();
    const r = await runIn(['build', exampleDir, '--out', c.out]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    const diags = parseText(r.stderr);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags.every((d) => d.severity === 'warning' && d.line !== undefined && d.column !== undefined)).toBe(true);
    expect(lines.at(-1)).toBe(`ecs2k8s: 0 errors, ${diags.length} warnings in 2 files`);
    expect(lines).toHaveLength(diags.length + 1);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('--verbose adds the notes', async () => {
    const c = fresh();
    const r = await runIn(['build', join(fixturesDir, 'pairing'), '--out', c.out, '--verbose']);
    expect(r.code).toBe(0);
    expect(parseText(r.stderr).map((d) => d.code)).toContain('paired');
  });

  it('the corpus: a warning-free file builds silently', async () => {
    const c = fresh();
    const r = await runIn(['build', join(taskdefsDir, 'aws__amazon-ecs-agent__shm.json'), '--out', c.out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--report json with --out: stdout is the JSON report and nothing else', async () => {
    const c = fresh();
    const r = await runIn(['build', CLEAN, '--out', c.out, '--report', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport; // a summary line after the JSON would break every consumer
    expect(report.summary.errors).toBe(0);
  });

  it('--report json with --stdout and no --report-file: refused, or the two kept apart', async () => {
    const r = await runIn(['build', CLEAN, '--stdout', '--report', 'json']);
    if (r.code === 2) return;
    expect(r.code).toBe(0);
    // Either the stream or the report may own stdout, not both.
    let isJson = true;
    try {
      JSON.parse(r.stdout);
    } catch {
      isJson = false;
    }
    expect(isJson || !r.stdout.includes('"diagnostics"')).toBe(true);
  });
});

describe('exit codes', () => {
  it('invalid input: exit 2, the diagnostic on stderr, nothing on stdout', async () => {
    const c = fresh();
    const bad = writeJson(c.dir, 'bad.json', { family: 'a/b', containerDefinitions: [{ name: 'x', image: 'nginx', memory: 64 }] });
    const r = await runIn(['build', bad, '--out', c.out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(parseText(r.stderr)).toEqual([expect.objectContaining({ file: bad, line: 2, column: 13, severity: 'error', code: 'invalid-value' })]);
  });

  it('--out that is a file: exit 3 (environment), not a stack trace', async () => {
    const c = fresh();
    writeFileSync(c.out, 'not a folder');
    const r = await runIn(['build', CLEAN, '--out', c.out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error output-io/);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('the real bin: no stack trace, whatever goes wrong', () => {
  const cases: [string, (dir: string) => string[], number][] = [
    ['a JSON syntax error', (d) => [writeFile(d, 'a.json', '{"family": "x",, }'), '--out', join(d, 'out')], 2],
    ['a missing file', (d) => [join(d, 'nope.json'), '--out', join(d, 'out')], 2],
    ['a folder without JSON', (d) => [(mkdirSync(join(d, 'empty')), join(d, 'empty')), '--out', join(d, 'out')], 2],
    ['a hostile family', (d) => [writeFile(d, 'h.json', JSON.stringify({ family: '../../etc/passwd', containerDefinitions: [{ name: 'x', image: 'y', memory: 64 }] })), '--out', join(d, 'out')], 2],
    ['an array at the top', (d) => [writeFile(d, 'arr.json', '[1, 2, 3]'), '--out', join(d, 'out')], 2],
    ['null', (d) => [writeFile(d, 'null.json', 'null'), '--out', join(d, 'out')], 2],
    ['containerDefinitions of the wrong type', (d) => [writeFile(d, 't.json', '{"family": "x", "containerDefinitions": {"name": 1}}'), '--stdout'], 2],
    ['a service only', (d) => [writeFile(d, 's.json', '{"serviceName": "x", "taskDefinition": "y"}'), '--stdout'], 2],
    ['stdin garbage', () => ['-', '--stdout'], 2],
    ['--out is a file', (d) => [CLEAN, '--out', writeFile(d, 'file', 'x')], 3],
    ['an invalid project file', (d) => [CLEAN, '--stdout', '--config', writeFile(d, 'c.yaml', 'iam: {mode: [1]}\n')], 2],
    ['--report-file in a missing folder', (d) => [CLEAN, '--stdout', '--report', 'json', '--report-file', join(d, 'no', 'such', 'r.json')], 3],
    ['--workload cronjob without a schedule', () => [CLEAN, '--stdout', '--workload', 'cronjob'], 2],
    ['an unknown flag', () => [CLEAN, '--stdout', '--frobnicate'], 2],
  ];
  function writeFile(dir: string, name: string, text: string): string {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  }

  it.each(cases)('%s', async (_label, argv, exit) => {
    const c = fresh();
    const r = await runBin(['build', ...argv(c.dir)], { stdin: '{"family": \u0000 nope', cwd: c.dir });
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/\b(TypeError|RangeError|ReferenceError|internal error)\b/);
    expect(r.code, r.stderr).toBe(exit);
    expect(r.stderr.trim().length).toBeGreaterThan(0);
  });

  it('a clean build with the bin: exit 0, silent stderr', async () => {
    const c = fresh();
    const r = await runBin(['build', CLEAN, '--out', c.out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ecs2k8s: 2 objects in 1 namespace → .*\n$/);
  });

  it('stdin (-) as input with the bin', async () => {
    const c = fresh();
    const r = await runBin(['build', '-', '--stdout'], {
      stdin: JSON.stringify({ family: 'piped', containerDefinitions: [{ name: 'app', image: 'nginx:1.27.0', memory: 128, cpu: 64, essential: true }] }),
      cwd: c.dir,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^---\napiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: piped\n/);
  });
});
