/**
 * `ecs2k8s build <inputs…> --out DIR`: compile, validate the output, then write the bundle
 * (or print it with --stdout, or compare it with --check). Nothing is written unless the
 * whole build succeeded.
 */
import { BundleWriteError, checkBundle, renderBundle, renderStream, writeBundle, type OutputFormat } from '../../bundle/index.js';
import { compile } from '../../compile.js';
import { Diagnostics } from '../../diagnostics.js';
import { loadProjectFile } from '../../load/config.js';
import { applyProjectFile, defaultOptions, type Options, type WorkloadKind } from '../../options.js';
import { resolve } from 'node:path';
import { EXIT, type CliIO } from '../io.js';
import { applyStrict, emitDiagnostics, exitCodeFor, type ReportOptions } from '../report.js';

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
  return options;
}

export async function buildCommand(args: BuildArgs, io: CliIO): Promise<number> {
  const d = new Diagnostics();
  const options = await resolveOptions(args, io, d);
  if (d.hasErrors()) return emitDiagnostics(io, d.items, [], args);
  const result = await compile(args.inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: args.maxInputSize });
  const diagnostics = [...d.items, ...result.diagnostics];
  const code = exitCodeFor(applyStrict(diagnostics, args.strict));
  const reported = await emitDiagnostics(io, diagnostics, result.files, args);
  if (code !== EXIT.ok) return code;
  if (reported !== EXIT.ok) return reported;
  if (args.stdout) {
    io.stdout.write(renderStream(result.entries, args.format));
    return EXIT.ok;
  }
  const out = args.out!;
  const outDir = resolve(io.cwd, out);
  const files = renderBundle(result.entries, args.format);
  try {
    if (args.check) {
      const check = await checkBundle(outDir, files);
      if (!check.changed) return EXIT.ok;
      io.stdout.write(check.diff);
      io.stderr.write(`ecs2k8s: the bundle in ${out} is out of date (${[check.created.length && `${check.created.length} to create`, check.modified.length && `${check.modified.length} to change`, check.removed.length && `${check.removed.length} to remove`].filter(Boolean).join(', ')}): run ecs2k8s build without --check to update it\n`);
      return EXIT.differences;
    }
    const written = await writeBundle(outDir, files);
    const namespaces = new Set(result.entries.map((e) => e.namespace));
    // When a machine report owns stdout, the summary goes to stderr so that stdout stays parseable.
    const summaryStream = args.report !== 'text' && (args.reportFile === undefined || args.reportFile === '-') ? io.stderr : io.stdout;
    summaryStream.write(`ecs2k8s: ${result.entries.length} objects in ${namespaces.size} namespace${namespaces.size === 1 ? '' : 's'} → ${out} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  }
}
