import type { CommandDef } from '../options.js';

export const importCli: CommandDef = {
  command: 'import',
  describe: "Read a cluster's services and task definitions from the ECS API into JSON files (the one command that goes online)",
  builder: (y) =>
    y
      .option('cluster', { type: 'string', demandOption: true, describe: 'ECS cluster name or ARN' })
      .option('service', { type: 'string', array: true, default: [] as string[], describe: 'Import only this service (name or ARN; repeatable). Default: every service of the cluster' })
      .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'Folder for the JSON files (services/, taskdefs/)' })
      .option('region', { type: 'string', describe: "AWS region (default: AWS_REGION or the profile's region)" })
      .option('profile', { type: 'string', describe: 'Named profile of ~/.aws/config and ~/.aws/credentials (default: AWS_PROFILE or default)' })
      .option('endpoint-url', { type: 'string', describe: "Send the ECS calls to this URL instead of the AWS endpoint (as the AWS CLI's --endpoint-url)" })
      .option('build', { type: 'boolean', default: false, describe: 'Then compile the --out folder into a bundle (as ecs2k8s build OUT --out BUNDLE_OUT)' })
      .option('bundle-out', { type: 'string', describe: 'Output folder of the bundle, with --build' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress line on a terminal (progress is never shown when stderr is not one)' })
      .check((a) => {
        if (typeof a.cluster !== 'string' || a.cluster.trim() === '') throw new Error('--cluster needs a cluster name or ARN');
        if (typeof a.out !== 'string' || a.out === '') throw new Error('--out needs a folder');
        if (a.build && !a['bundle-out']) throw new Error('--build needs --bundle-out DIR (the folder of the bundle)');
        if (!a.build && a['bundle-out'] !== undefined) throw new Error('--bundle-out is for --build: add --build, or drop --bundle-out');
        const url = a['endpoint-url'];
        if (url !== undefined) {
          let u: URL | undefined;
          try {
            u = new URL(String(url));
          } catch {
            u = undefined;
          }
          if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:'))
            throw new Error(`--endpoint-url ${JSON.stringify(url)} is not an http(s) URL (for example https://ecs.eu-west-1.amazonaws.com)`);
        }
        for (const s of (a.service as string[] | undefined) ?? []) if (String(s).trim() === '') throw new Error('--service needs a service name');
        return true;
      })
      .example('$0 import --cluster prod --out ecs/prod', 'Every service of the cluster "prod" and its task definition')
      .example('$0 import --cluster prod --service web --profile prod-ro --region eu-west-1 --out ecs/prod', 'One service, with a named profile')
      .example('$0 import --cluster prod --out ecs/prod --build --bundle-out k8s/', 'Import, then build'),
  run: async (a, io) =>
    (await import('./import.js')).importCommand(
      {
        cluster: String(a['cluster']),
        services: ((a['service'] as unknown[] | undefined) ?? []).map(String),
        out: String(a['out']),
        region: a['region'] as string | undefined,
        profile: a['profile'] as string | undefined,
        endpointUrl: a['endpoint-url'] as string | undefined,
        build: a['build'] as boolean,
        bundleOut: a['bundle-out'] as string | undefined,
        quiet: a['quiet'] === true,
      },
      io,
    ),
};
