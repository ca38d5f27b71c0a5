/**
 * `validate --convert` (the pre-commit validate hook) reports what `build` reports, so that the
 * two agree: on every task definition of the in-repository corpus, alone and with its service,
 * the same diagnostics (code, severity, file, line, column) and the same exit code; a service
 * given without its task definition is validated, not converted (a note, not an error); the
 * project file's settings and diagnostics: rules apply to both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir, runCli } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-validate-convert-');
afterAll(() => tmp.remove());

interface Reported {
  exit: number;
  diagnostics: { code: string; severity: string; file?: string; line?: number; column?: number }[];
}

const seen = (r: { code: number | null; stdout: string }): Reported => {
  const doc = JSON.parse(r.stdout) as { diagnostics: Reported['diagnostics'] };
  return { exit: r.code ?? -1, diagnostics: doc.diagnostics.map(({ code, severity, file, line, column }) => ({ code, severity, file, line, column })) };
};

async function both(inputs: string[], cwd?: string): Promise<{ validate: Reported; build: Reported; plain: Reported }> {
  const opts = cwd !== undefined ? { cwd } : {};
  const validate = await runCli(['validate', '--convert', ...inputs, '--report', 'json', '--verbose'], opts);
  const plain = await runCli(['validate', ...inputs, '--report', 'json', '--verbose'], opts);
  const out = tmp.fresh();
  const build = await runCli(['build', ...inputs, '--out', out, '--report', 'json', '--verbose'], opts);
  return { validate: seen(validate), build: seen(build), plain: seen(plain) };
}

const taskdefs = readdirSync(join(corpusDir, 'taskdefs'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('validate --convert agrees with build', () => {
  it('has the corpus to compare', () => {
    expect(taskdefs.length).toBeGreaterThan(20);
  });

  // Each corpus file is run once (validate --convert, validate, build); the tests below read the results.
  const results = new Map<string, Awaited<ReturnType<typeof both>>>();
  const resultOf = async (name: string) => {
    if (!results.has(name)) results.set(name, await both([join(corpusDir, 'taskdefs', name)]));
    return results.get(name)!;
  };

  it.each(taskdefs)('%s', async (name) => {
    const r = await resultOf(name);
    expect(r.validate).toEqual(r.build);
  });

  it('reports more than plain validate on the corpus: the conversion warnings build gives', async () => {
    let plain = 0;
    let converted = 0;
    for (const name of taskdefs) {
      const r = await resultOf(name);
      plain += r.plain.diagnostics.filter((d) => d.severity === 'warning').length;
      converted += r.validate.diagnostics.filter((d) => d.severity === 'warning').length;
    }
    expect(converted).toBeGreaterThan(plain);
  });

  it('a service with its task definition: the service-level warnings too', async () => {
    const web = join(process.cwd(), 'examples/web-app');
    const r = await both([join(web, 'task-definition.json'), join(web, 'service.json')]);
    expect(r.validate).toEqual(r.build);
    expect(r.validate.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['disruption-budget', 'load-balancer']));
  });

  it('a service without its task definition: validated, and not converted (a note, exit 0)', async () => {
    const r = await runCli(['validate', '--convert', 'examples/web-app/service.json', '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/service\.json:\d+:\d+: info unpaired-service: not converted: the service runs the task definition "orders-api:\d+", but no input holds family "orders-api"/);
  });

  it('the project file applies to both: a warning it makes an error fails validate --convert as it fails build', async () => {
    const dir = tmp.fresh();
    tmp.write(join(dir.slice(tmp.dir.length + 1), 'task-definition.json'), readFileSync('examples/web-app/task-definition.json', 'utf8'));
    tmp.write(join(dir.slice(tmp.dir.length + 1), 'ecs2k8s.yaml'), 'diagnostics:\n  error: [efs-volume]\n');
    const r = await both(['task-definition.json'], dir);
    expect(r.plain.exit).toBe(0);
    expect(r.validate.exit).toBe(2);
    expect(r.validate).toEqual(r.build);
    expect(r.validate.diagnostics).toContainEqual(expect.objectContaining({ code: 'efs-volume', severity: 'error', file: 'task-definition.json' }));
  });
});
