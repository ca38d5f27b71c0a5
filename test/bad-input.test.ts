/**
 * Bad input of every kind ends in diagnostics and exit 2 (SPEC §9): never a stack trace, never
 * exit 1 from an uncaught error. Mostly in-process through `run(argv, io)`; the last block runs
 * the real bin on the worst inputs. Expected positions are computed from the test's own text
 * (`posOf`), never taken from the tool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCommand } from '../src/cli/commands/validate.js';
import type { CliIO } from '../src/cli/io.js';
import {
  ANSI,
  RAW_CONTROL,
  corpusDir,
  errorsOf,
  expectCleanRejection,
  lineCol,
  parseText,
  posOf,
  repoRoot,
  runBin,
  runCli,
  validateJson,
  type CliResult,
  type JsonReport,
  type ReportDiagnostic,
} from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';
import { isFirstErrorAt } from './helpers/v8.js';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

const VERSION = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

const FIFTY_MB = 50 * 1024 * 1024;
let bigValid: string | undefined;
/** Valid JSON of 50 MB that is no ECS document: a family and one huge string (written once, on first use). */
function bigValidFile(): string {
  bigValid ??= tmp.write('big-valid.json', `{"family":"big","blob":"${'a'.repeat(FIFTY_MB)}"}`);
  return bigValid;
}

/** A valid Fargate task definition; tests write variants of its text. */
const FARGATE = `{
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": "256",
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.27",
      "essential": true,
      "portMappings": [{ "containerPort": 80, "protocol": "tcp" }]
    }
  ]
}
`;

/** An EC2 task definition around the given container lines (one JSON object per line). */
const ec2 = (containers: string[], extra = ''): string => `{\n  "family": "shop",${extra}\n  "containerDefinitions": [\n    ${containers.join(',\n    ')}\n  ]\n}\n`;

function replace(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`${JSON.stringify(from)} is not in the base text`);
  return text.replace(from, to);
}

interface Checked extends CliResult {
  file: string;
  report: JsonReport;
}

let counter = 0;
/** Writes `text` to a fresh file and validates it twice: human text (stderr) and `--report json`. */
async function check(text: string | Uint8Array, args: string[] = []): Promise<Checked> {
  return checkFile(tmp.write(`case-${++counter}.json`, text), args);
}

async function checkFile(file: string, args: string[] = []): Promise<Checked> {
  const human = await runCli(['validate', file, ...args]);
  const machine = await validateJson([file], { args });
  expect(machine.code, 'the exit code does not depend on --report').toBe(human.code);
  return { ...human, file, report: machine.report };
}

/** Position of whatever follows `prefix` (a member's value, given its key). */
function posAfter(text: string, prefix: string): { line: number; column: number } {
  const at = text.indexOf(prefix);
  if (at < 0) throw new Error(`${JSON.stringify(prefix)} is not in the test input`);
  return lineCol(text, at + prefix.length);
}

interface Want {
  code: string;
  severity?: 'error' | 'warning' | 'info';
  at?: { line: number; column: number };
  pointer?: string;
  message?: string | RegExp;
}

/** Exactly one diagnostic matches; its position, pointer and message are as wanted, and stderr shows it as `file:line:col: severity CODE: message`. */
function expectDiagnostic(r: Checked, want: Want): ReportDiagnostic {
  const severity = want.severity ?? 'error';
  const found = r.report.diagnostics.filter((d) => d.code === want.code && d.severity === severity && (want.pointer === undefined || d.pointer === want.pointer));
  expect(found, `one ${severity} ${want.code} at ${want.pointer ?? '(any pointer)'} in ${JSON.stringify(r.report.diagnostics, null, 2)}`).toHaveLength(1);
  const d = found[0]!;
  if (want.at) expect({ line: d.line, column: d.column }).toEqual(want.at);
  if (typeof want.message === 'string') expect(d.message).toContain(want.message);
  else if (want.message) expect(d.message).toMatch(want.message);
  if (severity !== 'info') {
    const where = want.at ? `${r.file}:${want.at.line}:${want.at.column}` : r.file;
    const lines = parseText(r.stderr).filter((t) => t.code === want.code && t.severity === severity);
    expect(lines.map((t) => (t.line === undefined ? t.file : `${t.file}:${t.line}:${t.column}`))).toContain(where);
  }
  return d;
}

/** The codes of all errors, sorted: nothing unexpected rides along. */
const errorCodes = (r: { report: JsonReport }) =>
  errorsOf(r.report)
    .map((d) => d.code)
    .sort();

describe('invalid JSON', () => {
  const cases: { name: string; text: string; at: string; nth?: number; message: RegExp; v8?: boolean }[] = [
    { name: 'a missing comma', text: '{\n  "family": "web"\n  "containerDefinitions": []\n}\n', at: '"containerDefinitions"', message: /is a comma missing\?/, v8: true },
    { name: 'a trailing comma in an object', text: '{\n  "family": "web",\n}\n', at: '}', message: /trailing comma before "}"/, v8: true },
    { name: 'a trailing comma in a list', text: '{ "requiresCompatibilities": ["EC2",] }', at: ']', message: /trailing comma before "]"/, v8: true },
    { name: 'single quotes', text: "{'family': 'web'}", at: "'family'", message: /member name in double quotes/, v8: true },
    { name: 'an unquoted template placeholder', text: '{\n  "family": {{ .Family }}\n}\n', at: '{ .Family', message: /unsubstituted template placeholder/, v8: true },
    { name: 'a shell variable', text: '{\n  "family": $FAMILY\n}\n', at: '$FAMILY', message: /unsubstituted template placeholder/, v8: true },
    { name: 'a comment', text: '// task definition\n{}\n', at: '//', message: /expected a value/, v8: true },
    { name: 'text after the document', text: '{"family": "web"}\n{"family": "api"}\n', at: '{"family": "api"}', message: /after the end of the JSON document/, v8: true },
    { name: 'a bare word', text: '{"essential": yes}', at: 'yes', message: /expected a value, found "yes"/, v8: true },
    { name: 'a string broken across lines', text: '{\n  "family": "web\n}\n', at: '\n}', message: /a string may not span lines: a closing '"' is missing/, v8: true },
    // V8 blames the end of the file; ecs2k8s points at the quote that opened the string, which is where to look.
    { name: 'a string never closed', text: '{\n  "family": "web', at: '"web', message: /a string that starts here is never closed/ },
  ];
  it.each(cases)('$name → json-syntax at the offending character', async ({ text, at, nth, message, v8 }) => {
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['json-syntax']);
    const pos = posOf(text, at, nth);
    expectDiagnostic(r, { code: 'json-syntax', at: pos, message });
    if (v8) expect(isFirstErrorAt(text, text.indexOf(at)), 'V8 agrees that the first error is there').toBe(true);
  });
});

describe('wrong types', () => {
  it('"containerPort": "80" → wrong-type on the value, telling to remove the quotes', async () => {
    const text = replace(FARGATE, '"containerPort": 80', '"containerPort": "80"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['wrong-type']);
    expectDiagnostic(r, {
      code: 'wrong-type',
      at: posOf(text, '"80"'),
      pointer: '/containerDefinitions/0/portMappings/0/containerPort',
      message: '"containerPort" must be an integer, not a string ("80"): remove the quotes',
    });
  });

  it('"cpu": "x" → invalid-value naming the value and the forms ECS takes', async () => {
    const text = replace(FARGATE, '"cpu": "256"', '"cpu": "x"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['invalid-value']);
    expectDiagnostic(r, { code: 'invalid-value', at: posOf(text, '"x"'), pointer: '/cpu', message: /^"cpu" is "x", but ECS requires CPU units such as "256" or vCPUs such as "1 vCPU"$/ });
  });

  it('"cpu": 256 (a number where the API takes a string) → wrong-type, telling to quote it', async () => {
    const text = replace(FARGATE, '"cpu": "256"', '"cpu": 256');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['wrong-type']);
    expectDiagnostic(r, { code: 'wrong-type', at: posAfter(text, '"cpu": '), pointer: '/cpu', message: 'write it in quotes ("256")' });
  });

  it('"essential": "yes" and "containerDefinitions": {} → wrong-type on each', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "essential": "yes" }']);
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'wrong-type', at: posOf(text, '"yes"'), pointer: '/containerDefinitions/0/essential', message: 'must be true or false' });

    const text2 = '{\n  "family": "shop",\n  "containerDefinitions": {}\n}\n';
    const r2 = await check(text2);
    expectCleanRejection(r2);
    expect(errorCodes(r2)).toEqual(['wrong-type']);
    expectDiagnostic(r2, { code: 'wrong-type', at: posOf(text2, '{}'), pointer: '/containerDefinitions', message: 'wrap it in [ ]' });
  });

  it('a number beyond a double ("containerPort": 1e400) → out-of-range naming the value, not "null"', async () => {
    const text = replace(FARGATE, '"containerPort": 80', '"containerPort": 1e400');
    const r = await check(text);
    expectCleanRejection(r);
    const d = expectDiagnostic(r, { code: 'out-of-range', at: posOf(text, '1e400'), pointer: '/containerDefinitions/0/portMappings/0/containerPort' });
    expect(d.message).not.toContain('null');
  });
});

describe('unknown and misspelt members', () => {
  it('"portMapping" → unknown-member on the key: did you mean "portMappings"?', async () => {
    const text = replace(FARGATE, '"portMappings"', '"portMapping"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['unknown-member']);
    expectDiagnostic(r, {
      code: 'unknown-member',
      at: posOf(text, '"portMapping"'),
      pointer: '/containerDefinitions/0/portMapping',
      message: '"portMapping" is not a member of "containerDefinitions[0]": did you mean "portMappings"?',
    });
  });

  it('"Family" (CloudFormation capitals) → did you mean "family"?, and the missing family is reported too', async () => {
    const text = replace(FARGATE, '"family"', '"Family"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['missing-member', 'unknown-member']);
    expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"Family"'), pointer: '/Family', message: 'did you mean "family"?' });
    expectDiagnostic(r, { code: 'missing-member', at: { line: 1, column: 1 }, pointer: '', message: 'a task definition has no "family", which ECS requires: add it' });
  });

  it('a member with no near miss → unknown-member that says to remove it', async () => {
    const text = replace(FARGATE, '"cpu": "256",', '"cpu": "256",\n  "enableLogging": true,');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['unknown-member']);
    const d = expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"enableLogging"'), pointer: '/enableLogging', message: 'ECS rejects unknown members, so remove it' });
    expect(d.message).not.toContain('did you mean');
  });

  it('a misspelt enumeration value ("networkMode": "awsvcp") → invalid-value: did you mean "awsvpc"?', async () => {
    const text = replace(FARGATE, '"networkMode": "awsvpc"', '"networkMode": "awsvcp"');
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'invalid-value', at: posOf(text, '"awsvcp"'), pointer: '/networkMode', message: 'did you mean "awsvpc"?' });
  });

  it('the read-only members of describe output are accepted without a word', async () => {
    const text = replace(
      FARGATE,
      '"family": "web",',
      '"family": "web",\n  "taskDefinitionArn": "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7",\n  "revision": 7,\n  "status": "ACTIVE",\n  "registeredAt": "2024-05-01T10:00:00.000Z",\n  "compatibilities": ["EC2", "FARGATE"],\n  "requiresAttributes": [{ "name": "com.amazonaws.ecs.capability.docker-remote-api.1.18" }],',
    );
    const r = await check(text);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('dangling references', () => {
  it('dependsOn a container that does not exist → dangling-reference on the name, listing the containers', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "dependsOn": [{ "containerName": "db", "condition": "START" }] }']);
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['dangling-reference']);
    expectDiagnostic(r, {
      code: 'dangling-reference',
      at: posOf(text, '"db"'),
      pointer: '/containerDefinitions/0/dependsOn/0/containerName',
      message: '"dependsOn" names the container "db", which this task definition does not have (containers: "app")',
    });
  });

  it('volumesFrom a container that does not exist → dangling-reference', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "volumesFrom": [{ "sourceContainer": "data" }] }']);
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['dangling-reference']);
    expectDiagnostic(r, {
      code: 'dangling-reference',
      at: posOf(text, '"data"'),
      pointer: '/containerDefinitions/0/volumesFrom/0/sourceContainer',
      message: '"volumesFrom" names the container "data"',
    });
  });

  it('mountPoints.sourceVolume that "volumes" does not declare → dangling-reference, saying to add it', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "mountPoints": [{ "sourceVolume": "cache", "containerPath": "/cache" }] }'], '\n  "volumes": [{ "name": "logs" }],');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['dangling-reference']);
    expectDiagnostic(r, {
      code: 'dangling-reference',
      at: posOf(text, '"cache"'),
      pointer: '/containerDefinitions/0/mountPoints/0/sourceVolume',
      message: '"sourceVolume" names the volume "cache", which "volumes" does not declare (volumes: "logs"): add it to "volumes"',
    });
  });

  it('links to a missing container is a warning (Docker fails only at start) → exit 0, exit 2 with --strict', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "links": ["db:database"] }']);
    const r = await check(text);
    expect(r.code).toBe(0);
    expectDiagnostic(r, { code: 'dangling-reference', severity: 'warning', at: posOf(text, '"db:database"'), pointer: '/containerDefinitions/0/links/0', message: '"links" names the container "db"' });
    const strict = await check(text, ['--strict']);
    expectCleanRejection(strict);
    expectDiagnostic(strict, { code: 'dangling-reference', severity: 'error', at: posOf(text, '"db:database"') });
  });
});

describe('duplicate names and missing essentials', () => {
  it('two containers with one name → duplicate-name on the second name', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128 }', '{ "name": "app", "image": "redis", "memory": 128 }']);
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['duplicate-name']);
    expectDiagnostic(r, {
      code: 'duplicate-name',
      at: posOf(text, '"app"', 1),
      pointer: '/containerDefinitions/1/name',
      message: 'two containers are named "app" (containerDefinitions[0] and [1]): container names must be unique',
    });
  });

  it('two volumes with one name → duplicate-name', async () => {
    const text = ec2(['{ "name": "app", "image": "nginx", "memory": 128 }'], '\n  "volumes": [{ "name": "data" }, { "name": "data" }],');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['duplicate-name']);
    expectDiagnostic(r, { code: 'duplicate-name', at: posOf(text, '"data"', 1), pointer: '/volumes/1/name', message: 'two volumes are named "data"' });
  });

  it('one port name in two containers → duplicate-name on the second port name', async () => {
    const text = ec2([
      '{ "name": "web", "image": "nginx", "memory": 128, "portMappings": [{ "containerPort": 80, "name": "http" }] }',
      '{ "name": "api", "image": "api", "memory": 128, "portMappings": [{ "containerPort": 8080, "name": "http" }] }',
    ]);
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['duplicate-name']);
    expectDiagnostic(r, {
      code: 'duplicate-name',
      at: posOf(text, '"http"', 1),
      pointer: '/containerDefinitions/1/portMappings/0/name',
      message: 'the port name "http" is used twice (containers "web" and "api")',
    });
  });

  it('no essential container → no-essential-container on the list', async () => {
    const text = replace(FARGATE, '"essential": true', '"essential": false');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['no-essential-container']);
    expectDiagnostic(r, { code: 'no-essential-container', at: posAfter(text, '"containerDefinitions": '), pointer: '/containerDefinitions', message: 'ECS requires at least one essential container' });
  });

  it('an empty containerDefinitions → no-containers', async () => {
    const text = '{\n  "family": "shop",\n  "containerDefinitions": []\n}\n';
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'no-containers', at: posOf(text, '[]'), pointer: '/containerDefinitions' });
  });
});

describe('Fargate and network mode rules', () => {
  it('cpu 256 with memory 4096 → fargate on memory, listing the sizes Fargate offers', async () => {
    const text = replace(FARGATE, '"memory": "512"', '"memory": "4096"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['fargate']);
    expectDiagnostic(r, { code: 'fargate', at: posOf(text, '"4096"'), pointer: '/memory', message: 'Fargate does not offer memory "4096" with cpu "256": use 512, 1024 or 2048 MiB' });
  });

  it('"2 vCPUs" with "3GiB" (forms the schema accepts) → fargate, with the range in steps', async () => {
    const text = replace(replace(FARGATE, '"cpu": "256"', '"cpu": "2 vCPUs"'), '"memory": "512"', '"memory": "3GiB"');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['fargate']);
    expectDiagnostic(r, { code: 'fargate', at: posOf(text, '"3GiB"'), pointer: '/memory', message: 'use 4096–16384 MiB in steps of 1024' });
  });

  it('Fargate with "networkMode": "bridge" → fargate on the network mode', async () => {
    const text = replace(FARGATE, '"networkMode": "awsvpc"', '"networkMode": "bridge"');
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'fargate', at: posOf(text, '"bridge"'), pointer: '/networkMode', message: 'Fargate requires "networkMode": "awsvpc"' });
  });

  it('Fargate without task cpu and memory → fargate on the task definition', async () => {
    const text = replace(FARGATE, '  "cpu": "256",\n  "memory": "512",\n', '');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['fargate']);
    expectDiagnostic(r, { code: 'fargate', at: { line: 1, column: 1 }, pointer: '', message: 'add both' });
  });

  it('hostPort ≠ containerPort in awsvpc → host-port-mode on hostPort', async () => {
    const text = replace(FARGATE, '"containerPort": 80,', '"containerPort": 80, "hostPort": 8080,');
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['host-port-mode']);
    expectDiagnostic(r, {
      code: 'host-port-mode',
      at: posAfter(text, '"hostPort": '),
      pointer: '/containerDefinitions/0/portMappings/0/hostPort',
      message: '"hostPort" 8080 differs from "containerPort" 80, which network mode "awsvpc" forbids',
    });
  });

  it('hostPort ≠ containerPort in bridge mode is fine; hostPort 0 in awsvpc is only a warning', async () => {
    const bridge = ec2(['{ "name": "app", "image": "nginx", "memory": 128, "portMappings": [{ "containerPort": 80, "hostPort": 8080 }] }'], '\n  "networkMode": "bridge",');
    const r = await check(bridge);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const zero = replace(FARGATE, '"containerPort": 80,', '"containerPort": 80, "hostPort": 0,');
    const r2 = await check(zero);
    expect(r2.code).toBe(0);
    expectDiagnostic(r2, { code: 'host-port-mode', severity: 'warning', at: posAfter(zero, '"hostPort": '), pointer: '/containerDefinitions/0/portMappings/0/hostPort', message: 'remove "hostPort"' });
  });
});

describe('documents that are not ECS objects', () => {
  const cases: { name: string; text: string; code: string; at: { line: number; column: number }; message: string }[] = [
    { name: 'an empty file', text: '', code: 'json-syntax', at: { line: 1, column: 1 }, message: 'the file is empty' },
    { name: 'a file of only white space', text: '  \n\t\n', code: 'json-syntax', at: { line: 3, column: 1 }, message: 'only white space' },
    {
      name: 'a top-level array',
      text: '[\n  { "family": "web", "containerDefinitions": [] }\n]\n',
      code: 'not-an-ecs-document',
      at: { line: 1, column: 1 },
      message: 'the file holds a list, not a JSON object',
    },
    { name: 'a top-level string', text: '"web"\n', code: 'not-an-ecs-document', at: { line: 1, column: 1 }, message: 'the file holds a string' },
    { name: 'a top-level null', text: 'null', code: 'not-an-ecs-document', at: { line: 1, column: 1 }, message: 'the file holds null' },
    { name: 'an empty object', text: '{}', code: 'not-an-ecs-document', at: { line: 1, column: 1 }, message: 'empty object' },
    {
      name: 'a recorded HTTP response',
      text: '{\n  "status_code": 200,\n  "data": {}\n}\n',
      code: 'not-an-ecs-document',
      at: { line: 2, column: 3 },
      message: 'is this a wrapped or recorded response?',
    },
  ];
  it.each(cases)('$name → exit 2, $code', async ({ text, code, at, message }) => {
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual([code]);
    expectDiagnostic(r, { code, at, message });
  });
});

describe('200,000 levels of nesting', () => {
  const N = 200_000;
  const cases = [
    { name: "'['.repeat(200000)", text: '['.repeat(N), column: 257 },
    { name: `'{"a":'.repeat(200000)`, text: '{"a":'.repeat(N), column: 256 * 5 + 1 },
    { name: 'a well-formed list 200,000 deep', text: '['.repeat(N) + ']'.repeat(N), column: 257 },
  ];
  it.each(cases)('$name → json-syntax at the first level too deep, no stack overflow', async ({ text, column }) => {
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['json-syntax']);
    expectDiagnostic(r, { code: 'json-syntax', at: { line: 1, column }, message: 'nesting deeper than 256 levels' });
  });
});

describe('50 MB inputs', () => {
  const SIZE = FIFTY_MB;
  let bigJson: string;
  let randomBytes: string;
  let randomBuffer: Buffer;
  beforeAll(() => {
    bigJson = bigValidFile();
    // 50 MB of pseudo-random bytes (a fixed seed, so that every run sees the same file).
    randomBuffer = Buffer.alloc(SIZE);
    let x = 0x2545f491;
    for (let i = 0; i < SIZE; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      randomBuffer[i] = x & 0xff;
    }
    randomBytes = tmp.write('random.json', randomBuffer);
  });

  it('valid JSON of 50 MB → input-too-large with the default limit of 16 MiB, before reading it', async () => {
    const r = await checkFile(bigJson);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['input-too-large']);
    const d = expectDiagnostic(r, { code: 'input-too-large', message: 'the input is 50.0 MiB, larger than the limit of 16.0 MiB' });
    expect(d.message).toContain('--max-input-size');
    expect(d.line).toBeUndefined();
  });

  it('50 MB of random bytes → input-too-large', async () => {
    const r = await runCli(['validate', randomBytes]);
    expectCleanRejection(r);
    expect(parseText(r.stderr).map((d) => `${d.file}: ${d.severity} ${d.code}`)).toEqual([`${randomBytes}: error input-too-large`]);
  });

  it('--max-input-size 100MiB lets the 50 MB file through to a clean diagnostic that does not echo the blob', async () => {
    const r = await runCli(['validate', bigJson, '--max-input-size', '100MiB']);
    expectCleanRejection(r);
    const ds = parseText(r.stderr);
    expect(ds.map((d) => d.code).sort()).toEqual(['missing-member', 'unknown-member']);
    const unknown = ds.find((d) => d.code === 'unknown-member')!;
    expect({ line: unknown.line, column: unknown.column }).toEqual({ line: 1, column: '{"family":"big",'.length + 1 });
    expect(unknown.message).toContain('"blob" is not a member of a task definition');
    expect(r.stderr.length).toBeLessThan(4000);
  });

  it('--max-input-size 100MiB on 50 MB of random bytes → not-utf8 at the first bad byte', async () => {
    const r = await runCli(['validate', randomBytes, '--max-input-size', '100MiB']);
    expectCleanRejection(r);
    // Independently of src/: Node's lossy decoding puts U+FFFD at the first bad sequence (this seed has no real U+FFFD before it).
    const lossy = randomBuffer.subarray(0, 4096).toString('utf8');
    const at = lineCol(lossy, lossy.indexOf('\uFFFD'));
    expect(parseText(r.stderr).map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`)).toEqual([`${randomBytes}:${at.line}:${at.column}: error not-utf8`]);
  });

  it('--max-input-size takes bytes too: a 1 KiB limit rejects a corpus file of several KiB', async () => {
    const file = join(corpusDir, 'taskdefs', 'aws-observability__otel-collector__fargate-otel-xray-sidecars.json');
    const r = await runCli(['validate', file, '--max-input-size', '1024']);
    expectCleanRejection(r);
    expect(r.stderr).toContain(`${file}: error input-too-large: `);
    expect(r.stderr).toContain('larger than the limit of 1024 bytes');
  });
});

describe('encodings, line ends and hostile characters', () => {
  it('invalid UTF-8 (a Latin-1 "é") → not-utf8 at the byte', async () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "family": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]);
    const r = await check(bytes);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['not-utf8']);
    expectDiagnostic(r, { code: 'not-utf8', at: { line: 2, column: 17 }, message: 'not valid UTF-8' });
  });

  it('an encoded surrogate after a BOM and a real U+FFFD → not-utf8 at the right column', async () => {
    // BOM, then {"family": "�", "x": "<ED A0 80>"}: the bad sequence is the 23rd character of line 1.
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"family": "\uFFFD", "x": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    const r = await check(bytes);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'not-utf8', at: { line: 1, column: 23 } });
  });

  it.each([
    ['UTF-16 LE', 'utf16le', [0xff, 0xfe]],
    ['UTF-16 BE', 'utf16be', [0xfe, 0xff]],
  ] as const)('a %s file with its BOM → not-utf8 saying to save it as UTF-8', async (_name, enc, bom) => {
    let body = Buffer.from(FARGATE, 'utf16le');
    if (enc === 'utf16be') body = Buffer.from(body).swap16();
    const r = await check(Buffer.concat([Buffer.from(bom), body]));
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['not-utf8']);
    expectDiagnostic(r, { code: 'not-utf8', at: { line: 1, column: 1 }, message: 'the file is UTF-16 encoded: save it as UTF-8' });
  });

  it('a UTF-8 BOM is accepted and moves no position (a corpus file with warnings, and an error on line 1)', async () => {
    const original = join(corpusDir, 'taskdefs', 'tomofuminijo__ecs-bluegreen-sample__taskdef-image1-placeholder.json');
    const withBom = tmp.write('bom-corpus.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(original)]));
    const a = await validateJson([original]);
    const b = await validateJson([withBom]);
    expect(b.code).toBe(0);
    expect(a.report.diagnostics.length).toBeGreaterThan(0);
    const strip = (r: JsonReport) => r.diagnostics.map(({ file: _file, ...rest }) => rest);
    expect(strip(b.report)).toEqual(strip(a.report));

    const line1 = '{"family": "web", "bogus": 1, "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128}]}\n';
    const plain = await check(line1);
    const bom = await check(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(line1)]));
    const at = posOf(line1, '"bogus"');
    expectDiagnostic(plain, { code: 'unknown-member', at });
    expectDiagnostic(bom, { code: 'unknown-member', at });
  });

  it('CRLF line ends give the same line:col as LF (and the CRLF file of the corpus passes)', async () => {
    const lf = replace(FARGATE, '"memory": "512"', '"memory": "3000"');
    const crlf = lf.replace(/\n/g, '\r\n');
    const want = posOf(lf, '"3000"');
    expect(want).toEqual({ line: 6, column: 13 });
    expectDiagnostic(await check(lf), { code: 'fargate', at: want });
    expectDiagnostic(await check(crlf), { code: 'fargate', at: want });
    const corpusCrlf = join(corpusDir, 'taskdefs', 'ecs2k8s__written__crlf-runtimeplatform-os-only.json');
    expect(readFileSync(corpusCrlf, 'utf8')).toContain('\r\n');
    expect((await runCli(['validate', corpusCrlf])).code).toBe(0);
  });

  it('a raw NUL byte inside a string → json-syntax naming U+0000, never echoed raw', async () => {
    const text = '{\n  "family": "we\u0000b"\n}\n';
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'json-syntax', at: posOf(text, '\u0000'), message: 'control character U+0000 in a string' });
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('a raw escape character outside strings → json-syntax naming U+001B, never echoed raw', async () => {
    const text = '{\u001b[31m"family": "web"}';
    const r = await check(text);
    expectCleanRejection(r);
    expectDiagnostic(r, { code: 'json-syntax', at: { line: 1, column: 2 }, message: 'control character U+001B' });
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('escaped control characters in a value and a key reach the message escaped, never raw', async () => {
    const text = ec2(['{ "name": "app\\u001b[2J\\u0007", "image": "nginx", "memory": 128, "port\\u0000Mappings": [] }']);
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['invalid-value', 'unknown-member']);
    expectDiagnostic(r, { code: 'invalid-value', at: posOf(text, '"app\\u001b'), pointer: '/containerDefinitions/0/name' });
    expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"port\\u0000'), pointer: '/containerDefinitions/0/port\u0000Mappings' });
    expect(r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stderr).toContain('\\u001b[2J');
    expect(r.stderr).toContain('\\u0000');
  });

  it('"__proto__" and "constructor" members are reported as unknown members and pollute nothing', async () => {
    const text = ec2(
      ['{ "name": "app", "image": "nginx", "memory": 128, "__proto__": { "polluted": "yes" } }'],
      '\n  "__proto__": { "polluted": "yes" },\n  "constructor": { "prototype": { "polluted": "yes" } },',
    );
    const r = await check(text);
    expectCleanRejection(r);
    expect(errorCodes(r)).toEqual(['unknown-member', 'unknown-member', 'unknown-member']);
    expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"__proto__"'), pointer: '/__proto__' });
    expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"constructor"'), pointer: '/constructor' });
    expectDiagnostic(r, { code: 'unknown-member', at: posOf(text, '"__proto__"', 1), pointer: '/containerDefinitions/0/__proto__' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('paths and standard input', () => {
  it('a path that does not exist → input-not-found naming it; the other inputs are still validated', async () => {
    const missing = tmp.path('no-such-file.json');
    const r = await runCli(['validate', missing]);
    expectCleanRejection(r);
    expect(r.stderr).toContain(`${missing}: error input-not-found: no such file or directory: ${missing}\n`);

    const good = tmp.write('good.json', FARGATE);
    const bad = tmp.write('bad-port.json', replace(FARGATE, '"containerPort": 80', '"containerPort": "80"'));
    const both = await validateJson([missing, good, bad]);
    expect(both.code).toBe(2);
    expect(both.report.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([`${bad} wrong-type`, `${missing} input-not-found`].sort());
    expect(both.report.summary.files).toBe(2);
  });

  it('a directory without *.json (other files in subfolders) → no-inputs', async () => {
    const dir = tmp.path('no-json');
    tmp.write('no-json/README.md', '# nothing here\n');
    tmp.write('no-json/sub/task.yaml', 'family: web\n');
    const r = await runCli(['validate', dir]);
    expectCleanRejection(r);
    expect(parseText(r.stderr).map((d) => `${d.file}: ${d.severity} ${d.code}`)).toEqual([`${dir}: error no-inputs`]);
  });

  it('a directory is searched recursively for *.json, other files ignored', async () => {
    const dir = tmp.path('tree');
    tmp.write('tree/a/good.json', FARGATE);
    const bad = tmp.write('tree/b/c/bad.json', replace(FARGATE, '"portMappings"', '"portMapping"'));
    tmp.write('tree/b/notes.txt', 'not json {');
    const { code, report } = await validateJson([dir]);
    expect(code).toBe(2);
    expect(report.summary.files).toBe(2);
    expect(report.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual([`${bad} unknown-member`]);
  });

  /** stdin through the command itself, bypassing the argument parser. */
  async function validateStdin(input: string): Promise<CliResult> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: { write: (s: string) => ((stdout += s), true) },
      stderr: { write: (s: string) => ((stderr += s), true) },
      stdin: Readable.from([Buffer.from(input)]),
      env: {},
      cwd: repoRoot,
    };
    const code = await validateCommand({ inputs: ['-'], maxInputSize: 16 * 1024 * 1024 }, io);
    return { code, stdout, stderr };
  }

  it('the validate command reads "-" from standard input (valid → exit 0; invalid → "-:line:col")', async () => {
    const ok = await validateStdin(FARGATE);
    expect(ok).toEqual({ code: 0, stdout: '', stderr: '' });
    const text = replace(FARGATE, '"containerPort": 80', '"containerPort": "80"');
    const bad = await validateStdin(text);
    expectCleanRejection(bad);
    const at = posOf(text, '"80"');
    expect(bad.stderr).toContain(`-:${at.line}:${at.column}: error wrong-type: `);
  });

  // KNOWN BUG in src/cli/run.ts: yargs drops a lone "-" from positionals (yargs/yargs#1312), so
  // `ecs2k8s validate -` never reads stdin. Turn these into `it(...)` once run.ts keeps "-".
  it('`validate -` on the command line reads a valid document from stdin → exit 0', async () => {
    const r = await runCli(['validate', '-'], { stdin: FARGATE });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('`validate -` on the command line reports invalid stdin as -:line:col', async () => {
    const text = '{\n  "family": "web"\n  "containerDefinitions": []\n}\n';
    const r = await runCli(['validate', '-'], { stdin: text });
    expectCleanRejection(r);
    const at = posOf(text, '"containerDefinitions"');
    expect(r.stderr).toContain(`-:${at.line}:${at.column}: error json-syntax: `);
  });
});

describe('response shapes', () => {
  it('a DescribeServices response with 3 services, one invalid → the error points into /services/1', async () => {
    const text = `{
  "services": [
    { "serviceName": "a", "cluster": "prod", "taskDefinition": "web:1", "desiredCount": 1, "launchType": "FARGATE" },
    { "serviceName": "b", "cluster": "prod", "taskDefinition": "web:1", "desiredCount": "two" },
    { "serviceName": "c", "cluster": "prod", "taskDefinition": "web:1", "desiredCount": 1, "status": "ACTIVE", "runningCount": 1 }
  ],
  "failures": []
}
`;
    const r = await check(text);
    expectCleanRejection(r);
    expect(r.report.diagnostics).toHaveLength(1);
    expectDiagnostic(r, { code: 'wrong-type', at: posOf(text, '"two"'), pointer: '/services/1/desiredCount', message: '"desiredCount" must be an integer, not a string ("two")' });
  });

  it('a DescribeTaskDefinition response {"taskDefinition": …, "tags": […]} with read-only members → exit 0, silent', async () => {
    const td = JSON.parse(FARGATE) as Record<string, unknown>;
    const text = JSON.stringify(
      {
        taskDefinition: {
          ...td,
          taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:3',
          revision: 3,
          status: 'ACTIVE',
          compatibilities: ['EC2', 'FARGATE'],
          registeredAt: '2024-01-01T00:00:00Z',
          registeredBy: 'arn:aws:iam::123456789012:user/ci',
          requiresAttributes: [{ name: 'ecs.capability.task-eni' }],
        },
        tags: [{ key: 'team', value: 'web' }],
      },
      null,
      2,
    );
    const r = await check(text);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.report.diagnostics).toEqual([]);
  });

  it('null and "" in optional members → exit 0; the null-as-absent / empty-as-absent notes show only with --verbose', async () => {
    const text = `{
  "family": "web",
  "taskRoleArn": null,
  "pidMode": "",
  "containerDefinitions": [
    { "name": "app", "image": "nginx", "memory": 128, "user": null, "hostname": "" }
  ]
}
`;
    const quiet = await check(text);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');

    const file = quiet.file;
    const loud = await runCli(['validate', file, '--verbose']);
    expect(loud.code).toBe(0);
    const where = (needle: string) => {
      const p = posOf(text, needle);
      return `${file}:${p.line}:${p.column}`;
    };
    expect(parseText(loud.stderr).map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}`)).toEqual([
      `${where('"taskRoleArn"')}: info null-as-absent`,
      `${where('"pidMode"')}: info empty-as-absent`,
      `${where('"user"')}: info null-as-absent`,
      `${where('"hostname"')}: info empty-as-absent`,
    ]);
    expect(loud.stderr).toContain('"taskRoleArn" is null: treated as absent');
    expect(loud.stderr).toContain('ecs2k8s: 0 errors, 0 warnings in 1 file\n');
  });
});

describe('the command line', () => {
  it('an unknown flag → exit 2 with the flag named on stderr, nothing on stdout', async () => {
    const file = tmp.write('flag.json', FARGATE);
    const r = await runCli(['validate', file, '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // One line and a hint: never the whole help text.
    expect(r.stderr).toBe('ecs2k8s: unknown option --bogus\nRun "ecs2k8s validate --help" for usage.\n');
  });

  it.each([
    [[], 'Name a command: validate, build, import, diff, apply, completion', ''],
    [['frobnicate'], 'unknown command "frobnicate": the commands are validate, build, import, diff, apply, completion', ''],
    [['valdate', 'x.json'], 'unknown command "valdate" (did you mean validate?): the commands are validate, build, import, diff, apply, completion', ''],
    [['validate'], 'validate needs what to validate: ECS files, directories, or - for standard input', ' validate'],
    [['validate', 'x.json', '--report', 'xml'], '--report "xml" is not one of "text", "json", "sarif"', ' validate'],
    [['validate', 'x.json', '--max-input-size', 'lots'], 'invalid size "lots": write a number of bytes or a size such as 64MiB', ' validate'],
    [['validate', 'x.json', '--verbos'], 'unknown option --verbos (did you mean --verbose?)', ' validate'],
    [['diff'], 'diff needs a bundle folder written by ecs2k8s build, or ECS inputs (files, directories, or - for standard input)', ' diff'],
    [['diff', 'k8s', '--prun'], 'unknown option --prun (did you mean --prune?)', ' diff'],
    [['apply', 'k8s', '--report-file', 'x.json'], '--report-file writes the json report: add --report json, or drop --report-file', ' apply'],
    [['apply', 'k8s', '--report', 'sarif'], '--report "sarif" is not one of "text", "json"', ' apply'],
    [['import', '--cluster', 'prod'], 'import needs --out', ' import'],
    [['import'], 'import needs --cluster and --out', ' import'],
    [['completion', 'fish'], 'shell "fish" is not one of "bash", "zsh"', ' completion'],
  ])('ecs2k8s %j → one line and a hint naming the command, exit 2', async (argv, message, command) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`ecs2k8s: ${message}\nRun "ecs2k8s${command} --help" for usage.\n`);
  });

  it('--help on the root → exit 0, usage on stdout, nothing on stderr', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('ecs2k8s <command> [options]');
      expect(r.stdout).toContain('ecs2k8s validate <inputs..>');
    }
  });

  it('validate --help → exit 0, the command usage and its options on stdout', async () => {
    const r = await runCli(['validate', '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const s of ['ecs2k8s validate <inputs..>', '--report', '--report-file', '--strict', '--verbose', '--max-input-size']) expect(r.stdout).toContain(s);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

describe('colour', () => {
  const bad = () => tmp.write('colour.json', replace(FARGATE, '"memory": "512"', '"memory": "3000"'));

  it.each([
    { name: 'not a terminal', tty: false, env: {}, ansi: false },
    { name: 'a terminal', tty: true, env: {}, ansi: true },
    { name: 'a terminal with NO_COLOR=1', tty: true, env: { NO_COLOR: '1' }, ansi: false },
    { name: 'a terminal with TERM=dumb', tty: true, env: { TERM: 'dumb' }, ansi: false },
    { name: 'not a terminal with FORCE_COLOR=1', tty: false, env: { FORCE_COLOR: '1' }, ansi: true },
    { name: 'FORCE_COLOR=1 and NO_COLOR=1', tty: true, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, ansi: false },
  ])('stderr on $name: ANSI escapes $ansi', async ({ tty, env, ansi }) => {
    const r = await runCli(['validate', bad()], { tty, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fargate');
    if (ansi) expect(r.stderr).toMatch(ANSI);
    else expect(r.stderr).not.toMatch(ANSI);
  });

  it('the JSON report never carries colour, even with FORCE_COLOR=1', async () => {
    const r = await runCli(['validate', bad(), '--report', 'json'], { tty: true, env: { FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(ANSI);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('the real bin: no colour in a pipe, colour with FORCE_COLOR=1, none with NO_COLOR=1 as well', async () => {
    const file = bad();
    const plain = await runBin(['validate', file]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).not.toMatch(ANSI);
    const forced = await runBin(['validate', file], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toMatch(ANSI);
    const both = await runBin(['validate', file], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(both.stderr).not.toMatch(ANSI);
  });
});

describe('the real bin: never a stack trace, never exit 1', () => {
  const N = 200_000;
  const cases: { name: string; write: () => string; args?: string[]; code: string }[] = [
    { name: 'invalid JSON', write: () => tmp.write('bin-syntax.json', '{\n  "family": "web"\n  "cpu": "256"\n}\n'), code: 'json-syntax' },
    { name: "'['.repeat(200000)", write: () => tmp.write('bin-deep1.json', '['.repeat(N)), code: 'json-syntax' },
    { name: `'{"a":'.repeat(200000)`, write: () => tmp.write('bin-deep2.json', '{"a":'.repeat(N)), code: 'json-syntax' },
    { name: 'a 50 MB file', write: bigValidFile, code: 'input-too-large' },
    { name: 'a 50 MB file with --max-input-size 100MiB', write: bigValidFile, args: ['--max-input-size', '100MiB'], code: 'unknown-member' },
    { name: 'an empty file', write: () => tmp.write('bin-empty.json', ''), code: 'json-syntax' },
    { name: 'a top-level array', write: () => tmp.write('bin-array.json', '[]'), code: 'not-an-ecs-document' },
    { name: 'invalid UTF-8', write: () => tmp.write('bin-latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])), code: 'not-utf8' },
    { name: '__proto__ members', write: () => tmp.write('bin-proto.json', '{"family":"x","__proto__":{"a":1},"containerDefinitions":[{"name":"a","image":"b","memory":64}]}'), code: 'unknown-member' },
    {
      name: 'a wrong type deep inside',
      write: () => tmp.write('bin-type.json', '{"family":"x","containerDefinitions":[{"name":"a","image":"b","memory":64,"healthCheck":{"command":"curl","retries":"3"}}]}'),
      code: 'wrong-type',
    },
    { name: 'a path that does not exist', write: () => tmp.path('bin-missing.json'), code: 'input-not-found' },
  ];
  it.each(cases)('$name → exit 2 with $code', async ({ write, args, code }) => {
    const file = write();
    const r = await runBin(['validate', file, ...(args ?? [])]);
    expectCleanRejection(r);
    expect(r.stdout).toBe('');
    expect(
      parseText(r.stderr)
        .filter((d) => d.file === file && d.severity === 'error')
        .map((d) => d.code),
    ).toContain(code);
  });

  it('an unknown flag → exit 2 and usage on stderr', async () => {
    const r = await runBin(['validate', tmp.write('bin-flag.json', FARGATE), '--frobnicate']);
    expectCleanRejection(r);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('unknown option --frobnicate');
  });

  it('a valid corpus file → exit 0 and silence', async () => {
    const r = await runBin(['validate', join(corpusDir, 'taskdefs', 'aws__amazon-ecs-agent__shm.json')]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  // KNOWN BUG in src/cli/run.ts (see "paths and standard input"): `-` is dropped by yargs.
  it('stdin: `… | ecs2k8s validate -` with invalid JSON → exit 2 with -:line:col', async () => {
    const r = await runBin(['validate', '-'], { stdin: '{"family": "web",}' });
    expectCleanRejection(r);
    expect(r.stderr).toContain('-:1:18: error json-syntax: ');
  });
});
