/**
 * Cross-object rules of an emitted bundle (src/k8s/validate/bundle-rules.ts), through the public
 * API: what a controller needs to find beside an object (the autoscaler's target, the Rollout's
 * Services, Ingress and AnalysisTemplates, a trigger's authentication), and Services a Rollout
 * must not use twice.
 */
import { describe, expect, it } from 'vitest';
import { validateK8sBundle } from '../src/index.js';

const meta = (name: string) => ({ name, namespace: 'shop' });
const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name), spec: { ports: [{ port: 80 }] } });
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: {} };
const hpa = (target: string, kind = 'Deployment') => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: meta('web'),
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind, name: target }, maxReplicas: 3 },
});
const rollout = (strategy: object) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: meta('web'), spec: { strategy } });
const codes = (objects: unknown[]) => validateK8sBundle(objects).map((i) => `${i.index} ${i.code} ${i.pointer}`);

describe('validateK8sBundle', () => {
  it('accepts an autoscaler whose target is in the bundle', () => {
    expect(codes([deployment, hpa('web')])).toEqual([]);
  });

  it('finds a scale target that is missing, of another kind, or in another namespace', () => {
    expect(codes([deployment, hpa('api')])).toEqual(['1 k8s-scale-target /spec/scaleTargetRef']);
    expect(codes([deployment, hpa('web', 'Rollout')])).toEqual(['1 k8s-scale-target /spec/scaleTargetRef']);
    const elsewhere = { ...deployment, metadata: { name: 'web', namespace: 'other' } };
    expect(validateK8sBundle([elsewhere, hpa('web')])[0]?.message).toBe('spec.scaleTargetRef names the Deployment "web", which is not in the bundle\'s namespace "shop"');
  });

  it('checks the Services, Ingress and AnalysisTemplates a canary Rollout names', () => {
    const canary = {
      canaryService: 'web-canary',
      stableService: 'web',
      trafficRouting: { alb: { ingress: 'web', servicePort: 80 } },
      steps: [{ setWeight: 10 }, { analysis: { templates: [{ templateName: 'web-errors' }] } }],
    };
    expect(
      codes([
        service('web'),
        service('web-canary'),
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web'), spec: {} },
        { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: meta('web-errors'), spec: {} },
        rollout({ canary }),
      ]),
    ).toEqual([]);
    expect(codes([service('web'), rollout({ canary })])).toEqual([
      '1 k8s-reference /spec/strategy/canary/canaryService',
      '1 k8s-reference /spec/strategy/canary/trafficRouting/alb/ingress',
      '1 k8s-reference /spec/strategy/canary/steps/1/analysis/templates/0/templateName',
    ]);
  });

  it('refuses one Service as both stable and canary, or both active and preview', () => {
    expect(codes([service('web'), rollout({ canary: { canaryService: 'web', stableService: 'web' } })])).toEqual(['1 k8s-rollout-services /spec/strategy/canary/canaryService']);
    expect(codes([service('web'), rollout({ blueGreen: { activeService: 'web', previewService: 'web' } })])).toEqual(['1 k8s-rollout-services /spec/strategy/blueGreen/previewService']);
    expect(codes([service('web'), rollout({ blueGreen: { activeService: 'web', previewService: 'web-preview' } })])).toEqual(['1 k8s-reference /spec/strategy/blueGreen/previewService']);
  });

  it("finds a KEDA trigger's missing TriggerAuthentication", () => {
    const so = {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: meta('web'),
      spec: { scaleTargetRef: { name: 'web' }, triggers: [{ type: 'aws-cloudwatch', metadata: {}, authenticationRef: { name: 'web-aws' } }] },
    };
    expect(codes([deployment, so])).toEqual(['1 k8s-reference /spec/triggers/0/authenticationRef/name']);
  });
});
