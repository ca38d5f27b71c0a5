/** The exit codes of every command and of the GitHub Action's cluster stage (README "Exit codes"). */
export const EXIT = {
  ok: 0,
  /** Differences found (`diff`, `build --check`). */
  differences: 1,
  /** Invalid input or usage. */
  invalid: 2,
  /** Environment failure: I/O, cluster unreachable, API error. */
  environment: 3,
  /** A bug in ecs2k8s itself. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
