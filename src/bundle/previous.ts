/**
 * The objects of the bundle already in an output folder, as an earlier build wrote them (only the
 * files its manifest lists and that still hold what it wrote): what `build --keep-going` keeps for
 * the services that fail this time.
 */
import * as path from 'node:path';
import { yaml } from '../yaml.js';
import { lstatOrUndefined, readNoFollow } from './fsutil.js';
import { readManifest, sha256 } from './manifest.js';
import { KUSTOMIZATION } from './layout.js';
import type { K8sObject } from './types.js';

export interface PreviousObject {
  /** Path relative to the output folder (POSIX). */
  path: string;
  namespace: string;
  object: K8sObject;
  /** The file's text, as it is on disk. */
  content: string;
  /** The input files its `ecs2k8s.io/source` annotation names. */
  sources: string[];
}

const isObject = (v: unknown): v is K8sObject => typeof v === 'object' && v !== null && typeof (v as K8sObject).kind === 'string' && typeof (v as K8sObject).metadata?.name === 'string';

/** Reads the generated object files of the bundle at root; a folder without a manifest has none. */
export async function readPreviousObjects(root: string): Promise<PreviousObject[]> {
  if (!(await lstatOrUndefined(root))?.isDirectory()) return [];
  const { manifest } = await readManifest(root);
  const out: PreviousObject[] = [];
  for (const [rel, hash] of manifest) {
    const segs = rel.split('/');
    if (segs.length !== 2 || segs[1] === KUSTOMIZATION || !/\.(ya?ml|json)$/.test(rel)) continue;
    const abs = path.join(root, rel);
    if (!(await lstatOrUndefined(abs))?.isFile()) continue;
    const content = await readNoFollow(abs);
    if (sha256(content) !== hash) continue; // edited by hand since: not ours to carry over
    let value: unknown;
    try {
      value = rel.endsWith('.json') ? JSON.parse(content) : yaml().parse(content);
    } catch {
      continue;
    }
    if (!isObject(value)) continue;
    const source = value.metadata.annotations?.['ecs2k8s.io/source'];
    out.push({ path: rel, namespace: segs[0]!, object: value, content, sources: source ? source.split(', ') : [] });
  }
  return out;
}
