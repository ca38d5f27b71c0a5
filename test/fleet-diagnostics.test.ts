/**
 * Diagnostics that scale to a fleet (SPEC §14), through the real bin: an unpaired service names
 * the few closest families, not all of them; codes repeated across files are counted at the end.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseText, runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-fleet-diagnostics-');
afterAll(() => tmp.remove());

const td = (family: string, extra: Record<string, unknown> = {}) => ({
  family,
  containerDefinitions: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27.0', essential: true, memory: 512, ...extra }],
});

describe('a fleet of 48 families', () => {
  it('a service whose family is misspelt names the three closest families, in one short line', async () => {
    const dir = tmp.fresh();
    const families = Array.from({ length: 47 }, (_, i) => `svc-${String(i).padStart(2, '0')}-worker`).concat(['orders']);
    for (const f of families) writeFileSync(join(dir, `${f}.json`), JSON.stringify(td(f)));
    writeFileSync(join(dir, 'orders-service.json'), JSON.stringify({ serviceName: 'orders', taskDefinition: 'ordres:4' }));
    const r = await runBin(['build', '.', '--out', 'k8s'], { cwd: dir });
    expect(r.code).toBe(2);
    const [e] = parseText(r.stderr).filter((d) => d.code === 'unpaired-service');
    expect(e).toBeDefined();
    expect(e!.message).toContain('the closest of the 48 families found: "orders", ');
    expect(e!.message.match(/"[^"]*"/g)!.length).toBe(1 + 1 + 3); // the reference, the family, three families
    expect(e!.message.length).toBeLessThan(250);
    expect(r.stderr.split('\n').length).toBeLessThan(6);
  });

  it('a service without taskDefinition among many: the closest to its name', async () => {
    const dir = tmp.fresh();
    for (const f of ['billing', 'cart', 'catalog', 'checkout', 'search', 'web', 'worker']) writeFileSync(join(dir, `${f}.json`), JSON.stringify(td(f)));
    writeFileSync(join(dir, 'svc.json'), JSON.stringify({ serviceName: 'catalogue' }));
    const r = await runBin(['build', '.', '--out', 'k8s'], { cwd: dir });
    const [e] = parseText(r.stderr).filter((d) => d.code === 'unpaired-service');
    expect(e!.message).toMatch(/the closest of the 7 families found: "catalog", /);
  });
});

describe('repeated diagnostics', () => {
  it('are counted per code at the end, most frequent first', async () => {
    const dir = tmp.fresh();
    for (const f of ['a', 'b', 'c', 'd']) writeFileSync(join(dir, `${f}.json`), JSON.stringify(td(f, { ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 2048 }] })));
    const r = await runBin(['build', '.', '--out', 'k8s'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(parseText(r.stderr).filter((d) => d.code === 'no-equivalent')).toHaveLength(4);
    expect(lines.at(-1)).toBe('ecs2k8s: repeated: 4 × no-equivalent in 4 files');
  });

  it('not for a code in one file only, nor in a GitHub Actions log', async () => {
    const dir = tmp.fresh();
    writeFileSync(join(dir, 'a.json'), JSON.stringify(td('a', { ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] })));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(td('b', { ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] })));
    const two = await runBin(['build', '.', '--out', 'k8s'], { cwd: dir });
    expect(two.stderr).not.toContain('repeated:');
    writeFileSync(join(dir, 'c.json'), JSON.stringify(td('c', { ulimits: [{ name: 'nofile', softLimit: 1, hardLimit: 2 }] })));
    const actions = await runBin(['build', '.', '--out', 'k8s'], { cwd: dir, env: { GITHUB_ACTIONS: 'true' } });
    expect(actions.stderr).toContain('::warning');
    expect(actions.stderr).not.toContain('repeated:');
  });
});
