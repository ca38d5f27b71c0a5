/**
 * `kubectl kustomize` (the real client) accepts the expected bundle of every scaling and
 * progressive-delivery golden case (fixtures/golden/scaling-*, rollout-*), and prints exactly the
 * objects of its files: the HorizontalPodAutoscalers, ScaledObjects, TriggerAuthentications and
 * Rollouts included. Skipped when kubectl is not on PATH.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { repoRoot } from './helpers/cli.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 }).status === 0;
const root = join(repoRoot, 'fixtures', 'golden');
const cases = readdirSync(root)
  .filter((d) => /^(scaling|rollout)-/.test(d) && statSync(join(root, d)).isDirectory())
  .sort();

function objectFiles(dir: string): unknown[] {
  const out: unknown[] = [];
  for (const ns of readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isDirectory())
    .sort()) {
    for (const f of readdirSync(join(dir, ns))
      .filter((x) => x.endsWith('.yaml') && x !== 'kustomization.yaml')
      .sort())
      out.push(parseYaml(readFileSync(join(dir, ns, f), 'utf8')));
  }
  return out;
}

const key = (o: unknown) => {
  const x = o as { apiVersion: string; kind: string; metadata: { namespace?: string; name: string } };
  return `${x.apiVersion}/${x.kind}/${x.metadata.namespace ?? ''}/${x.metadata.name}`;
};

describe.skipIf(!hasKubectl)('kubectl kustomize reads the scaling and rollout golden bundles', () => {
  it('has the ten cases', () => expect(cases).toHaveLength(10));
  it.each(cases)('%s', (c) => {
    const dir = join(root, c, 'expected');
    const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 30_000 });
    const printed = parseAllDocuments(text).map((d) => {
      expect(d.errors).toEqual([]);
      return d.toJS() as unknown;
    });
    const files = objectFiles(dir);
    expect(printed.map(key).sort()).toEqual(files.map(key).sort());
    expect(new Map(printed.map((o) => [key(o), o]))).toEqual(new Map(files.map((o) => [key(o), o])));
  });
});
