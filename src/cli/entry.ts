/**
 * The process entry (bundled to dist/cli.cjs and started by dist/ecs2k8s.cjs): runs the CLI on
 * the process's streams and sets process.exitCode. It never calls process.exit, which can cut a
 * stream's output short; the bin does, once the run is over, when {@link exitsAtOnce} says that
 * nothing is left to write.
 */
import { EXIT } from './io.js';
import { run } from './run.js';
import { everyWriteDone, stdioWriter } from './stdio.js';

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

/**
 * Whether the bin may end the process as soon as main() has returned: every byte went out
 * through writeSync (./stdio.ts), and every command awaits its own work. Winding down on its own,
 * Node would tear down a heap it is about to drop anyway: about 2 % of a one-service build.
 */
export function exitsAtOnce(): boolean {
  return everyWriteDone();
}
