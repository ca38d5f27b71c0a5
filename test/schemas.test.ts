import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateService, validateTaskDefinition } from '../src/validate/generated/ecs-validators.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const GENERATED = [
  'schemas/ecs-task-definition.schema.json',
  'schemas/ecs-service.schema.json',
  'src/validate/generated/ecs-validators.js',
  'src/validate/generated/ecs-validators.d.ts',
  'src/model/generated/ecs.ts',
  'schemas/aas-scalable-target.schema.json',
  'schemas/aas-scaling-policy.schema.json',
  'schemas/aas-scheduled-action.schema.json',
  'src/validate/generated/aas-validators.js',
  'src/validate/generated/aas-validators.d.ts',
  'schemas/codedeploy-deployment-group.schema.json',
  'schemas/cloudwatch-metric-alarm.schema.json',
  'src/validate/generated/cloudwatch-validators.js',
  'src/validate/generated/cloudwatch-validators.d.ts',
  'src/validate/generated/codedeploy-validators.js',
  'src/validate/generated/codedeploy-validators.d.ts',
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const readJson = (rel: string): Json => JSON.parse(readFileSync(join(root, rel), 'utf8')) as Json;
const td = readJson('schemas/ecs-task-definition.schema.json');
const svc = readJson('schemas/ecs-service.schema.json');
const def = (schema: Json, name: string): Json => {
  const d = schema.definitions?.[name] as Json | undefined;
  if (!d) throw new Error(`no definition ${name}`);
  return d;
};

describe('generated ECS schemas', () => {
  it('are up to date with the SDK model and scripts/ecs-constraints.json (run npm run gen:schemas)', () => {
    const out = mkdtempSync(join(tmpdir(), 'ecs2k8s-schemas-test-'));
    try {
      execFileSync(process.execPath, [join(root, 'scripts/gen-schemas.mjs'), '--out', out], {
        cwd: root,
        stdio: 'pipe',
      });
      for (const rel of GENERATED) {
        const fresh = readFileSync(join(out, rel), 'utf8');
        const committed = readFileSync(join(root, rel), 'utf8');
        expect(fresh === committed, `${rel} is stale: run npm run gen:schemas`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('is draft-07 rooted at the request shapes', () => {
    expect(td.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(td.$ref).toBe('#/definitions/RegisterTaskDefinitionRequest');
    expect(svc.$ref).toBe('#/definitions/CreateServiceRequest');
    for (const schema of [td, svc]) {
      for (const name of Object.keys(schema.definitions as Json)) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
  });

  it('carries required members and closed objects from the model', () => {
    const req = def(td, 'RegisterTaskDefinitionRequest');
    expect(req.required).toEqual(expect.arrayContaining(['family', 'containerDefinitions']));
    expect(req.additionalProperties).toBe(false);
    const cd = def(td, 'ContainerDefinition');
    expect(cd.additionalProperties).toBe(false);
    for (const m of ['portMappings', 'healthCheck', 'restartPolicy', 'versionConsistency']) {
      expect(cd.properties).toHaveProperty(m);
    }
    expect(def(td, 'HealthCheck').required).toEqual(['command']);
    expect(def(svc, 'CreateServiceRequest').required).toEqual(['serviceName']);
    for (const schema of [td, svc]) {
      for (const [name, d] of Object.entries(schema.definitions as Record<string, Json>)) {
        if (d.type === 'object') expect(d.additionalProperties, name).toBe(false);
      }
    }
  });

  it('keeps enums as enum lists', () => {
    expect(def(td, 'NetworkMode').enum).toEqual(['awsvpc', 'bridge', 'host', 'none']);
    expect(def(svc, 'LaunchType').enum).toContain('FARGATE');
    expect(def(td, 'EnvironmentFileType').enum).toEqual(['s3']);
  });

  it('applies the constraint overlay', () => {
    const pm = def(td, 'PortMapping').properties as Json;
    for (const p of ['containerPort', 'hostPort']) {
      expect(pm[p]).toMatchObject({ type: 'integer', minimum: 0, maximum: 65535 });
      expect(pm[p].description).toMatch(/^ECS API reference/);
    }
    const hc = def(td, 'HealthCheck').properties as Json;
    expect(hc.interval).toMatchObject({ type: 'integer', minimum: 5, maximum: 300 });
    expect(hc.timeout).toMatchObject({ minimum: 2, maximum: 60 });
    expect(hc.retries).toMatchObject({ minimum: 1, maximum: 10 });
    expect(hc.startPeriod).toMatchObject({ minimum: 0, maximum: 300 });
    expect(def(td, 'EphemeralStorage').properties.sizeInGiB).toMatchObject({ minimum: 21, maximum: 200 });
    expect(def(svc, 'CreateServiceRequest').properties.desiredCount).toMatchObject({ type: 'integer', minimum: 0 });
    expect(def(td, 'RegisterTaskDefinitionRequest').properties.family.pattern).toBe('^[A-Za-z0-9_-]{1,255}$');
    const cpu = new RegExp(def(td, 'RegisterTaskDefinitionRequest').properties.cpu.pattern as string, 'u');
    const mem = new RegExp(def(td, 'RegisterTaskDefinitionRequest').properties.memory.pattern as string, 'u');
    for (const ok of ['256', '1024', '1 vCPU', '0.25 vcpu', '2vCPU']) expect(cpu.test(ok), ok).toBe(true);
    for (const bad of ['', 'two', '{{ cpu }}', '1 GB']) expect(cpu.test(bad), bad).toBe(false);
    for (const ok of ['512', '2 GB', '0.5GB', '1gb']) expect(mem.test(ok), ok).toBe(true);
    for (const bad of ['', 'lots', '${MEMORY}', '1 vCPU']) expect(mem.test(bad), bad).toBe(false);
  });

  it('tolerates describe-only members as readOnly', () => {
    const tdProps = def(td, 'RegisterTaskDefinitionRequest').properties as Json;
    for (const m of ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'requiresAttributes', 'compatibilities', 'registeredBy', 'deregisteredAt']) {
      expect(tdProps[m], m).toEqual({ readOnly: true });
    }
    const svcProps = def(svc, 'CreateServiceRequest').properties as Json;
    for (const m of ['serviceArn', 'deployments', 'events', 'runningCount', 'pendingCount', 'platformFamily']) {
      expect(svcProps[m], m).toEqual({ readOnly: true });
    }
    // Request members stay real schemas.
    expect(tdProps.family.readOnly).toBeUndefined();
    expect(svcProps.serviceName.readOnly).toBeUndefined();
  });
});

describe('compiled ECS validators', () => {
  const minimal = () => ({
    family: 'web',
    containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }],
  });

  it('accept a minimal task definition and a describe-shaped one', () => {
    expect(validateTaskDefinition(minimal()), JSON.stringify(validateTaskDefinition.errors)).toBe(true);
    const described = { ...minimal(), taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3', revision: 3, status: 'ACTIVE', registeredAt: '2024-01-01T00:00:00Z' };
    expect(validateTaskDefinition(described), JSON.stringify(validateTaskDefinition.errors)).toBe(true);
  });

  it('report an unknown member with its pointer and a #/definitions schemaPath', () => {
    const doc = minimal() as Json;
    doc.containerDefinitions[0].portMapping = doc.containerDefinitions[0].portMappings;
    delete doc.containerDefinitions[0].portMappings;
    expect(validateTaskDefinition(doc)).toBe(false);
    const errs = validateTaskDefinition.errors ?? [];
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({
      keyword: 'additionalProperties',
      instancePath: '/containerDefinitions/0',
      schemaPath: '#/definitions/ContainerDefinition/additionalProperties',
      params: { additionalProperty: 'portMapping' },
    });
  });

  it('report an out-of-range port', () => {
    const doc = minimal() as Json;
    doc.containerDefinitions[0].portMappings[0].containerPort = 70000;
    expect(validateTaskDefinition(doc)).toBe(false);
    const errs = validateTaskDefinition.errors ?? [];
    expect(errs.map((e) => e.instancePath)).toEqual(['/containerDefinitions/0/portMappings/0/containerPort']);
    expect(errs[0]).toMatchObject({ keyword: 'maximum', schemaPath: '#/definitions/PortMapping/properties/containerPort/maximum' });
  });

  it('report a wrong enum value and a non-integer', () => {
    const doc = { ...minimal(), networkMode: 'Bridge' } as Json;
    doc.containerDefinitions[0].memory = 512.5;
    expect(validateTaskDefinition(doc)).toBe(false);
    const errs = validateTaskDefinition.errors ?? [];
    expect(errs.map((e) => [e.instancePath, e.keyword]).sort()).toEqual([
      ['/containerDefinitions/0/memory', 'type'],
      ['/networkMode', 'enum'],
    ]);
  });

  it('validate services', () => {
    expect(validateService({ serviceName: 'web', taskDefinition: 'web:3', desiredCount: 2, launchType: 'FARGATE', serviceArn: 'arn:x', events: [] })).toBe(true);
    expect(validateService({ taskDefinition: 'web', desiredCount: -1 })).toBe(false);
    expect((validateService.errors ?? []).map((e) => [e.instancePath, e.keyword]).sort()).toEqual([
      ['', 'required'],
      ['/desiredCount', 'minimum'],
    ]);
  });
});
