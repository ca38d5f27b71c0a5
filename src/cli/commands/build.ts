/**
 * `ecs2k8s build <inputs…> --out DIR`: compile, validate the output, then write the bundle
 * (or print it with --stdout, or compare it with --check). Nothing is written unless the
 * whole build succeeded, except with --keep-going (./build-keep-going.ts). With environments (`--env`, or the project file's), the output is a
 * base and overlays; with `--format helm`, charts; with `--gitops`, Argo CD or Flux objects
 * besides. The renderers live in src/bundle/; this file only picks them.
 */
import { BundleWriteError, renderStream, writeBundle, type BundleFiles } from '../../bundle/index.js';
import { gitopsSettings, resolveGitops, type ArgoKind, type GitopsTool } from '../../bundle/gitops/source.js';
import type { CompileProgress } from '../../compile.js';
import { Progress } from '../progress.js';
import { Diagnostics, type Diagnostic } from '../../diagnostics.js';
import { compileEnvironments, environmentSpecs } from '../../environments.js';
import { dnsLabel } from '../../k8s/names.js';
import { repositoryRoot, sourceNamer } from '../../load/root.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { EXIT, type CliIO } from '../io.js';
import { emitDiagnostics, reportOwnsStdout, type FleetContext, type ReportOptions } from '../report.js';
import { build, inspectOutput, renderEnvironments, resolveBuildOptions, type BuildFlags, type Rendered } from '../../build/index.js';
import { failsBuild } from '../../report/exit.js';

export interface BuildArgs extends ReportOptions, BuildFlags {
  inputs: string[];
  out?: string;
  stdout: boolean;
  format: 'yaml' | 'json' | 'helm';
  check: boolean;
  /** `--fail-on-change`: write, then exit 1 when a file was created, changed or removed. Default false. */
  failOnChange?: boolean;
  /** `--quiet`: no progress line on a terminal. Default false. */
  quiet?: boolean;
  /** `--keep-going`: write what builds, keep the previous files of what fails. Default false. */
  keepGoing?: boolean;
  /** `--env NAME=PATHS` (repeatable). Default none. */
  envs?: string[];
  /** `--gitops`, `--repo-url`, `--revision`, `--path`, `--argocd-kind`. Default none. */
  gitops?: GitopsTool;
  repoUrl?: string;
  revision?: string;
  repoPath?: string;
  gitopsName?: string;
  argocdKind?: ArgoKind;
  /** `--image CONTAINER=URI` (repeatable); the other flags that shape compilation are in BuildFlags. */
  images: string[];
  maxInputSize: number;
}

const usage = (message: string): Diagnostic => ({ code: 'usage', severity: 'error', message });

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const d = new Diagnostics();
  const { options, project, projectFile } = await resolveBuildOptions(args, io.cwd, d);
  const report: ReportOptions = { ...args, rules: options.diagnostics, command: 'build' };
  const failing = (ds: readonly Diagnostic[]) => failsBuild(ds, args.strict, options.diagnostics);
  const projectDir = resolve(io.cwd, projectFile === undefined ? '.' : dirname(projectFile));
  // Inputs on the command line are a plain build, even when the project file has environments.
  const projectEnvironments = args.inputs.length > 0 && (args.envs ?? []).length === 0 ? undefined : project?.environments;
  const specs = environmentSpecs(args.envs ?? [], projectEnvironments, (p) => relative(io.cwd, resolve(projectDir, p)).split(sep).join('/') || '.', d);
  if (specs && args.inputs.length > 0) d.add(usage(`give inputs per environment (--env NAME=PATHS or the project file's environments), not as arguments too (${args.inputs.join(' ')})`));
  if (specs && args.stdout) d.add(usage('environments are written as a base and overlays: use --out DIR, not --stdout'));
  if (specs && args.format === 'helm')
    d.add(usage('--format helm builds one set of inputs into charts; environments are written as kustomize overlays (drop --format helm, or build each environment into its own charts)'));
  if (!specs && args.inputs.length === 0 && !d.hasErrors()) d.add(usage('build needs inputs: files, directories or - (or environments: --env NAME=PATHS)'));
  const out = args.out ?? '';
  // --gitops' default --path: the output folder in its repository (as the controller reads it), not where the command ran
  // (looked up only when a GitOps tool is asked for: resolveGitops reads it for nothing else).
  const gitopsFlags = { tool: args.gitops, repoURL: args.repoUrl, revision: args.revision, path: args.repoPath, name: args.gitopsName, argocdKind: args.argocdKind };
  const outAbs = resolve(io.cwd, out);
  const outRel =
    gitopsSettings(gitopsFlags, project?.gitops).tool === undefined
      ? ''
      : relative((await repositoryRoot(outAbs)) ?? io.cwd, outAbs)
          .split(sep)
          .join('/');
  const gitops = resolveGitops(gitopsFlags, project?.gitops, outRel, (x) => dnsLabel(x));
  for (const p of gitops.problems) d.add(usage(p));
  if (args.gitopsName !== undefined && dnsLabel(args.gitopsName) !== args.gitopsName)
    d.add(usage(`--gitops-name ${JSON.stringify(args.gitopsName)} is not a DNS label (lowercase letters, digits and "-", at most 63): try ${JSON.stringify(dnsLabel(args.gitopsName))}`));
  if (gitops.options && args.format === 'helm') d.add(usage('--gitops points Argo CD or Flux at kustomize folders: use it with YAML bundles or environments, not --format helm'));
  if (gitops.options && args.stdout) d.add(usage('--gitops writes its objects beside the bundle: use --out DIR, not --stdout'));
  if (specs && (args.report === 'html' || args.report === 'markdown'))
    d.add(usage(`--report ${args.report} reports on one set of inputs, not on environments: build each environment with it, or give the inputs as arguments`));
  if (specs && args.keepGoing) d.add(usage('--keep-going works on one set of inputs, not environments: build each environment with it, or give the inputs as arguments'));
  if (d.hasErrors()) return emitDiagnostics(io, d.items, [], report);
  if (args.keepGoing) return (await import('./build-keep-going.js')).buildKeepGoing(args, io, options, d.items, report);

  let rendered: Rendered | undefined;
  let fleet: FleetContext = { entries: [], source: (f) => f };
  let count = { objects: 0, namespaces: 0, environments: 0 };
  let files: string[];
  let diagnostics: Diagnostic[];
  if (specs) {
    const result = await compileEnvironments(specs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize });
    files = result.files;
    diagnostics = [...d.items, ...result.diagnostics];
    if (!failing(diagnostics)) {
      rendered = renderEnvironments(result.environments, args.format === 'json' ? 'json' : 'yaml');
      const all = result.environments.flatMap((e) => e.entries);
      count = { objects: all.length, namespaces: new Set(all.map((e) => e.namespace)).size, environments: result.environments.length };
    }
  } else {
    const progress = new Progress(io.stderr, io.env, { quiet: args.quiet === true });
    const onProgress: CompileProgress = (stage, done, total) => progress.count(stage === 'read' ? 'reading inputs' : 'converting services', done, total);
    const result = await build(
      args.inputs,
      options,
      { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize, ...(progress.enabled && { progress: onProgress }) },
      { format: args.format, strict: args.strict, render: !args.stdout },
    );
    progress.done();
    files = result.files;
    diagnostics = [...d.items, ...result.diagnostics];
    fleet = { entries: result.entries, source: await sourceNamer(files, io.cwd, options.projectRoot) };
    if (result.rendered && !failing(diagnostics)) {
      rendered = result.rendered;
      count = { objects: result.entries.length, namespaces: new Set(result.entries.map((e) => e.namespace)).size, environments: result.environments?.length ?? 0 };
    }
    if (args.stdout && !failing(diagnostics)) {
      const reported = await emitDiagnostics(io, diagnostics, files, report, undefined, fleet);
      if (reported !== EXIT.ok) return reported;
      io.stdout.write(renderStream(result.entries, args.format === 'json' ? 'json' : 'yaml'));
      return EXIT.ok;
    }
  }
  if (rendered && gitops.options) {
    const { renderGitops } = await import('../../bundle/gitops/render.js');
    const g = renderGitops(gitops.options, rendered.files, rendered.environments);
    for (const issue of g.issues)
      diagnostics.push({ code: 'invalid-output', severity: 'error', message: `${issue}: check --repo-url, --revision and --path; if they are right, this is a bug in ecs2k8s, please report it` });
    for (const [p] of g.files)
      if (rendered.files.has(p)) diagnostics.push(usage(`the GitOps objects go to ${p}, which the bundle uses too (a namespace named "gitops"?): build into another --out, or rename the namespace`));
    for (const [p, c] of g.files) if (!rendered.files.has(p)) rendered.files.set(p, c);
  }
  if (!rendered || failing(diagnostics)) return emitDiagnostics(io, diagnostics, files, report, undefined, { ...fleet, entries: [] });
  return checkOrWrite(args, io, out, rendered.files, count, diagnostics, files, report, { ...fleet, out });
}

/**
 * Writes the bundle, or with --check compares it. Either way, what a person changed in the output
 * folder is named first (hand-edited) and the diagnostics are written then, with the check's
 * result in a json report. --check's diff goes to stdout, unless a json or sarif report owns
 * stdout: then to stderr (README, "Where output goes").
 */
async function checkOrWrite(
  args: BuildArgs,
  io: CliIO,
  out: string,
  files: BundleFiles,
  count: { objects: number; namespaces: number; environments: number },
  diagnostics: Diagnostic[],
  inputs: string[],
  report: ReportOptions,
  fleet: FleetContext,
): Promise<number> {
  const outDir = resolve(io.cwd, out);
  try {
    const inspected = await inspect(io, () => inspectOutput(outDir, out, files, args.check), diagnostics, inputs, report);
    const check = inspected.check;
    const all = [...diagnostics, ...inspected.diagnostics];
    const member = check && { check: { out, changed: check.changed, created: check.created, modified: check.modified, removed: check.removed, diff: check.diff } };
    const code = await emitDiagnostics(io, all, inputs, report, member, fleet);
    if (code !== EXIT.ok) return code;
    // When a machine report owns stdout, what is for people goes to stderr so that stdout stays parseable.
    const human = reportOwnsStdout(report) ? io.stderr : io.stdout;
    if (check) {
      if (!check.changed) return EXIT.ok;
      human.write(check.diff);
      io.stderr.write(
        `ecs2k8s: the bundle in ${out} is out of date (${[check.created.length && `${check.created.length} to create`, check.modified.length && `${check.modified.length} to change`, check.removed.length && `${check.removed.length} to remove`].filter(Boolean).join(', ')}): run ecs2k8s build without --check to update it\n`,
      );
      return EXIT.differences;
    }
    const progress = new Progress(io.stderr, io.env, { quiet: args.quiet === true });
    progress.update(`writing ${files.size} files to ${out}`, true);
    const written = await writeBundle(outDir, files).finally(() => progress.done());
    const envs = count.environments > 0 ? ` for ${count.environments} environment${count.environments === 1 ? '' : 's'}` : '';
    human.write(
      `ecs2k8s: ${count.objects} objects in ${count.namespaces} namespace${count.namespaces === 1 ? '' : 's'}${envs} → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`,
    );
    if (args.failOnChange && written.written.length + written.removed.length > 0) {
      io.stderr.write(`ecs2k8s: the bundle in ${out} was out of date and is updated (${written.written.length} written, ${written.removed.length} removed): review and stage it (git add ${out})\n`);
      return EXIT.differences;
    }
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  }
}

/** Reads the output folder; when that fails (a symbolic link, I/O), the diagnostics are still shown before the error. */
async function inspect<T>(io: CliIO, read: () => Promise<T>, diagnostics: Diagnostic[], inputs: string[], report: ReportOptions): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof BundleWriteError) await emitDiagnostics(io, diagnostics, inputs, report);
    throw e;
  }
}
