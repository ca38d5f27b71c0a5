/**
 * What diff and apply work on: the objects of a bundle folder written by `ecs2k8s build` (the
 * files its `.ecs2k8s-manifest.json` lists, read without following symbolic links), or ECS inputs
 * compiled in memory with build's own option resolution. Either way, objects are grouped by the
 * namespace folder they belong to (which names their ApplySet) and sorted in apply order.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compareApplyOrder, KUSTOMIZATION } from '../bundle/layout.js';
import { readManifest, sha256 } from '../bundle/manifest.js';
import { readNoFollow, walk } from '../bundle/fsutil.js';
import { BundleWriteError } from '../bundle/errors.js';
import type { K8sObject } from '../bundle/types.js';
import { resolveOptions, type BuildArgs } from '../cli/commands/build.js';
import { compile } from '../compile.js';
import { Diagnostics } from '../diagnostics.js';
import { EXIT, type CliIO } from '../cli/io.js';
import { applyStrict, emitDiagnostics, exitCodeFor } from '../cli/report.js';
import { MANIFEST_FILE } from '../bundle/manifest.js';

export interface Target {
  /** The namespace folder (the ApplySet it belongs to). */
  folder: string;
  object: K8sObject;
  /** Where it came from, for messages. */
  source: string;
}

export type TargetResult = { targets: Target[] } | { exit: number };

export interface BuildFlags {
  images: string[];
  namespace?: string;
  region?: string;
  replicas?: number;
  workload?: BuildArgs['workload'];
  schedule?: string;
  serviceName?: string;
  config?: string;
  strict: boolean;
  verbose: boolean;
  maxInputSize: number;
}

async function isBundle(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
    return (await stat(path.join(dir, MANIFEST_FILE))).isFile();
  } catch {
    return false;
  }
}

export async function loadTargets(inputs: string[], flags: BuildFlags, io: CliIO): Promise<TargetResult> {
  if (inputs.length === 1 && inputs[0] !== '-' && (await isBundle(path.resolve(io.cwd, inputs[0]!)))) {
    return readBundle(path.resolve(io.cwd, inputs[0]!), inputs[0]!, io);
  }
  const d = new Diagnostics();
  const args: BuildArgs = { inputs, stdout: false, format: 'yaml', check: false, report: 'text', ...flags };
  const options = await resolveOptions(args, io, d);
  if (d.hasErrors()) return { exit: await emitDiagnostics(io, d.items, [], args) };
  const result = await compile(inputs, options, { cwd: io.cwd, stdin: io.stdin, maxInputBytes: flags.maxInputSize });
  const diagnostics = [...d.items, ...result.diagnostics];
  const code = exitCodeFor(applyStrict(diagnostics, flags.strict));
  await emitDiagnostics(io, diagnostics, result.files, args);
  if (code !== EXIT.ok) return { exit: code };
  const targets = result.entries.map((e) => ({ folder: e.namespace, object: e.object, source: 'compiled inputs' }));
  return { targets: sortTargets(targets) };
}

const GITOPS_GROUPS = /^(argoproj\.io|source\.toolkit\.fluxcd\.io|kustomize\.toolkit\.fluxcd\.io)\//;

function bad(io: CliIO, message: string): TargetResult {
  io.stderr.write(`ecs2k8s: error: ${message}\n`);
  return { exit: EXIT.invalid };
}

async function readBundle(root: string, shown: string, io: CliIO): Promise<TargetResult> {
  const targets: Target[] = [];
  try {
    const { manifest } = await readManifest(root);
    if (manifest.size === 0) return bad(io, `${shown}: ${MANIFEST_FILE} lists no files (is it a bundle written by ecs2k8s build?)`);
    // A base and overlays, or Helm charts, are not objects to apply as they are.
    if (manifest.has(`base/${KUSTOMIZATION}`) && [...manifest.keys()].some((p) => /^overlays\/[^/]+\/kustomization\.yaml$/.test(p))) {
      return bad(io, `${shown} holds a base and overlays: diff or apply one environment, from its inputs (ecs2k8s apply ecs/<env> --namespace …) or with kubectl apply -k ${path.join(shown, 'overlays', '<env>')}`);
    }
    if ([...manifest.keys()].some((p) => /^[^/]+\/Chart\.yaml$/.test(p))) return bad(io, `${shown} holds Helm charts: install them with helm, or diff and apply the plain bundle (ecs2k8s build without --format helm)`);
    const cache = new Map<string, 'dir' | 'missing'>();
    for (const [rel, hash] of manifest) {
      const segs = rel.split('/');
      if (segs.length !== 2 || segs[1] === KUSTOMIZATION) continue;
      const file = path.join(root, rel);
      const st = await walk(root, rel, cache);
      if (!st) return bad(io, `${path.join(shown, rel)} is listed in ${MANIFEST_FILE} but missing: rebuild the bundle`);
      const text = await readNoFollow(file);
      if (sha256(text) !== hash) io.stderr.write(`ecs2k8s: warning: ${path.join(shown, rel)} was edited after ecs2k8s build wrote it; using it as it is\n`);
      let obj: unknown;
      try {
        obj = rel.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      } catch (e) {
        return bad(io, `${path.join(shown, rel)} is not valid ${rel.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
      }
      const o = obj as Partial<K8sObject> | null;
      if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
        return bad(io, `${path.join(shown, rel)} is not a Kubernetes object (apiVersion, kind and metadata.name are required)`);
      }
      // build --gitops's Argo CD / Flux objects are the controller's to apply, not this bundle's.
      if (GITOPS_GROUPS.test(o.apiVersion)) continue;
      targets.push({ folder: segs[0]!, object: o as K8sObject, source: path.join(shown, rel) });
    }
  } catch (e) {
    if (e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error: ${e.message}\n`);
      return { exit: EXIT.environment };
    }
    throw e;
  }
  if (targets.length === 0) return bad(io, `${shown} holds no objects`);
  return { targets: sortTargets(targets) };
}

/** Apply order across the whole bundle: by kind (Namespace first … workloads last), then namespace, then name. */
export function sortTargets(targets: Target[]): Target[] {
  return [...targets].sort((a, b) => compareApplyOrder({ ...a.object, metadata: { ...a.object.metadata, name: '' } }, { ...b.object, metadata: { ...b.object.metadata, name: '' } }) || cmp(a.folder, b.folder) || compareApplyOrder(a.object, b.object));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
