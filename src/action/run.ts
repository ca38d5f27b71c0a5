/**
 * The GitHub Action: reads its inputs from `INPUT_*`, builds (or checks) the bundle with the same
 * code as `ecs2k8s build`, and reports the way a runner shows it: annotations on the input file
 * and line, outputs in `$GITHUB_OUTPUT`, a markdown summary in `$GITHUB_STEP_SUMMARY`.
 * Exit status 0 when the bundle was built (or is current), 1 otherwise.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { BundleWriteError, writeBundle, type BundleFiles, type CheckResult } from '../bundle/index.js';
import { build, inspectOutput, resolveBuildOptions, type BuildResult } from '../build/index.js';
import { Diagnostics, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { IMAGE_REFERENCE_FORM, imageReferenceProblem } from '../load/image-reference.js';
import { applyStrict, exitCodeFor, EXIT } from '../report/exit.js';
import { formatGithub, summaryLine } from '../report/text.js';
import type { ClusterIO, ObjectResult } from '../cluster/io.js';
import { formatSummary, type SummaryInput } from './summary.js';
import { parseDuration } from '../cluster/duration.js';
import { applySetNameProblem } from '../cluster/names.js';
import { sourceNamer } from '../load/root.js';
import { formatMarkdown } from '../report/markdown.js';
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
  /** The `images` input: container name → image, one `CONTAINER=URI` a line. */
  images: [string, string][];
  namespace: string;
  out: string;
  config: string;
  strict: boolean;
  check: boolean;
  diff: boolean;
  apply: boolean;
  kubeconfig: string;
  /** --context: the kubeconfig context (default its current-context). */
  context: string;
  /** apply: wait for rollouts and Jobs, up to timeoutMs (as wait-for-service-stability). */
  wait: boolean;
  timeoutMs: number;
  prune: boolean;
  /** The ApplySet name (default: the project file's applyset, else derived). */
  applyset: string;
  forceConflicts: boolean;
}

export function readInputs(env: Env): ActionInputs {
  const inputs: ActionInputs = {
    taskDefinitions: getListInput(env, 'task-definition'),
    serviceDefinitions: getListInput(env, 'service-definition'),
    containerNames: getListInput(env, 'container-name'),
    image: getInput(env, 'image'),
    images: imagesInput(env),
    namespace: getInput(env, 'namespace'),
    out: getInput(env, 'out') || 'k8s',
    config: getInput(env, 'config'),
    strict: getBooleanInput(env, 'strict'),
    check: getBooleanInput(env, 'check'),
    diff: getBooleanInput(env, 'diff'),
    apply: getBooleanInput(env, 'apply'),
    kubeconfig: getInput(env, 'kubeconfig'),
    context: getInput(env, 'context'),
    wait: getBooleanInput(env, 'wait'),
    timeoutMs: durationInput(env, 'timeout', '5m'),
    prune: getBooleanInput(env, 'prune'),
    applyset: getInput(env, 'applyset'),
    forceConflicts: getBooleanInput(env, 'force-conflicts'),
  };
  for (const [name, given] of [
    ['wait', inputs.wait],
    ['prune', inputs.prune],
    ['force-conflicts', inputs.forceConflicts],
    ['context', inputs.context !== ''],
    ['applyset', inputs.applyset !== ''],
  ] as const) {
    if (given && !inputs.diff && !inputs.apply) throw new InputError(`the input "${name}" is for "diff" and "apply": set one of them, or drop "${name}"`);
  }
  if (inputs.wait && !inputs.apply) throw new InputError('the input "wait" waits for what "apply" changed: set "apply" too');
  if (inputs.applyset !== '') {
    const problem = applySetNameProblem(inputs.applyset);
    if (problem) throw new InputError(`the input "applyset" ${JSON.stringify(inputs.applyset)} ${problem}`);
  }
  if (inputs.taskDefinitions.length === 0 && inputs.serviceDefinitions.length === 0) {
    throw new InputError('the input "task-definition" is required: the path of an ECS task definition JSON file (several: one a line, or comma-separated)');
  }
  if (inputs.containerNames.length > 0 && inputs.image === '') throw new InputError('"container-name" is given without "image": give both, as for aws-actions/amazon-ecs-render-task-definition');
  if (inputs.image !== '' && inputs.containerNames.length === 0) throw new InputError('"image" is given without "container-name": name the container(s) whose image it replaces');
  if (inputs.image !== '') {
    const problem = imageReferenceProblem(inputs.image);
    if (problem) throw new InputError(`the input "image" ${JSON.stringify(inputs.image)} is not an image reference: ${problem}; ${IMAGE_REFERENCE_FORM}`);
  }
  for (const name of inputs.containerNames) {
    if (inputs.images.some(([n]) => n === name)) throw new InputError(`the container ${JSON.stringify(name)} is named by "container-name" and by "images": give its image once`);
  }
  if (inputs.check && (inputs.diff || inputs.apply)) throw new InputError('"check" compares the bundle with the files in "out"; it cannot be combined with "diff" or "apply"');
  return inputs;
}

function durationInput(env: Env, name: string, fallback: string): number {
  const raw = getInput(env, name) || fallback;
  try {
    return parseDuration(raw);
  } catch (e) {
    throw new InputError(`the input "${name}": ${(e as Error).message}`);
  }
}

/** The `images` input: one `CONTAINER=URI` a line (blank lines skipped), each URI an image reference, each container once. */
function imagesInput(env: Env): [string, string][] {
  const out: [string, string][] = [];
  const lines = getInput(env, 'images').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const eq = line.indexOf('=');
    const where = `the input "images", line ${i + 1}`;
    if (eq <= 0 || eq === line.length - 1)
      throw new InputError(`${where}, ${JSON.stringify(line)}, is not CONTAINER=URI (one a line, for example app=123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.4.2)`);
    const [name, uri] = [line.slice(0, eq).trim(), line.slice(eq + 1).trim()];
    const problem = imageReferenceProblem(uri);
    if (problem) throw new InputError(`${where}: the image of ${JSON.stringify(name)}, ${JSON.stringify(uri)}, is not an image reference: ${problem}; ${IMAGE_REFERENCE_FORM}`);
    if (out.some(([n]) => n === name)) throw new InputError(`${where} names the container ${JSON.stringify(name)} a second time: give its image once`);
    out.push([name, uri]);
  }
  return out;
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
async function clusterStage(command: 'diff' | 'apply', outDir: string, outPath: string, workspace: string, inputs: ActionInputs, env: Env, projectApplyset: string | undefined): Promise<ClusterRun> {
  const { kubeconfig } = inputs;
  const applyset =
    inputs.applyset !== '' ? { name: inputs.applyset, from: '--applyset' as const } : projectApplyset !== undefined ? { name: projectApplyset, from: 'the project file' as const } : undefined;
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
  const request = { requestTimeoutMs: 30_000, prune: inputs.prune, force: inputs.forceConflicts, ...(inputs.context !== '' && { context: inputs.context }), ...(applyset && { applyset }) };
  const result =
    command === 'diff' ? await diffCluster(loaded.targets, request, io) : await applyCluster(loaded.targets, { ...request, dryRun: false, wait: inputs.wait, timeoutMs: inputs.timeoutMs }, io);
  return {
    command,
    code: result.exit,
    stdout,
    stderr,
    objects: result.objects,
    ...(result.failure !== undefined && { failure: result.failure }),
    ...(result.summary !== undefined && { summary: result.summary }),
  };
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

const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export async function runAction(io: ActionIO): Promise<number> {
  const { env } = io;
  const workspace = resolve(io.cwd, env['GITHUB_WORKSPACE'] || '.');
  const write = (s: string) => io.stdout.write(s);
  let outPath = 'k8s';
  const outputs = { 'bundle-dir': resolve(workspace, outPath), changed: 'false', 'bundle-changed': 'false', objects: '0', warnings: '0' };
  const summary: SummaryInput = { outcome: 'failed', out: outPath, namespaces: new Map(), diagnostics: [], changed: false };
  let migration = '';
  const finish = (code: number): number => {
    writeOutputs(env, outputs);
    appendSummary(env, formatSummary(summary) + migration);
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
  // The options as `ecs2k8s build` resolves them (src/build/): defaults, the project file, then the
  // image inputs (as the render action: a container no task definition has is an error) and "namespace".
  const d = new Diagnostics();
  const images = [...inputs.containerNames.map((name) => ({ name, uri: inputs.image, via: '"container-name"' })), ...inputs.images.map(([name, uri]) => ({ name, uri, via: '"images"' }))];
  const { options } = await resolveBuildOptions(
    { ...(inputs.config !== '' && { config: workspacePath(workspace, inputs.config) }), imageOverrides: images, ...(inputs.namespace !== '' && { namespace: inputs.namespace }) },
    workspace,
    d,
  );
  let diagnostics: Diagnostic[] = [...d.items];
  let entries: BuildResult['entries'] = [];
  let files: string[] = [];
  const outDir = resolve(workspace, inputs.out);
  let rendered: BundleFiles = new Map();
  let check: CheckResult | undefined;
  if (!d.hasErrors()) {
    const result = await build(paths, options, { cwd: workspace, maxInputBytes: MAX_INPUT_BYTES }, { format: 'yaml', strict: inputs.strict });
    entries = result.entries;
    files = result.files;
    diagnostics.push(...result.diagnostics);
    if (result.rendered) {
      // What a person changed in the output folder is said before anything replaces it.
      rendered = result.rendered.files;
      try {
        const inspected = await inspectOutput(outDir, outPath, rendered, inputs.check);
        check = inspected.check;
        diagnostics.push(...inspected.diagnostics);
      } catch (e) {
        if (e instanceof BundleWriteError) return fail(`${e.code}: ${e.message}`);
        throw e;
      }
    }
  }
  diagnostics = sortDiagnostics(applyStrict(diagnostics, inputs.strict, options.diagnostics)).map((x) => (x.file ? { ...x, file: workspacePath(workspace, x.file) } : x));
  write(formatGithub(diagnostics));
  // The migration report (as build --report markdown) below the step's own summary.
  const fleet = { entries: diagnostics.some((x) => x.severity === 'error') ? [] : entries, diagnostics, files, source: await sourceNamer(files, workspace, options.projectRoot), out: outPath };
  migration = `\n<details><summary>Migration report: what converted, what needs a person</summary>\n\n${formatMarkdown(fleet).replace(/^## /, '### ')}\n</details>\n`;
  const shown = diagnostics.filter((x) => x.severity !== 'info');
  summary.diagnostics = shown;
  outputs.warnings = String(shown.filter((x) => x.severity === 'warning').length);
  if (exitCodeFor(diagnostics) !== EXIT.ok) {
    write(workflowCommand('error', { title: 'ecs2k8s' }, `ecs2k8s: ${summaryLine(diagnostics)} in ${files.length} file${files.length === 1 ? '' : 's'}: nothing was written`));
    return finish(1);
  }

  for (const e of entries) summary.namespaces.set(e.namespace, (summary.namespaces.get(e.namespace) ?? 0) + 1);
  outputs.objects = String(entries.length);
  const where = `${entries.length} object${entries.length === 1 ? '' : 's'} in ${summary.namespaces.size} namespace${summary.namespaces.size === 1 ? '' : 's'}`;
  try {
    if (check) {
      summary.outcome = 'checked';
      summary.changed = check.changed;
      outputs.changed = String(check.changed);
      outputs['bundle-changed'] = outputs.changed;
      if (!check.changed) {
        write(`ecs2k8s: the bundle in ${outPath} is up to date (${where})\n`);
        return finish(0);
      }
      summary.diff = check.diff;
      const counts = [
        check.created.length && `${check.created.length} to create`,
        check.modified.length && `${check.modified.length} to change`,
        check.removed.length && `${check.removed.length} to remove`,
      ]
        .filter(Boolean)
        .join(', ');
      write(`::group::${escapeData(`What would change in ${outPath}`)}\n${verbatim(check.diff)}::endgroup::\n`);
      write(workflowCommand('error', { title: 'ecs2k8s: the bundle is out of date' }, `the bundle in ${outPath} is out of date (${counts}): run ecs2k8s build and commit the result`));
      return finish(1);
    }
    summary.outcome = 'written';
    const written = await writeBundle(outDir, rendered);
    summary.changed = written.written.length > 0 || written.removed.length > 0;
    summary.files = { written: written.written.length, unchanged: written.unchanged.length, removed: written.removed.length };
    outputs.changed = String(summary.changed);
    outputs['bundle-changed'] = outputs.changed;
    write(`ecs2k8s: ${where} → ${outPath} (${written.written.length} written, ${written.unchanged.length} unchanged, ${written.removed.length} removed)\n`);
    if (inputs.diff || inputs.apply) {
      const cluster = await clusterStage(inputs.apply ? 'apply' : 'diff', outDir, outPath, workspace, inputs, env, options.applyset);
      summary.cluster = cluster;
      // With a cluster stage, "changed" is about the cluster: it differs (diff) or was changed (apply).
      outputs.changed = String(cluster.objects.some((o) => o.outcome === 'created' || o.outcome === 'configured' || o.outcome === 'pruned'));
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
      outputs['bundle-changed'] = 'false';
      return fail(`${e.code}: ${e.message}`);
    }
    throw e;
  }
}
