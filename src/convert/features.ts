/**
 * The target version decides (SPEC §10): every Kubernetes feature the converter emits that an
 * older cluster lacks, with the minor version that turns it on by default. Converters ask
 * `supports(ctx, feature)` and, where it says no, write the best older form or call
 * `needsVersion` for a diagnostic that names the version needed. One table, so that every area
 * gates on the same numbers (and docs/conversion.md lists them from here).
 */
import type { ConvertContext } from './context.js';
import type { EcsDocument } from '../load/shapes.js';

export interface Feature {
  /** The first minor version (1.x) where the feature is on by default. */
  since: number;
  /** How messages name it. */
  what: string;
}

export const FEATURES = {
  /** Init containers with restartPolicy Always (KEP-753): beta and on by default in 1.29. */
  nativeSidecars: { since: 29, what: 'native sidecar containers (init containers with restartPolicy: Always)' },
  /** lifecycle.preStop.sleep (KEP-3960): beta and on by default in 1.30. */
  preStopSleep: { since: 30, what: 'the preStop sleep action' },
  /** Services whose named targetPort is declared by a native sidecar: resolved from 1.32. */
  sidecarNamedPorts: { since: 32, what: 'named target ports on native sidecar containers' },
  /** Pod-level resources, spec.resources (KEP-2837): beta and on by default in 1.34. */
  podResources: { since: 34, what: 'pod-level resources (spec.resources)' },
} as const satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

/** The minor number of a "1.x" version (`v1.x` and `1.x.y` are read too); 36 when it cannot be read. */
export function minorOf(version: string | undefined): number {
  const m = /^v?1\.(\d+)/.exec(version ?? '');
  return m ? Number(m[1]) : 36;
}

/** "1.29" for a feature. */
export function versionOf(feature: FeatureName): string {
  return `1.${FEATURES[feature].since}`;
}

/** Whether the target kubernetesVersion has the feature on by default. */
export function supports(ctx: Pick<ConvertContext, 'options'>, feature: FeatureName): boolean {
  return minorOf(ctx.options.kubernetesVersion) >= FEATURES[feature].since;
}

/** " (kubernetesVersion 1.28; 1.29 has native sidecar containers …)": the tail of a message about an older form. */
export function olderForm(ctx: Pick<ConvertContext, 'options'>, feature: FeatureName): string {
  return `kubernetesVersion ${ctx.options.kubernetesVersion} has no ${FEATURES[feature].what}, which need ${versionOf(feature)}`;
}

/** A warning that the target version lacks a feature the input needs: `message` says what was written instead. */
export function needsVersion(ctx: ConvertContext, doc: EcsDocument, pointer: string, feature: FeatureName, message: string): void {
  ctx.warn(doc, pointer, 'target-version', `${message} (${olderForm(ctx, feature)})`);
}
