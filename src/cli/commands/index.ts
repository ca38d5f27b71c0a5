/** Every command of the CLI, in the order `--help` lists them. Each module loads its implementation lazily. */
import type { CommandDef } from '../options.js';
import { applyCli } from './apply.cli.js';
import { buildCli } from './build.cli.js';
import { completionCli } from './completion.cli.js';
import { diffCli } from './diff.cli.js';
import { importCli } from './import.cli.js';
import { validateCli } from './validate.cli.js';

export const COMMANDS: CommandDef[] = [validateCli, buildCli, importCli, diffCli, applyCli, completionCli];
