/**
 * Loads one generated validator file (./generated/<prefix>-<kind>.cjs, written by
 * scripts/gen-k8s-validators.mjs) on first use, synchronously. A build loads the validators of
 * the kinds it emits and the code they share, not those of every kind.
 *
 * From src/ (tests, type checks) the file is required beside this module. The bundles replace
 * this module (scripts/build.mjs, scripts/build-action.mjs): the CLI's loads the files from
 * dist/validators/ with their own code caches, through a loader its bin supplies; the library's
 * and the GitHub Action's carry the files inside the bundle.
 */
import { createRequire } from 'node:module';

let requireHere: NodeRequire | undefined;

function loadGenerated(file: string): unknown {
  requireHere ??= createRequire(import.meta.url);
  return requireHere(`./generated/${file}`);
}

/** A file of the Kubernetes kinds' validators (k8s-*.cjs). */
export function loadK8sValidator(file: string): unknown {
  return loadGenerated(file);
}

/** A file of the GitOps kinds' validators (gitops-*.cjs; only `build --gitops` loads them). */
export function loadGitopsValidator(file: string): unknown {
  return loadGenerated(file);
}
