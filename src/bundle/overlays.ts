/**
 * Environments as kustomize base and overlays: `base/` with what every environment shares and
 * `overlays/<env>/` with only what differs (see overlay/plan.ts for how, docs/gitops.md for why).
 * A pure function of its input, like renderBundle; the one writer puts it on disk.
 *
 *   base/kustomization.yaml             the shared objects, in apply order
 *   base/<kind>-<name>.yaml             (or base/<namespace>/… when the base keeps namespaces)
 *   overlays/<env>/kustomization.yaml   ../../base, the environment's own objects, namespace,
 *                                       patches, replicas, images
 *   overlays/<env>/<kind>-<name>.yaml   objects only this environment has
 *   overlays/<env>/patches/…            strategic merge and JSON 6902 patches
 */
import { collectFiles } from './files.js';
import { KUSTOMIZATION, objectFileName } from './layout.js';
import type { PlannedOverlay, PlannedPatch } from './overlay/plan.js';
import { planOverlays, type EnvironmentBuild } from './overlay/plan.js';
import type { JsonPatchOp } from './overlay/jsonpatch.js';
import { assertSafeNamespace } from './paths.js';
import { toJson, toYaml } from './serialize.js';
import type { BundleEntry, BundleFiles, OutputFormat } from './types.js';

export type { EnvironmentBuild } from './overlay/plan.js';

export const BASE_DIR = 'base';
export const OVERLAYS_DIR = 'overlays';

const KUSTOMIZE_API = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };

function entryPath(e: BundleEntry, format: OutputFormat): string {
  const file = objectFileName(e.object, format);
  return e.namespace === '' ? file : `${e.namespace}/${file}`;
}

function opsYaml(ops: readonly JsonPatchOp[]): string {
  return (
    ops
      .map((op) =>
        toYaml(op)
          .replace(/\n$/, '')
          .split('\n')
          .map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`))
          .join('\n'),
      )
      .join('\n') + '\n'
  );
}

function patchFile(p: PlannedPatch): { path: string; content: string } {
  const path = `patches/${p.folder === '' ? '' : `${p.folder}/`}${p.stem}.yaml`;
  if (p.patch.type === 'json6902') return { path, content: opsYaml(p.patch.ops) };
  const header = p.patch.labelSelector !== undefined ? `# For every object labelled ${p.patch.labelSelector} (kustomize ignores this kind and name)\n` : '';
  return { path, content: header + toYaml(p.patch.body) };
}

function overlayFiles(o: PlannedOverlay, format: OutputFormat, put: (path: string, content: string) => void): void {
  const dir = `${OVERLAYS_DIR}/${o.name}`;
  const resources = [`../../${BASE_DIR}`];
  for (const e of o.resources) {
    const p = entryPath(e, format);
    resources.push(p);
    put(`${dir}/${p}`, format === 'json' ? toJson(e.object) : toYaml(e.object));
  }
  const patches: Record<string, unknown>[] = [];
  for (const p of o.patches) {
    const f = patchFile(p);
    put(`${dir}/${f.path}`, f.content);
    if (p.patch.type === 'json6902') {
      const { group, version, kind, name, namespace } = p.patch.target;
      patches.push({ path: f.path, target: { ...(group !== '' && { group }), version, kind, name, ...(namespace !== undefined && { namespace }) } });
    } else if (p.patch.labelSelector !== undefined) patches.push({ path: f.path, target: { labelSelector: p.patch.labelSelector } });
    else patches.push({ path: f.path });
  }
  const k: Record<string, unknown> = { ...KUSTOMIZE_API, resources };
  if (o.model.namespace !== undefined) k['namespace'] = o.model.namespace;
  if (patches.length > 0) k['patches'] = patches;
  if (o.model.replicas.length > 0) k['replicas'] = o.model.replicas.map((r) => ({ name: r.name, count: r.count }));
  if (o.model.images.length > 0) k['images'] = o.model.images.map((e) => ({ ...e }));
  put(`${dir}/${KUSTOMIZATION}`, toYaml(k));
}

/**
 * The base and overlays of `environments` (each one environment's entries, as compile gives
 * them), as files. Environment names must be DNS-1123 labels.
 * @throws UnsafeBundlePath, BundlePathClash; Error when an overlay would not reproduce its
 *   environment (a bug: the planner checks each against its model of kustomize).
 */
export function renderOverlays(environments: readonly EnvironmentBuild[], format: OutputFormat): BundleFiles {
  for (const e of environments) assertSafeNamespace(e.name);
  const plan = planOverlays(environments);
  const out = collectFiles();
  const put = out.put;
  const baseResources: string[] = [];
  for (const e of plan.base) {
    const p = entryPath(e, format);
    baseResources.push(p);
    put(`${BASE_DIR}/${p}`, format === 'json' ? toJson(e.object) : toYaml(e.object));
  }
  put(`${BASE_DIR}/${KUSTOMIZATION}`, toYaml({ ...KUSTOMIZE_API, resources: baseResources }));
  for (const o of plan.overlays) overlayFiles(o, format, put);
  return out.files();
}
