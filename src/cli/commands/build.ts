/**
 * `ecs2k8s build <inputs…> --out DIR`: compile, validate the output, then write the bundle
 * (or print it with --stdout, or compare it with --check). Nothing is written unless the
 * whole build succeeded. With environments (`--env`, or the project file's), the output is a
 * base and overlays; with `--format helm`, charts; with `--gitops`, Argo CD or Flux objects
 * besides. The renderers live in src/bundle/; this file only picks them.
 */
import { BundleWriteError, checkBundle, renderBundle, renderStream, writeBundle, type BundleEntry, type BundleFiles } from '../../bundle/index.js';
import { renderOverlays } from '../../bundle/overlays.js';
import type { GitopsEnvironment } from '../../bundle/gitops/render.js';
import { resolveGitops, type ArgoKind, type GitopsTool } from '../../bundle/gitops/source.js';
import { compile } from '../../compile.js';
import { Diagnostics, type Diagnostic } from '../../diagnostics.js';
import { compileEnvironments, environmentSpecs } from '../../environments.js';
import { dnsLabel } from '../../k8s/names.js';
import { loadProjectFile } from '../../load/config.js';
import { applyProjectFile, defaultOptions, type Options, type ProjectFile, type WorkloadKind } from '../../options.js';
import { dirname, relative, resolve, sep } from 'node:path';
import { EXIT, type CliIO } from '../io.js';
import { applyStrict, emitDiagnostics, exitCodeFor, type ReportOptions } from '../report.js';

export interface BuildArgs extends ReportOptions {
  inputs: string[];
  out?: string;
  stdout: boolean;
  format: 'yaml' | 'json' | 'helm';
  check: boolean;
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
  if (project) options = applyProjectFile(options, project);
  for (const spec of args.images) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      d.add({ code: 'usage', severity: 'error', message: `--image ${JSON.stringify(spec)} is not CONTAINER=URI (for example --image web=123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2)` });
      continue;
    }
    options.images[spec.slice(0, eq)] = spec.slice(eq + 1);
  }
  if (args.namespace !== undefined) options.namespaceOverride = args.namespace;
  if (args.region !== undefined) options.region = args.region;
  if (args.replicas !== undefined) options.replicas = args.replicas;
  if (args.workload !== undefined) options.workload = args.workload;
  if (args.schedule !== undefined) {
    options.schedule = args.schedule;
    if (args.workload === undefined) options.workload = 'cronjob';
  }
  if (args.serviceName !== undefined) options.serviceName = args.serviceName;
  return { options, ...(project && { project }), ...(found.file !== undefined && { projectFile: found.file }) };
}

const usage = (message: string): Diagnostic => ({ code: 'usage', severity: 'error', message });

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
  const projectDir = resolve(io.cwd, projectFile === undefined ? '.' : dirname(projectFile));
  // Inputs on the command line are a plain build, even when the project file has environments.
  const projectEnvironments = args.inputs.length > 0 && (args.envs ?? []).length === 0 ? undefined : project?.environments;
  const specs = environmentSpecs(args.envs ?? [], projectEnvironments, (p) => relative(io.cwd, resolve(projectDir, p)).split(sep).join('/') || '.', d);
  if (specs && args.inputs.length > 0) d.add(usage(`give inputs per environment (--env NAME=PATHS or the project file's environments), not as arguments too (${args.inputs.join(' ')})`));
  if (specs && args.stdout) d.add(usage('environments are written as a base and overlays: use --out DIR, not --stdout'));
  if (specs && args.format === 'helm') d.add(usage('--format helm builds one set of inputs into charts; environments are written as kustomize overlays (drop --format helm, or build each environment into its own charts)'));
  if (!specs && args.inputs.length === 0 && !d.hasErrors()) d.add(usage('build needs inputs: files, directories or - (or environments: --env NAME=PATHS)'));
  const out = args.out ?? '';
  const outRel = relative(io.cwd, resolve(io.cwd, out)).split(sep).join('/');
  const gitops = resolveGitops({ tool: args.gitops, repoURL: args.repoUrl, revision: args.revision, path: args.repoPath, name: args.gitopsName, argocdKind: args.argocdKind }, project?.gitops, outRel, (x) => dnsLabel(x));
  for (const p of gitops.problems) d.add(usage(p));
  if (args.gitopsName !== undefined && dnsLabel(args.gitopsName) !== args.gitopsName) d.add(usage(`--gitops-name ${JSON.stringify(args.gitopsName)} is not a DNS label (lowercase letters, digits and "-", at most 63): try ${JSON.stringify(dnsLabel(args.gitopsName))}`));
  if (gitops.options && args.format === 'helm') d.add(usage('--gitops points Argo CD or Flux at kustomize folders: use it with YAML bundles or environments, not --format helm'));
  if (gitops.options && args.stdout) d.add(usage('--gitops writes its objects beside the bundle: use --out DIR, not --stdout'));
  if (d.hasErrors()) return emitDiagnostics(io, d.items, [], args);

  let rendered: Rendered | undefined;
  let count = { objects: 0, namespaces: 0, environments: 0 };
  let files: string[];
  let diagnostics: Diagnostic[];
  if (specs) {
    const result = await compileEnvironments(specs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize });
    files = result.files;
    diagnostics = [...d.items, ...result.diagnostics];
    if (exitCodeFor(applyStrict(diagnostics, args.strict)) === EXIT.ok) {
      rendered = { files: renderOverlays(result.environments, args.format === 'json' ? 'json' : 'yaml'), environments: result.environments.map((e) => ({ name: e.name, ...(onlyNamespace(e.entries) !== undefined && { namespace: onlyNamespace(e.entries) }) })) };
      const all = result.environments.flatMap((e) => e.entries);
      count = { objects: all.length, namespaces: new Set(all.map((e) => e.namespace)).size, environments: result.environments.length };
    }
  } else {
    const result = await compile(args.inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize });
    files = result.files;
    diagnostics = [...d.items, ...result.diagnostics];
    if (exitCodeFor(applyStrict(diagnostics, args.strict)) === EXIT.ok && !args.stdout) {
      const format = args.format;
      rendered = { files: format === 'helm' ? (await import('../../bundle/helm/render.js')).renderHelm(result.entries) : renderBundle(result.entries, format) };
      count = { objects: result.entries.length, namespaces: new Set(result.entries.map((e) => e.namespace)).size, environments: 0 };
    }
    if (args.stdout && exitCodeFor(applyStrict(diagnostics, args.strict)) === EXIT.ok) {
      const reported = await emitDiagnostics(io, diagnostics, files, args);
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
  const code = exitCodeFor(applyStrict(diagnostics, args.strict));
  const reported = await emitDiagnostics(io, diagnostics, files, args);
  if (code !== EXIT.ok) return code;
  if (reported !== EXIT.ok) return reported;
  return checkOrWrite(args, io, out, rendered!.files, count);
}

async function checkOrWrite(args: BuildArgs, io: CliIO, out: string, files: BundleFiles, count: { objects: number; namespaces: number; environments: number }): Promise<number> {
  const outDir = resolve(io.cwd, out);
  try {
    if (args.check) {
      const check = await checkBundle(outDir, files);
      if (!check.changed) return EXIT.ok;
      io.stdout.write(check.diff);
      io.stderr.write(`ecs2k8s: the bundle in ${out} is out of date (${[check.created.length && `${check.created.length} to create`, check.modified.length && `${check.modified.length} to change`, check.removed.length && `${check.removed.length} to remove`].filter(Boolean).join(', ')}): run ecs2k8s build without --check to update it\n`);
      return EXIT.differences;
    }
    const written = await writeBundle(outDir, files);
    // When a machine report owns stdout, the summary goes to stderr so that stdout stays parseable.
    const summaryStream = args.report !== 'text' && (args.reportFile === undefined || args.reportFile === '-') ? io.stderr : io.stdout;
    const envs = count.environments > 0 ? ` for ${count.environments} environment${count.environments === 1 ? '' : 's'}` : '';
    summaryStream.write(`ecs2k8s: ${count.objects} objects in ${count.namespaces} namespace${count.namespaces === 1 ? '' : 's'}${envs} → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  }
}
