/**
 * Reliability and security at the command line (SPEC §5, §9), with the real bin where it matters:
 * hostile names through every way a name gets in; symbolic links in the output folder (a namespace
 * folder, a generated file, the manifest, the lock and the journal) pointing outside it; a
 * read-only output folder; builds killed part-way; inputs over the size limit; two builds into one
 * folder at once; and secrets (never resolved, never written, never echoed).
 *
 * test/build-names.test.ts covers hostile names in-process field by field, test/bundle.test.ts the
 * writer's units (journal roll-forward, locks, in-process concurrency); this file adds the real
 * process: what a CI job sees.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksLikeCredential } from '../src/validate/credentials.js';
import { binPath, repoRoot, runBin, type CliResult } from './helpers/cli.js';
import { allPaths, asText, bundleObjects, corpusTaskdef, corpusTaskdefs, shuffled, snapshot, writeJson } from './helpers/build.js';
import { corpusRoots, fixturesCorpus, sharedCorpus } from './helpers/corpus.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-reliability-');
afterAll(() => tmp.remove());
let seq = 0;
const newDir = (label: string) => {
  const d = tmp.path(`${label}-${++seq}`);
  mkdirSync(d, { recursive: true });
  return d;
};

/** Stack traces and uncaught errors never reach the user. */
function expectNoCrash(r: CliResult): void {
  expect(r.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(r.stderr).not.toMatch(/\b(TypeError|RangeError|ReferenceError|internal error|Maximum call stack)\b/);
  expect(r.code, `exit code; stderr:\n${r.stderr.slice(0, 3000)}`).not.toBeNull();
}

/** A small valid task definition (and its service) named `name`, with one port. */
function taskDefinition(family: string, image = 'registry.example.com/app:1.0.0'): Record<string, unknown> {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image, essential: true, portMappings: [{ containerPort: 8080, name: 'http' }] }],
  };
}
function service(name: string, family: string, cluster = 'shop'): Record<string, unknown> {
  return { cluster, serviceName: name, taskDefinition: family, desiredCount: 2, launchType: 'FARGATE' };
}

// ---------------------------------------------------------------------------------------------

describe('hostile names, real bin: never a path outside --out, never a crash', () => {
  /**
   * Values for every way a name reaches a path: the ECS cluster (→ namespace folder), the
   * service name (→ file names), --namespace and --service-name. NUL cannot be passed in argv
   * (execve refuses it), so it is tried in JSON only.
   */
  const VALUES: [string, string][] = [
    ['..', '..'],
    ['../../escape', '../../escape'],
    ['/tmp/absolute', '/tmp/absolute'],
    ['a/b', 'a/b'],
    ['backslashes', '..\\..\\escape'],
    ['NUL', 'esc\u0000ape'],
    ['300 characters', 'Ab_'.repeat(100)],
    ['dot segments and slashes', './././../x/.'],
  ];

  function caseDir(): { dir: string; input: string; out: string } {
    const dir = newDir('names');
    mkdirSync(join(dir, 'in'));
    mkdirSync(join(dir, 'a', 'b', 'c'), { recursive: true });
    return { dir, input: join(dir, 'in'), out: join(dir, 'a', 'b', 'c', 'out') };
  }

  /** Nothing in the case folder but the inputs and the bundle; the bundle only plain, safe names. */
  function expectContained(c: ReturnType<typeof caseDir>): void {
    const allowed = new Set([join(c.dir, 'in'), join(c.dir, 'a'), join(c.dir, 'a', 'b'), join(c.dir, 'a', 'b', 'c'), c.out]);
    const stray = allPaths(c.dir).filter((p) => !allowed.has(p) && !p.startsWith(c.out + sep) && !p.startsWith(join(c.dir, 'in') + sep));
    expect(stray, 'paths written outside --out').toEqual([]);
    if (existsSync(c.out)) {
      for (const p of allPaths(c.out)) {
        const rel = p.slice(c.out.length + 1);
        expect(
          rel.split(sep).every((s) => /^\.?[a-z0-9][-a-z0-9.]*$/.test(s) && s !== '..'),
          rel,
        ).toBe(true);
        expect(lstatSync(p).isSymbolicLink()).toBe(false);
      }
    }
    expect(existsSync('/tmp/absolute'), 'a file at an absolute path from input').toBe(false);
  }

  it.each(VALUES)('cluster %s → sanitised namespace folder (or rejected), inside --out', async (_label, value) => {
    const c = caseDir();
    writeJson(c.input, 'td.json', taskDefinition('web'));
    writeJson(c.input, 'svc.json', service('web', 'web', value));
    const r = await runBin(['build', c.input, '--out', c.out, '--verbose']);
    expectNoCrash(r);
    expect([0, 2]).toContain(r.code);
    expectContained(c);
    if (r.code === 0) expect(r.stderr).toMatch(/svc\.json:\d+:\d+: info name-sanitised: cluster .* becomes the namespace/);
  });

  it.each(VALUES)('service name %s → rejected at /serviceName, nothing written', async (_label, value) => {
    const c = caseDir();
    writeJson(c.input, 'td.json', taskDefinition('web'));
    writeJson(c.input, 'svc.json', service(value, 'web'));
    const r = await runBin(['build', c.input, '--out', c.out]);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/svc\.json:\d+:\d+: error/);
    expect(existsSync(c.out)).toBe(false);
    expectContained(c);
  });

  it.each(VALUES.filter(([label]) => label !== 'NUL'))('--namespace and --service-name %s → sanitised with a warning (or rejected), inside --out', async (_label, value) => {
    const c = caseDir();
    writeJson(c.input, 'td.json', taskDefinition('web'));
    const r = await runBin(['build', c.input, '--out', c.out, '--namespace', value, '--service-name', value]);
    expectNoCrash(r);
    expect([0, 2]).toContain(r.code);
    expectContained(c);
    if (r.code === 0) expect(r.stderr).toMatch(/warning name-sanitised/);
  });

  it('family and container names with these values → exit 2 naming the field, nothing written', async () => {
    for (const [, value] of VALUES) {
      const c = caseDir();
      const td = taskDefinition(value);
      (td['containerDefinitions'] as Record<string, unknown>[])[0]!['name'] = value;
      writeJson(c.input, 'td.json', td);
      const r = await runBin(['build', c.input, '--out', c.out]);
      expectNoCrash(r);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toMatch(/"family"/);
      expect(r.stderr).toMatch(/"name"/);
      // eslint-disable-next-line no-control-regex
      expect(r.stderr).not.toMatch(/[\u0000\u001b]/);
      expectContained(c);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('symbolic links in the output folder pointing outside it: never followed (exit 3)', () => {
  /** A case: an input folder, a built bundle, a victim outside --out, and a changed input for the rebuild. */
  async function built(): Promise<{ dir: string; input: string; out: string; victimDir: string; victim: string; victimBytes: Buffer }> {
    const dir = newDir('links');
    const input = join(dir, 'in');
    writeJson(input, 'td.json', taskDefinition('web'));
    writeJson(input, 'svc.json', service('web', 'web'));
    const out = join(dir, 'out');
    const r = await runBin(['build', input, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const victimDir = join(dir, 'victim');
    mkdirSync(victimDir);
    const victim = join(victimDir, 'precious.txt');
    const victimBytes = Buffer.from('do not touch\n');
    writeFileSync(victim, victimBytes);
    // The rebuild changes every workload file, so the writer has to write where the links are.
    writeJson(input, 'td.json', taskDefinition('web', 'registry.example.com/app:2.0.0'));
    return { dir, input, out, victimDir, victim, victimBytes };
  }

  function expectRefused(r: CliResult, c: Awaited<ReturnType<typeof built>>): void {
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/error output-symlink: refusing to use .*: it is a symbolic link, and ecs2k8s never writes through a symbolic link/);
    expect(readFileSync(c.victim)).toEqual(c.victimBytes);
    expect(readdirSync(c.victimDir)).toEqual(['precious.txt']);
    // Nothing half-done is left behind: no staging folder, no journal, no lock.
    expect(readdirSync(c.out).filter((n) => /staging|journal|\.lock/.test(n))).toEqual([]);
  }

  it('a namespace folder that is a link to a folder outside', async () => {
    const c = await built();
    rmSync(join(c.out, 'shop'), { recursive: true });
    symlinkSync(c.victimDir, join(c.out, 'shop'));
    expectRefused(await runBin(['build', c.input, '--out', c.out]), c);
  });

  it('a generated file that is a link to a file outside (out/shop/deployment-web.yaml -> victim)', async () => {
    const c = await built();
    const target = join(c.out, 'shop', 'deployment-web.yaml');
    unlinkSync(target);
    symlinkSync(c.victim, target);
    const before = snapshotLinks(c.out);
    expectRefused(await runBin(['build', c.input, '--out', c.out]), c);
    expect(snapshotLinks(c.out)).toEqual(before); // the previous bundle untouched, the link left as it was
    // --check reads through no link either.
    const check = await runBin(['build', c.input, '--out', c.out, '--check']);
    expectRefused(check, c);
  });

  it('the same input again (nothing to write): the link is still refused, not read through', async () => {
    const c = await built();
    writeJson(c.input, 'td.json', taskDefinition('web')); // back to what was built
    const target = join(c.out, 'shop', 'deployment-web.yaml');
    writeFileSync(c.victim, readFileSync(target)); // the victim even holds the expected bytes
    const victimBytes = readFileSync(c.victim);
    unlinkSync(target);
    symlinkSync(c.victim, target);
    expectRefused(await runBin(['build', c.input, '--out', c.out]), { ...c, victimBytes });
  });

  it('a stale generated file that is a link: never removed through, never the victim removed', async () => {
    const c = await built();
    writeJson(c.input, 'svc.json', service('api', 'web')); // web's files become stale
    const target = join(c.out, 'shop', 'service-web.yaml');
    unlinkSync(target);
    symlinkSync(c.victim, target);
    expectRefused(await runBin(['build', c.input, '--out', c.out]), c);
  });

  it.each(['.ecs2k8s-manifest.json', 'kustomization.yaml', 'shop/kustomization.yaml'])('%s as a link to a file outside', async (name) => {
    const c = await built();
    const target = join(c.out, name);
    unlinkSync(target);
    symlinkSync(c.victim, target);
    expectRefused(await runBin(['build', c.input, '--out', c.out]), c);
  });

  it.each(['.ecs2k8s.lock', '.ecs2k8s-journal.json'])('a planted %s link to a file outside: refused, victim unchanged', async (name) => {
    const c = await built();
    symlinkSync(c.victim, join(c.out, name));
    const r = await runBin(['build', c.input, '--out', c.out]);
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/output-symlink|symbolic link/);
    expect(readFileSync(c.victim)).toEqual(c.victimBytes);
  });

  it('--out itself a link to a folder outside', async () => {
    const c = await built();
    const linkOut = join(c.dir, 'link-out');
    symlinkSync(c.victimDir, linkOut);
    const r = await runBin(['build', c.input, '--out', linkOut]);
    expectNoCrash(r);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/output-symlink/);
    expect(readdirSync(c.victimDir)).toEqual(['precious.txt']);
  });
});

/** Every path under dir with its kind (and a link's target), without following links. */
function snapshotLinks(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of allPaths(dir)) {
    const st = lstatSync(p);
    out[p.slice(dir.length + 1)] = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : readFileSync(p, 'utf8');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Runs argv with `dir` bind-mounted read-only in a private mount namespace (root in a sandbox); undefined when that is not possible. */
function runReadOnly(dir: string, argv: string[]): CliResult | undefined {
  const script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && shift && exec "$@"';
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" "$1" && ! touch "$1/.probe" 2>/dev/null', 'sh', dir]);
  if (probe.status !== 0) return undefined;
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script, 'sh', dir, process.execPath, binPath, ...argv], {
    encoding: 'utf8',
    cwd: repoRoot,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const canBindReadOnly = (() => {
  const d = makeTempDir('ecs2k8s-ro-probe-');
  try {
    return runReadOnly(d.dir, ['--version'])?.code === 0;
  } finally {
    d.remove();
  }
})();

describe('a read-only output folder: exit 3, a clear message, nothing changed', () => {
  // Tests run as root, which chmod does not stop: a read-only bind mount (in a private mount
  // namespace, so that nothing outlives the process) is a real EROFS, as on a read-only volume.
  it.runIf(canBindReadOnly)('an empty --out folder on a read-only mount → output-io EROFS, exit 3', async () => {
    const dir = newDir('ro');
    writeJson(join(dir, 'in'), 'td.json', taskDefinition('web'));
    const out = join(dir, 'out');
    mkdirSync(out);
    const r = runReadOnly(out, ['build', join(dir, 'in'), '--out', out])!;
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/error output-io: cannot .* \(EROFS: read-only file system\)/);
    expect(readdirSync(out)).toEqual([]);
  });

  it.runIf(canBindReadOnly)('a read-only folder holding the previous bundle → exit 3, the bundle intact', async () => {
    const dir = newDir('ro');
    const input = join(dir, 'in');
    writeJson(input, 'td.json', taskDefinition('web'));
    const out = join(dir, 'out');
    expect((await runBin(['build', input, '--out', out])).code).toBe(0);
    const before = snapshot(out);
    writeJson(input, 'td.json', taskDefinition('web', 'registry.example.com/app:2.0.0'));
    const r = runReadOnly(out, ['build', input, '--out', out])!;
    expectNoCrash(r);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/EROFS: read-only file system/);
    expect(asText(snapshot(out))).toEqual(asText(before));
  });

  it('--out under a regular file (no way to make the folder) → output-io ENOTDIR, exit 3', async () => {
    const dir = newDir('ro');
    writeJson(join(dir, 'in'), 'td.json', taskDefinition('web'));
    writeFileSync(join(dir, 'file'), 'x');
    const r = await runBin(['build', join(dir, 'in'), '--out', join(dir, 'file', 'out')]);
    expectNoCrash(r);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error output-io: .*ENOTDIR/);
  });

  it('--out under /proc (a file system that refuses new folders) → exit 3', async () => {
    const r = await runBin(['build', join(repoRoot, 'examples/web-app'), '--out', '/proc/ecs2k8s-test/out']);
    expectNoCrash(r);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error output-io: cannot create output folder \/proc\/ecs2k8s-test/);
  });
});

// ---------------------------------------------------------------------------------------------

/** Bundle A: services 0..N-1 with image 1.0; bundle B: services 50..N+49 with image 2.0 (changed, added and removed files). */
function writeLargeInputs(dir: string, n: number, variant: 'a' | 'b'): string {
  const input = join(dir, `in-${variant}`);
  mkdirSync(input, { recursive: true });
  const from = variant === 'a' ? 0 : 50;
  for (let i = from; i < from + n; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    writeFileSync(join(input, `${name}-td.json`), JSON.stringify(taskDefinition(name, `registry.example.com/${name}:${variant === 'a' ? '1.0' : '2.0'}`)));
    writeFileSync(join(input, `${name}-svc.json`), JSON.stringify(service(name, name)));
  }
  return input;
}

/** The files of a bundle, without the writer's bookkeeping (staging folders, lock, journal). */
function bundleOnly(dir: string): Record<string, string> {
  const tree = asText(snapshot(dir));
  return Object.fromEntries(Object.entries(tree).filter(([p]) => !/^\.ecs2k8s-staging-|^\.ecs2k8s\.lock|^\.ecs2k8s-journal\.json$/.test(p)));
}

const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(a) === JSON.stringify(b);

/** Restores dir to exactly the files of tree. */
function restore(dir: string, tree: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [p, text] of Object.entries(tree)) {
    mkdirSync(resolve(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

describe('a build killed part-way, and two builds at once (300 services, real bin)', () => {
  const N = 300;
  let dir: string;
  let inA: string;
  let inB: string;
  let bundleA: Record<string, string>;
  let bundleB: Record<string, string>;
  let buildMs = 0;

  beforeAll(async () => {
    dir = newDir('large');
    inA = writeLargeInputs(dir, N, 'a');
    inB = writeLargeInputs(dir, N, 'b');
    const refA = join(dir, 'ref-a');
    const refB = join(dir, 'ref-b');
    expect((await runBin(['build', inA, '--out', refA])).code).toBe(0);
    // Bundle B is built over bundle A, as in the tests below; a fresh build of B must agree.
    restore(refB, bundleOnly(refA));
    const t0 = performance.now();
    const rb = await runBin(['build', inB, '--out', refB]);
    buildMs = performance.now() - t0;
    expect(rb.code, rb.stderr).toBe(0);
    bundleA = bundleOnly(refA);
    bundleB = bundleOnly(refB);
    const fresh = join(dir, 'fresh-b');
    expect((await runBin(['build', inB, '--out', fresh])).code).toBe(0);
    expect(same(bundleOnly(fresh), bundleB)).toBe(true);
    // They differ in changed, added and removed files.
    expect(Object.keys(bundleA).filter((p) => !(p in bundleB)).length).toBeGreaterThan(0);
    expect(Object.keys(bundleB).filter((p) => !(p in bundleA)).length).toBeGreaterThan(0);
    expect(Object.keys(bundleA).filter((p) => p in bundleB && bundleA[p] !== bundleB[p]).length).toBeGreaterThan(N / 2);
  }, 120_000);

  /** Spawns `build inB --out out` and SIGKILLs it after delayMs, or as soon as `when()` holds. */
  function buildAndKill(out: string, delayMs: number, when?: () => boolean): Promise<{ killedAt: number; code: number | null; signal: string | null }> {
    return new Promise((resolvePromise) => {
      const t0 = performance.now();
      const child = spawn(process.execPath, [binPath, 'build', inB, '--out', out], { stdio: 'ignore', env: { PATH: process.env['PATH'] ?? '' } });
      let killedAt = -1;
      const kill = () => {
        if (killedAt < 0 && child.exitCode === null) {
          killedAt = performance.now() - t0;
          child.kill('SIGKILL');
        }
      };
      let poll: NodeJS.Timeout | undefined;
      if (when) {
        const tick = () => (when() ? kill() : (poll = setTimeout(tick, 0)));
        tick();
      } else setTimeout(kill, delayMs);
      child.on('exit', (code, signal) => {
        if (poll) clearTimeout(poll);
        resolvePromise({ killedAt, code, signal });
      });
    });
  }

  it('SIGKILL at random moments: before the swap the previous bundle is whole; after the next build, exactly one whole bundle', async () => {
    const out = join(dir, 'killed');
    // Deterministic "random" moments across the whole build, plus one kill as soon as the journal appears (mid-swap).
    const rand = shuffled(
      Array.from({ length: 40 }, (_, i) => i / 40),
      7,
    );
    const delays = rand.slice(0, 9).map((f) => Math.round(f * buildMs * 1.1));
    const outcomes: string[] = [];
    for (const [k, delay] of [...delays, -1].entries()) {
      restore(out, bundleA);
      const journal = join(out, '.ecs2k8s-journal.json');
      const r = await buildAndKill(out, delay, delay < 0 ? () => existsSync(journal) : undefined);
      const after = bundleOnly(out);
      const midSwap = existsSync(journal);
      let phase: string;
      if (r.signal !== 'SIGKILL') {
        phase = 'finished';
        expect(r.code).toBe(0);
        expect(same(after, bundleB)).toBe(true);
      } else if (midSwap) {
        phase = 'during the swap';
      } else if (same(after, bundleA)) {
        phase = 'before the swap';
      } else {
        phase = 'after the swap';
        expect(same(after, bundleB), 'killed with no journal: the folder must hold one whole bundle').toBe(true);
      }
      outcomes.push(`${r.killedAt < 0 ? 'done' : `${Math.round(r.killedAt)}ms`}: ${phase}`);
      // The next build (alternately the new input and the old one) finishes or discards the killed one: one whole bundle, never a mix.
      const nextInput = k % 2 === 0 ? inB : inA;
      const next = await runBin(['build', nextInput, '--out', out]);
      expect(next.code, next.stderr).toBe(0);
      const final = bundleOnly(out);
      expect(same(final, nextInput === inB ? bundleB : bundleA), `after a kill ${phase}, the next build left a mix`).toBe(true);
      expect(readdirSync(out).filter((n) => /staging|journal|\.lock/.test(n))).toEqual([]);
    }
    console.log(`build of ${N} services takes ${Math.round(buildMs)} ms; kills: ${outcomes.join('; ')}`);
    // The kills landed in more than one phase (the journal-triggered one is mid-swap, unless the swap finished first).
    expect(new Set(outcomes.map((o) => o.split(': ')[1])).size).toBeGreaterThan(1);
  }, 240_000);

  it('a first build (an empty folder, written in place) SIGKILLed at random moments: part of the bundle with no root kustomization, or all of it; after the next build, exactly one whole bundle', async () => {
    const out = join(dir, 'killed-first');
    const rand = shuffled(
      Array.from({ length: 40 }, (_, i) => i / 40),
      11,
    );
    const delays = rand.slice(0, 10).map((f) => Math.round(f * buildMs * 1.1));
    const outcomes: string[] = [];
    for (const [k, delay] of delays.entries()) {
      rmSync(out, { recursive: true, force: true });
      if (k % 2 === 1) mkdirSync(out); // an empty folder, or none at all
      const r = await buildAndKill(out, delay);
      const after = existsSync(out) ? bundleOnly(out) : {};
      if (r.signal !== 'SIGKILL') {
        expect(r.code).toBe(0);
        expect(same(after, bundleB)).toBe(true);
        outcomes.push('finished');
      } else {
        // Every file there is whole (or empty: killed between creating and writing it), and
        // `kubectl apply -k` finds no root kustomization until the bundle is complete.
        for (const [p, text] of Object.entries(after)) {
          if (p === '.ecs2k8s-manifest.json.tmp') continue;
          expect([bundleB[p], ''], `${p} after a kill at ${Math.round(r.killedAt)} ms`).toContain(text);
        }
        const whole = same(after, bundleB);
        if (!whole) expect(after['kustomization.yaml']).toBeUndefined();
        outcomes.push(`${Math.round(r.killedAt)}ms: ${whole ? 'whole' : `${Object.keys(after).length} files`}`);
      }
      const nextInput = k % 2 === 0 ? inB : inA;
      const next = await runBin(['build', nextInput, '--out', out]);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr, 'a write cut short is not a hand edit').not.toContain('hand-edited');
      expect(same(bundleOnly(out), nextInput === inB ? bundleB : bundleA), `after a kill (${outcomes.at(-1)}), the next build left a mix`).toBe(true);
      expect(readdirSync(out).filter((n) => /staging|journal|\.lock|\.tmp$/.test(n))).toEqual([]);
    }
    console.log(`first build of ${N} services: kills: ${outcomes.join('; ')}`);
    // Some kills landed while files were being written (neither before the first file nor after the last).
    expect(outcomes.some((o) => /\d+ files/.test(o) && !/: 0 files/.test(o))).toBe(true);
  }, 240_000);

  it('two real builds into one folder at once, different inputs: one of the two whole bundles, byte for byte', async () => {
    for (let round = 0; round < 3; round++) {
      const out = join(dir, `race-${round}`);
      if (round === 2) restore(out, bundleA); // also over an existing bundle
      const [a, b] = await Promise.all([runBin(['build', inA, '--out', out]), runBin(['build', inB, '--out', out])]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      const result = bundleOnly(out);
      expect(same(result, bundleA) || same(result, bundleB), 'a mix of two bundles').toBe(true);
      expect(readdirSync(out).filter((n) => /staging|journal|\.lock/.test(n))).toEqual([]);
    }
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------

describe('inputs larger than the size limit', () => {
  const base = JSON.stringify(corpusTaskdef(corpusTaskdefs()[0]!), null, 2);

  it('a 17 MiB file (valid JSON, padded) → exit 2, input-too-large naming the limit and --max-input-size; nothing written', async () => {
    const dir = newDir('size');
    const file = join(dir, 'td.json');
    writeFileSync(file, base + ' '.repeat(17 * 1024 * 1024));
    const r = await runBin(['build', file, '--out', join(dir, 'out')]);
    expectNoCrash(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/td\.json: error input-too-large: the input is 17\.\d MiB, larger than the limit of 16\.0 MiB: .*raise the limit with --max-input-size/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('the same file with --max-input-size 32MiB → builds (exit 0)', async () => {
    const dir = newDir('size');
    const file = join(dir, 'td.json');
    writeFileSync(file, base + ' '.repeat(17 * 1024 * 1024));
    const r = await runBin(['build', file, '--out', join(dir, 'out'), '--max-input-size', '32MiB']);
    expect(r.code, r.stderr).toBe(0);
    expect(bundleObjects(join(dir, 'out')).length).toBeGreaterThan(0);
  });

  it('a lowered limit (--max-input-size 1KiB) rejects a small file, on standard input too', async () => {
    const dir = newDir('size');
    const file = join(dir, 'td.json');
    writeFileSync(file, base);
    const r = await runBin(['validate', file, '--max-input-size', '1KiB']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/input-too-large: the input is \d+ bytes, larger than the limit of 1024 bytes/);
    const s = await runBin(['validate', '-', '--max-input-size', '1KiB'], { stdin: base });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/-: error input-too-large: the input is more than \d+ bytes, larger than the limit of 1024 bytes/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('secrets: never resolved, never written; plain credentials flagged, never echoed', () => {
  const SECRET_VALUES = {
    DB_PASSWORD: 'Tr0ub4dor&3-plaintext',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    GITHUB_TOKEN: `ghp_${'Zz9'.repeat(12)}`,
    TLS_KEY: '-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7plaintext\\n-----END RSA PRIVATE KEY-----',
    JWT_SECRET: 'correct-horse-battery-staple',
  };
  const PLAIN = { LOG_LEVEL: 'debug', AUTH_ENABLED: 'true', TOKEN_TTL: '3600', PASSWORD_MIN_LENGTH: '12', PASSWORD_FILE: '/run/secrets/db', TOKEN_URL: 'https://auth.example.com/token' };
  const SM_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::';
  const SSM_ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/prod/api-key';

  function inputs(): { dir: string; input: string } {
    const dir = newDir('secrets');
    const td = taskDefinition('web');
    const c = (td['containerDefinitions'] as Record<string, unknown>[])[0]!;
    c['environment'] = Object.entries({ ...SECRET_VALUES, ...PLAIN }).map(([name, value]) => ({ name, value: value.replace(/\\n/g, '\n') }));
    c['secrets'] = [
      { name: 'DB_PASS_FROM_SM', valueFrom: SM_ARN },
      { name: 'API_KEY', valueFrom: SSM_ARN },
    ];
    writeJson(join(dir, 'in'), 'td.json', td);
    return { dir, input: join(dir, 'in') };
  }

  /** No secret value (or a recognisable part of one) in a text. */
  function expectNoSecretValue(text: string, where: string): void {
    for (const [name, value] of Object.entries(SECRET_VALUES)) {
      const v = value.replace(/\\n/g, '\n');
      for (const part of [v, v.slice(0, 12), v.slice(-12), JSON.stringify(v).slice(1, -1)]) {
        expect(text.includes(part), `${where} echoes the value of ${name}`).toBe(false);
      }
    }
  }

  it('recognises a credential by its value alone, in a variable whose name says nothing', async () => {
    const BY_VALUE = {
      SETTING_AWS: 'ASIAIOSFODNN7EXAMPLE',
      SETTING_PEM: '-----BEGIN OPENSSH PRIVATE KEY-----',
      SETTING_GH: `gho_${'a1B2'.repeat(9)}`,
      SETTING_GH_PAT: `github_pat_${'a1B2_'.repeat(8)}`,
      SETTING_SLACK: 'xoxb-1234567890-abcdef',
      SETTING_STRIPE: `rk_live_${'a1B2'.repeat(5)}`,
      SETTING_GOOGLE: `AIza${'a1B2c3D4e5'.repeat(3)}x_-y9`,
      SETTING_JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl',
      SETTING_URL: 'postgres://app:hunter2secret@db.internal:5432/app',
    };
    const HARMLESS = { SETTING_PLAIN: 'github.com/acme', SETTING_LINK: 'https://db.internal:5432/app', SETTING_TEMPLATE: 'postgres://app:${DB_PASSWORD}@db:5432/app' };
    const dir = newDir('by-value');
    const td = taskDefinition('web');
    (td['containerDefinitions'] as Record<string, unknown>[])[0]!['environment'] = Object.entries({ ...BY_VALUE, ...HARMLESS }).map(([name, value]) => ({ name, value }));
    writeJson(join(dir, 'in'), 'td.json', td);
    const r = await runBin(['validate', join(dir, 'in')]);
    const flagged = r.stderr.split('\n').filter((l) => l.includes('plaintext-credential'));
    for (const name of Object.keys(BY_VALUE))
      expect(
        flagged.some((l) => l.includes(`"${name}"`) || l.includes(` ${name} `) || l.includes(`${name}:`)),
        name,
      ).toBe(true);
    for (const name of Object.keys(HARMLESS))
      expect(
        flagged.some((l) => l.includes(name)),
        name,
      ).toBe(false);
  });

  it('text, --report json, --report sarif and GitHub annotations name each credential variable and never its value', async () => {
    const { dir, input } = inputs();
    const out = join(dir, 'out');
    const runs = {
      text: await runBin(['build', input, '--out', out]),
      json: await runBin(['build', input, '--out', out, '--report', 'json', '--report-file', join(dir, 'r.json')]),
      sarif: await runBin(['validate', input, '--report', 'sarif']),
      github: await runBin(['build', input, '--out', out], { env: { GITHUB_ACTIONS: 'true' } }),
      verbose: await runBin(['validate', input, '--verbose', '--report', 'json']),
    };
    for (const [k, r] of Object.entries(runs)) {
      expect(r.code, `${k}: ${r.stderr}`).toBe(0);
      expectNoSecretValue(r.stderr, `${k} stderr`);
      expectNoSecretValue(r.stdout, `${k} stdout`);
    }
    const report = readFileSync(join(dir, 'r.json'), 'utf8');
    expectNoSecretValue(report, 'the JSON report');
    // The plaintext-credential messages of each form: one per credential variable, none for the others.
    const messages = {
      text: runs.text.stderr.split('\n').filter((l) => l.includes('plaintext-credential')),
      github: runs.github.stderr.split('\n').filter((l) => l.includes('plaintext-credential')),
      json: (JSON.parse(report) as { diagnostics: { code: string; message: string }[] }).diagnostics.filter((d) => d.code === 'plaintext-credential').map((d) => d.message),
      sarif: (JSON.parse(runs.sarif.stdout) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] }).runs[0]!.results.filter((x) => x.ruleId === 'plaintext-credential').map(
        (x) => x.message.text,
      ),
    };
    for (const [form, list] of Object.entries(messages)) {
      expect(list.length, form).toBe(Object.keys(SECRET_VALUES).length);
      for (const name of Object.keys(SECRET_VALUES))
        expect(
          list.some((m) => m.includes(`"${name}"`) && /looks like a credential.*move it to "secrets"/.test(m)),
          `${form}: ${name}`,
        ).toBe(true);
      for (const name of Object.keys(PLAIN))
        expect(
          list.some((m) => m.includes(`"${name}"`)),
          `${form}: false positive ${name}`,
        ).toBe(false);
    }
    expect(runs.github.stderr).toMatch(/^::warning file=.*td\.json,line=\d+,col=\d+.*plaintext-credential/m);
  });

  it('secrets become secretKeyRef + ExternalSecret (ARNs as references), no Secret with data; built with no network at all', async () => {
    const { dir, input } = inputs();
    const out = join(dir, 'out');
    // In a network namespace of its own (no interfaces but a down loopback), when the sandbox allows it.
    const isolated = spawnSync('unshare', ['-n', process.execPath, binPath, 'build', input, '--out', out], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    const r = isolated.error || isolated.status === null || /unshare:/.test(isolated.stderr) ? await runBin(['build', input, '--out', out]) : { code: isolated.status, stderr: isolated.stderr };
    expect(r.code, r.stderr).toBe(0);
    const objects = bundleObjects(out).map((o) => o.object as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(objects.filter((o) => o['kind'] === 'Secret')).toEqual([]);
    const externals = objects.filter((o) => o['kind'] === 'ExternalSecret');
    expect(
      externals
        .map((o) => o['spec'].data.map((d: any) => d.remoteRef.key))
        .flat()
        .sort(),
    ).toEqual(['/prod/api-key', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf'].sort()); // eslint-disable-line @typescript-eslint/no-explicit-any
    const env = objects.find((o) => o['kind'] === 'Deployment')!['spec'].template.spec.containers[0].env as {
      name: string;
      value?: string;
      valueFrom?: { secretKeyRef?: { name: string; key: string } };
    }[];
    for (const name of ['DB_PASS_FROM_SM', 'API_KEY']) {
      const e = env.find((x) => x.name === name)!;
      expect(e.value).toBeUndefined();
      expect(e.valueFrom?.secretKeyRef?.name).toMatch(/^web-(secrets|parameters)$/);
    }
    // Plain variables are the user's configuration and are written as given (docs/reliability.md says why).
    expect(env.find((x) => x.name === 'DB_PASSWORD')?.value).toBe(SECRET_VALUES.DB_PASSWORD);
  });
});

describe('looksLikeCredential on realistic names and on the corpus', () => {
  it.each([
    ['DB_PASSWORD', 'hunter2'],
    ['SPRING_DATASOURCE_PASSWORD', 'pw-1234'],
    ['AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    ['JWT_SECRET', 's3cr3t'],
    ['SECRET_KEY_BASE', 'abc123def456'],
    ['NEXTAUTH_SECRET', 'xyz-123'],
    ['API_KEY', 'k-123'],
    ['secretKey', 'x1'],
    ['DJANGO_SECRET_KEY', 'x'],
    ['BASIC_AUTH', 'user:pass'],
    ['PASSPHRASE', 'open sesame'],
    ['ENCRYPTION_KEY', '0123456789abcdef'],
    ['DATABASE_URL', 'postgres://app:hunter2@db:5432/app'],
    ['ANYTHING', 'AKIAIOSFODNN7EXAMPLE'],
    ['ANYTHING', '-----BEGIN OPENSSH PRIVATE KEY-----'],
    ['ANYTHING', `ghp_${'a'.repeat(36)}`],
    ['ANYTHING', `sk_live_${'a'.repeat(24)}`],
  ])('flags %s', (name, value) => {
    expect(looksLikeCredential(name, value)).toBe(true);
  });

  it.each([
    ['LOG_LEVEL', 'debug'],
    ['AUTH_ENABLED', 'true'],
    ['TOKEN_TTL', '3600'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['PASSWORD_FILE', '/run/secrets/db'],
    ['TOKEN_URL', 'https://auth.example.com/token'],
    ['AUTH_PROVIDER', 'google'],
    ['AUTH_TYPE', 'basic'],
    ['OAUTH_CLIENT_ID', 'abc123'],
    ['BYPASS_CACHE', 'always'],
    ['MAX_TOKENS', '4096'],
    ['TOKEN_EXPIRY', '1h'],
    ['SECRET_NAME', 'prod/db'],
    ['AUTHOR', 'me'],
    ['DB_PASSWORD', '${DB_PASSWORD}'],
    ['DB_PASSWORD', '{{ ssm `db_password` }}'],
    ['AWS_SECRET_ACCESS_KEY', '${{ secrets.AWS_SECRET_ACCESS_KEY }}'],
    ['DB_PASSWORD', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db'],
    ['DATABASE_URL', 'postgres://db:5432/app'],
    ['DATABASE_URL', 'postgres://app:${DB_PASSWORD}@db:5432/app'],
  ])('does not flag %s=%s', (name, value) => {
    expect(looksLikeCredential(name, value)).toBe(false);
  });

  // Reviewed by hand, per corpus: plaintext passwords, signing secrets and URLs with a password.
  const FLAGGED: Record<string, string[]> = {
    [fixturesCorpus.label]: ['legacy-reports:DATABASE_URL', 'legacy-reports:REPORTS_JWT_SECRET', 'legacy-reports:SPRING_DATASOURCE_PASSWORD'],
    [sharedCorpus.label]: ['courshare-identity:DATABASE_URL', 'courshare-identity:JWT_SECRET', 'courshare-identity:SPRING_DATASOURCE_PASSWORD'],
  };
  it.each(corpusRoots.map((r) => [r.label, r.dir] as const))('%s: only real plaintext secrets are flagged', (label, dir) => {
    const flagged: string[] = [];
    for (const f of corpusTaskdefs(join(dir, 'taskdefs'))) {
      const td = corpusTaskdef(f, join(dir, 'taskdefs')) as { family?: unknown; containerDefinitions?: { environment?: { name?: unknown; value?: unknown }[] }[] };
      for (const c of td.containerDefinitions ?? []) {
        for (const e of c.environment ?? []) {
          if (typeof e.name === 'string' && typeof e.value === 'string' && looksLikeCredential(e.name, e.value))
            flagged.push(`${f.startsWith('ecs2k8s__') ? String(td.family) : f.split('__')[1]}:${e.name}`);
        }
      }
    }
    expect(flagged.sort()).toEqual(FLAGGED[label]);
  });
});
