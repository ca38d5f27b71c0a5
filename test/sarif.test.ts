/**
 * `--report sarif` validates against the SARIF 2.1.0 JSON schema, kept offline in
 * test/vendor/sarif-schema-2.1.0.json (where it comes from: test/vendor/README.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, parseText, repoRoot, runCli, type CliResult } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

// ajv is CommonJS: under NodeNext the default import is the module object or the class itself.
type Ajv2020Class = typeof Ajv2020Import.default;
const Ajv2020: Ajv2020Class = (Ajv2020Import as unknown as { default?: Ajv2020Class }).default ?? (Ajv2020Import as unknown as Ajv2020Class);

/** RFC 3986 characters, with every "%" starting an escape: a space or a raw "é" fails. */
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;
const FORMATS: Record<string, (s: string) => boolean> = {
  'uri-reference': (s) => URI_CHARS.test(s),
  uri: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) && URI_CHARS.test(s),
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
};

let validateSarif: ValidateFunction;
beforeAll(() => {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'vendor', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // strictRequired is off because the schema's anyOf branches name required members declared beside them.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  validateSarif = ajv.compile(schema);
});

const tmp = makeTempDir();
afterAll(() => tmp.remove());

type Sarif = Record<string, any>;

function expectValid(sarif: unknown): void {
  const ok = validateSarif(sarif);
  expect(ok ? [] : validateSarif.errors, 'SARIF schema errors').toEqual([]);
}

async function sarifOf(argv: string[]): Promise<CliResult & { sarif: Sarif }> {
  const r = await runCli(['validate', ...argv, '--report', 'sarif']);
  return { ...r, sarif: JSON.parse(r.stdout) as Sarif };
}

describe('--report sarif against the SARIF 2.1.0 schema', () => {
  const mixed = join(repoRoot, 'fixtures', 'reports', 'mixed', 'input.json');

  it('a file with errors, warnings and notes', async () => {
    const { code, sarif, stderr } = await sarifOf([mixed]);
    expect(code).toBe(2);
    expectValid(sarif);
    const run = sarif['runs'][0];
    expect(new Set(run.results.map((r: Sarif) => r['level']))).toEqual(new Set(['error', 'warning', 'note']));
    // Every result names a rule of the driver by id and index, and sits where the text output says.
    const text = parseText(stderr);
    for (const result of run.results as Sarif[]) {
      expect(run.tool.driver.rules[result['ruleIndex']].id).toBe(result['ruleId']);
      const { startLine, startColumn } = result['locations'][0].physicalLocation.region;
      if (result['level'] !== 'note') {
        expect(
          text.some((t) => t.code === result['ruleId'] && t.line === startLine && t.column === startColumn),
          `${result['ruleId']} at ${startLine}:${startColumn}`,
        ).toBe(true);
      }
    }
  });

  it('many files: no position, a directory, syntax and encoding errors, a path that needs percent-encoding', async () => {
    const odd = tmp.write('dir with space/naïve #1.json', '{\n  "family": "web"\n  "containerDefinitions": []\n}\n');
    const latin1 = tmp.write('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    const emptyDir = tmp.path('empty');
    tmp.write('empty/readme.txt', 'nothing\n');
    const missing = tmp.path('missing.json');
    const services = join(corpusDir, 'services');
    const { code, sarif } = await sarifOf([odd, latin1, emptyDir, missing, services, mixed]);
    expect(code).toBe(2);
    expectValid(sarif);
    const results = sarif['runs'][0].results as Sarif[];
    const uris = results.map((r) => r['locations']?.[0].physicalLocation.artifactLocation.uri as string);
    expect(uris).toContain(odd.split('/').map(encodeURIComponent).join('/'));
    expect(uris.every((u) => URI_CHARS.test(u))).toBe(true);
    const noRegion = results.find((r) => r['ruleId'] === 'input-not-found')!;
    expect(noRegion['locations'][0].physicalLocation.region).toBeUndefined();
    expect(results.map((r) => r['ruleId'])).toEqual(expect.arrayContaining(['json-syntax', 'not-utf8', 'no-inputs', 'input-not-found', 'missing-service-name']));
  });

  it('a clean run: no results, still valid', async () => {
    const { code, sarif } = await sarifOf([join(corpusDir, 'taskdefs', 'aws__amazon-ecs-agent__shm.json')]);
    expect(code).toBe(0);
    expectValid(sarif);
    expect(sarif['runs'][0].results).toEqual([]);
  });

  it('--strict turns warning results into errors, still valid', async () => {
    const { sarif } = await sarifOf([mixed, '--strict']);
    expectValid(sarif);
    expect(sarif['runs'][0].results.map((r: Sarif) => r['level'])).not.toContain('warning');
  });

  it('the schema check is not vacuous: broken SARIF is rejected', async () => {
    const { sarif } = await sarifOf([mixed]);
    const broken: [string, (s: Sarif) => void][] = [
      ['an unknown level', (s) => (s['runs'][0].results[0].level = 'info')],
      ['a result without a message', (s) => delete s['runs'][0].results[0].message],
      ['line 0', (s) => (s['runs'][0].results[0].locations[0].physicalLocation.region.startLine = 0)],
      ['an unencoded space in a URI', (s) => (s['runs'][0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'a b.json')],
      ['another SARIF version', (s) => (s['version'] = '2.0.0')],
      ['a member SARIF does not have', (s) => (s['runs'][0].tool.driver.colour = 'red')],
    ];
    for (const [what, mutate] of broken) {
      const copy = structuredClone(sarif);
      mutate(copy);
      expect(validateSarif(copy), what).toBe(false);
    }
  });
});
