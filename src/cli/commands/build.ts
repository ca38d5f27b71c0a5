/**
 * `ecs2k8s build <inputs…> --out DIR`: compile, validate the output, then write the bundle
 * (or print it with --stdout, or compare it with --check). Nothing is written unless the
 * whole build succeeded, except with --keep-going (./build-keep-going.ts). With environments (`--env`, or the project file's), the output is a
 * base and overlays; with `--format helm`, charts; with `--gitops`, Argo CD or Flux objects
 * besides. The renderers live in src/bundle/; this file only picks them.
 */
import { BundleWriteError, checkBundle, findHandEdits, renderBundle, renderStream, writeBundle, type BundleEntry, type BundleFiles } from '../../bundle/index.js';
import { handEditDiagnostics } from '../../bundle/hand-edits.js';
import { renderOverlays } from '../../bundle/overlays.js';
import type { GitopsEnvironment } from '../../bundle/gitops/render.js';
import { resolveGitops, type ArgoKind, type GitopsTool } from '../../bundle/gitops/source.js';
import { compile, type CompileProgress } from '../../compile.js';
import { Progress } from '../progress.js';
import { Diagnostics, show, type Diagnostic } from '../../diagnostics.js';
import { compileEnvironments, environmentSpecs } from '../../environments.js';
import { dnsLabel } from '../../k8s/names.js';
import { loadProjectFile } from '../../load/config.js';
import { repositoryRoot, sourceNamer } from '../../load/root.js';
import { IMAGE_REFERENCE_FORM, imageReferenceProblem } from '../../load/image-reference.js';
import { own } from '../../model/values.js';
import { applyProjectFile, defaultOptions, type Options, type ProjectFile, type WorkloadKind } from '../../options.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { EXIT, type CliIO } from '../io.js';
import { applyStrict, emitDiagnostics, exitCodeFor, reportOwnsStdout, type FleetContext, type ReportOptions } from '../report.js';

export interface BuildArgs extends ReportOptions {
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
  images: string[];
  namespace?: string;
  region?: string;
  /** `--account`, `--stack-name`, `--parameter KEY=VALUE` (repeatable): what CloudFormation templates resolve with. */
  account?: string;
  stackName?: string;
  parameters?: string[];
  /** `--var NAME=VALUE` (repeatable): Terraform variables of .tf inputs. */
  vars?: string[];
  replicas?: number;
  workload?: WorkloadKind;
  schedule?: string;
  serviceName?: string;
  config?: string;
  maxInputSize: number;
}

export async function resolveOptions(args: BuildArgs, io: CliIO, d: Diagnostics): Promise<Options> {
  return (await resolveProject(args, io, d)).options;
}

/** The options, and the project file they came from (for its environments and gitops settings). */
export async function resolveProject(args: BuildArgs, io: CliIO, d: Diagnostics): Promise<{ options: Options; project?: ProjectFile; projectFile?: string }> {
  let options = defaultOptions();
  const found: { file?: string } = {};
  const project = await loadProjectFile(args.config, io.cwd, d, found);
  if (project) options = { ...applyProjectFile(options, project.value, project), projectRoot: dirname(project.path) };
  for (const spec of args.images) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      d.add({ code: 'usage', severity: 'error', message: `--image ${JSON.stringify(spec)} is not CONTAINER=URI (for example --image web=123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2)` });
      continue;
    }
    const [name, uri] = [spec.slice(0, eq), spec.slice(eq + 1)];
    if (own(options.imageOrigins, name)?.via === '--image') {
      d.add({ code: 'usage', severity: 'error', message: `--image names the container ${show(name)} twice (${show(options.images[name])}, then ${show(uri)}): give its image once` });
      continue;
    }
    const problem = imageReferenceProblem(uri);
    if (problem) d.add({ code: 'invalid-image', severity: 'error', message: `--image ${name}=${show(uri)}: not an image reference: ${problem}; ${IMAGE_REFERENCE_FORM}` });
    options.images[name] = uri;
    options.imageOrigins[name] = { via: '--image', severity: 'error' };
  }
  if (args.namespace !== undefined) options.namespaceOverride = args.namespace;
  readFlags(args, options, d);
  varFlags(args.vars ?? [], options, d);
  if (args.replicas !== undefined) options.replicasOverride = args.replicas;
  if (args.workload !== undefined) options.workloadOverride = args.workload;
  if (args.schedule !== undefined) {
    options.scheduleOverride = args.schedule;
    if (args.workload === undefined) options.workloadOverride = 'cronjob';
  }
  if (args.serviceName !== undefined) options.serviceName = args.serviceName;
  return { options, ...(project && { project: project.value }), ...(found.file !== undefined && { projectFile: found.file }) };
}

const usage = (message: string): Diagnostic => ({ code: 'usage', severity: 'error', message });

/** --region, --account, --stack-name and --parameter over the project file's: what templates resolve with (src/load/readers/). */
function readFlags(args: BuildArgs, options: Options, d: Diagnostics): void {
  const read = { ...options.read };
  const origins = { ...options.readOrigins };
  if (args.region !== undefined) {
    read.region = args.region;
    origins['region'] = { via: `--region ${show(args.region)}` };
  }
  if (args.account !== undefined) {
    if (!/^\d{12}$/.test(args.account)) d.add(usage(`--account ${show(args.account)} is not an AWS account id (12 digits)`));
    read.account = args.account;
    origins['account'] = { via: `--account ${show(args.account)}` };
  }
  if (args.stackName !== undefined) {
    read.stackName = args.stackName;
    origins['stackName'] = { via: `--stack-name ${show(args.stackName)}` };
  }
  const given = new Set<string>();
  for (const spec of args.parameters ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      d.add(usage(`--parameter ${show(spec)} is not KEY=VALUE (for example --parameter ImageTag=1.4.2)`));
      continue;
    }
    const key = spec.slice(0, eq);
    if (given.has(key)) d.add(usage(`--parameter names ${show(key)} twice: give it once`));
    given.add(key);
    read.parameters = { ...read.parameters, [key]: spec.slice(eq + 1) };
    origins[`parameter:${key}`] = { via: `--parameter ${key}` };
  }
  options.read = read;
  options.readOrigins = origins;
}

/** `--var NAME=VALUE`, over the project file's `variables`: what `.tf` inputs resolve `var.NAME` with. */
function varFlags(specs: readonly string[], options: Options, d: Diagnostics): void {
  const given = new Set<string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      d.add(usage(`--var ${show(spec)} is not NAME=VALUE (for example --var image_tag=1.4.2)`));
      continue;
    }
    if (given.has(name)) d.add(usage(`--var names ${show(name)} twice: give it once`));
    given.add(name);
    options.read = { ...options.read, variables: { ...options.read?.variables, [name]: spec.slice(eq + 1) } };
  }
}

interface Rendered {
  files: BundleFiles;
  /** Per environment, for --gitops; undefined for a plain bundle. */
  environments?: GitopsEnvironment[];
}

const onlyNamespace = (entries: readonly BundleEntry[]) => {
  const ns = new Set(entries.map((e) => e.namespace));
  return ns.size === 1 ? [...ns][0] : undefined;
};

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const d = new Diagnostics();
  const { options, project, projectFile } = await resolveProject(args, io, d);
  const report: ReportOptions = { ...args, rules: options.diagnostics, command: 'build' };
  const failing = (ds: readonly Diagnostic[]) => exitCodeFor(applyStrict(ds, args.strict, options.diagnostics)) !== EXIT.ok;
  const projectDir = resolve(io.cwd, projectFile === undefined ? '.' : dirname(projectFile));
  // Inputs on the command line are a plain build, even when the project file has environments.
  const projectEnvironments = args.inputs.length > 0 && (args.envs ?? []).length === 0 ? undefined : project?.environments;
  const specs = environmentSpecs(args.envs ?? [], projectEnvironments, (p) => relative(io.cwd, resolve(projectDir, p)).split(sep).join('/') || '.', d);
  if (specs && args.inputs.length > 0) d.add(usage(`give inputs per environment (--env NAME=PATHS or the project file's environments), not as arguments too (${args.inputs.join(' ')})`));
  if (specs && args.stdout) d.add(usage('environments are written as a base and overlays: use --out DIR, not --stdout'));
  if (specs && args.format === 'helm') d.add(usage('--format helm builds one set of inputs into charts; environments are written as kustomize overlays (drop --format helm, or build each environment into its own charts)'));
  if (!specs && args.inputs.length === 0 && !d.hasErrors()) d.add(usage('build needs inputs: files, directories or - (or environments: --env NAME=PATHS)'));
  const out = args.out ?? '';
  // --gitops' default --path: the output folder in its repository (as the controller reads it), not where the command ran.
  const outAbs = resolve(io.cwd, out);
  const outRel = relative((await repositoryRoot(outAbs)) ?? io.cwd, outAbs).split(sep).join('/');
  const gitops = resolveGitops({ tool: args.gitops, repoURL: args.repoUrl, revision: args.revision, path: args.repoPath, name: args.gitopsName, argocdKind: args.argocdKind }, project?.gitops, outRel, (x) => dnsLabel(x));
  for (const p of gitops.problems) d.add(usage(p));
  if (args.gitopsName !== undefined && dnsLabel(args.gitopsName) !== args.gitopsName) d.add(usage(`--gitops-name ${JSON.stringify(args.gitopsName)} is not a DNS label (lowercase letters, digits and "-", at most 63): try ${JSON.stringify(dnsLabel(args.gitopsName))}`));
  if (gitops.options && args.format === 'helm') d.add(usage('--gitops points Argo CD or Flux at kustomize folders: use it with YAML bundles or environments, not --format helm'));
  if (gitops.options && args.stdout) d.add(usage('--gitops writes its objects beside the bundle: use --out DIR, not --stdout'));
  if (specs && (args.report === 'html' || args.report === 'markdown')) d.add(usage(`--report ${args.report} reports on one set of inputs, not on environments: build each environment with it, or give the inputs as arguments`));
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
      rendered = { files: renderOverlays(result.environments, args.format === 'json' ? 'json' : 'yaml'), environments: result.environments.map((e) => ({ name: e.name, ...(onlyNamespace(e.entries) !== undefined && { namespace: onlyNamespace(e.entries) }) })) };
      const all = result.environments.flatMap((e) => e.entries);
      count = { objects: all.length, namespaces: new Set(all.map((e) => e.namespace)).size, environments: result.environments.length };
    }
  } else {
    const progress = new Progress(io.stderr, io.env, { quiet: args.quiet === true });
    const onProgress: CompileProgress = (stage, done, total) => progress.count(stage === 'read' ? 'reading inputs' : 'converting services', done, total);
    const result = await compile(args.inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize, ...(progress.enabled && { progress: onProgress }) });
    progress.done();
    files = result.files;
    diagnostics = [...d.items, ...result.diagnostics];
    fleet = { entries: result.entries, source: await sourceNamer(files, io.cwd, options.projectRoot) };
    if (!failing(diagnostics) && !args.stdout) {
      const format = args.format;
      if (result.environments && format !== 'helm') {
        // A reader's environments (Copilot's): written as a base and overlays, as --env builds are.
        rendered = { files: renderOverlays(result.environments, format), environments: result.environments.map((e) => ({ name: e.name, ...(onlyNamespace(e.entries) !== undefined && { namespace: onlyNamespace(e.entries) }) })) };
      } else rendered = { files: format === 'helm' ? (await import('../../bundle/helm/render.js')).renderHelm(result.entries) : renderBundle(result.entries, format) };
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
    for (const issue of g.issues) diagnostics.push({ code: 'invalid-output', severity: 'error', message: `${issue}: check --repo-url, --revision and --path; if they are right, this is a bug in ecs2k8s, please report it` });
    for (const [p] of g.files) if (rendered.files.has(p)) diagnostics.push(usage(`the GitOps objects go to ${p}, which the bundle uses too (a namespace named "gitops"?): build into another --out, or rename the namespace`));
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
async function checkOrWrite(args: BuildArgs, io: CliIO, out: string, files: BundleFiles, count: { objects: number; namespaces: number; environments: number }, diagnostics: Diagnostic[], inputs: string[], report: ReportOptions, fleet: FleetContext): Promise<number> {
  const outDir = resolve(io.cwd, out);
  try {
    const check = args.check ? await inspect(io, () => checkBundle(outDir, files), diagnostics, inputs, report) : undefined;
    const edits = check ?? (await inspect(io, () => findHandEdits(outDir, files), diagnostics, inputs, report));
    const all = [...diagnostics, ...handEditDiagnostics(edits, out, args.check)];
    const member = check && { check: { out, changed: check.changed, created: check.created, modified: check.modified, removed: check.removed, diff: check.diff } };
    const code = await emitDiagnostics(io, all, inputs, report, member, fleet);
    if (code !== EXIT.ok) return code;
    // When a machine report owns stdout, what is for people goes to stderr so that stdout stays parseable.
    const human = reportOwnsStdout(report) ? io.stderr : io.stdout;
    if (check) {
      if (!check.changed) return EXIT.ok;
      human.write(check.diff);
      io.stderr.write(`ecs2k8s: the bundle in ${out} is out of date (${[check.created.length && `${check.created.length} to create`, check.modified.length && `${check.modified.length} to change`, check.removed.length && `${check.removed.length} to remove`].filter(Boolean).join(', ')}): run ecs2k8s build without --check to update it\n`);
      return EXIT.differences;
    }
    const progress = new Progress(io.stderr, io.env, { quiet: args.quiet === true });
    progress.update(`writing ${files.size} files to ${out}`, true);
    const written = await writeBundle(outDir, files).finally(() => progress.done());
    const envs = count.environments > 0 ? ` for ${count.environments} environment${count.environments === 1 ? '' : 's'}` : '';
    human.write(`ecs2k8s: ${count.objects} objects in ${count.namespaces} namespace${count.namespaces === 1 ? '' : 's'}${envs} → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
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
