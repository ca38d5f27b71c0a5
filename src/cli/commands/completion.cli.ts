import type { CommandDef } from '../options.js';

export const completionCli: CommandDef = {
  command: 'completion [shell]',
  describe: 'Print a shell completion script: bash or zsh (default: the shell $SHELL names)',
  builder: (y) =>
    y
      .positional('shell', { choices: ['bash', 'zsh'] as const, describe: 'The shell the script is for' })
      .example('$0 completion bash >> ~/.bashrc', 'Complete commands, flags and values in bash')
      .example('$0 completion zsh > "${fpath[1]}/_ecs2k8s"', 'Complete them in zsh (with descriptions)'),
  run: async (a, io) => (await import('./completion.js')).completionCommand(a['shell'] as 'bash' | 'zsh' | undefined, io),
};
