/**
 * Strict validation of the GitOps objects `build --gitops` writes (Argo CD Application and
 * ApplicationSet, Flux GitRepository and Kustomization), against the schemas generated from
 * the pinned @kubernetes-models/argo-cd and @kubernetes-models/flux-cd (scripts/gen-k8s-validators.mjs),
 * plus the same API-server rules as every other object. A module of its own, so that a build
 * without --gitops never loads these validators.
 */
import { lazy } from '../../lazy.js';
import * as generated from './generated/gitops-validators.js';
import { validateWith, validatorsOf, type OutputIssue, type StrictSchema } from './index.js';
import { loadGitopsValidator } from './load.js';

const VALIDATORS = validatorsOf(generated, () => lazy.gitopsSchema() as unknown as StrictSchema, loadGitopsValidator);

export function validateGitopsObject(obj: unknown): OutputIssue[] {
  return validateWith(VALIDATORS, generated, obj);
}
