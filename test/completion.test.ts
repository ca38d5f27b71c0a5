/**
 * Shell completion (README, "Shell completion"): `ecs2k8s completion bash|zsh` prints yargs'
 * script for that shell, `completion --help` is help, and the candidates the scripts ask for
 * (`--get-yargs-completions`) are commands, long flags and choices, never one-letter aliases
 * written `--n`. The scripts run in a real bash, and in a real zsh when it is installed, with an
 * `ecs2k8s` on PATH that is the real bin.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { binPath, runBin } from './helpers/cli.js';
import { makeTempDir } from './helpers/files.js';

const tmp = makeTempDir('ecs2k8s-completion-');
afterAll(() => tmp.remove());
// `ecs2k8s` on PATH, as an installed package gives it.
const shim = tmp.write('bin/ecs2k8s', `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(binPath)} "$@"\n`);
chmodSync(shim, 0o755);
const PATH = `${tmp.path('bin')}:${process.env['PATH'] ?? '/usr/bin:/bin'}`;

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const hasZsh = has('zsh');
if (!hasZsh) console.warn('completion.test.ts: zsh is not installed: the zsh script is checked as text only');

/** Candidates as the scripts ask for them: `ecs2k8s --get-yargs-completions ecs2k8s WORDS…`. */
async function candidates(words: string[], shell = '/bin/bash'): Promise<string[]> {
  const r = await runBin(['--get-yargs-completions', 'ecs2k8s', ...words], { env: { SHELL: shell } });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('ecs2k8s completion', () => {
  it('bash: the bash script, nothing on stderr', async () => {
    const r = await runBin(['completion', 'bash']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('complete -o bashdefault -o default -F _ecs2k8s_yargs_completions ecs2k8s');
    expect(r.stdout).toContain('ecs2k8s --get-yargs-completions');
    expect(r.stdout).toContain('# Installation: ecs2k8s completion bash >> ~/.bashrc');
  });

  it('zsh: the zsh script, nothing on stderr', async () => {
    const r = await runBin(['completion', 'zsh']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('#compdef ecs2k8s\n')).toBe(true);
    expect(r.stdout).toContain('compdef _ecs2k8s_yargs_completions ecs2k8s');
    expect(r.stdout).toContain('# Installation: ecs2k8s completion zsh >> ~/.zshrc');
  });

  it('without a shell: the one $SHELL names', async () => {
    expect((await runBin(['completion'], { env: { SHELL: '/usr/bin/zsh' } })).stdout).toMatch(/^#compdef ecs2k8s/);
    expect((await runBin(['completion'], { env: { SHELL: '/bin/bash' } })).stdout).toMatch(/^###-begin-ecs2k8s-completions-###/);
  });

  it("--help shows the command's help, not a script", async () => {
    const r = await runBin(['completion', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ecs2k8s completion [shell]');
    expect(r.stdout).toContain('[choices: "bash", "zsh"]');
    expect(r.stdout).not.toContain('_ecs2k8s_yargs_completions');
  });

  it('another shell: exit 2 with the choices', async () => {
    const r = await runBin(['completion', 'fish']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('shell "fish" is not one of "bash", "zsh"');
  });

  it('is listed by --help', async () => {
    expect((await runBin(['--help'])).stdout).toMatch(/ecs2k8s completion \[shell\] +Print a shell completion script/);
  });
});

describe('the candidates', () => {
  it('commands at the start', async () => {
    expect(await candidates([''])).toEqual(['validate', 'build', 'import', 'diff', 'apply', 'completion']);
  });

  it('long flags after --, and no one-letter alias written --n, --c or --o', async () => {
    const flags = await candidates(['build', '--']);
    expect(flags).toEqual(expect.arrayContaining(['--out', '--namespace', '--config', '--image', '--check', '--report']));
    expect(flags.filter((f) => /^--[^-]$/.test(f))).toEqual([]);
    for (const command of ['validate', 'diff', 'apply', 'import']) {
      expect(
        (await candidates([command, '--'])).filter((f) => /^--.(:|$)/.test(f)),
        command,
      ).toEqual([]);
    }
  });

  it('the choices of a flag', async () => {
    expect(await candidates(['build', '--format', ''])).toEqual(['yaml', 'json', 'helm']);
    expect(await candidates(['build', '--workload', ''])).toEqual(['deployment', 'daemonset', 'job', 'cronjob']);
    expect(await candidates(['completion', ''])).toEqual(expect.arrayContaining(['bash', 'zsh']));
  });

  it('for zsh, each with its description', async () => {
    const flags = await candidates(['build', '--'], '/usr/bin/zsh');
    expect(flags).toContain('--out:Output directory of the bundle (one folder per namespace)');
    expect(flags.filter((f) => /^--.(:|$)/.test(f))).toEqual([]);
  });
});

describe('in the shells themselves', () => {
  it("bash: the script completes a flag and a flag's value", () => {
    const run = (words: string) =>
      spawnSync('bash', ['-c', `source <(ecs2k8s completion bash); COMP_WORDS=(${words}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); _ecs2k8s_yargs_completions; printf '%s\\n' "\${COMPREPLY[@]}"`], {
        env: { PATH, HOME: tmp.dir },
        encoding: 'utf8',
        timeout: 20_000,
      });
    const flag = run(`ecs2k8s build --fo`);
    expect(flag.status, flag.stderr).toBe(0);
    expect(flag.stdout.split('\n').filter(Boolean)).toEqual(['--format']);
    const value = run(`ecs2k8s build --format j`);
    expect(value.stdout.split('\n').filter(Boolean)).toEqual(['json']);
    const command = run(`ecs2k8s comp`);
    expect(command.stdout.split('\n').filter(Boolean)).toEqual(['completion']);
  });

  it.skipIf(!hasZsh)('zsh (skipped when zsh is not installed): the script parses, and hands _describe the candidates with their descriptions', () => {
    const script = tmp.path('_ecs2k8s');
    const made = spawnSync('sh', ['-c', `ecs2k8s completion zsh > ${JSON.stringify(script)}`], { env: { PATH }, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(spawnSync('zsh', ['-n', script]).status).toBe(0);
    // compdef and _describe belong to zsh's completion system, which needs a terminal: stand-ins record what the script asks.
    const r = spawnSync(
      'zsh',
      [
        '-f',
        '-c',
        `compdef() { :; }; _describe() { print -rl -- "\${(@P)2}"; }; _default() { print default; }; source ${JSON.stringify(script)}; words=(ecs2k8s build --for); CURRENT=3; BUFFER='ecs2k8s build --for'; CURSOR=\${#BUFFER}; _ecs2k8s_yargs_completions`,
      ],
      { env: { PATH, HOME: tmp.dir, SHELL: '/usr/bin/zsh' }, encoding: 'utf8', timeout: 20_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .filter((x) => x.startsWith('--format:Format of the object files')),
    ).toHaveLength(1);
  });
});
