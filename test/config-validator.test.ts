/**
 * The project file's schema is generated from its TypeScript type (src/project-file.ts), and its
 * validator compiled ahead of time from the schema; both must be current.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('generated project-file validator', () => {
  it('the schema is current with the type ProjectFile, the validator with the schema (run npm run gen:schemas)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs2k8s-config-gen-'));
    try {
      execFileSync(process.execPath, ['scripts/gen-config-validator.mjs', '--out', dir], { stdio: 'ignore' });
      for (const file of ['schemas/ecs2k8s-config.schema.json', 'src/load/generated/config-validator.js', 'src/load/generated/config-validator.d.ts']) {
        expect(readFileSync(join(dir, file), 'utf8'), `${file} is stale: run npm run gen`).toBe(readFileSync(file, 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
