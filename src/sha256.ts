/**
 * SHA-256 of UTF-8 text, as lowercase hex: what `createHash('sha256').update(text, 'utf8')
 * .digest('hex')` gives (test/sha256.test.ts compares the two), without loading node:crypto.
 * Loading that module costs a short build about 4 ms of its start-up, a twentieth of it: it
 * brings seventeen internal modules and Node's streams (docs/performance.md). A build hashes
 * every file it writes (the manifest) and a long name it shortens (src/k8s/names.ts).
 *
 * The compression function is a WebAssembly module of 561 bytes, assembled below from its
 * instructions (FIPS 180-4, section 6.2.2), compiled once on first use; padding, the message
 * layout and the hex are done here. It hashes about 140 MB/s, a fifth of node:crypto's speed:
 * once a run has hashed 1 MiB (a build of a few hundred services), loading node:crypto costs less
 * than it saves, and node:crypto hashes the rest. Where WebAssembly is not available
 * (`node --jitless`), node:crypto does all of it.
 */

/** Memory layout: the 64 round constants, the message schedule, the hash state, then the message. */
const K_AT = 0;
const W_AT = 256;
const H_AT = 512;
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
// Opcodes (WebAssembly core specification, 5.4).
const OP = {
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  load: 0x28,
  store: 0x36,
  const: 0x41,
  ne: 0x47,
  ltU: 0x49,
  add: 0x6a,
  and: 0x71,
  or: 0x72,
  xor: 0x73,
  shrU: 0x76,
  rotl: 0x77,
  rotr: 0x78,
};

/** Signed LEB128, as i32.const and memory offsets take it. */
function sleb(v: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function uleb(v: number): number[] {
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

// Locals: the parameters p (message address) and n (blocks), then j (a byte offset into W or K), a…h, t1, t2 and x.
const P = 0;
const N = 1;
const J = 2;
const [A, B, C, D, E, F, G, H] = [3, 4, 5, 6, 7, 8, 9, 10] as const;
const T1 = 11;
const T2 = 12;
const X = 13;

type Code = number | Code[];
const get = (l: number): Code => [OP.get, l];
const set = (l: number): Code => [OP.set, l];
const tee = (l: number): Code => [OP.tee, l];
const c = (v: number): Code => [OP.const, ...sleb(v | 0)];
const load = (offset: number): Code => [OP.load, 2, ...uleb(offset)];
const store = (offset: number): Code => [OP.store, 2, ...uleb(offset)];
const rotr = (l: number, r: number): Code => [get(l), c(r), OP.rotr];

/** rotr(l, r1) ^ rotr(l, r2) ^ (shr or rotr)(l, r3): the σ and Σ functions. */
const sigma = (l: number, r1: number, r2: number, r3: number, shift: boolean): Code => [rotr(l, r1), rotr(l, r2), OP.xor, get(l), c(r3), shift ? OP.shrU : OP.rotr, OP.xor];

/** for (j = from; j < to; j += 4) body */
const loopJ = (from: number, to: number, body: Code): Code => [c(from), set(J), OP.loop, 0x40, body, get(J), c(4), OP.add, tee(J), c(to), OP.ltU, OP.brIf, 0, OP.end];

/** The body of compress(p, n): n blocks of 64 bytes at p, into the state at H_AT. */
function compressBody(): Code {
  const state = [A, B, C, D, E, F, G, H];
  // prettier-ignore
  return [
    OP.loop, 0x40, // one block a turn
    // W[0..15]: the block's words, big-endian: bswap(x) = rotr(x, 8) & 0xff00ff00 | rotl(x, 8) & 0x00ff00ff
    loopJ(0, 64, [get(J), get(P), get(J), OP.add, load(0), set(X), rotr(X, 8), c(0xff00ff00), OP.and, get(X), c(8), OP.rotl, c(0x00ff00ff), OP.and, OP.or, store(W_AT)]),
    // W[16..63] = W[i-16] + σ0(W[i-15]) + W[i-7] + σ1(W[i-2])
    loopJ(64, 256, [
      get(J),
      get(J), load(W_AT - 64),
      get(J), load(W_AT - 60), set(X), sigma(X, 7, 18, 3, true), OP.add,
      get(J), load(W_AT - 28), OP.add,
      get(J), load(W_AT - 8), set(X), sigma(X, 17, 19, 10, true), OP.add,
      store(W_AT),
    ]),
    state.map((l, i) => [c(0), load(H_AT + 4 * i), set(l)]),
    // 64 rounds: t1 = h + Σ1(e) + ch(e, f, g) + K[j] + W[j]; t2 = Σ0(a) + maj(a, b, c)
    loopJ(0, 256, [
      get(H), sigma(E, 6, 11, 25, false), OP.add,
      get(E), get(F), OP.and, get(E), c(-1), OP.xor, get(G), OP.and, OP.xor, OP.add,
      get(J), load(K_AT), OP.add,
      get(J), load(W_AT), OP.add,
      set(T1),
      sigma(A, 2, 13, 22, false),
      get(A), get(B), OP.and, get(A), get(C), OP.and, OP.xor, get(B), get(C), OP.and, OP.xor, OP.add,
      set(T2),
      get(G), set(H), get(F), set(G), get(E), set(F),
      get(D), get(T1), OP.add, set(E),
      get(C), set(D), get(B), set(C), get(A), set(B),
      get(T1), get(T2), OP.add, set(A),
    ]),
    state.map((l, i) => [c(0), c(0), load(H_AT + 4 * i), get(l), OP.add, store(H_AT + 4 * i)]),
    // the next block, while n > 0
    get(P), c(64), OP.add, set(P),
    get(N), c(-1), OP.add, tee(N), c(0), OP.ne, OP.brIf, 0,
    OP.end,
    OP.end, // the function
  ];
}

const flat = (code: Code): number[] => (Array.isArray(code) ? code.flatMap(flat) : [code]);

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];
  const name = (s: string) => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];
  const body = [1, 12, 0x7f, ...flat(compressBody())]; // one run of 12 i32 locals (j, a…h, t1, t2, x), then the code
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // \0asm, version 1
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]), // type: (i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0, 1]), // memory: at least one page
    ...section(7, [2, ...name('memory'), 2, 0, ...name('compress'), 0, 0]), // exports
    ...section(10, [1, ...uleb(body.length), ...body]), // code
  ]);
}

// ------------------------------------------------------------------ hashing
interface Engine {
  memory: WebAssembly.Memory;
  compress: (p: number, n: number) => void;
}

let engine: Engine | null | undefined;

function wasmEngine(): Engine | null {
  if (engine !== undefined) return engine;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
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
