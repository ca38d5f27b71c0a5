/** A temporary folder per test file, removed afterwards. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempDir {
  dir: string;
  /** Writes a file (creating folders) and returns its absolute path. */
  write(name: string, content: string | Uint8Array): string;
  path(name: string): string;
  /** A new empty folder inside (case-1, case-2, …), for one test. */
  fresh(): string;
  remove(): void;
}

export function makeTempDir(prefix = 'ecs2k8s-test-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let seq = 0;
  return {
    dir,
    write(name, content) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    path: (name) => join(dir, name),
    fresh() {
      const d = join(dir, `case-${++seq}`);
      mkdirSync(d, { recursive: true });
      return d;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
