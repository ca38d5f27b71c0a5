/**
 * Hand edits are never lost without a word (README, "Keeping changes"): a generated file edited
 * since ecs2k8s wrote it, or a file it never wrote at a bundle path, is still replaced by build,
 * but named first in a `hand-edited` warning that points to a kustomize overlay; --strict then
 * writes nothing; a stale generated file that was edited is left, with a note; an emptied one is a
 * write cut short, replaced or removed without a word. The overlay that
 * the README shows is read by kubectl kustomize. Through the real bin.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseText, repoRoot, runBin } from './helpers/cli.js';
import { caseFolders, exampleDir, fixturesDir } from './helpers/build.js';

const fresh = caseFolders('ecs2k8s-hand-edits-');
const CLEAN = join(fixturesDir, 'clean', 'task-definition.json');
const DEPLOYMENT = 'default/deployment-hello.yaml';

/** A bundle of CLEAN, then its Deployment edited by hand. */
async function edited(): Promise<{ out: string; dir: string; file: string; original: string }> {
  const c = fresh();
  expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
  const file = join(c.out, DEPLOYMENT);
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, original.replace('replicas: 1', 'replicas: 5'));
  return { out: c.out, dir: c.dir, file, original };
}

/** CLEAN without its port mappings (so that it gives no Service), written into dir; its path. */
function withoutPorts(dir: string): string {
  const td = JSON.parse(readFileSync(CLEAN, 'utf8')) as { containerDefinitions: Record<string, unknown>[] };
  for (const x of td.containerDefinitions) delete x['portMappings'];
  const file = join(dir, 'td.json');
  writeFileSync(file, JSON.stringify(td));
  return file;
}

describe('build over a bundle that a person changed', () => {
  it('an edited generated file: regenerated, and named in a warning that points to an overlay; exit 0', async () => {
    const b = await edited();
    const r = await runBin(['build', CLEAN, '--out', b.out]);
    expect(r.code, r.stderr).toBe(0);
    expect(parseText(r.stderr)).toEqual([
      {
        file: join(b.out, DEPLOYMENT),
        severity: 'warning',
        code: 'hand-edited',
        message:
          'edited since ecs2k8s wrote it (.ecs2k8s-manifest.json records other content): this build replaces it with what the inputs give; to keep a change, make it in a kustomize overlay that takes this bundle as its base (README: "Keeping changes")',
      },
    ]);
    expect(readFileSync(b.file, 'utf8')).toBe(b.original);
    expect(r.stdout).toMatch(/\(1 written, 3 unchanged, 0 removed\)/);
    // Once regenerated, nothing is said.
    const again = await runBin(['build', CLEAN, '--out', b.out]);
    expect(again.stderr).toBe('');
  });

  it('--strict: the warning is an error, and nothing is written (the edit is still there)', async () => {
    const b = await edited();
    const r = await runBin(['build', CLEAN, '--out', b.out, '--strict']);
    expect(r.code).toBe(2);
    expect(parseText(r.stderr).map((d) => `${d.severity} ${d.code}`)).toEqual(['error hand-edited']);
    expect(readFileSync(b.file, 'utf8')).toContain('replicas: 5');
  });

  it('--check: the warning says a build would replace it, and the diff shows what would be lost', async () => {
    const b = await edited();
    const r = await runBin(['build', CLEAN, '--out', b.out, '--check']);
    expect(r.code).toBe(1);
    expect(parseText(r.stderr)[0]).toMatchObject({ code: 'hand-edited', message: expect.stringContaining('a build would replace it') });
    expect(r.stdout).toMatch(/^-  replicas: 5$/m);
  });

  it('a file ecs2k8s never wrote, where the bundle now has one: named too (not written by ecs2k8s), then replaced', async () => {
    const c = fresh();
    expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
    const mine = join(c.out, 'default', 'service-hello.yaml');
    // The manifest forgets the Service (an older ecs2k8s, a copied folder): the file is no longer known to be ecs2k8s's.
    const manifest = join(c.out, '.ecs2k8s-manifest.json');
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as { files: { path: string }[] };
    writeFileSync(manifest, JSON.stringify({ ...m, files: m.files.filter((f) => f.path !== 'default/service-hello.yaml') }, null, 2) + '\n');
    writeFileSync(mine, 'mine: true\n');
    const r = await runBin(['build', CLEAN, '--out', c.out]);
    expect(r.code).toBe(0);
    const [d] = parseText(r.stderr);
    expect(d).toMatchObject({ file: mine, severity: 'warning', code: 'hand-edited' });
    expect(d!.message).toMatch(/^not written by ecs2k8s \(.ecs2k8s-manifest.json does not list it\), and the bundle has a file of this name: this build replaces it/);
    expect(readFileSync(mine, 'utf8')).toContain('kind: Service');
  });

  it('a stale generated file that was edited is left as it is, with a note (--verbose)', async () => {
    const c = fresh();
    expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
    const service = join(c.out, 'default', 'service-hello.yaml');
    writeFileSync(service, readFileSync(service, 'utf8') + '# mine\n');
    const noPorts = withoutPorts(c.dir);
    const r = await runBin(['build', noPorts, '--out', c.out, '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseText(r.stderr)).toContainEqual({
      file: service,
      severity: 'info',
      code: 'hand-edited',
      message: 'generated by an earlier build, no longer generated, and edited since: left as it is (delete it if it is not needed)',
    });
    expect(readFileSync(service, 'utf8')).toContain('# mine');
  });

  it('an emptied generated file is a write cut short (a killed first build, a power cut), not an edit: rewritten or removed without a warning', async () => {
    const c = fresh();
    expect((await runBin(['build', CLEAN, '--out', c.out])).code).toBe(0);
    const deployment = join(c.out, DEPLOYMENT);
    const service = join(c.out, 'default', 'service-hello.yaml');
    writeFileSync(deployment, '');
    writeFileSync(service, '');
    // The next build no longer gives a Service: the empty one goes, the empty Deployment is written again.
    const noPorts = withoutPorts(c.dir);
    const r = await runBin(['build', noPorts, '--out', c.out, '--verbose']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('hand-edited');
    expect(r.stdout).toMatch(/\(2 written, \d+ unchanged, 1 removed\)/); // the Deployment and the kustomization
    expect(existsSync(service)).toBe(false);
    const reference = join(c.dir, 'reference');
    expect((await runBin(['build', noPorts, '--out', reference])).code).toBe(0);
    expect(readFileSync(deployment, 'utf8')).toBe(readFileSync(join(reference, DEPLOYMENT), 'utf8'));
  });

  it('a project file can accept them (diagnostics.ignore: [hand-edited])', async () => {
    const b = await edited();
    const config = join(b.dir, 'ecs2k8s.yaml');
    writeFileSync(config, 'diagnostics:\n  ignore: [hand-edited]\n');
    const r = await runBin(['build', CLEAN, '--out', b.out, '--config', config, '--strict']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });
});

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 }).status === 0;

describe.skipIf(!hasKubectl)('the overlay the README shows (skipped when kubectl is not on PATH)', () => {
  it('kubectl kustomize reads it over the example bundle: five replicas and the new tag, everything else as generated', () => {
    const c = fresh();
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n# (overlays\/prod\/[^\n]+)\n([\s\S]*?)```/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(blocks.map(([f]) => f)).toEqual(['overlays/prod/kustomization.yaml', 'overlays/prod/deployment-orders-api.yaml']);
    // The README's layout: the overlay at the repository root, the bundle at examples/web-app/k8s.
    cpSync(join(exampleDir, 'k8s'), join(c.dir, 'examples/web-app/k8s'), { recursive: true });
    for (const [f, text] of blocks) {
      mkdirSync(join(c.dir, 'overlays/prod'), { recursive: true });
      writeFileSync(join(c.dir, f), text);
    }
    const docs = (dir: string) =>
      parseAllDocuments(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 })).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec?: any }); // eslint-disable-line @typescript-eslint/no-explicit-any
    const base = docs(join(c.dir, 'examples/web-app/k8s'));
    const overlay = docs(join(c.dir, 'overlays/prod'));
    const deployment = overlay.find((o) => o.kind === 'Deployment')!;
    expect(deployment.spec.replicas).toBe(5);
    const images = [...deployment.spec.template.spec.initContainers, ...deployment.spec.template.spec.containers].map((x: { name: string; image: string }) => `${x.name}=${x.image}`);
    expect(images).toContain('app=123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.14.1');
    expect(images).toContain('migrate=123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:2.14.1');
    expect(overlay.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(base.map((o) => `${o.kind}/${o.metadata.name}`));
    expect(overlay.filter((o) => o.kind !== 'Deployment')).toEqual(base.filter((o) => o.kind !== 'Deployment'));
    expect(existsSync(join(c.dir, 'examples/web-app/k8s/.ecs2k8s-manifest.json'))).toBe(true);
  });
});
