/**
 * The generated TypeScript types (src/model/generated/ecs.ts) agree with validation: every
 * document of the examples, the fixtures and (when it is beside the checkout) ../shared/corpus
 * that the compiled validator accepts type-checks as an object literal of its type (closed
 * objects: an unknown member is an error both ways; enumerations as literal unions), and what
 * validation refuses (a bad enum value, a missing required member, a string for a number, an
 * unknown member) does not type-check.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../src/diagnostics.js';
import type { ContainerDefinition, EcsTaskDefinition, NetworkMode } from '../src/model/ecs.js';
import { validateService, validateTaskDefinition } from '../src/validate/generated/ecs-validators.js';
import { loadAndValidate } from '../src/validate/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith('.json') ? [p] : [];
    });
}

/**
 * The documents validation accepts, as validation leaves them (normalised), with where they came
 * from: files without an error (schema, int32 range, rules), and documents the schema accepts
 * (a service without serviceName is only a warning, for --service-name to fill).
 */
function acceptedDocuments(): { kind: 'taskDefinition' | 'service'; where: string; value: unknown }[] {
  const files = [...jsonFiles(join(root, 'examples')), ...jsonFiles(join(root, 'fixtures')), ...jsonFiles(resolve(root, '../shared/corpus'))];
  const out: { kind: 'taskDefinition' | 'service'; where: string; value: unknown }[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const loaded = loadAndValidate({ file: relative(root, file), text }, new Diagnostics());
    for (const doc of loaded.documents) {
      if (doc.kind !== 'taskDefinition' && doc.kind !== 'service') continue; // the scaling and delivery documents have no generated types
      const validate = doc.kind === 'taskDefinition' ? validateTaskDefinition : validateService;
      if (loaded.ok && validate(doc.value)) out.push({ kind: doc.kind, where: `${relative(root, file)}#${doc.pointer}`, value: doc.value });
    }
  }
  return out;
}

describe('the generated ECS types', () => {
  it('type every document that validation accepts (examples, fixtures, corpus)', () => {
    const docs = acceptedDocuments();
    expect(docs.filter((d) => d.kind === 'taskDefinition').length).toBeGreaterThan(20);
    expect(docs.filter((d) => d.kind === 'service').length).toBeGreaterThan(5);
    const dir = join(root, '.tmp', `model-types-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const lines = [`import type { EcsService, EcsTaskDefinition } from '../../src/model/ecs.js';`, ''];
      docs.forEach((d, i) => {
        lines.push(`// ${d.where}`, `export const d${i}: ${d.kind === 'taskDefinition' ? 'EcsTaskDefinition' : 'EcsService'} = ${JSON.stringify(d.value)};`);
      });
      // What validation refuses must not type-check either.
      lines.push(
        '// @ts-expect-error a network mode outside the enumeration',
        `export const bad1: EcsTaskDefinition = { family: 'x', containerDefinitions: [], networkMode: 'bridged' };`,
        '// @ts-expect-error containerDefinitions is required',
        `export const bad2: EcsTaskDefinition = { family: 'x' };`,
        '// @ts-expect-error an unknown member (a near miss of portMappings)',
        `export const bad3: EcsTaskDefinition = { family: 'x', containerDefinitions: [{ name: 'a', portMapping: [] }] };`,
        '// @ts-expect-error task-level cpu is a string in the ECS API',
        `export const bad4: EcsTaskDefinition = { family: 'x', containerDefinitions: [], cpu: 256 };`,
        '// @ts-expect-error container cpu is a number',
        `export const bad5: EcsTaskDefinition = { family: 'x', containerDefinitions: [{ name: 'a', cpu: '256' }] };`,
        '// @ts-expect-error serviceName is required by CreateService',
        `export const bad6: EcsService = { taskDefinition: 'web:1' };`,
        '// describe-only members are tolerated with any value, as the schema does',
        `export const ok1: EcsTaskDefinition = { family: 'x', containerDefinitions: [], revision: 3, status: 'ACTIVE', registeredAt: '2024-01-01T00:00:00Z' };`,
      );
      writeFileSync(join(dir, 'check.ts'), lines.join('\n') + '\n');
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '../..' }, include: [], files: ['check.ts'] }));
      const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
      let output = '';
      try {
        execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        output = String((e as { stdout?: string }).stdout ?? e);
      }
      // tsc's errors name the line; the comment above each document names its file.
      const source = readFileSync(join(dir, 'check.ts'), 'utf8').split('\n');
      const located = output.replace(/check\.ts\((\d+),\d+\)/g, (m, line: string) => `${m} [${source[Number(line) - 2] ?? ''}]`);
      expect(located).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('name the schema definitions, with enumerations as literal unions', () => {
    const mode: NetworkMode = 'awsvpc';
    const container: ContainerDefinition = { name: 'web', portMappings: [{ containerPort: 80, protocol: 'tcp' }] };
    const td: EcsTaskDefinition = { family: 'web', containerDefinitions: [container], networkMode: mode };
    expect(validateTaskDefinition(td)).toBe(true);
  });
});
