/**
 * `ecs2k8s completion [bash|zsh]`: yargs' own completion script for that shell. The script calls
 * `ecs2k8s --get-yargs-completions …`, which src/cli/run.ts answers. yargs picks the script by
 * $SHELL when its parser is made, so a parser is made for the shell asked for, with $SHELL set
 * for that moment only (synchronously: nothing else runs meanwhile).
 */
import yargs from 'yargs';
import { EXIT, type CliIO } from '../io.js';

export function completionScript(shell: 'bash' | 'zsh'): string {
  const env = process.env;
  const saved = { SHELL: env['SHELL'], ZSH_NAME: env['ZSH_NAME'] };
  env['SHELL'] = shell === 'zsh' ? '/bin/zsh' : '/bin/bash';
  delete env['ZSH_NAME'];
  try {
    let text = '';
    yargs()
      .scriptName('ecs2k8s')
      .completion('completion', false)
      .exitProcess(false)
      .parse(['completion'], {}, (_err, _argv, output) => {
        text = output;
      });
    // The script's own install hint names the command; name the shell too.
    return text.replace(/ecs2k8s completion >>/g, `ecs2k8s completion ${shell} >>`) + (text.endsWith('\n') ? '' : '\n');
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  }
}

export async function completionCommand(shell: 'bash' | 'zsh' | undefined, io: CliIO): Promise<number> {
  const chosen = shell ?? (/zsh/.test(io.env['SHELL'] ?? '') ? 'zsh' : 'bash');
  io.stdout.write(completionScript(chosen));
  return EXIT.ok;
}
