/**
 * The schema walk (src/model/conforms.ts) against the compiled ajv validators it stands in front
 * of. It must never pass what ajv rejects (then a build would miss an error); it should pass what
 * ajv accepts (else the fast path is never taken: the build is only slower, and this test says so).
 *
 * Inputs: every task definition and service of fixtures/corpus and the shipped example, every
 * object a build of them emits, and every project file (ecs2k8s.yaml) of fixtures/ and examples/;
 * then, from a fixed seed, mutations of each: a member set to a value of another type, a string
 * changed (empty, long, astral characters, a near-miss of an enum value, a duplicate), a number
 * changed (negative, fractional, huge, NaN, Infinity), a member deleted, a member added (unknown,
 * or with a name no pattern allows).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import k8sSchema from '../schemas/k8s/kubernetes-strict.schema.json' with { type: 'json' };
import taskDefinitionSchema from '../schemas/ecs-task-definition.schema.json' with { type: 'json' };
import serviceSchema from '../schemas/ecs-service.schema.json' with { type: 'json' };
import configSchema from '../schemas/ecs2k8s-config.schema.json' with { type: 'json' };
import { parse } from 'yaml';
import { compile } from '../src/compile.js';
import { Diagnostics } from '../src/diagnostics.js';
import { loadAndValidate } from '../src/validate/index.js';
import { conforms } from '../src/model/conforms.js';
import type { SchemaNode } from '../src/model/schemas.js';
import { defaultOptions } from '../src/options.js';
import { validateService, validateTaskDefinition } from '../src/validate/generated/ecs-validators.js';
import { validateConfig } from '../src/load/generated/config-validator.js';
import { loadK8sValidator } from '../src/k8s/validate/load.js';
import { kinds } from '../src/k8s/validate/generated/k8s-validators.js';
import { repoRoot } from './helpers/cli.js';
import { fixturesCorpus } from './helpers/corpus.js';

type Json = unknown;

/** The documents of the seed files as the schema check sees them (unwrapped from describe output, nulls normalised). */
function documents(kind: 'taskDefinition' | 'service'): Json[] {
  const files = [
    ...['taskdefs', 'services'].flatMap((dir) => readdirSync(join(fixturesCorpus.dir, dir)).map((f) => join(fixturesCorpus.dir, dir, f))),
    join(repoRoot, 'examples/web-app/task-definition.json'),
    join(repoRoot, 'examples/web-app/service.json'),
  ].filter((f) => f.endsWith('.json'));
  return files.flatMap((file) =>
    loadAndValidate({ file, text: readFileSync(file, 'utf8') }, new Diagnostics())
      .documents.filter((d) => d.kind === kind)
      .map((d) => d.value as Json),
  );
}
const TASKDEFS = documents('taskDefinition');
const SERVICES = documents('service');

/** Every path to a value inside `v`. */
function paths(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

const REPLACEMENTS: Json[] = [
  '',
  'x'.repeat(300),
  '\u{1F600}'.repeat(3),
  'FARGATE ',
  'bogus',
  'circuit-breaker',
  -1,
  0,
  1.5,
  2 ** 31,
  1e300,
  NaN,
  Infinity,
  -Infinity,
  true,
  null,
  [],
  {},
  [1],
  { a: 1 },
];

/** Names of an added member: unknown to every schema, and not a label key or DNS label either. */
const EXTRA_NAMES = ['unknownMember', 'Not A Name!', 'a'.repeat(64)];

/** `doc` with the value at `path` replaced (`undefined`: deleted), or a member named `extra` added. */
function mutate(doc: Json, path: (string | number)[], replacement: Json, extra: string | undefined): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return extra !== undefined ? copy : replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (extra !== undefined) {
    const target = parent[last];
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) (target as Record<string, unknown>)[extra] = 'x';
  } else if (replacement === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Checks the walk against `validate` on `docs` and on `runs` mutations of them; returns how often each said valid. */
function differential(seeds: Json[], root: SchemaNode, node: (doc: Json) => SchemaNode, validate: (doc: Json) => boolean, runs: number, least = 5) {
  // The seeds as the validators see them: the files that are documents as they stand (not
  // wrapped in describe output, no nulls to normalise first), each passed by the walk.
  const docs = seeds.filter((doc) => validate(doc));
  expect(docs.length).toBeGreaterThanOrEqual(least);
  for (const doc of docs) expect(conforms(root, doc, node(doc)), `the walk passes a valid document: ${JSON.stringify(doc).slice(0, 200)}`).toBe(true);
  let agreedValid = 0;
  let agreedInvalid = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: docs.length - 1 }),
      fc.nat(),
      fc.oneof(fc.constantFrom(...REPLACEMENTS), fc.constant(undefined)),
      fc.option(fc.constantFrom(...EXTRA_NAMES), { nil: undefined }),
      (d, p, replacement, extra) => {
        const doc = docs[d];
        const all = paths(doc);
        const mutated = mutate(doc, all[p % all.length] as (string | number)[], replacement, extra);
        const ajv = validate(mutated);
        const walk = conforms(root, mutated, node(mutated));
        if (walk) expect(ajv, `the walk passed what ajv rejects: ${JSON.stringify(mutated).slice(0, 400)}`).toBe(true);
        else if (!ajv) agreedInvalid++;
        if (walk && ajv) agreedValid++;
        // ajv valid and the walk not: allowed (ajv decides), but it should be rare; counted below.
      },
    ),
    { seed: 20_261_203, numRuns: runs },
  );
  return { agreedValid, agreedInvalid };
}

describe('the schema walk decides as the compiled validators do', () => {
  it('on task definitions and services, and mutations of them', () => {
    const td = differential(
      TASKDEFS,
      taskDefinitionSchema as SchemaNode,
      () => taskDefinitionSchema as SchemaNode,
      (v) => validateTaskDefinition(v),
      1500,
    );
    const svc = differential(
      SERVICES,
      serviceSchema as SchemaNode,
      () => serviceSchema as SchemaNode,
      (v) => validateService(v),
      1000,
      1,
    );
    // Both kinds of outcome occur, so the property checked something on each side.
    for (const r of [td, svc]) {
      expect(r.agreedValid).toBeGreaterThan(50);
      expect(r.agreedInvalid).toBeGreaterThan(50);
    }
  });

  it('on every object a build emits, and mutations of them', async () => {
    const inputs = [...readdirSync(join(fixturesCorpus.dir, 'taskdefs')).map((f) => join(fixturesCorpus.dir, 'taskdefs', f)), join(repoRoot, 'examples/web-app')];
    const objects: Json[] = [];
    for (const input of inputs) objects.push(...(await compile([input], defaultOptions(), { cwd: repoRoot })).entries.map((e) => e.object as Json));
    expect(objects.length).toBeGreaterThan(30);
    const root = k8sSchema as unknown as SchemaNode & { 'x-kinds': Record<string, string> };
    const gvk = (o: Json) => {
      const { apiVersion, kind } = (typeof o === 'object' && o !== null ? o : {}) as { apiVersion?: unknown; kind?: unknown };
      return `${String(apiVersion)}/${String(kind)}`;
    };
    const node = (o: Json): SchemaNode => ({ $ref: `#/definitions/${root['x-kinds'][gvk(o)]}` });
    const validate = (o: Json) => {
      const file = (kinds as Record<string, string>)[gvk(o)];
      return file !== undefined && (loadK8sValidator(file) as (v: unknown) => boolean)(o);
    };
    const out = differential(objects, root, node, validate, 2000);
    expect(out.agreedValid).toBeGreaterThan(100);
    expect(out.agreedInvalid).toBeGreaterThan(100);
  });

  it('on the project files of fixtures/ and examples/, and mutations of them', () => {
    const files = ['fixtures', 'examples'].flatMap((dir) =>
      (readdirSync(join(repoRoot, dir), { recursive: true }) as string[]).filter((f) => /(^|[\\/])ecs2k8s\.ya?ml$/.test(f)).map((f) => join(repoRoot, dir, f)),
    );
    expect(files.length).toBeGreaterThanOrEqual(5);
    const seeds = files.map((f) => parse(readFileSync(f, 'utf8')) as Json);
    const root = configSchema as unknown as SchemaNode;
    const out = differential(
      seeds,
      root,
      () => root,
      (v) => validateConfig(v),
      1500,
    );
    expect(out.agreedValid).toBeGreaterThan(50);
    expect(out.agreedInvalid).toBeGreaterThan(50);
  });

  it('decides uniqueItems and propertyNames as ajv does, and an identifier only at the root', () => {
    const root = configSchema as unknown as SchemaNode;
    for (const doc of [{ diagnostics: { ignore: ['efs-volume', 'efs-volume'] } }, { labels: { 'Not A Key!': 'x' } }, { environments: { Prod: { inputs: ['a'] } } }]) {
      expect(validateConfig(doc)).toBe(false);
      expect(conforms(root, doc)).toBe(false);
    }
    for (const doc of [{ diagnostics: { ignore: ['efs-volume', 'load-balancer'] } }, { labels: { 'example.com/team': 'x' } }, { environments: { prod: { inputs: ['a'] } } }]) {
      expect(validateConfig(doc)).toBe(true);
      expect(conforms(root, doc)).toBe(true);
    }
    expect(conforms({ definitions: { A: { $id: 'other', type: 'string' } }, $ref: '#/definitions/A' }, 'x')).toBe(false);
  });

  it('says false, never true, on a keyword it does not know', () => {
    const root: SchemaNode = { definitions: {}, not: { type: 'string' } };
    expect(conforms(root, 'x')).toBe(false);
    expect(conforms(root, 1)).toBe(false);
    expect(conforms({ $ref: '#/definitions/Missing', definitions: {} }, 1)).toBe(false);
    // A name that only Object.prototype has is not a definition.
    expect(conforms({ $ref: '#/definitions/constructor', definitions: {} }, 1)).toBe(false);
  });
});
