/**
 * `build --gitops argocd|flux`: the objects that make Argo CD or Flux pick the output up, in
 * `<out>/gitops/` with a kustomization.yaml listing them (`kubectl apply -k <out>/gitops` once
 * installs them). Each points at a folder of the output that exists: `overlays/<env>` per
 * environment, or the bundle's root. Every object is validated strictly before it is returned.
 */
import { collectFiles } from '../files.js';
import { KUSTOMIZATION, objectFileName } from '../layout.js';
import { OVERLAYS_DIR } from '../overlays.js';
import { toYaml } from '../serialize.js';
import type { BundleFiles, K8sObject } from '../types.js';
import { validateGitopsObject } from '../../k8s/validate/gitops.js';
import { argoApplication } from './application.js';
import { argoApplicationSet } from './applicationset.js';
import { fluxGitRepository } from './gitrepository.js';
import { fluxKustomization } from './kustomization.js';
import { GITOPS_DIR, repoPath, type GitopsOptions } from './source.js';

/** One environment of the output: its overlay folder holds its objects; namespace when it has exactly one. */
export interface GitopsEnvironment {
  name: string;
  namespace?: string;
}

export interface GitopsResult {
  /** The files to add to the output (paths relative to it). */
  files: BundleFiles;
  /** Problems found in the objects (each a message naming the object and field); empty when valid. */
  issues: string[];
}

/**
 * The GitOps objects for an output: with `environments`, over its overlays; without, for the
 * bundle's root. `output` is the rest of the output (the folders the objects must point at).
 */
export function renderGitops(o: GitopsOptions, output: BundleFiles, environments: readonly GitopsEnvironment[] | undefined): GitopsResult {
  const objects: K8sObject[] = [];
  const issues: string[] = [];
  const folders = environments ? environments.map((e) => `${OVERLAYS_DIR}/${e.name}`) : [''];
  for (const f of folders) {
    const k = f === '' ? KUSTOMIZATION : `${f}/${KUSTOMIZATION}`;
    if (!output.has(k)) issues.push(`the output has no ${k} for the GitOps objects to point at`);
  }
  if (o.tool === 'argocd') {
    if (!environments) objects.push(argoApplication(o, o.name, repoPath(o.path), undefined));
    else if (o.argocdKind === 'applicationset') objects.push(argoApplicationSet(o, repoPath(o.path, OVERLAYS_DIR), environments));
    else for (const e of environments) objects.push(argoApplication(o, `${o.name}-${e.name}`, repoPath(o.path, OVERLAYS_DIR, e.name), e.namespace));
  } else {
    objects.push(fluxGitRepository(o));
    if (!environments) objects.push(fluxKustomization(o, o.name, repoPath(o.path)));
    else for (const e of environments) objects.push(fluxKustomization(o, `${o.name}-${e.name}`, repoPath(o.path, OVERLAYS_DIR, e.name)));
  }
  for (const obj of objects) {
    for (const i of validateGitopsObject(obj)) issues.push(`the ${obj.kind} ${JSON.stringify(obj.metadata.name)} would be rejected (${i.code} at ${i.pointer || '/'}): ${i.message}`);
  }
  const out = collectFiles();
  const names = objects.map((obj) => objectFileName(obj, 'yaml'));
  objects.forEach((obj, i) => out.put(`${GITOPS_DIR}/${names[i]!}`, toYaml(obj)));
  out.put(`${GITOPS_DIR}/${KUSTOMIZATION}`, toYaml({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: names }));
  return { files: out.files(), issues };
}
