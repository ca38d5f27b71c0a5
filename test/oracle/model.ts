/**
 * What the equivalence oracle (SPEC §10) compares: behaviour facts, per container and per workload,
 * computed once from the ECS documents (./ecs/) and once from the Kubernetes objects (./k8s/).
 *
 * A fact is a canonical string, so that the two sides can be compared and a difference can be
 * written into known-differences.json as it is. Facts that name other containers (start order,
 * shared mounts, completion) name them in their own side's spelling; the comparison renames the
 * ECS names to the Kubernetes ones before it compares (./compare.ts).
 *
 * A fact one side leaves undefined is not applicable there (a rollout of a task definition built
 * without a service, a readiness gate of a Job): it is not compared.
 */

/** One behaviour fact: the canonical value and, optionally, words for a person. */
export interface Fact {
  value: string;
  /** Why the value is what it is (the rule and the input it came from); never compared. */
  note?: string;
}

export type Facts = Partial<Record<string, Fact>>;

export interface ContainerBehaviour {
  name: string;
  facts: Facts;
  /** ECS side: JSON Pointer of its container definition in its file (where a diagnostic about it points). */
  pointer?: string;
}

export interface WorkloadBehaviour {
  /** The task definition family; pairs the two sides (the bundle names it in `ecs2k8s.io/task-definition`). */
  family: string;
  /** The service name, when the workload is an ECS service (or was built under --service-name). */
  service?: string;
  facts: Facts;
  containers: ContainerBehaviour[];
  /** ECS side: the files and JSON Pointers of the documents it comes from (where its diagnostics point). */
  sources?: { file: string; pointer: string }[];
  /**
   * Facts that a steering key asked to change on purpose (`ecs2k8s.io/probes`, `ecs2k8s.io/sidecar`):
   * a difference in them is the user's choice, not a defect. `container` is '' for the workload.
   */
  steered?: { container: string; fact: string; key: string }[];
}

export interface Behaviour {
  workloads: WorkloadBehaviour[];
}

/** Shorthand used by both sides. */
export const fact = (value: string | number, note?: string): Fact => (note === undefined ? { value: String(value) } : { value: String(value), note });

/** The start conditions of ECS dependsOn, in the words both sides use. */
export type StartCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';

/**
 * The canonical form both sides print:
 * - `image ENTRYPOINT + image CMD` / `image ENTRYPOINT + ["a","b"]` when the image's entrypoint runs;
 * - `exec ["a","b"]` when the whole argument vector is given;
 * - `nothing to run` when the entrypoint is reset and no command is given;
 * - `cannot exec ""` when the first argument is empty (Kubernetes' `command: [""]`).
 */
export function describeProcess(entrypoint: string[] | 'image', args: string[] | 'image'): string {
  if (entrypoint === 'image') return `image ENTRYPOINT + ${args === 'image' ? 'image CMD' : JSON.stringify(args)}`;
  const argv = [...entrypoint, ...(args === 'image' ? [] : args)];
  if (argv.length === 0) return 'nothing to run';
  if (argv[0] === '') return 'cannot exec ""';
  return `exec ${JSON.stringify(argv)}`;
}
