/**
 * Entry of the GitHub Action (action.yml `runs.main`), bundled by scripts/build-action.mjs into
 * dist-action/index.mjs. Sets process.exitCode (0 or 1; a runner only tells zero from non-zero).
 */
import { escapeData } from './workflow.js';
import { runAction } from './run.js';

try {
  process.exitCode = await runAction({ stdout: process.stdout, env: process.env, cwd: process.cwd() });
} catch (e) {
  const msg = e instanceof Error ? e.message : String(e);
  process.stdout.write(`::error title=ecs2k8s internal error::${escapeData(`ecs2k8s: internal error (a bug in ecs2k8s; please report it with the input that caused it): ${msg}`)}\n`);
  if (process.env['RUNNER_DEBUG'] === '1' || process.env['ECS2K8S_DEBUG']) process.stdout.write(`${(e as Error)?.stack ?? ''}\n`);
  process.exitCode = 1;
}
