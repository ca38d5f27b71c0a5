/**
 * Reads a bundle folder written by `ecs2k8s build` for diff and apply: the object files its
 * `.ecs2k8s-manifest.json` lists, without following symbolic links, each at most
 * `maxInputBytes` (`--max-input-size`) long. Problems are diagnostics (values, with codes);
 * nothing here contacts a cluster.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { KUSTOMIZATION } from '../bundle/layout.js';
import { MANIFEST_FILE, readManifest, sha256 } from '../bundle/manifest.js';
import { lstatOrUndefined, READ_NOFOLLOW, walk } from '../bundle/fsutil.js';
import { BundleWriteError } from '../bundle/errors.js';
import type { K8sObject } from '../bundle/types.js';
import type { Diagnostic } from '../diagnostics.js';
import { checkTargets, sortTargets, type Target } from './targets.js';

export interface LoadedBundle {
  targets: Target[];
  diagnostics: Diagnostic[];
}

/** Default of --max-input-size: 16 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Whether `dir` is a bundle folder (it holds the manifest ecs2k8s build writes). */
export function isBundle(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && statSync(path.join(dir, MANIFEST_FILE)).isFile();
  } catch {
    return false;
  }
}

const mib = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${n} bytes`);

/** The file's text, or a diagnostic: larger than the limit, or unreadable (a link, I/O). */
function readLimited(file: string, shown: string, max: number): { text: string } | { problem: Diagnostic } {
  let fd: number;
  try {
    fd = openSync(file, READ_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      problem: {
        code: 'input-unreadable',
        severity: 'error',
        file: shown,
        message: code === 'ELOOP' ? 'is a symbolic link: ecs2k8s does not follow links in a bundle folder; rebuild the bundle' : `cannot be read (${code ?? String(e)})`,
      },
    };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > max)
      return {
        problem: {
          code: 'input-too-large',
          severity: 'error',
          file: shown,
          message: `the file is ${mib(size)}, larger than the limit of ${mib(max)}: no bundle file ecs2k8s writes is this large; raise the limit with --max-input-size if you must`,
        },
      };
    return { text: readFileSync(fd, 'utf8') };
  } catch (e) {
    return { problem: { code: 'input-unreadable', severity: 'error', file: shown, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})` } };
  } finally {
    closeSync(fd);
  }
}

function parseObject(text: string, json: boolean, shown: string): { value: unknown } | { problem: Diagnostic } {
  if (json) {
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { problem: { code: 'bundle-syntax', severity: 'error', file: shown, message: `is not valid JSON: ${(e as Error).message.split('\n')[0]}; rebuild the bundle` } };
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const at = lines.linePos(err.pos[0]);
    return { problem: { code: 'bundle-syntax', severity: 'error', file: shown, line: at.line, column: at.col, message: `is not valid YAML (${err.code}): rebuild the bundle, or fix the edit` } };
  }
  return { value: doc.toJS() };
}

function isObject(o: unknown): o is K8sObject {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false;
  const x = o as Partial<K8sObject>;
  return typeof x.apiVersion === 'string' && typeof x.kind === 'string' && typeof x.metadata === 'object' && x.metadata !== null && typeof x.metadata.name === 'string';
}

const ARGO_CD_KINDS = new Set(['Application', 'ApplicationSet', 'AppProject']);
const FLUX_GROUPS = new Set(['source.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io']);

/**
 * build --gitops's objects: Argo CD's (Application, ApplicationSet, AppProject) and Flux's
 * (sources, Kustomizations). Argo Rollouts' Rollout and AnalysisTemplate share the argoproj.io
 * group with Argo CD and are the bundle's own.
 */
function isGitopsObject(o: K8sObject): boolean {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  return group === 'argoproj.io' ? ARGO_CD_KINDS.has(o.kind) : FLUX_GROUPS.has(group);
}

/** The bundle's objects in apply order, with the problems found; `shown` is the folder as the user named it. */
export async function loadBundle(root: string, shown: string, maxInputBytes = DEFAULT_MAX_INPUT_BYTES): Promise<LoadedBundle> {
  const targets: Target[] = [];
  const diagnostics: Diagnostic[] = [];
  const manifestFile = path.join(shown, MANIFEST_FILE);
  try {
    const size = (await lstatOrUndefined(path.join(root, MANIFEST_FILE)))?.size ?? 0;
    if (size > maxInputBytes) {
      return {
        targets,
        diagnostics: [
          {
            code: 'input-too-large',
            severity: 'error',
            file: manifestFile,
            message: `the manifest is ${mib(size)}, larger than the limit of ${mib(maxInputBytes)}; raise it with --max-input-size if you must`,
          },
        ],
      };
    }
    const { manifest } = await readManifest(root);
    if (manifest.size === 0)
      return { targets, diagnostics: [{ code: 'bundle-incomplete', severity: 'error', file: manifestFile, message: 'lists no files: is this a bundle written by ecs2k8s build?' }] };
    // A base and overlays, or Helm charts, are not objects to apply as they are.
    const paths = [...manifest.keys()];
    if (manifest.has(`base/${KUSTOMIZATION}`) && paths.some((p) => /^overlays\/[^/]+\/kustomization\.yaml$/.test(p))) {
      return {
        targets,
        diagnostics: [
          {
            code: 'bundle-layout',
            severity: 'error',
            file: shown,
            message: `holds a base and overlays: diff or apply one environment, from its inputs (ecs2k8s apply ecs/<env> --namespace …) or with kubectl apply -k ${path.join(shown, 'overlays', '<env>')}`,
          },
        ],
      };
    }
    if (paths.some((p) => /^[^/]+\/Chart\.yaml$/.test(p))) {
      return {
        targets,
        diagnostics: [
          { code: 'bundle-layout', severity: 'error', file: shown, message: 'holds Helm charts: install them with helm, or diff and apply the plain bundle (ecs2k8s build without --format helm)' },
        ],
      };
    }
    const cache = new Map<string, 'dir' | 'missing'>();
    for (const [rel, hash] of manifest) {
      const segs = rel.split('/');
      if (segs.length !== 2 || segs[1] === KUSTOMIZATION) continue;
      const file = path.join(shown, rel);
      if (!(await walk(root, rel, cache))) {
        diagnostics.push({ code: 'bundle-incomplete', severity: 'error', file, message: `is listed in ${MANIFEST_FILE} but missing: rebuild the bundle` });
        continue;
      }
      const read = readLimited(path.join(root, rel), file, maxInputBytes);
      if ('problem' in read) {
        diagnostics.push(read.problem);
        continue;
      }
      if (sha256(read.text) !== hash) diagnostics.push({ code: 'bundle-edited', severity: 'warning', file, message: 'was edited after ecs2k8s build wrote it: it is used as it is' });
      const parsed = parseObject(read.text, rel.endsWith('.json'), file);
      const obj = 'value' in parsed ? parsed.value : undefined;
      if ('problem' in parsed) diagnostics.push(parsed.problem);
      else if (!isObject(obj)) diagnostics.push({ code: 'bundle-not-an-object', severity: 'error', file, message: 'is not one Kubernetes object (apiVersion, kind and metadata.name are required)' });
      // build --gitops's Argo CD / Flux objects are the controller's to apply, not this bundle's.
      else if (!isGitopsObject(obj)) targets.push({ folder: segs[0]!, object: obj, source: file });
    }
  } catch (e) {
    if (e instanceof BundleWriteError) return { targets: [], diagnostics: [{ code: 'input-unreadable', severity: 'error', file: shown, message: e.message }] };
    throw e;
  }
  if (targets.length === 0 && !diagnostics.some((d) => d.severity === 'error')) diagnostics.push({ code: 'bundle-incomplete', severity: 'error', file: shown, message: 'holds no objects' });
  diagnostics.push(...checkTargets(targets));
  return { targets: sortTargets(targets), diagnostics };
}
