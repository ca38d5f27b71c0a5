/**
 * The Kubernetes side's input: the objects of a bundle folder, parsed from its YAML (or JSON) object
 * files; kustomization.yaml and hidden files (the manifest) are not objects.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type Obj = Record<string, unknown>;

export interface K8sObject extends Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readBundle(dir: string): K8sObject[] {
  const out: K8sObject[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!name.startsWith('.') && name !== 'kustomization.yaml' && /\.(ya?ml|json)$/.test(name)) {
        const text = readFileSync(p, 'utf8');
        const docs = name.endsWith('.json') ? [JSON.parse(text) as unknown] : parseAllDocuments(text).map((doc) => doc.toJS() as unknown);
        for (const o of docs) if (isObj(o) && typeof o['kind'] === 'string' && isObj(o['metadata'])) out.push(o as K8sObject);
      }
    }
  };
  walk(dir);
  return out;
}

export function list(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * Quantities ("Resource units in Kubernetes"): memory in bytes with suffixes E, P, T, G, M, k or
 * Ei, Pi, Ti, Gi, Mi, Ki; CPU in cores, "0.5" or "500m". Returned in MiB and millicores.
 */
export function memoryMiB(q: unknown): number | undefined {
  if (typeof q === 'number') return q / 1048576;
  if (typeof q !== 'string') return undefined;
  const m = /^([\d.]+)(Ei|Pi|Ti|Gi|Mi|Ki|E|P|T|G|M|k)?$/.exec(q.trim());
  if (!m) return undefined;
  const factor: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
  return (Number(m[1]) * (m[2] ? factor[m[2]]! : 1)) / 1048576;
}

export function cpuMillicores(q: unknown): number | undefined {
  if (typeof q === 'number') return q * 1000;
  if (typeof q !== 'string') return undefined;
  const m = /^([\d.]+)(m)?$/.exec(q.trim());
  return m ? Number(m[1]) * (m[2] ? 1 : 1000) : undefined;
}

/** Whether a target version (e.g. "1.36") is at least major.minor. */
export function atLeast(version: string, minor: number): boolean {
  const m = /^v?(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) > 1 || Number(m[2]) >= minor : true;
}
