/**
 * The process entry (bundled to dist/cli.cjs and started by dist/ecs2k8s.mjs): runs the CLI on
 * the process's streams and sets process.exitCode (never process.exit, which can cut stdout short).
 */
import { EXIT } from './io.js';
import { run } from './run.js';

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };

  // A closed pipe (`ecs2k8s build --stdout | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });

  try {
    process.exitCode = await run(argv.slice(2), io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`ecs2k8s: internal error (a bug in ecs2k8s; please report it with the input that caused it): ${msg}\n`);
    if (process.env['ECS2K8S_DEBUG']) process.stderr.write(`${(e as Error)?.stack ?? ''}\n`);
    process.exitCode = EXIT.internal;
  }
}
