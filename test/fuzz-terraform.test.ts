/**
 * The Terraform reader never throws: mutated `.tf` files and plan JSON (bytes cut, duplicated,
 * swapped, brackets and quotes inserted) go through the reader and the loader, and every
 * problem comes back as a diagnostic. Deterministic: a seeded generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../src/diagnostics.js';
import { terraformReader } from '../src/load/readers/terraform/index.js';
import { loadInputs } from '../src/validate/index.js';
import { repoRoot } from './helpers/cli.js';

const dir = join(repoRoot, 'fixtures/five-sources/web-alb-scaling');
const seeds = [
  { file: 'main.tf', text: readFileSync(join(dir, 'terraform/main.tf'), 'utf8') },
  { file: 'autoscaling.tf', text: readFileSync(join(dir, 'terraform/autoscaling.tf'), 'utf8') },
  { file: 'variables.tf', text: readFileSync(join(dir, 'terraform/variables.tf'), 'utf8') },
  { file: 'plan.json', text: readFileSync(join(dir, 'terraform-plan/plan.json'), 'utf8') },
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const INSERTS = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOF\n', '\n', '=', '.', '*', '?', ':', ',', '#', '/*', 'var.', 'local.x', 'jsonencode(', 'null', '-1e999', '\\u12', '...'];

function mutate(text: string, r: () => number): string {
  let t = text;
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(r() * t.length);
    const op = Math.floor(r() * 4);
    if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 20));
    else if (op === 1) t = t.slice(0, at) + INSERTS[Math.floor(r() * INSERTS.length)]! + t.slice(at);
    else if (op === 2) {
      const len = Math.floor(r() * 40);
      t = t.slice(0, at) + t.slice(at, at + len) + t.slice(at);
    } else t = t.slice(0, at);
  }
  return t;
}

describe('fuzz: the Terraform reader never throws', () => {
  it('mutated .tf files and plan JSON give diagnostics, not exceptions', () => {
    const r = rng(16);
    let diagnosed = 0;
    for (let i = 0; i < 600; i++) {
      const seed = seeds[i % seeds.length]!;
      const text = mutate(seed.text, r);
      const d = new Diagnostics();
      const input = { file: `fuzz/${seed.file}`, text };
      expect(
        () => {
          if (seed.file.endsWith('.json')) loadInputs([input], d, {}, { options: {}, cwd: repoRoot });
          else
            terraformReader.read([input, ...seeds.filter((s) => s.file.endsWith('.tf') && s.file !== seed.file).map((s) => ({ file: `fuzz/${s.file}`, text: s.text }))], d, {
              options: { variables: { image_tag: 'x' } },
              cwd: repoRoot,
            });
        },
        `case ${i}: ${JSON.stringify(text.slice(0, 80))}`,
      ).not.toThrow();
      if (d.items.length > 0) diagnosed++;
    }
    expect(diagnosed).toBeGreaterThan(100);
  });

  it('deep nesting is a diagnostic', () => {
    const d = new Diagnostics();
    const text = `resource "aws_ecs_service" "x" {\n  name = ${'['.repeat(5000)}\n}\n`;
    expect(() => terraformReader.read([{ file: 'deep.tf', text }], d, { options: {}, cwd: repoRoot })).not.toThrow();
    expect(d.items.some((x) => x.code === 'hcl-syntax' && x.line === 2)).toBe(true);
  });
});
