/**
 * The project file's `diagnostics: { ignore, error }` (README, "The project file"): checked like
 * every project-file setting (an unknown code is an error at its line with a "did you mean"; a
 * code in both lists is refused), `ignore` drops accepted warnings and notes but never an
 * error, `error` fails the build on chosen codes without --strict, and --strict applies after
 * them, for validate and build alike; the project file's `images:` are image references.
 * Through the real bin.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText, posOf, runBin, type JsonReport } from './helpers/cli.js';
import { caseFolders, exampleDir, fixturesDir } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-diagnostic-rules-');
const TD = join(exampleDir, 'task-definition.json');
const SVC = join(exampleDir, 'service.json');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');

function project(text: string): string {
  const c = fresh();
  const file = join(c.dir, 'ecs2k8s.yaml');
  writeFileSync(file, text);
  return file;
}

describe('checked like every project-file setting: exit 2 at the line, nothing built', () => {
  it('an unknown code: its line and column, and a "did you mean"', async () => {
    const text = 'diagnostics:\n  ignore:\n    - circuit-breaker\n    - load-balncer\n';
    const file = project(text);
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(parseText(r.stderr)).toEqual([
      { file, ...posOf(text, 'load-balncer'), severity: 'error', code: 'config-invalid', message: 'diagnostics.ignore: "load-balncer" is not a diagnostic code: did you mean "load-balancer"?' },
    ]);
  });

  it('a code far from any: the list of codes is named instead', async () => {
    const file = project('diagnostics:\n  error: [no-such-thing-at-all]\n');
    const r = await runBin(['validate', CLEAN, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('diagnostics.error: "no-such-thing-at-all" is not a diagnostic code (docs/diagnostics.md lists them)');
  });

  it('one code in both lists', async () => {
    const text = 'diagnostics:\n  ignore: [load-balancer]\n  error: [task-resources, load-balancer]\n';
    const file = project(text);
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file]);
    expect(r.code).toBe(2);
    expect(parseText(r.stderr)).toEqual([
      expect.objectContaining({ code: 'config-invalid', ...posOf(text, 'load-balancer', 1), message: 'diagnostics: "load-balancer" is in both "ignore" and "error": keep it in one of them' }),
    ]);
  });

  it.each([
    ['a code that is not a list', 'diagnostics:\n  ignore: load-balancer\n', /\/diagnostics\/ignore must be array/],
    ['an unknown member', 'diagnostics:\n  warn: [load-balancer]\n', /"warn" is not a setting of the project file/],
    ['a code twice', 'diagnostics:\n  ignore: [load-balancer, load-balancer]\n', /duplicate items/],
  ])('%s (the schema)', async (_label, text, message) => {
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', project(text)]);
    expect(r.code).toBe(2);
    expect(parseText(r.stderr)[0]).toMatchObject({ code: 'config-invalid', line: 2 });
    expect(r.stderr).toMatch(message);
  });
});

describe('what they do', () => {
  it('ignore drops those warnings (the report counts what is left); --strict fails on the rest only', async () => {
    const file = project('diagnostics:\n  ignore: [circuit-breaker]\n');
    const c = fresh();
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file, '--report', 'json', '--report-file', c.report, '--strict']);
    expect(r.code).toBe(2);
    expect(
      parseText(r.stderr)
        .map((d) => `${d.severity} ${d.code}`)
        .sort(),
    ).toEqual(['error disruption-budget', 'error efs-volume', 'error load-balancer']);
  });

  it('error fails the build on those codes without --strict; the others stay warnings', async () => {
    const file = project('diagnostics:\n  error: [circuit-breaker]\n');
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(
      parseText(r.stderr)
        .map((d) => `${d.severity} ${d.code}`)
        .sort(),
    ).toEqual(['error circuit-breaker', 'warning disruption-budget', 'warning efs-volume', 'warning load-balancer']);
  });

  it('an error is never ignored: it stays, and says that it was listed', async () => {
    const c = fresh();
    const bad = join(c.dir, 'td.json');
    writeFileSync(bad, JSON.stringify({ family: 'web', bogus: 1, containerDefinitions: [{ name: 'web', image: 'nginx:1.27', memory: 128 }] }));
    const r = await runBin(['validate', bad, '--config', project('diagnostics:\n  ignore: [unknown-member]\n')]);
    expect(r.code).toBe(2);
    const [d] = parseText(r.stderr);
    expect(d).toMatchObject({ severity: 'error', code: 'unknown-member' });
    expect(d!.message).toMatch(/\(diagnostics\.ignore lists unknown-member, but an error is never ignored\)$/);
  });

  it('notes can be ignored too (--verbose shows the rest)', async () => {
    const file = project('diagnostics:\n  ignore: [paired]\n');
    const r = await runBin(['build', join(fixturesDir, 'pairing'), '--stdout', '--verbose', '--config', file]);
    expect(r.code).toBe(0);
    expect(parseText(r.stderr).map((d) => d.code)).not.toContain('paired');
    const without = await runBin(['build', join(fixturesDir, 'pairing'), '--stdout', '--verbose']);
    expect(parseText(without.stderr).map((d) => d.code)).toContain('paired');
  });

  it('validate honours them too, found in the working directory', async () => {
    const c = fresh();
    writeFileSync(join(c.dir, 'ecs2k8s.yaml'), 'diagnostics:\n  error: [image-placeholder]\n');
    const td = join(c.dir, 'td.json');
    writeFileSync(td, JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: '<IMAGE1_NAME>', memory: 128 }] }));
    const r = await runBin(['validate', 'td.json', '--report', 'json'], { cwd: c.dir });
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.diagnostics.find((d) => d.code === 'image-placeholder')?.severity).toBe('error');
    expect(report.summary.errors).toBe(1);
  });
});

describe("the project file's images:", () => {
  it('an image that is not a reference: exit 2, invalid-image at its line', async () => {
    const text = 'images:\n  app: "Not An Image"\n';
    const file = project(text);
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file]);
    expect(r.code).toBe(2);
    expect(parseText(r.stderr)).toEqual([
      expect.objectContaining({
        file,
        ...posOf(text, '"Not'),
        code: 'invalid-image',
        message: expect.stringMatching(/^images: the image of container "app", "Not An Image", is not an image reference: it contains white space; write \[REGISTRY/),
      }),
    ]);
  });

  it('a container that no input has: a warning at its key (the file serves other builds too); the build goes on', async () => {
    const text = 'images:\n  app: repo/app:2\n  worker: repo/worker:2\n';
    const file = project(text);
    const r = await runBin(['build', TD, SVC, '--stdout', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseText(r.stderr).find((d) => d.code === 'unknown-image-override')).toEqual({
      file,
      ...posOf(text, 'worker'),
      severity: 'warning',
      code: 'unknown-image-override',
      message:
        'images: names the container "worker", which no task definition here has (containers: "app", "envoy", "migrate"): remove the entry, or build it with the task definition that has this container',
    });
    expect(r.stdout).toContain('image: repo/app:2');
  });
});
