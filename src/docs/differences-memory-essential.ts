/**
 * docs/conversion.md, "What behaves differently" (SPEC §10, issue 14): the subsections for the
 * bullets Memory and CPU, Essential and Target version — what ECS does, what the bundle does, the
 * decision taken and what to do about what remains. Rendered by ./render.ts.
 */
export const MEMORY_ESSENTIAL_DIFFERENCES: readonly string[] = [
  '### Memory and CPU',
  '',
  "- **The task budget is the pod's.** ECS task `cpu` and `memory` are the hard limit of the task as a whole: a container without a hard `memory` of its own may use the whole budget, shared only with the containers running at that moment. From Kubernetes 1.34 (pod-level resources, the default target 1.36) the budget becomes the pod's `spec.resources` (requests = limits = the budget, as ECS reserves it); containers keep only what they set themselves (`memory` → limit, `memoryReservation` → request, `cpu` → request). A task whose containers all have only `memoryReservation` keeps its cap there. Nothing is split per container, so a 10-container task lets any container use the whole budget, as in ECS.",
  "- **Older targets (below 1.34) and Windows pods** (which take no pod-level resources) get the best older form: every container without a hard limit of its own gets the budget as its limit (cpu: every container, since the task cpu caps them all) — never a limit lower than ECS enforces — and requests that share what the containers' own amounts leave among the containers that run together (an init container, which has exited before the app starts, takes no share of theirs). *Remaining:* with several containers running together the pod as a whole may then use more than the budget; a `target-version` warning names the total and says that 1.34 has the pod-level form.",
  "- A container's own `memory` above the task's is capped at the task budget (what ECS enforces; a pod-level limit must not be below a container's), with a note.",
  '- `cpu` of a container stays a request (a share under contention), never a limit, as on Linux in ECS; a container without `cpu` gets no request of its own at 1.34+ (ECS gives it the minimum share too).',
  '',
  '### Essential',
  '',
  '- **A Job completes when its essential containers exit.** In a Job or CronJob every non-essential container that nothing waits to complete becomes a native sidecar (an init container with `restartPolicy: Always`): sidecars do not hold a Job, so the Job completes when the essential containers have exited, as the ECS task stops when they do — an otel or X-Ray collector no longer keeps the Job running forever.',
  '- **Non-essential containers are restarted.** ECS leaves a non-essential container stopped when it exits; a pod restarts it (a regular container of a Deployment, or any native sidecar). A `non-essential` warning names each one (none when the container has an ECS restart policy, which restarts it too). If it is meant to run once, make the containers that need it wait for it (`dependsOn` SUCCESS or COMPLETE): it becomes an init container.',
  "- **A non-essential health check gates nothing.** ECS ignores the health of non-essential containers for the task's health: such a container gets no readiness probe (it would take the pod out of the Service) and no liveness probe (ECS does not replace the task for it) — only a startup probe when other containers wait for it to be HEALTHY. `ecs2k8s.io/probes` still chooses.",
  "- **Decision — START waits for the start, not the health.** A native sidecar's startup probe holds back every container after it, so a sidecar that others wait for only with START gets no startup probe: its `startPeriod` delays its liveness probe instead (`initialDelaySeconds`).",
  "- **Jobs that end at another moment** get a `job-completion` warning: a Job's pod completes when *all* its regular containers have exited (ECS stops the task when the *first* essential container does), and an essential container that others wait for is a native sidecar, whose exit restarts it instead of ending the Job.",
  '- **Decision — overlapping runs.** EventBridge starts a task at every occurrence of the schedule, whether or not the last one still runs: CronJobs get `concurrencyPolicy: Allow`. Set `Forbid` in an overlay to skip runs while one is still running.',
  "- **Decision — restart policies in a Job.** An ECS container restart policy becomes the pod's `restartPolicy: OnFailure` with `backoffLimit: 6`; a `job-retries` warning says that Kubernetes then restarts every failed container of the pod and fails the Job after six restarts, where ECS restarts only that container, without a limit.",
  '',
  '### Target version',
  '',
  '- `kubernetesVersion` (project file; default 1.36) gates the features that need it, from one table (`src/convert/features.ts`): native sidecars 1.29, preStop sleep 1.30, named target ports on sidecars 1.32, pod-level resources 1.34. Below the version of native sidecars or pod-level resources the bundle uses the best older form and a `target-version` warning names the version that has the feature (the preStop and named-port rows serve the traffic conversion).',
  '- Below 1.29 native sidecars become regular containers: the containers that wait for them (START, HEALTHY) start beside them, not after them, and in a Job the pod completes only when they have exited too. Upgrade the target, or keep the start order inside the image (wait for the port).',
  '- Below 1.34 the task budget is per container (see Memory and CPU above).',
];
