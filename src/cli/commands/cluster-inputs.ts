/**
 * The inputs of `diff` and `apply` on the command line: a bundle folder written by `build`
 * (read by src/cluster/bundle.ts), or ECS inputs compiled in memory with build's own option
 * resolution; the ApplySet name from --applyset, else the project file; and the ClusterIO that
 * prints the cluster stage's lines on stdout and stderr. Diagnostics are printed as build
 * prints them; the exit code follows them.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { formatClusterJson } from '../../report/cluster-json.js';
import { interrupting, Progress } from '../progress.js';
import { loadBundle, isBundle } from '../../cluster/bundle.js';
import type { ApplySetName } from '../../cluster/applyset.js';
import type { ClusterIO, ClusterResult } from '../../cluster/io.js';
import type { ClusterRequest } from '../../cluster/run.js';
import { sortTargets, type Target } from '../../cluster/targets.js';
import { compile } from '../../compile.js';
import { Diagnostics } from '../../diagnostics.js';
import { loadProjectFile } from '../../load/config.js';
import { EXIT, type CliIO } from '../io.js';
import { emitDiagnostics } from '../report.js';
import { applyStrict, exitCodeFor } from '../../report/exit.js';
import { resolveBuildOptions } from '../../build/options.js';
import type { BuildArgs } from './build.js';
import type { ClusterInputArgs } from './apply.options.js';

export type ClusterInputs = { targets: Target[]; applyset?: ApplySetName } | { exit: number };

/** The compile flags that mean nothing for a bundle folder, by their flag names. */
function compileFlagsGiven(b: ClusterInputArgs['build']): string[] {
  const given: [string, boolean][] = [
    ['--image', b.images.length > 0],
    ['--namespace', b.namespace !== undefined],
    ['--region', b.region !== undefined],
    ['--account', b.account !== undefined],
    ['--stack-name', b.stackName !== undefined],
    ['--parameter', (b.parameters ?? []).length > 0],
    ['--var', (b.vars ?? []).length > 0],
    ['--replicas', b.replicas !== undefined],
    ['--workload', b.workload !== undefined],
    ['--schedule', b.schedule !== undefined],
    ['--service-name', b.serviceName !== undefined],
  ];
  return given.filter(([, yes]) => yes).map(([f]) => f);
}

function applySetOf(flag: string | undefined, project: string | undefined): ApplySetName | undefined {
  if (flag !== undefined) return { name: flag, from: '--applyset' };
  return project !== undefined ? { name: project, from: 'the project file' } : undefined;
}

export async function clusterInputs(args: ClusterInputArgs, io: CliIO): Promise<ClusterInputs> {
  const { inputs, build } = args;
  const report = { verbose: build.verbose, command: args.command };
  if (inputs.length === 1 && inputs[0] !== '-' && isBundle(path.resolve(io.cwd, inputs[0]!))) {
    const d = new Diagnostics();
    const project = await loadProjectFile(build.config, io.cwd, d);
    for (const flag of compileFlagsGiven(build)) {
      d.add({ code: 'not-applied', severity: 'warning', message: `${flag} is ignored: ${inputs[0]} is a bundle folder, built already; the flags that shape compilation apply to ECS inputs only` });
    }
    const loaded = await loadBundle(path.resolve(io.cwd, inputs[0]!), inputs[0]!, build.maxInputSize);
    const diagnostics = [...d.items, ...loaded.diagnostics];
    // --strict is for ECS inputs ("Inputs only"): a bundle's warnings (a hand edit, a flag ignored) stay warnings;
    // the project file's diagnostics: rules apply (a team may accept bundle-edited, or refuse it).
    const rules = project && {
      ...report,
      rules: project.value.diagnostics ? { ignore: project.value.diagnostics.ignore ?? [], error: project.value.diagnostics.error ?? [] } : { ignore: [], error: [] },
    };
    const code = exitCodeFor(applyStrict(diagnostics, false, rules ? rules.rules : undefined));
    if (diagnostics.length > 0) await emitDiagnostics(io, diagnostics, [], rules ?? report);
    if (code !== EXIT.ok) return { exit: code };
    const applyset = applySetOf(args.applyset, project?.value.applyset);
    return { targets: loaded.targets, ...(applyset && { applyset }) };
  }
  const d = new Diagnostics();
  const buildArgs: BuildArgs = { inputs, stdout: false, format: 'yaml', check: false, report: 'text', ...build };
  const { options } = await resolveBuildOptions(buildArgs, io.cwd, d);
  const withRules = { ...buildArgs, rules: options.diagnostics, command: args.command };
  if (d.hasErrors()) return { exit: await emitDiagnostics(io, d.items, [], withRules) };
  const result = await compile(inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: build.maxInputSize });
  const diagnostics = [...d.items, ...result.diagnostics];
  const code = exitCodeFor(applyStrict(diagnostics, build.strict, options.diagnostics));
  await emitDiagnostics(io, diagnostics, result.files, withRules);
  if (code !== EXIT.ok) return { exit: code };
  const targets = result.entries.map((e) => ({ folder: e.namespace, object: e.object, source: 'compiled inputs' }));
  const applyset = applySetOf(args.applyset, options.applyset);
  return { targets: sortTargets(targets), ...(applyset && { applyset }) };
}

/** The request of a cluster run from the command line's flags. */
export function clusterRequest(args: ClusterInputArgs, applyset: ApplySetName | undefined): ClusterRequest {
  return {
    ...(args.kubeconfig !== undefined && { kubeconfig: args.kubeconfig }),
    ...(args.context !== undefined && { context: args.context }),
    requestTimeoutMs: args.requestTimeoutMs,
    verbose: args.build.verbose,
    ...(applyset && { applyset }),
    prune: args.prune,
    force: args.forceConflicts,
  };
}

/**
 * The cluster stage's lines on the CLI's streams: objects and diffs on stdout (on stderr when a
 * json report owns stdout), the rest on stderr; a progress line (objects done of total) on a
 * terminal, erased before every other line.
 */
export function clusterIo(io: CliIO, args: Pick<ClusterInputArgs, 'report' | 'reportFile'>, progress: Progress, total: number): ClusterIO {
  const owned = args.report === 'json' && (args.reportFile === undefined || args.reportFile === '-');
  const stdout = interrupting(owned ? io.stderr : io.stdout, progress);
  const stderr = interrupting(io.stderr, progress);
  let done = 0;
  return {
    out: (t) => void stdout.write(t),
    err: (l) => void stderr.write(`ecs2k8s: ${l}\n`),
    object: () => progress.count('objects', ++done, Math.max(done, total)),
    env: io.env,
    cwd: io.cwd,
  };
}

/** Runs a cluster command with its progress line, then prints its diagnostics and json report. */
export async function runClusterCommand(args: ClusterInputArgs, io: CliIO, inputs: { targets: readonly unknown[] }, run: (cio: ClusterIO) => Promise<ClusterResult>): Promise<number> {
  const progress = new Progress(io.stderr, io.env, { quiet: args.quiet });
  const result = await run(clusterIo(io, args, progress, inputs.targets.length)).finally(() => progress.done());
  const code = await finish(result, io);
  if (args.report !== 'json') return code;
  const text = formatClusterJson(result);
  if (args.reportFile === undefined || args.reportFile === '-') {
    io.stdout.write(text);
    return code;
  }
  try {
    await writeFile(path.resolve(io.cwd, args.reportFile), text);
  } catch (e) {
    io.stderr.write(`ecs2k8s: cannot write the report to ${args.reportFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return EXIT.environment;
  }
  return code;
}

/** The exit code of a cluster run, after printing the diagnostics it found (input problems, exit 2). */
export async function finish(result: ClusterResult, io: CliIO): Promise<number> {
  if (result.diagnostics.length > 0) {
    const code = await emitDiagnostics(io, result.diagnostics, [], {});
    return code === EXIT.ok ? result.exit : code;
  }
  return result.exit;
}
