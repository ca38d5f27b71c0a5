/**
 * The WebAssembly module of src/sha256.ts, assembled from its instructions: the SHA-256
 * compression function of FIPS 180-4 (section 6.2.2) over n blocks of 64 bytes. src/sha256.ts
 * carries the 561 bytes this gives, so that no start assembles them; test/sha256.test.ts checks
 * that the two are the same (and prints the bytes to paste when this file changes).
 */

import { H_AT, K_AT, W_AT } from './sha256.js';

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

/** The module's bytes. */
export function assembleModule(): Uint8Array<ArrayBuffer> {
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
