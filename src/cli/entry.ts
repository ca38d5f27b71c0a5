/**
 * The process entry (bundled to dist/cli.cjs and started by dist/ecs2k8s.cjs): runs the CLI on
 * the process's streams and sets process.exitCode (never process.exit, which can cut stdout short).
 */
import { EXIT } from './io.js';
import { run } from './run.js';
import { stdioWriter } from './stdio.js';

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  // Standard input is process.stdin, opened only when an input is `-` (the readers' default);
  // a closed stdout pipe (`ecs2k8s build --stdout | head`) is not an error (./stdio.ts).
  const io = { stdout: stdioWriter(1), stderr: stdioWriter(2), env: process.env, cwd: process.cwd() };

  try {
    process.exitCode = await run(argv.slice(2), io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    io.stderr.write(`ecs2k8s: internal error (a bug in ecs2k8s; please report it with the input that caused it): ${msg}\n`);
    if (process.env['ECS2K8S_DEBUG']) io.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = EXIT.internal;
  }
}
