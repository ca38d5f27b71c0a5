// Hand-written types for the generated ajv standalone module gitops-validators.js
// (regenerate that with `node scripts/gen-k8s-validators.mjs`; this file stays as is).
import type { K8sValidateFunction } from './k8s-validators.js';

/** Member names of a definition of the strict schema ("ComGithubFluxcdKustomizeControllerApiV1KustomizationSpec"), for "did you mean". */
export declare function knownProperties(definition: string): readonly string[];

/** "argoproj.io/v1alpha1/Application" → the name of its export in this module ("argoproj_io_v1alpha1_Application"). */
export declare const kinds: Readonly<Record<string, string>>;

export declare const argoproj_io_v1alpha1_Application: K8sValidateFunction;
export declare const argoproj_io_v1alpha1_ApplicationSet: K8sValidateFunction;
export declare const source_toolkit_fluxcd_io_v1_GitRepository: K8sValidateFunction;
export declare const kustomize_toolkit_fluxcd_io_v1_Kustomization: K8sValidateFunction;
