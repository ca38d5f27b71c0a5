/**
 * The GitHub Action: reads its inputs from `INPUT_*`, builds (or checks) the bundle with the same
 * code as `ecs2k8s build`, and reports the way a runner shows it: annotations on the input file
 * and line, outputs in `$GITHUB_OUTPUT`, a markdown summary in `$GITHUB_STEP_SUMMARY`.
 * Exit status 0 when the bundle was built (or is current), 1 otherwise.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { BundleWriteError, checkBundle, renderBundle, writeBundle } from '../bundle/index.js';
import { compile } from '../compile.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { loadProjectFile } from '../load/config.js';
import { applyProjectFile, defaultOptions, type Options } from '../options.js';
import { formatGithub, summaryLine } from '../report/text.js';
import type { ClusterIO, ObjectResult } from '../cluster/io.js';
import { formatSummary, type SummaryInput } from './summary.js';
import { appendSummary, escapeData, getBooleanInput, getInput, getListInput, InputError, verbatim, workflowCommand, writeOutputs, type Env } from './workflow.js';

export interface ActionIO {
  /** Where workflow commands and the log go (the runner reads commands from stdout). */
  stdout: { write(s: string): unknown };
  env: Env;
  /** The process's working directory (the runner starts actions in GITHUB_WORKSPACE). */
  cwd: string;
}

/** The inputs, read and checked. Paths are as given, relative to the workspace. */
export interface ActionInputs {
  taskDefinitions: string[];
  serviceDefinitions: string[];
  containerNames: string[];
  image: string;
  namespace: string;
  out: string;
  config: string;
  strict: boolean;
  check: boolean;
  diff: boolean;
  apply: boolean;
  kubeconfig: string;
}

export function readInputs(env: Env): ActionInputs {
  const inputs: ActionInputs = {
    taskDefinitions: getListInput(env, 'task-definition'),
    serviceDefinitions: getListInput(env, 'service-definition'),
    containerNames: getListInput(env, 'container-name'),
    image: getInput(env, 'image'),
    namespace: getInput(env, 'namespace'),
    out: getInput(env, 'out') || 'k8s',
    config: getInput(env, 'config'),
    strict: getBooleanInput(env, 'strict'),
    check: getBooleanInput(env, 'check'),
    diff: getBooleanInput(env, 'diff'),
    apply: getBooleanInput(env, 'apply'),
    kubeconfig: getInput(env, 'kubeconfig'),
  };
  if (inputs.taskDefinitions.length === 0 && inputs.serviceDefinitions.length === 0) {
    throw new InputError('the input "task-definition" is required: the path of an ECS task definition JSON file (several: one a line, or comma-separated)');
  }
  if (inputs.containerNames.length > 0 && inputs.image === '') throw new InputError('"container-name" is given without "image": give both, as for aws-actions/amazon-ecs-render-task-definition');
  if (inputs.image !== '' && inputs.containerNames.length === 0) throw new InputError('"image" is given without "container-name": name the container(s) whose image it replaces');
  if (/\s/.test(inputs.image)) throw new InputError(`the input "image" ${JSON.stringify(inputs.image)} contains white space: give one image URI`);
  if (inputs.check && (inputs.diff || inputs.apply)) throw new InputError('"check" compares the bundle with the files in "out"; it cannot be combined with "diff" or "apply"');
  return inputs;
}

/**
 * `diff` or `apply` of the bundle just written, in-process, through the cluster stage's own
 * functions (src/cluster/run.ts) with a sink that collects its lines; the structured result
 * says how it went (exit code, each object's outcome, the failure). The kubeconfig input (a
 * path in the workspace) wins over KUBECONFIG; the project file's `applyset` names the
 * ApplySet. Credentials go through the same redaction as on the command line. Exec credential
 * plugins run as on the command line; auth-provider plugins and SOCKS proxies need
 * @kubernetes/client-node, which the action does not carry.
 */
async function clusterStage(command: 'diff' | 'apply', outDir: string, outPath: string, workspace: string, kubeconfig: string, env: Env, applyset: string | undefined): Promise<ClusterRun> {
  const { loadBundle } = await import('../cluster/bundle.js');
  const { applyCluster, diffCluster } = await import('../cluster/run.js');
  let stdout = '';
  let stderr = '';
  const io: ClusterIO = {
    out: (t) => void (stdout += t),
    err: (l) => void (stderr += `ecs2k8s: ${l}\n`),
    env: { ...env, ...(kubeconfig !== '' && { KUBECONFIG: resolve(workspace, kubeconfig) }) },
    cwd: workspace,
  };
  const loaded = await loadBundle(outDir, outPath, MAX_INPUT_BYTES);
  const problems = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) return { command, code: 2, stdout, stderr, objects: [], failure: `${problems[0]!.file ?? outPath}: ${problems[0]!.message}` };
  const request = { requestTimeoutMs: 30_000, prune: false, force: false, ...(applyset !== undefined && { applyset: { name: applyset, from: 'the project file' as const } }) };
  const result = command === 'diff' ? await diffCluster(loaded.targets, request, io) : await applyCluster(loaded.targets, { ...request, dryRun: false, wait: false, timeoutMs: 300_000 }, io);
  return { command, code: result.exit, stdout, stderr, objects: result.objects, ...(result.failure !== undefined && { failure: result.failure }), ...(result.summary !== undefined && { summary: result.summary }) };
}

export interface ClusterRun {
  command: 'diff' | 'apply';
  code: number;
  stdout: string;
  stderr: string;
  objects: ObjectResult[];
  /** Why it failed (exit 2 or 3), in one line. */
  failure?: string;
  summary?: string;
}

/** A path for annotations and the summary: relative to the workspace when inside it, with `/`. */
export function workspacePath(workspace: string, file: string): string {
  if (file === '-' || file === '') return file;
  const abs = resolve(workspace, file);
  const rel = relative(workspace, abs);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

/**
 * The build options from the inputs, as `ecs2k8s build` resolves them (src/cli/commands/build.ts):
 * defaults, then the project file, then `--image` and `--namespace`. Not imported from there so that
 * the bundle does not carry the CLI's report writers (and package.json with them).
 */
async function resolveActionOptions(inputs: ActionInputs, workspace: string, d: Diagnostics): Promise<Options> {
  let options = defaultOptions();
  const project = await loadProjectFile(inputs.config !== '' ? workspacePath(workspace, inputs.config) : undefined, workspace, d);
  if (project) options = applyProjectFile(options, project);
  for (const name of inputs.containerNames) options.images[name] = inputs.image;
  if (inputs.namespace !== '') options.namespaceOverride = inputs.namespace;
  return options;
}

/** With `strict`, every warning counts as an error (as --strict). */
function applyStrict(ds: readonly Diagnostic[], strict: boolean): Diagnostic[] {
  return strict ? ds.map((x) => (x.severity === 'warning' ? { ...x, severity: 'error' as const } : x)) : [...ds];
}

const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export async function runAction(io: ActionIO): Promise<number> {
  const { env } = io;
  const workspace = resolve(io.cwd, env['GITHUB_WORKSPACE'] || '.');
  const write = (s: string) => io.stdout.write(s);
  let outPath = 'k8s';
  const outputs = { 'bundle-dir': resolve(workspace, outPath), changed: 'false', objects: '0', warnings: '0' };
  const summary: SummaryInput = { outcome: 'failed', out: outPath, namespaces: new Map(), diagnostics: [], changed: false };
  const finish = (code: number): number => {
    writeOutputs(env, outputs);
    appendSummary(env, formatSummary(summary));
    return code;
  };
  const fail = (message: string): number => {
    write(workflowCommand('error', { title: 'ecs2k8s' }, message));
    summary.failure = message;
    return finish(1);
  };

  let inputs: ActionInputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (e instanceof InputError) return fail(e.message);
    throw e;
  }
  outPath = workspacePath(workspace, inputs.out);
  summary.out = outPath;
  outputs['bundle-dir'] = resolve(workspace, inputs.out);
  if (inputs.kubeconfig !== '' && !inputs.diff && !inputs.apply) write(workflowCommand('warning', { title: 'ecs2k8s' }, 'the input "kubeconfig" is only read by "diff" and "apply"; it is ignored'));

  const paths = [...inputs.taskDefinitions, ...inputs.serviceDefinitions].map((p) => workspacePath(workspace, p));
  const d = new Diagnostics();
  const options = await resolveActionOptions(inputs, workspace, d);
  let diagnostics: Diagnostic[] = [...d.items];
  let entries: Awaited<ReturnType<typeof compile>>['entries'] = [];
  let files: string[] = [];
  if (!d.hasErrors()) {
    const result = await compile(paths, options, { cwd: workspace, maxInputBytes: MAX_INPUT_BYTES });
    entries = result.entries;
    files = result.files;
    diagnostics.push(...result.diagnostics);
  }
  // The render action fails when container-name matches no container; so does this one.
  diagnostics = diagnostics.map((x) => (x.code === 'unknown-image-override' ? { ...x, severity: 'error' as const, message: x.message.replace(/^--image names/, `"container-name" names`) } : x));
  diagnostics = sortDiagnostics(applyStrict(diagnostics, inputs.strict)).map((x) => (x.file ? { ...x, file: workspacePath(workspace, x.file) } : x));
  write(formatGithub(diagnostics));
  const shown = diagnostics.filter((x) => x.severity !== 'info');
  summary.diagnostics = shown;
  const errors = shown.filter((x) => x.severity === 'error').length;
  outputs.warnings = String(shown.filter((x) => x.severity === 'warning').length);
  if (errors > 0) {
    write(workflowCommand('error', { title: 'ecs2k8s' }, `ecs2k8s: ${summaryLine(diagnostics)} in ${files.length} file${files.length === 1 ? '' : 's'}: nothing was written`));
    return finish(1);
  }

  for (const e of entries) summary.namespaces.set(e.namespace, (summary.namespaces.get(e.namespace) ?? 0) + 1);
  outputs.objects = String(entries.length);
  const rendered = renderBundle(entries, 'yaml');
  const outDir = resolve(workspace, inputs.out);
  const where = `${entries.length} object${entries.length === 1 ? '' : 's'} in ${summary.namespaces.size} namespace${summary.namespaces.size === 1 ? '' : 's'}`;
  try {
    if (inputs.check) {
      summary.outcome = 'checked';
      const check = await checkBundle(outDir, rendered);
      summary.changed = check.changed;
      outputs.changed = String(check.changed);
      if (!check.changed) {
        write(`ecs2k8s: the bundle in ${outPath} is up to date (${where})\n`);
        return finish(0);
      }
      summary.diff = check.diff;
      const counts = [check.created.length && `${check.created.length} to create`, check.modified.length && `${check.modified.length} to change`, check.removed.length && `${check.removed.length} to remove`].filter(Boolean).join(', ');
      write(`::group::${escapeData(`What would change in ${outPath}`)}\n${verbatim(check.diff)}::endgroup::\n`);
      write(workflowCommand('error', { title: 'ecs2k8s: the bundle is out of date' }, `the bundle in ${outPath} is out of date (${counts}): run ecs2k8s build and commit the result`));
      return finish(1);
    }
    summary.outcome = 'written';
    const written = await writeBundle(outDir, rendered);
    summary.changed = written.written.length > 0 || written.removed.length > 0;
    summary.files = { written: written.written.length, unchanged: written.unchanged.length, removed: written.removed.length };
    outputs.changed = String(summary.changed);
    write(`ecs2k8s: ${where} → ${outPath} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
    if (inputs.diff || inputs.apply) {
      const cluster = await clusterStage(inputs.apply ? 'apply' : 'diff', outDir, outPath, workspace, inputs.kubeconfig, env, options.applyset);
      summary.cluster = cluster;
      write(`::group::${escapeData(`ecs2k8s ${cluster.command} ${outPath}`)}\n${verbatim(cluster.stdout + cluster.stderr)}::endgroup::\n`);
      // diff exits 1 for differences, which is information for a pull request, not a failure.
      if (cluster.code > 1 || (cluster.command === 'apply' && cluster.code !== 0)) return fail(`${cluster.command} failed: ${cluster.failure ?? `exit ${cluster.code}`}`);
    }
    return finish(0);
  } catch (e) {
    if (e instanceof BundleWriteError) {
      summary.outcome = 'failed';
      summary.changed = false;
      outputs.changed = 'false';
      return fail(`${e.code}: ${e.message}`);
    }
    throw e;
  }
}
