/**
 * The command line's fast path (src/cli/fast.ts) parses plain `build` and `validate` command
 * lines without loading yargs. Whatever it accepts, yargs must parse to the same arguments;
 * whatever it is unsure of, it leaves to yargs. Checked on hand-picked command lines and on
 * random ones drawn from flags, values and mistakes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { fastParse } from '../src/cli/fast.js';
import { yargsArgs } from '../src/cli/run.js';

const fast = (argv: string[]) => fastParse(argv, COMMANDS)?.args;

describe('the fast path of the command line', () => {
  it('takes the common build and validate command lines, with the arguments yargs gives', async () => {
    for (const argv of [
      ['build', 'examples/web-app', '--out', 'k8s'],
      ['build', 'td.json', 'svc.json', '--image', 'app=repo/app:1.2', '--stdout'],
      ['build', 'ecs/', '-o', 'k8s/', '--check', '--strict', '--report', 'json', '--report-file', 'r.json'],
      ['build', '--env', 'dev=ecs/dev', '--env', 'prod=ecs/prod', '--out', 'k8s/', '--gitops', 'argocd', '--repo-url', 'https://github.com/acme/deploy.git'],
      ['build', 'a.json', '--out=k8s', '-n', 'apps', '--replicas', '3', '--max-input-size', '1MiB', '-c', 'ecs2k8s.yaml'],
      ['validate', 'ecs/', '--verbose'],
    ]) {
      const got = fast(argv);
      expect(got, argv.join(' ')).toBeDefined();
      expect(got).toEqual(await yargsArgs(argv));
    }
  });

  it('leaves help, version, mistakes and unusual forms to yargs', () => {
    for (const argv of [
      ['build', '--help'],
      ['build', '-h'],
      ['--version'],
      ['build', '--bogus'],
      ['build', '--format', 'xml'],
      ['build', '--out'],
      ['build', '--out', 'a', '--out', 'b'],
      ['build', '-', '--stdout'],
      ['build', '--no-strict'],
      ['build', '--strict', 'false'],
      ['build', '--replicas', '1.5'],
      ['build', '--max-input-size', 'lots'],
      ['import', '--cluster', 'x'],
      ['diff', 'k8s/'],
    ]) {
      expect(fast(argv), argv.join(' ')).toBeUndefined();
    }
  });

  it('agrees with yargs on random command lines', async () => {
    const token = fc.constantFrom(
      ...[
        '--out',
        '-o',
        'k8s',
        '--out=k8s',
        '--stdout',
        '--check',
        '--strict',
        '--verbose',
        '--image',
        'app=repo/app:1',
        '--image=web=x:2',
        '--namespace',
        '-n',
        'apps',
        '--replicas',
        '3',
        '0',
        '-1',
        '1.5',
        '--region',
        'eu-west-1',
      ],
      ...[
        '--workload',
        'job',
        'cronjob',
        '--schedule',
        '--service-name',
        'svc',
        '--config',
        '-c',
        'p.yaml',
        '--report',
        'json',
        'sarif',
        'text',
        '--report-file',
        'r.json',
        '--max-input-size',
        '1MiB',
        '64',
        'lots',
      ],
      ...[
        '--format',
        'yaml',
        'helm',
        'xml',
        '--env',
        'dev=ecs/dev',
        '--gitops',
        'flux',
        '--repo-url',
        'https://x/y.git',
        '--revision',
        'main',
        '--path',
        'p',
        '--gitops-name',
        'g',
        '--argocd-kind',
        'application',
      ],
      ...['a.json', 'dir/', 'true', 'false', '-', '--', '--no-check', '--bogus', '-x', '-on', '--o', '--Out', '--repoUrl', 'x y', '', '42', '-h', '--help', '--version'],
    );
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('build', 'validate'), fc.array(token, { maxLength: 9 }), async (command, rest) => {
        const argv = [command, ...rest];
        const got = fast(argv);
        if (got === undefined) return;
        taken++;
        expect(got).toEqual(await yargsArgs(argv));
      }),
      { numRuns: 1500, seed: 13 },
    );
    expect(taken).toBeGreaterThan(20);
  });
});
