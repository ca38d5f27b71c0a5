/**
 * A fake HorizontalPodAutoscaler controller for the test API server: reads an HPA that was
 * applied, and sets its scale target's `.spec.replicas` as its own field manager, the way the
 * HPA controller in kube-controller-manager takes ownership of that field when it scales. (The
 * real controller writes through the scale subresource; the test server speaks server-side apply
 * only, and a forced apply gives the same ownership of `.spec.replicas`.)
 */
import { applyAs } from './harness.js';
import type { FakeApiServer } from './server.js';

export const HPA_MANAGER = 'kube-controller-manager';

const PLURALS: Record<string, string> = { Deployment: 'deployments', Rollout: 'rollouts' };

/** Scales the target of HPA namespace/name to `replicas` (clamped to its range); returns what the server answered. */
export async function hpaScales(server: FakeApiServer, namespace: string, name: string, replicas: number): Promise<{ status: number; body: string; replicas: number }> {
  const hpa = server.get('autoscaling/v2', 'HorizontalPodAutoscaler', namespace, name);
  if (!hpa) throw new Error(`no HorizontalPodAutoscaler ${namespace}/${name} on the server`);
  const ref = hpa['spec'].scaleTargetRef as { apiVersion: string; kind: string; name: string };
  const want = Math.min(hpa['spec'].maxReplicas as number, Math.max((hpa['spec'].minReplicas as number | undefined) ?? 1, replicas));
  const prefix = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
  const path = `${prefix}/namespaces/${namespace}/${PLURALS[ref.kind] ?? `${ref.kind.toLowerCase()}s`}/${ref.name}`;
  const r = await applyAs(server, HPA_MANAGER, path, { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace }, spec: { replicas: want } }, { force: true });
  return { ...r, replicas: want };
}
