/** The real `kubectl kustomize` (kubectl 1.32's kustomize 5) for the tests, and object sets to compare. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { snapshot } from './build.js';

export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8', timeout: 20_000 }).status === 0;

export type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };

/** Parses a multi-document YAML stream (empty documents dropped). */
export function parseStream(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((o): o is Obj => o !== null);
}

/** `kubectl kustomize dir`, parsed. */
export function kustomize(dir: string): Obj[] {
  return parseStream(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }));
}

/** `Kind/namespace/name` → object, for comparing two sets object for object. */
export function byKey(objects: readonly Obj[]): Map<string, Obj> {
  const m = new Map<string, Obj>();
  for (const o of objects) {
    const k = `${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    if (m.has(k)) throw new Error(`two objects ${k}`);
    m.set(k, o);
  }
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The objects of a plain bundle folder (every file but kustomization.yaml and hidden files). */
export function bundleFolderObjects(dir: string): Obj[] {
  const out: Obj[] = [];
  for (const [path] of snapshot(dir)) {
    const base = path.split('/').pop()!;
    if (base.startsWith('.') || base === 'kustomization.yaml') continue;
    const text = readFileSync(join(dir, path), 'utf8');
    out.push((path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Obj);
  }
  return out;
}
