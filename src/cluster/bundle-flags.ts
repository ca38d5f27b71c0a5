/**
 * The build flags given next to a bundle folder, which diff and apply use as `ecs2k8s build`
 * wrote it: each is a `not-applied` warning line (they change nothing; rebuild the bundle to
 * change it). README, "Flags that do not apply".
 */

/** The build flags as diff and apply take them (src/cluster/targets.ts BuildFlags). */
export interface GivenBuildFlags {
  images: readonly string[];
  namespace?: string | undefined;
  region?: string | undefined;
  replicas?: number | undefined;
  workload?: string | undefined;
  schedule?: string | undefined;
  serviceName?: string | undefined;
  config?: string | undefined;
  strict: boolean;
}

export function bundleFlagWarnings(flags: GivenBuildFlags, folder: string): string[] {
  const given = [
    ...flags.images.map((i) => `--image ${i}`),
    ...(['namespace', 'region', 'replicas', 'workload', 'schedule', 'service-name', 'config'] as const).flatMap((f) => {
      const v = flags[f === 'service-name' ? 'serviceName' : f];
      return v === undefined ? [] : [`--${f} ${String(v)}`];
    }),
    ...(flags.strict ? ['--strict'] : []),
  ];
  return given.map((f) => `ecs2k8s: warning not-applied: ${f} changes nothing: ${folder} is a bundle folder, used as ecs2k8s build wrote it (rebuild it with that flag, or give diff/apply the ECS inputs)`);
}
