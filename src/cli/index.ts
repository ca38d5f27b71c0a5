/**
 * `ecs2k8s/cli`: the command line as a function, for programs that want exactly what the bin
 * does (same flags, output and exit codes) with their own streams:
 *
 *   import { run } from 'ecs2k8s/cli';
 *   const code = await run(['build', 'ecs/', '--out', 'k8s'], { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() });
 *
 * It is kept apart from the library entry (`ecs2k8s`, src/index.ts) so that the library does
 * not carry the argument parser.
 */
export { run } from './run.js';
export { EXIT, type CliIO } from './io.js';
