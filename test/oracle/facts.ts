/**
 * The fact table: every fact the two sides compute, how two values compare, which issue-14 bullet
 * a difference in it belongs to, and which ecs2k8s diagnostics may explain such a difference.
 * Adding a fact means: a rule on each side (ecs/, k8s/), a row here, and a unit test.
 */

/** The bullets of issue 14 (docs/conversion.md "What behaves differently" will follow them). */
export const BULLETS = ['memory', 'essential', 'docker', 'traffic', 'silent-losses', 'storage', 'target-version', 'decision', 'scaling', 'delivery'] as const;
export type Bullet = (typeof BULLETS)[number];

export interface FactRule {
  scope: 'container' | 'workload';
  /** What the fact says, for the report and the README. */
  doc: string;
  /** The issue-14 bullet of a difference (may depend on the two values, and on the ECS side's note). */
  bullet: Bullet | ((ecs: string, k8s: string, ecsNote?: string) => Bullet);
  /** Diagnostic codes whose warning can explain a difference in this fact. */
  codes: readonly string[];
  /**
   * When set, the explaining warning's message must also say so: match this pattern, or pass this
   * test of the two values (codes that are about something else too, such as the budget share).
   */
  says?: RegExp | ((message: string, ecs: string, k8s: string, ecsNote?: string) => boolean);
  /** Pointers (inside the task definition) where a diagnostic counts for every container, as well as the container's own: a volume's warning explains its mounts. */
  alsoAt?: readonly string[];
  /** The value names containers: ECS names are renamed to the bundle's before comparing. */
  names?: boolean;
  /** The value is a list with this separator: compared as a set. */
  list?: string;
  /** Rewrites the Kubernetes value before comparing and showing it (to the part the ECS value speaks of). */
  project?: (ecs: string, k8s: string) => string;
  /** Compare two values (after renaming); default: equal strings (or equal sets). */
  equal?: (ecs: string, k8s: string) => boolean;
  /** Not compared when the Kubernetes side has no value (another fact shows that difference). */
  skipWhenAbsent?: boolean;
}

/** Start order: only the containers ECS waits for are compared (Kubernetes orders init containers more strictly; see README). */
function sameDependencies(ecs: string, k8s: string): string {
  const wanted = new Set(ecs === 'immediately' ? [] : ecs.split(', ').map((i) => i.slice(0, i.lastIndexOf(':'))));
  const kept = k8s === 'immediately' ? [] : k8s.split(', ').filter((i) => wanted.has(i.slice(0, i.lastIndexOf(':'))));
  return kept.length ? kept.join(', ') : 'immediately';
}

/**
 * A ceiling difference is explained only by a warning that names the ceiling the pod gets: the
 * number (512Mi, 250m) when there is one, or that there is no limit at all.
 */
function namesCeiling(message: string, _ecs: string, k8s: string): boolean {
  if (k8s === 'none') return /no (memory |cpu )?limit|without (a )?limit|unlimited|not capped|no ceiling/i.test(message);
  const n = /^([\d.]+)(Mi|m)$/.exec(k8s);
  return n !== null && new RegExp(`\\b${n[1]!.replace('.', '\\.')}\\s*${n[2]}\\b`).test(message) && /limit|ceiling|cap/i.test(message);
}

/** A probe that can never pass is explained only by a warning that says so (not by one that says how the command was read). */
const NEVER = /always fail|cannot (be )?(run|exec)|never (becomes? )?ready|runs no check|no check runs/i;
const readinessSays = (m: string, _e: string, k: string): boolean => (k === 'never-ready' ? NEVER.test(m) : /readiness|ready|traffic|endpoint|read as/i.test(m));
const unhealthySays = (m: string, _e: string, k: string): boolean => (k === 'restarted-forever' ? NEVER.test(m) : /liveness|unhealthy|health check fail|read as/i.test(m));

/** Order lost where links / volumesFrom imposed it is Docker's rule; a START that became HEALTHY is the startup-probe decision. */
function startBullet(ecs: string, k8s: string, note?: string): Bullet {
  const k = new Map((k8s === 'immediately' ? [] : k8s.split(', ')).map((i) => [i.slice(0, i.lastIndexOf(':')), i.slice(i.lastIndexOf(':') + 1)]));
  const items = ecs === 'immediately' ? [] : ecs.split(', ');
  const implied = new Set((note ?? '').replace(/^.*?: /, '').split(', '));
  if (items.some((i) => i.endsWith(':START') && k.get(i.slice(0, -6)) === 'HEALTHY')) return 'decision';
  if (items.some((i) => implied.has(i.slice(0, i.lastIndexOf(':'))) && !k.has(i.slice(0, i.lastIndexOf(':'))))) return 'docker';
  return 'essential';
}

const atLeast = (ecs: string, k8s: string): boolean => Number(k8s) >= Number(ecs);
const RESOURCE_CODES = ['task-resources', 'resource-requirement', 'target-version'];
const LB_CODES = ['load-balancer', 'load-balancer-extra', 'load-balancer-port'];
const ROLLOUT_CODES = ['deployment-controller', 'deployment-strategy', 'deployment-percent', 'daemon-desired-count', 'disruption-budget'];
/** Issue 15: the diagnostics of scaling and progressive delivery. */
const SCALING_CODES = ['scaling-policy', 'scaling-no-target', 'scaling-unpaired', 'scaling-duplicate', 'scale-in', 'scheduled-action', 'autoscaler'];
const DELIVERY_CODES = ['deployment-controller', 'deployment-strategy', 'rollout', 'rollout-weight', 'rollout-traffic', 'lifecycle-hook', 'deployment-config'];

/** Traffic series `13%@0m 100%@10m, …`: weights within one point (whole percents) and times within a second are the same. */
function sameWeights(ecs: string, k8s: string): boolean {
  const parse = (s: string) => {
    const [series = '', ...rest] = s.split(', ');
    return {
      steps: series
        .split(' ')
        .map((t) => /^([\d.]+)%@([\d.]+)m$/.exec(t))
        .map((m) => (m ? [Number(m[1]), Number(m[2])] : [NaN, NaN])),
      rest: rest.join(', '),
    };
  };
  if (ecs === k8s) return true;
  const e = parse(ecs);
  const k = parse(k8s);
  return e.rest === k.rest && e.steps.length === k.steps.length && e.steps.every(([w, t], i) => Math.abs(w! - k.steps[i]![0]!) <= 1 && Math.abs(t! - k.steps[i]![1]!) < 1 / 60);
}
const VOLUME_CODES = ['duplicate-mount', 'volume-driver', 'shared-volume', 'volume-at-launch', 'volume-placeholder', 'efs-volume'];

function portNamesEqual(ecs: string, k8s: string): boolean {
  const ks = k8s.split('; ');
  return ecs.split('; ').every((item) => {
    if (item.startsWith('(per-task DNS)')) return ks.includes(item);
    const m = /^(.*):(\d+|\?) → (.*)$/.exec(item);
    if (!m) return ks.includes(item);
    const [, dns, port, target] = m;
    return ks.some((k) => {
      const km = /^([^.]+)\.([^:]+):(\d+) → (.*)$/.exec(k);
      if (!km || km[3] !== port || km[4] !== target) return false;
      const [svc, ns] = [km[1]!, km[2]!];
      return [svc, `${svc}.${ns}`, `${svc}.${ns}.svc`, `${svc}.${ns}.svc.cluster.local`].includes(dns!);
    });
  });
}

function secretSourcesEqual(ecs: string, k8s: string): boolean {
  const k = new Map(k8s.split('; ').map((i) => [i.split('=')[0], i.slice(i.indexOf('=') + 1)]));
  return ecs.split('; ').every((item) => {
    const name = item.split('=')[0];
    const e = item.slice(item.indexOf('=') + 1);
    const kv = k.get(name);
    if (kv === undefined) return false;
    if (kv.startsWith('(Secret ')) return true; // a Secret the user creates: nothing to compare it with
    return kv === e || (!e.includes(' in ') && kv.split(' in ')[0] === e);
  });
}

function completesEqual(ecs: string, k8s: string): boolean {
  const parse = (s: string): [string, string[]] => {
    const m = /^when (any of |all of )?(.*?) (exits|have exited)$/.exec(s);
    return m ? [m[1] === undefined ? 'one' : m[1].trim(), m[2]!.split(', ').sort()] : [s, []];
  };
  const [a, as] = parse(ecs);
  const [b, bs] = parse(k8s);
  return a === b && as.join() === bs.join();
}

/** The rule of a fact: by name, or by its prefix for the families of facts (`mount:<path>`). */
export function ruleOf(fact: string): FactRule | undefined {
  return FACTS[fact] ?? (fact.includes(':') ? FACTS[fact.slice(0, fact.indexOf(':') + 1)] : undefined);
}

export const FACTS: Record<string, FactRule> = {
  present: { scope: 'container', doc: 'the container runs at all', bullet: 'silent-losses', codes: [] },
  'memory.ceiling': {
    scope: 'container',
    doc: 'the most memory the container may use (MiB): its own hard limit, the task/pod budget, or none',
    bullet: 'memory',
    codes: RESOURCE_CODES,
    says: namesCeiling,
  },
  'memory.task': { scope: 'workload', doc: 'the most memory the task/pod may use together', bullet: 'memory', codes: RESOURCE_CODES, says: namesCeiling },
  'cpu.share': {
    scope: 'container',
    doc: 'the CPU share under contention (millicores; ECS units × 1000/1024)',
    bullet: 'memory',
    codes: RESOURCE_CODES,
    equal: (e, k) => e === 'unset' || Math.abs(parseFloat(e) - parseFloat(k)) <= 1,
  },
  // A container without any CPU limit in the pod is compared through cpu.task (the task cap it lost); here only a different container limit counts.
  'cpu.ceiling': {
    scope: 'container',
    doc: 'the most CPU the container may use (task cpu, Windows quota, limits)',
    bullet: 'memory',
    codes: RESOURCE_CODES,
    says: namesCeiling,
    equal: (e, k) => k === 'none' || e === k,
  },
  'cpu.task': { scope: 'workload', doc: 'the most CPU the task/pod may use together', bullet: 'memory', codes: RESOURCE_CODES, says: namesCeiling },
  'start.after': {
    scope: 'container',
    doc: 'the containers it starts after, and on what condition',
    bullet: startBullet,
    codes: ['depends-on-complete', 'healthy-without-check', 'dependency-cycle', 'implied-order', 'target-version'],
    names: true,
    list: ', ',
    project: sameDependencies,
  },
  readiness: {
    scope: 'container',
    doc: 'whether its health gates the task/pod readiness (traffic, rollouts)',
    bullet: (e, k) => (k === 'never-ready' ? 'docker' : e === 'no' ? 'essential' : 'decision'),
    codes: ['probe-on-init', 'health-check-form', 'non-essential'],
    says: readinessSays,
  },
  unhealthy: {
    scope: 'container',
    doc: 'what happens when its health check fails',
    bullet: (e, k) => (k === 'restarted-forever' ? 'docker' : e === 'nothing' ? 'essential' : 'decision'),
    codes: ['probe-on-init', 'health-check-form', 'non-essential'],
    says: unhealthySays,
  },
  'check.actsAfterSeconds': {
    scope: 'container',
    doc: 'how long a failing check is tolerated from the start (Kubernetes may wait longer, not shorter)',
    bullet: 'decision',
    codes: ['grace-period'],
    equal: atLeast,
    skipWhenAbsent: true,
  },
  runs: {
    scope: 'container',
    doc: 'how long it runs: once before the others, until it exits, or for the task life',
    bullet: 'essential',
    codes: ['non-essential', 'depends-on-complete', 'job-completion', 'target-version'],
  },
  exit: { scope: 'container', doc: 'what happens when its process exits', bullet: 'essential', codes: ['non-essential', 'depends-on-complete', 'job-completion', 'target-version'] },
  'stop.killAfterSeconds': { scope: 'container', doc: 'seconds from the stop signal to SIGKILL (Kubernetes may give more, not less)', bullet: 'traffic', codes: [], equal: atLeast },
  process: { scope: 'container', doc: "the process it runs, by Docker's / Kubernetes' entrypoint rules", bullet: 'docker', codes: [] },
  image: { scope: 'container', doc: 'the image it runs', bullet: 'silent-losses', codes: ['image-placeholder', 'image-missing'] },
  'env.names': { scope: 'container', doc: 'the names of its plain environment variables', bullet: 'silent-losses', codes: ['env-invalid', 'duplicate-env', 'environment-file'], list: ', ' },
  'secret.names': { scope: 'container', doc: 'the names of the variables it gets from secrets', bullet: 'silent-losses', codes: ['secret-ref', 'duplicate-env'], list: ', ' },
  'secret.sources': {
    scope: 'container',
    doc: 'which secret (name, JSON key, version, account/region) each variable comes from',
    bullet: 'silent-losses',
    codes: ['secret-ref'],
    equal: secretSourcesEqual,
    skipWhenAbsent: true,
  },
  'mount.paths': { scope: 'container', doc: 'the paths it has mounts at', bullet: (e) => (e.includes('image VOLUMEs') ? 'docker' : 'storage'), codes: VOLUME_CODES, alsoAt: ['/volumes'], list: ', ' },
  // One fact per mount path (`mount:/var/www`): what is there, read-only or not, who shares it. A volume's warning explains it only if it names that volume or path.
  'mount:': {
    scope: 'container',
    doc: 'what it finds at one mount path (kind, read-only) and who shares it',
    bullet: (e) => (e.includes('image volumes') ? 'docker' : 'storage'),
    codes: VOLUME_CODES,
    alsoAt: ['/volumes'],
    names: true,
    skipWhenAbsent: true,
    says: (m, _e, _k, note) => note !== undefined && m.includes(`"${note.replace(/^volume /, '')}"`),
  },
  'ports.bind': { scope: 'container', doc: "whether its ports clash with another container's in one network stack", bullet: 'silent-losses', codes: ['duplicate-port'], names: true },
  'logs.routing': {
    scope: 'container',
    doc: 'where its log lines go (FireLens routing only)',
    bullet: 'silent-losses',
    codes: ['no-equivalent', 'cluster-level', 'log-routing'],
    says: /firelens|log/i,
  },
  'links.resolves': {
    scope: 'container',
    doc: 'the link names it can resolve',
    bullet: 'docker',
    codes: ['links', 'link-name'],
    equal: (e, k) => e.split(', ').every((n) => k.split(', ').includes(n)),
  },
  completes: {
    scope: 'workload',
    doc: 'whether and when the workload completes',
    bullet: 'essential',
    codes: ['non-essential', 'job-completion', 'target-version'],
    names: true,
    equal: completesEqual,
  },
  'job.retries': { scope: 'workload', doc: 'how often a failed run is retried', bullet: 'decision', codes: ['job-retries'], skipWhenAbsent: true },
  'job.overlap': { scope: 'workload', doc: 'what a scheduled run does while the previous one still runs', bullet: 'essential', codes: [], skipWhenAbsent: true },
  replicas: {
    scope: 'workload',
    doc: 'how many copies run (min..max when autoscaled)',
    bullet: (e, k) => (e.includes('..') || k.includes('..') ? 'scaling' : 'traffic'),
    codes: [...ROLLOUT_CODES, ...SCALING_CODES],
    skipWhenAbsent: true,
  },
  'scaling.in': { scope: 'workload', doc: 'whether demand can lower the count (DisableScaleIn / scaleDown selectPolicy Disabled)', bullet: 'scaling', codes: SCALING_CODES, skipWhenAbsent: true },
  'rollout.weights': {
    scope: 'workload',
    doc: 'the share of traffic on the new revision over a deployment (percent@minute), manual waits, how long the old revision is kept',
    bullet: 'delivery',
    codes: DELIVERY_CODES,
    equal: sameWeights,
    skipWhenAbsent: true,
  },
  'rollout.minHealthy': { scope: 'workload', doc: 'the fewest healthy copies during a deployment (whole tasks)', bullet: 'traffic', codes: ROLLOUT_CODES, skipWhenAbsent: true },
  'rollout.maxRunning': { scope: 'workload', doc: 'the most copies running during a deployment (whole tasks)', bullet: 'traffic', codes: ROLLOUT_CODES, skipWhenAbsent: true },
  'disruption.floor': { scope: 'workload', doc: 'how many copies a node drain keeps', bullet: 'traffic', codes: ROLLOUT_CODES, says: /drain|disruption|evict/i, skipWhenAbsent: true },
  'ports.lb': { scope: 'workload', doc: 'the container ports a load balancer sends to', bullet: 'traffic', codes: LB_CODES, names: true, list: ', ', skipWhenAbsent: true },
  'ports.names': {
    scope: 'workload',
    doc: 'the names and ports other workloads use to reach it',
    bullet: 'silent-losses',
    codes: ['service-registry', 'service-connect-port', 'client-alias'],
    names: true,
    equal: portNamesEqual,
  },
  'ports.host': { scope: 'workload', doc: 'the ports published on the host', bullet: 'silent-losses', codes: ['host-port-mode', 'port-range'], names: true, list: ', ' },
  'traffic.waitsForTargetHealth': {
    scope: 'workload',
    doc: "whether a rollout waits for the load balancer's target health",
    bullet: 'traffic',
    codes: LB_CODES,
    says: /readiness.gate|target health/i,
    skipWhenAbsent: true,
  },
  'traffic.drainsBeforeStop': {
    scope: 'workload',
    doc: 'whether a stopping copy is drained from the load balancer first',
    bullet: 'traffic',
    codes: LB_CODES,
    says: /preStop|drain/i,
    skipWhenAbsent: true,
  },
  'lb.protocol': { scope: 'workload', doc: 'the protocol the load balancer speaks to the target', bullet: 'silent-losses', codes: LB_CODES, says: /grpc|protocol/i, skipWhenAbsent: true },
  os: { scope: 'workload', doc: 'the operating system of the nodes it runs on', bullet: 'silent-losses', codes: ['windows'] },
  arch: { scope: 'workload', doc: 'the CPU architecture of the nodes it runs on', bullet: 'silent-losses', codes: [], equal: (e, k) => e === 'any' || e === k },
};
