/**
 * The cluster the import tests read: task definitions registered from the files of
 * definitions/ (read, never edited) and services created as a team would have created them.
 * The same definitions, as a team keeps them in Git, are in fixtures/import/prod/.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EcsEndpoint } from './server.js';

export const taskdefsDir = join(dirname(fileURLToPath(import.meta.url)), 'definitions');
export const servicesDir = taskdefsDir;

type Obj = Record<string, unknown>;

export function readCorpus(dir: string, name: string): Obj {
  return JSON.parse(readFileSync(resolve(dir, name), 'utf8').replace(/^\uFEFF/, '')) as Obj;
}

export const CORPUS_TASKDEFS = {
  gitlabRunner: 'fargate-gitlab-runner.describe.json',
  ecspressoDemo: 'ecspresso-demo-task.json',
  internalNginx: 'internal-nginx.json',
} as const;

export const CORPUS_SERVICE_CONNECT = 'internal-nginx.service.json';

/** The services of the cluster "prod", as CreateService requests. */
export function prodServices(): Obj[] {
  return [
    {
      serviceName: 'ecspresso-demo',
      taskDefinition: 'ecspresso-demo-task:2',
      desiredCount: 2,
      launchType: 'FARGATE',
      loadBalancers: [{ containerName: 'ecspresso-demo-container', containerPort: 80, targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/demo/70860cf868ab8696' }],
      healthCheckGracePeriodSeconds: 30,
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED', securityGroups: ['sg-0249be5e4938eb720'], subnets: ['subnet-0043c72cfb2b9bc77', 'subnet-0b59531acff265d5d'] } },
      propagateTags: 'TASK_DEFINITION',
      tags: [
        { key: 'team', value: 'payments' },
        { key: 'cost-center', value: '42' },
      ],
    },
    {
      serviceName: 'ecspresso-demo-canary',
      taskDefinition: 'ecspresso-demo-task:1',
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'DISABLED', securityGroups: ['sg-0249be5e4938eb720'], subnets: ['subnet-0043c72cfb2b9bc77'] } },
    },
    {
      serviceName: 'gitlab-runner',
      taskDefinition: 'fargate-gitlab-runner:1',
      desiredCount: 1,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }],
      networkConfiguration: { awsvpcConfiguration: { assignPublicIp: 'ENABLED', securityGroups: ['sg-0aa11bb22cc33dd44'], subnets: ['subnet-0ee55ff66aa77bb88'] } },
      enableExecuteCommand: true,
    },
    {
      ...readCorpus(servicesDir, CORPUS_SERVICE_CONNECT),
      serviceName: 'internal-nginx',
      taskDefinition: 'internal-nginx:1',
    },
  ];
}

/** Registers the task definitions and creates the services of "prod". */
export function seedProd(endpoint: EcsEndpoint): void {
  endpoint.registerTaskDefinition(readCorpus(taskdefsDir, CORPUS_TASKDEFS.gitlabRunner));
  endpoint.registerTaskDefinition(readCorpus(taskdefsDir, CORPUS_TASKDEFS.ecspressoDemo));
  endpoint.registerTaskDefinition(readCorpus(taskdefsDir, CORPUS_TASKDEFS.ecspressoDemo));
  endpoint.registerTaskDefinition(readCorpus(taskdefsDir, CORPUS_TASKDEFS.internalNginx));
  for (const s of prodServices()) endpoint.createService('prod', s);
  endpoint.createCluster('empty');
}

/** A cluster of n services that all run one task definition (for pagination). */
export function seedMany(endpoint: EcsEndpoint, cluster: string, n: number): void {
  const ref = endpoint.registerTaskDefinition(readCorpus(taskdefsDir, CORPUS_TASKDEFS.internalNginx));
  for (let i = 0; i < n; i++) {
    endpoint.createService(cluster, {
      serviceName: `svc-${String(i).padStart(3, '0')}`,
      taskDefinition: ref,
      desiredCount: 1,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0ee55ff66aa77bb88'] } },
    });
  }
}
