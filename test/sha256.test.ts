/**
 * src/sha256.ts (the WebAssembly SHA-256 the manifest and shortened names use) runs the module
 * that src/sha256-wasm.ts assembles, and gives what node:crypto gives, before and after it hands
 * over to node:crypto, for every length around the block boundaries, for text with characters
 * of one to four UTF-8 bytes, and for inputs larger than the module's first memory page; the
 * manifest the bin writes holds node:crypto's hash of every file; and `node --jitless` (no
 * WebAssembly) still builds, through node:crypto, the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MODULE_BASE64, sha256, sha256WithWebAssembly } from '../src/sha256.js';
import { assembleModule } from '../src/sha256-wasm.js';
import { binPath, repoRoot } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { snapshot } from './helpers/build.js';

const reference = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A deterministic generator (mulberry32), so a failure names a reproducible input. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sha256 with WebAssembly', () => {
  const sha256 = sha256WithWebAssembly;
  it('runs the module that src/sha256-wasm.ts assembles from its instructions (561 bytes)', () => {
    const assembled = Buffer.from(assembleModule()).toString('base64');
    expect(MODULE_BASE64, `src/sha256.ts: set MODULE_BASE64 to '${assembled}'`).toBe(assembled);
    expect(assembleModule()).toHaveLength(561);
  });

  it('is FIPS 180-4’s: the standard’s examples', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto for every length from 0 to 300 bytes (every padding case)', () => {
    for (let n = 0; n <= 300; n++) {
      const s = 'a'.repeat(n);
      expect(sha256(s), `length ${n}`).toBe(reference(s));
    }
  });

  it('equals node:crypto on 2,000 random texts of one- to four-byte characters', () => {
    const next = random(2026);
    const pick = [() => 0x20 + Math.floor(next() * 95), () => 0x80 + Math.floor(next() * 0x780), () => 0x800 + Math.floor(next() * 0xd000), () => 0x10000 + Math.floor(next() * 0xfffff)];
    for (let k = 0; k < 2000; k++) {
      const length = Math.floor(next() * 400);
      let s = '';
      for (let i = 0; i < length; i++) s += String.fromCodePoint(pick[Math.floor(next() * (next() < 0.8 ? 1 : 4))]!());
      expect(sha256(s), JSON.stringify(s)).toBe(reference(s));
    }
  });

  it('equals node:crypto on inputs larger than a memory page, and after them on small ones', () => {
    for (const s of ['é'.repeat(100_000), 'x'.repeat(1_000_003), 'kind: Deployment\n'.repeat(20_000), 'small again']) expect(sha256(s)).toBe(reference(s));
  });
});

it('sha256 gives the same hashes before and after it hands over to node:crypto (past 1 MiB hashed)', () => {
  const next = random(13);
  const texts = Array.from({ length: 600 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\ndata:\n  k: "${'é€𝄞x'.repeat(Math.floor(next() * 2000))}"\n`);
  const total = texts.reduce((n, t) => n + t.length, 0);
  expect(total).toBeGreaterThan(2 * 1024 * 1024);
  for (const t of texts) expect(sha256(t)).toBe(reference(t));
});

it('node --jitless (no WebAssembly) writes the same bundle and manifest, through node:crypto', () => {
  const tmp = makeTempDir('ecs2k8s-sha256-');
  try {
    const write = (flags: string[], out: string) => execFileSync(process.execPath, [...flags, binPath, 'build', 'examples/web-app', '--out', out], { cwd: repoRoot, stdio: 'ignore' });
    write([], tmp.path('plain'));
    write(['--jitless'], tmp.path('jitless'));
    const plain = snapshot(tmp.path('plain'));
    const manifest = plain.get('.ecs2k8s-manifest.json');
    expect(manifest).toBeDefined();
    expect(snapshot(tmp.path('jitless'))).toEqual(plain);
    const files = (JSON.parse(manifest!.toString('utf8')) as { files: { path: string; sha256: string }[] }).files;
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f.sha256, f.path).toBe(reference(plain.get(f.path)!.toString('utf8')));
  } finally {
    tmp.remove();
  }
});
