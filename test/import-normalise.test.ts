/**
 * The describe → request translation of `ecs2k8s import` (src/import/normalise.ts, names.ts),
 * in-process, for the shapes the test endpoint does not produce: CODE_DEPLOY / EXTERNAL task
 * sets, DAEMON services, roles, several deployments, Dates from the SDK.
 */
import { describe, expect, it } from 'vitest';
import { fileStems } from '../src/import/names.js';
import { canonical, normaliseService, normaliseTaskDefinition, toFileText } from '../src/import/normalise.js';

const ARN = 'arn:aws:ecs:eu-west-1:111122223333';
const base = { serviceName: 'web', clusterArn: `${ARN}:cluster/prod`, serviceArn: `${ARN}:service/prod/web`, status: 'ACTIVE', runningCount: 2, pendingCount: 0, createdAt: new Date(0), events: [] };
const noRef = () => undefined;

describe('services', () => {
  it('takes what the request has from the PRIMARY deployment, not from an ACTIVE one', () => {
    const s = normaliseService(
      {
        ...base,
        taskDefinition: `${ARN}:task-definition/web:8`,
        deployments: [
          { status: 'ACTIVE', taskDefinition: `${ARN}:task-definition/web:7`, serviceConnectConfiguration: { enabled: false }, launchType: 'EC2' },
          {
            status: 'PRIMARY',
            taskDefinition: `${ARN}:task-definition/web:8`,
            serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
            launchType: 'FARGATE',
            volumeConfigurations: [{ name: 'data', managedEBSVolume: { roleArn: 'arn:aws:iam::111122223333:role/ebs', sizeInGiB: 10 } }],
          },
        ],
      },
      'prod',
      noRef,
    );
    expect(s.doc).toEqual({
      cluster: 'prod',
      launchType: 'FARGATE',
      serviceConnectConfiguration: { enabled: true, namespace: 'ns' },
      serviceName: 'web',
      taskDefinition: 'web:8',
      volumeConfigurations: [{ managedEBSVolume: { roleArn: 'arn:aws:iam::111122223333:role/ebs', sizeInGiB: 10 }, name: 'data' }],
    });
  });

  it('a CODE_DEPLOY service: the PRIMARY task set gives the task definition, network, load balancers and capacity providers', () => {
    const s = normaliseService(
      {
        ...base,
        deploymentController: { type: 'CODE_DEPLOY' },
        taskSets: [
          { status: 'ACTIVE', taskDefinition: `${ARN}:task-definition/web:3` },
          {
            status: 'PRIMARY',
            taskDefinition: `${ARN}:task-definition/web:4`,
            capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
            loadBalancers: [{ containerName: 'web', containerPort: 80, targetGroupArn: 'tg' }],
            networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } },
            tags: [{ key: 'taskset', value: 'x' }],
          },
        ],
      },
      'prod',
      (arn) => (arn.endsWith('web:4') ? 'web:4' : undefined),
    );
    expect(s.doc).toEqual({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      cluster: 'prod',
      deploymentController: { type: 'CODE_DEPLOY' },
      loadBalancers: [{ containerName: 'web', containerPort: 80, targetGroupArn: 'tg' }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['s'] } },
      serviceName: 'web',
      taskDefinition: 'web:4',
    });
    expect(s.taskDefinitionArn).toBe(`${ARN}:task-definition/web:4`);
  });

  it('roles: a role of the account becomes `role`; the ECS service-linked role is left out (ECS uses it anyway)', () => {
    expect(normaliseService({ ...base, roleArn: 'arn:aws:iam::111122223333:role/ecsServiceRole' }, 'prod', noRef).doc['role']).toBe('arn:aws:iam::111122223333:role/ecsServiceRole');
    expect(normaliseService({ ...base, roleArn: 'arn:aws:iam::111122223333:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS' }, 'prod', noRef).doc).not.toHaveProperty('role');
  });

  it('DAEMON: desiredCount is dropped (CreateService refuses it); empty tags and an empty capacity provider strategy too', () => {
    const s = normaliseService({ ...base, schedulingStrategy: 'DAEMON', desiredCount: 3, launchType: 'EC2', capacityProviderStrategy: [], tags: [] }, 'prod', noRef);
    expect(s.doc).toEqual({ cluster: 'prod', launchType: 'EC2', schedulingStrategy: 'DAEMON', serviceName: 'web' });
  });

  it('the cluster comes from clusterArn, else from --cluster (a name or an ARN)', () => {
    const { clusterArn: _, ...noArn } = base;
    expect(normaliseService(noArn, `${ARN}:cluster/blue`, noRef).doc['cluster']).toBe('blue');
    expect(normaliseService(base, 'ignored', noRef).doc['cluster']).toBe('prod');
  });
});

describe('task definitions', () => {
  it('read-only members out, revision and tags in, Dates never reach the file', () => {
    const td = normaliseTaskDefinition(
      {
        taskDefinitionArn: `${ARN}:task-definition/web:8`,
        family: 'web',
        revision: 8,
        status: 'ACTIVE',
        registeredAt: new Date(1_700_000_000_000),
        deregisteredAt: new Date(0),
        requiresAttributes: [{ name: 'x' }],
        compatibilities: ['EC2'],
        containerDefinitions: [{ name: 'web', image: 'nginx' }],
      },
      [{ key: 'team', value: 'a' }],
    );
    expect(td).toEqual({
      family: 'web',
      revision: 8,
      arn: `${ARN}:task-definition/web:8`,
      doc: { containerDefinitions: [{ image: 'nginx', name: 'web' }], family: 'web', revision: 8, tags: [{ key: 'team', value: 'a' }] },
    });
  });

  it('refuses a response without family or revision', () => {
    expect(() => normaliseTaskDefinition({ family: 'web' }, [])).toThrow(/without revision/);
    expect(() => normaliseTaskDefinition({ revision: 1 }, [])).toThrow(/without family/);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth in code-unit order, keeps array order, drops undefined and null', () => {
    expect(toFileText({ b: 1, a: { d: [3, 1, { z: 1, Z: 2 }], c: null as never }, é: 1, B: 2 })).toBe(
      '{\n  "B": 2,\n  "a": {\n    "d": [\n      3,\n      1,\n      {\n        "Z": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1,\n  "é": 1\n}\n',
    );
    expect(canonical({ x: undefined, $metadata: { httpStatusCode: 200 }, y: new Date(0) })).toEqual({ y: '1970-01-01T00:00:00.000Z' });
  });
});

describe('file names', () => {
  it('keep plain names, and give changed or clashing names a hash of the original', () => {
    const stems = fileStems(['web', 'api_v2', 'Web', 'WEB2', 'a/b', '..', '']);
    expect(stems.get('api_v2')).toBe('api_v2');
    expect(stems.get('WEB2')).toBe('WEB2');
    expect(stems.get('web')).toMatch(/^web-[0-9a-f]{10}$/);
    expect(stems.get('Web')).toMatch(/^Web-[0-9a-f]{10}$/);
    expect(stems.get('a/b')).toMatch(/^a_b-[0-9a-f]{10}$/);
    expect(stems.get('..')).toMatch(/^__-[0-9a-f]{10}$/);
    expect(stems.get('')).toMatch(/^_-[0-9a-f]{10}$/);
    expect(fileStems(['-rf']).get('-rf')).toMatch(/^_rf-[0-9a-f]{10}$/);
    expect(fileStems(['web', 'Web'])).toEqual(
      stems.get('web') &&
        new Map([
          ['web', stems.get('web')],
          ['Web', stems.get('Web')],
        ]),
    );
  });
});
