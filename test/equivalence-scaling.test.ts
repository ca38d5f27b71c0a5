/**
 * The scaling and progressive-delivery facts of the equivalence oracle (test/equivalence/
 * scaling-facts.ts) over the golden cases: the replica range, whether demand can scale in, and
 * the traffic on the new revision over a deployment, as ECS would do it (from the inputs) and as
 * the bundle does it. Where they differ the build warns, and the difference is listed here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compareFacts, ecsFacts, k8sFacts } from './equivalence/scaling-facts.js';
import { repoRoot } from './helpers/cli.js';

const root = join(repoRoot, 'fixtures', 'golden');
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function inputsOf(c: string): Obj[] {
  const dir = join(root, c);
  return readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'args.json').sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Obj);
}

function bundleOf(c: string): Obj[] {
  const dir = join(root, c, 'expected');
  const out: Obj[] = [];
  for (const ns of readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory())) {
    for (const f of readdirSync(join(dir, ns)).filter((x) => x.endsWith('.yaml') && x !== 'kustomization.yaml')) out.push(parseYaml(readFileSync(join(dir, ns, f), 'utf8')) as Obj);
  }
  return out;
}

/** What each case is expected to differ in (each one warned by the build). */
const EXPECTED: Record<string, string[]> = {
  'scaling-cpu-memory': [],
  'scaling-disable-scale-in': [],
  'scaling-alb-request-count': [],
  'scaling-step': [],
  'scaling-scheduled': [],
  'rollout-canary': [],
  'rollout-linear': [],
  'rollout-blue-green': [],
  'rollout-codedeploy': [],
  // progressiveDelivery: none: the canary is lost (warning deployment-strategy).
  'rollout-none': ['checkout: traffic 10%@0m 100%@5m in ECS, rolling in Kubernetes'],
};

describe('scaling and rollout facts: ECS vs the bundle', () => {
  it('covers every scaling and rollout golden case', () => {
    expect(readdirSync(root).filter((d) => /^(scaling|rollout)-/.test(d)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [c, diffs] of Object.entries(EXPECTED)) {
    it(c, () => {
      expect(compareFacts(ecsFacts(inputsOf(c)), k8sFacts(bundleOf(c)))).toEqual(diffs);
    });
  }

  it('reads the facts the documentation gives (spot checks)', () => {
    const ecs = ecsFacts(inputsOf('rollout-linear')).get('catalog')!;
    expect(ecs.replicas).toEqual([3, 9]);
    // A PAUSE hook before every shift, continuing after 1 minute; 2 minutes of bake after each of the four steps.
    expect(ecs.traffic).toEqual([{ minute: 1, percent: 20 }, { minute: 4, percent: 40 }, { minute: 7, percent: 60 }, { minute: 10, percent: 80 }, { minute: 13, percent: 100 }]);
    expect(ecsFacts(inputsOf('scaling-disable-scale-in')).get('ledger')!.scaleIn).toBe('never');
    expect(k8sFacts(bundleOf('rollout-blue-green')).get('payments')).toEqual({ replicas: [2, 2], scaleIn: 'allowed', traffic: [{ minute: 0, percent: 100 }], manual: true, keepOldMinutes: 30 });
  });

  it('finds a difference when the bundle does not do what ECS does', () => {
    const bundle = bundleOf('rollout-canary');
    const rollout = bundle.find((o) => o['kind'] === 'Rollout')!;
    rollout['spec']['strategy']['canary']['steps'] = [{ setWeight: 50 }];
    const diffs = compareFacts(ecsFacts(inputsOf('rollout-canary')), k8sFacts(bundle));
    expect(diffs).toEqual(['checkout: traffic 12.5%@0m 100%@10m in ECS, 50%@0m 100%@0m in Kubernetes', 'checkout: waits for a person in ECS, does not wait in Kubernetes']);
  });
});
