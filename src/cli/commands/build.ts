/**
 * `ecs2k8s build <inputs…> --out DIR`: compile, validate the output, then write the bundle
 * (or print it with --stdout, or compare it with --check). Nothing is written unless the
 * whole build succeeded.
 */
import { BundleWriteError, checkBundle, findHandEdits, renderBundle, renderStream, writeBundle, type BundleFiles, type OutputFormat } from '../../bundle/index.js';
import { handEditDiagnostics } from '../../bundle/hand-edits.js';
import { compile, type CompileResult } from '../../compile.js';
import { Diagnostics, show, type Diagnostic } from '../../diagnostics.js';
import { loadProjectFile } from '../../load/config.js';
import { IMAGE_REFERENCE_FORM, imageReferenceProblem } from '../../load/image-reference.js';
import { own } from '../../model/values.js';
import { applyProjectFile, defaultOptions, type Options, type WorkloadKind } from '../../options.js';
import { dirname, resolve } from 'node:path';
import { EXIT, type CliIO } from '../io.js';
import { applyStrict, emitDiagnostics, exitCodeFor, reportOwnsStdout, type ReportOptions } from '../report.js';

export interface BuildArgs extends ReportOptions {
  inputs: string[];
  out?: string;
  stdout: boolean;
  format: OutputFormat;
  check: boolean;
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
  let options = defaultOptions();
  const project = await loadProjectFile(args.config, io.cwd, d);
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
  if (args.region !== undefined) {
    d.add({ code: 'not-applied', severity: 'warning', message: `--region ${show(args.region)} changes nothing in a bundle: the ECS ARNs of the inputs carry their own region (--region is import's flag)` });
  }
  if (project?.value.region !== undefined) d.warn(project, '/region', 'not-applied', `region ${show(project.value.region)} changes nothing in a bundle: the ECS ARNs of the inputs carry their own region; remove the setting`, 'key');
  if (args.replicas !== undefined) options.replicasOverride = args.replicas;
  if (args.workload !== undefined) options.workloadOverride = args.workload;
  if (args.schedule !== undefined) {
    options.scheduleOverride = args.schedule;
    if (args.workload === undefined) options.workloadOverride = 'cronjob';
  }
  if (args.serviceName !== undefined) options.serviceName = args.serviceName;
  return options;
}

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const d = new Diagnostics();
  const options = await resolveOptions(args, io, d);
  const report = { ...args, rules: options.diagnostics };
  if (d.hasErrors()) return emitDiagnostics(io, d.items, [], report);
  const result = await compile(args.inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize });
  const diagnostics = [...d.items, ...result.diagnostics];
  if (exitCodeFor(applyStrict(diagnostics, args.strict, options.diagnostics)) !== EXIT.ok || args.stdout) {
    const code = await emitDiagnostics(io, diagnostics, result.files, report);
    if (code === EXIT.ok) io.stdout.write(renderStream(result.entries, args.format));
    return code;
  }
  const out = args.out!;
  const outDir = resolve(io.cwd, out);
  const files = renderBundle(result.entries, args.format);
  try {
    return args.check ? await check(io, outDir, out, files, diagnostics, result.files, report) : await write(io, outDir, out, files, diagnostics, result, report);
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  }
}

/**
 * --check: exit 0 when the bundle on disk is current, 1 and a unified diff when not. The diff goes
 * to stdout, unless a json or sarif report owns stdout: then to stderr (and, for json, into the
 * report's `check` member, always).
 */
async function check(io: CliIO, outDir: string, out: string, files: BundleFiles, diagnostics: Diagnostic[], inputs: string[], report: ReportOptions): Promise<number> {
  const c = await inspect(io, () => checkBundle(outDir, files), diagnostics, inputs, report);
  const all = [...diagnostics, ...handEditDiagnostics(c, out, true)];
  const member = { check: { out, changed: c.changed, created: c.created, modified: c.modified, removed: c.removed, diff: c.diff } };
  const code = await emitDiagnostics(io, all, inputs, report, member);
  if (code !== EXIT.ok) return code;
  if (!c.changed) return EXIT.ok;
  (reportOwnsStdout(report) ? io.stderr : io.stdout).write(c.diff);
  io.stderr.write(`ecs2k8s: the bundle in ${out} is out of date (${[c.created.length && `${c.created.length} to create`, c.modified.length && `${c.modified.length} to change`, c.removed.length && `${c.removed.length} to remove`].filter(Boolean).join(', ')}): run ecs2k8s build without --check to update it\n`);
  return EXIT.differences;
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

/** Writes the bundle, after saying which files a person changed that it replaces. */
async function write(io: CliIO, outDir: string, out: string, files: BundleFiles, diagnostics: Diagnostic[], result: CompileResult, report: ReportOptions): Promise<number> {
  const edits = await inspect(io, () => findHandEdits(outDir, files), diagnostics, result.files, report);
  const all = [...diagnostics, ...handEditDiagnostics(edits, out, false)];
  const code = await emitDiagnostics(io, all, result.files, report);
  if (code !== EXIT.ok) return code;
  const written = await writeBundle(outDir, files);
  const namespaces = new Set(result.entries.map((e) => e.namespace));
  // When a machine report owns stdout, the summary goes to stderr so that stdout stays parseable.
  (reportOwnsStdout(report) ? io.stderr : io.stdout).write(`ecs2k8s: ${result.entries.length} objects in ${namespaces.size} namespace${namespaces.size === 1 ? '' : 's'} → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
  return EXIT.ok;
}
