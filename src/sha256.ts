/**
 * SHA-256 of UTF-8 text, as lowercase hex: what `createHash('sha256').update(text, 'utf8')
 * .digest('hex')` gives (test/sha256.test.ts compares the two), without loading node:crypto.
 * Loading that module costs a short build about 4 ms of its start-up, a twentieth of it: it
 * brings seventeen internal modules and Node's streams (docs/performance.md). A build hashes
 * every file it writes (the manifest) and a long name it shortens (src/k8s/names.ts).
 *
 * The compression function is a WebAssembly module of 561 bytes, assembled from its
 * instructions (FIPS 180-4, section 6.2.2) by ./sha256-wasm.ts and carried here as base64, so
 * that no start assembles it; it is compiled once on first use. Padding, the message layout and
 * the hex are done here. Once V8 has optimised it, it hashes about 140–180 MB/s, a fifth of
 * node:crypto's speed; before that (V8's baseline compiler, all of a one-service build)
 * 15–45 MB/s, so compiling it and hashing a bundle the size of the example's (12 files, 13 KB)
 * takes 2.3–2.9 ms, against 3.6–5.8 ms for loading node:crypto (docs/performance.md, seventh
 * round). Once a run has hashed 1 MiB (a build of a few hundred services), loading node:crypto
 * costs less than it saves, and node:crypto hashes the rest. Where WebAssembly is not available
 * (`node --jitless`), node:crypto does all of it.
 */

/** Memory layout: the 64 round constants, the message schedule, the hash state, then the message. */
export const K_AT = 0;
export const W_AT = 256;
export const H_AT = 512;
const MESSAGE_AT = 1024;
const PAGE = 65536;

// prettier-ignore
const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];
const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

// ------------------------------------------------------------------ the WebAssembly module
/** The module, as ./sha256-wasm.ts assembles it (test/sha256.test.ts checks that the two agree). */
// prettier-ignore
export const MODULE_BASE64 = 'AGFzbQEAAAABBgFgAn9/AAMCAQAFAwEAAQcVAgZtZW1vcnkCAAhjb21wcmVzcwAACv4DAfsDAQx/A0BBACECA0AgAiAAIAJqKAIAIQ0gDUEIeEGA/oN4cSANQQh3Qf+B/AdxcjYCgAIgAkEEaiICQcAASQ0AC0HAACECA0AgAiACKALAASACKALEASENIA1BB3ggDUESeHMgDUEDdnNqIAIoAuQBaiACKAL4ASENIA1BEXggDUETeHMgDUEKdnNqNgKAAiACQQRqIgJBgAJJDQALQQAoAoAEIQNBACgChAQhBEEAKAKIBCEFQQAoAowEIQZBACgCkAQhB0EAKAKUBCEIQQAoApgEIQlBACgCnAQhCkEAIQIDQCAKIAdBBnggB0ELeHMgB0EZeHNqIAcgCHEgB0F/cyAJcXNqIAIoAgBqIAIoAoACaiELIANBAnggA0ENeHMgA0EWeHMgAyAEcSADIAVxcyAEIAVxc2ohDCAJIQogCCEJIAchCCAGIAtqIQcgBSEGIAQhBSADIQQgCyAMaiEDIAJBBGoiAkGAAkkNAAtBAEEAKAKABCADajYCgARBAEEAKAKEBCAEajYChARBAEEAKAKIBCAFajYCiARBAEEAKAKMBCAGajYCjARBAEEAKAKQBCAHajYCkARBAEEAKAKUBCAIajYClARBAEEAKAKYBCAJajYCmARBAEEAKAKcBCAKajYCnAQgAEHAAGohACABQX9qIgFBAEcNAAsL';

// ------------------------------------------------------------------ hashing
interface Engine {
  memory: WebAssembly.Memory;
  compress: (p: number, n: number) => void;
}

let engine: Engine | null | undefined;

function wasmEngine(): Engine | null {
  if (engine !== undefined) return engine;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(MODULE_BASE64, 'base64')));
    const memory = instance.exports['memory'] as WebAssembly.Memory;
    const k = new DataView(memory.buffer);
    K.forEach((v, i) => k.setUint32(K_AT + 4 * i, v, true));
    engine = { memory, compress: instance.exports['compress'] as Engine['compress'] };
  } catch {
    engine = null; // no WebAssembly here (node --jitless): node:crypto below
  }
  return engine;
}

function withCrypto(text: string): string {
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Characters hashed by WebAssembly so far; past CRYPTO_AFTER, node:crypto hashes (and any text longer than that, which would grow the module's memory for good). */
let hashed = 0;
const CRYPTO_AFTER = 1024 * 1024;

export function sha256(text: string): string {
  if (hashed > CRYPTO_AFTER || text.length > CRYPTO_AFTER) return withCrypto(text);
  const e = wasmEngine();
  if (!e) return withCrypto(text);
  hashed += text.length;
  return sha256Wasm(e, text);
}

/** The WebAssembly path alone (for tests: it must equal node:crypto on every input). */
export function sha256WithWebAssembly(text: string): string {
  const e = wasmEngine();
  if (!e) throw new Error('WebAssembly is not available');
  return sha256Wasm(e, text);
}

function sha256Wasm(e: Engine, text: string): string {
  const length = Buffer.byteLength(text, 'utf8');
  const blocks = Math.floor((length + 8) / 64) + 1;
  const needed = MESSAGE_AT + blocks * 64;
  if (e.memory.buffer.byteLength < needed) e.memory.grow(Math.ceil((needed - e.memory.buffer.byteLength) / PAGE));
  const bytes = new Uint8Array(e.memory.buffer);
  Buffer.from(e.memory.buffer).write(text, MESSAGE_AT, length, 'utf8');
  // Padding: 0x80, zeros, the length in bits as a 64-bit big-endian number.
  bytes.fill(0, MESSAGE_AT + length, needed);
  bytes[MESSAGE_AT + length] = 0x80;
  const view = new DataView(e.memory.buffer);
  view.setUint32(needed - 8, Math.floor(length / 0x20000000), false);
  view.setUint32(needed - 4, (length * 8) >>> 0, false);
  H0.forEach((v, i) => view.setUint32(H_AT + 4 * i, v, true));
  e.compress(MESSAGE_AT, blocks);
  let hex = '';
  for (let i = 0; i < 8; i++)
    hex += view
      .getUint32(H_AT + 4 * i, true)
      .toString(16)
      .padStart(8, '0');
  return hex;
}
