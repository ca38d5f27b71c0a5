// Hand-written types for the generated ajv standalone module k8s-validators.js
// (regenerate that with `node scripts/gen-k8s-validators.mjs`; this file stays as is).

/** One ajv error object, as produced with `allErrors: true`. */
export interface K8sSchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** An ajv standalone validate function: returns true when valid, errors in `.errors` otherwise. */
export interface K8sValidateFunction {
  (data: unknown): boolean;
  errors?: K8sSchemaError[] | null;
}

/** Member names of a definition of the strict schema ("IoK8sApiAppsV1DeploymentSpec"), for "did you mean". */
export declare function knownProperties(definition: string): readonly string[];

/** "apps/v1/Deployment" → the name of its export in this module ("apps_v1_Deployment"). */
export declare const kinds: Readonly<Record<string, string>>;

export declare const v1_Namespace: K8sValidateFunction;
export declare const v1_ServiceAccount: K8sValidateFunction;
export declare const v1_ConfigMap: K8sValidateFunction;
export declare const v1_Secret: K8sValidateFunction;
export declare const v1_Service: K8sValidateFunction;
export declare const v1_PersistentVolume: K8sValidateFunction;
export declare const v1_PersistentVolumeClaim: K8sValidateFunction;
export declare const apps_v1_Deployment: K8sValidateFunction;
export declare const apps_v1_DaemonSet: K8sValidateFunction;
export declare const batch_v1_Job: K8sValidateFunction;
export declare const batch_v1_CronJob: K8sValidateFunction;
export declare const networking_k8s_io_v1_Ingress: K8sValidateFunction;
export declare const policy_v1_PodDisruptionBudget: K8sValidateFunction;
export declare const autoscaling_v2_HorizontalPodAutoscaler: K8sValidateFunction;
export declare const external_secrets_io_v1_ExternalSecret: K8sValidateFunction;
