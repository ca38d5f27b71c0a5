/** The public API (src/index.ts, dist/index.mjs) compiles as the CLI does. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  build,
  compile,
  compileEnvironments,
  compileTexts,
  defaultOptions,
  Diagnostics,
  exitCodeFor,
  applyStrict,
  loadAndValidate,
  renderBundle,
  renderOverlays,
  resolveBuildOptions,
  validateK8sObject,
} from '../src/index.js';

describe('the public API', () => {
  it('compile + renderBundle give the committed example bundle', async () => {
    // npm start builds with examples/web-app/ecs2k8s.yaml, which only sets diagnostics: its folder is the project root.
    const r = await compile(['examples/web-app'], { ...defaultOptions(), projectRoot: resolve('examples/web-app') }, { cwd: process.cwd() });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = renderBundle(r.entries, 'yaml');
    for (const [path, text] of files) expect(text, path).toBe(readFileSync(join('examples/web-app/k8s', path), 'utf8'));
    for (const { object } of r.entries) expect(validateK8sObject(object)).toEqual([]);
  });

  it('resolveBuildOptions + build: the project file and flags resolved as the CLI does, the files it writes, the exit policy it applies', async () => {
    const cwd = resolve('examples/web-app');
    const d = new Diagnostics();
    const { options, projectFile } = await resolveBuildOptions({ images: ['app=123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:9.9.9'] }, cwd, d);
    expect(d.items).toEqual([]);
    expect(projectFile).toBe('ecs2k8s.yaml');
    const r = await build(['.'], options, { cwd });
    expect(r.failing).toBe(false);
    const deployment = r.rendered!.files.get('prod-eu/deployment-orders-api.yaml')!;
    expect(deployment).toContain('image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/orders-api:9.9.9');
    // The other files are the committed bundle's, byte for byte.
    for (const [path, text] of r.rendered!.files)
      if (path !== 'prod-eu/deployment-orders-api.yaml' && !path.includes('manifest')) expect(text, path).toBe(readFileSync(join(cwd, 'k8s', path), 'utf8'));
    // --strict passes: the project file ignores the four warnings the example gives. Without its rules, they fail it (exit 2), and nothing is rendered.
    expect((await build(['.'], options, { cwd }, { strict: true })).failing).toBe(false);
    const unruled = { ...options, diagnostics: { ignore: [], error: [] } };
    const strict = await build(['.'], unruled, { cwd }, { strict: true });
    expect([strict.failing, strict.rendered]).toEqual([true, undefined]);
    expect(exitCodeFor(applyStrict(strict.diagnostics, true, unruled.diagnostics))).toBe(2);
    expect(exitCodeFor(applyStrict(strict.diagnostics, false, unruled.diagnostics))).toBe(0);
    // A flag that does not parse is a usage diagnostic, not an exception.
    const bad = new Diagnostics();
    await resolveBuildOptions({ images: ['no-equals-sign'], account: '12' }, cwd, bad);
    expect(bad.items.map((x) => [x.code, x.message])).toEqual([
      ['usage', '--image "no-equals-sign" is not CONTAINER=URI (for example --image web=123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2)'],
      ['usage', '--account "12" is not an AWS account id (12 digits)'],
    ]);
  });

  it('compileTexts takes texts instead of paths and reports errors as values, never throwing', () => {
    const text = '{"family": "x", "containerDefinitions": [{"name": "a", "image": "i", "portMapping": []}]}';
    const r = compileTexts([{ file: 'td.json', text }], defaultOptions(), { cwd: process.cwd() });
    expect(r.entries).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unknown-member', 1, text.indexOf('"portMapping"') + 1]]);
    expect(r.diagnostics[0]?.message).toContain('did you mean "portMappings"?');
  });

  it('compileEnvironments + renderOverlays give the committed golden base and overlays', async () => {
    const cwd = join(process.cwd(), 'fixtures/gitops/environments-flux');
    const r = await compileEnvironments(
      [
        { name: 'staging', inputs: ['ecs/staging'] },
        { name: 'prod', inputs: ['ecs/prod'] },
      ],
      defaultOptions(),
      { cwd },
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const files = renderOverlays(r.environments, 'yaml');
    expect([...files.keys()].some((p) => p.startsWith('overlays/prod/'))).toBe(true);
    for (const [path, text] of files) expect(text, path).toBe(readFileSync(join(cwd, 'expected', path), 'utf8'));
  });

  it('compileEnvironments takes documents a reader made, as the JSON loader makes them', async () => {
    const cwd = join(process.cwd(), 'fixtures/gitops/environments-flux');
    const fromPaths = await compileEnvironments([{ name: 'prod', inputs: ['ecs/prod'] }], defaultOptions(), { cwd });
    const texts = ['ecs/prod/payments.service.json', 'ecs/prod/payments.task.json'].map((file) => ({ file, text: readFileSync(join(cwd, file), 'utf8') }));
    const d = new Diagnostics();
    const documents = texts.flatMap((t) => loadAndValidate(t, d).documents);
    const fromDocuments = await compileEnvironments([{ name: 'prod', documents }], defaultOptions(), { cwd });
    expect(fromDocuments.diagnostics).toEqual(fromPaths.diagnostics);
    expect(fromDocuments.environments).toEqual(fromPaths.environments);
  });
});
