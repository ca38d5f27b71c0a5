import { compileArgs, compileArgsProblem, compileOptions, inputsPositional, reportArgs, reportArgsProblem, reportOptions, type CommandDef } from '../options.js';
import { writeUsageError } from '../usage.js';

export const buildCli: CommandDef = {
  command: 'build [inputs..]',
  describe: 'Compile ECS task definitions and services into a Kubernetes bundle',
  builder: (y) =>
    compileOptions(reportOptions(y.positional('inputs', inputsPositional), true))
      .option('out', { alias: 'o', type: 'string', describe: 'Output directory of the bundle (one folder per namespace)' })
      .option('stdout', { type: 'boolean', default: false, describe: 'Print one multi-document stream instead of writing files' })
      .option('format', { choices: ['yaml', 'json', 'helm'] as const, default: 'yaml' as const, describe: 'Format of the object files; helm writes one chart per namespace' })
      .option('check', {
        type: 'boolean',
        default: false,
        describe: 'Compare with the bundle on disk: exit 1 and print a diff when it is out of date (to stderr when a json or sarif report owns stdout)',
      })
      .option('fail-on-change', {
        type: 'boolean',
        default: false,
        describe: 'Write the bundle, then exit 1 when that changed a file (created, changed or removed one): the pre-commit convention for a hook that regenerates files',
      })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress line on a terminal (progress is never shown when stderr is not one)' })
      .option('keep-going', { type: 'boolean', default: false, describe: 'Write every service that builds; a failed one keeps its previous files and is listed at the end (exit 2 when any failed)' })
      .option('env', { type: 'string', array: true, default: [] as string[], describe: 'An environment and its inputs, NAME=PATHS (comma-separated; repeatable): writes base/ and overlays/NAME/' })
      .option('gitops', { choices: ['argocd', 'flux'] as const, describe: 'Also write Argo CD or Flux objects for the output, in OUT/gitops/' })
      .option('repo-url', { type: 'string', describe: 'With --gitops: the Git repository the output is committed to' })
      .option('revision', { type: 'string', describe: 'With --gitops: branch, refs/tags/TAG or commit to follow (default main)' })
      .option('path', { type: 'string', describe: "With --gitops: the output folder's path in the repository (default: --out)" })
      .option('gitops-name', { type: 'string', describe: "With --gitops: name of the Application(Set) or GitRepository (default: the repository's name)" })
      .option('argocd-kind', { choices: ['applicationset', 'application'] as const, describe: 'With --gitops argocd and environments: one ApplicationSet (default) or one Application each' })
      .example('$0 build .aws/task-definition.json --out k8s/', 'Compile one task definition')
      .example('$0 build ecs/ --out k8s/ --check', 'Fail when k8s/ is out of date (CI, pre-commit)')
      .example('$0 build ecs/ --out k8s/ --fail-on-change', 'Update k8s/, and fail when it was out of date (pre-commit)')
      .example('$0 build td.json svc.json --image app=repo/app:1.2 --stdout', 'Print the manifests')
      .example('$0 build --env dev=ecs/dev --env prod=ecs/prod --out k8s/', 'A base and one overlay per environment')
      .example('$0 build ecs/ --out k8s/ --keep-going', 'Build a fleet: write what builds, list what failed')
      .example('$0 build ecs/ --format helm --out charts/', 'One Helm chart per namespace')
      .example('$0 build --env dev=ecs/dev --env prod=ecs/prod --out k8s/ --gitops argocd --repo-url https://github.com/acme/deploy.git', 'Overlays and an Argo CD ApplicationSet'),
  run: async (a, io) => {
    const problem = checkBuildArgs(a);
    if (problem) return writeUsageError(io, problem, 'build');
    return (await import('./build.js')).buildCommand(
      {
        inputs: (a['inputs'] as string[] | undefined) ?? [],
        ...reportArgs(a),
        out: a['out'] as string | undefined,
        stdout: a['stdout'] as boolean,
        format: a['format'] as 'yaml' | 'json' | 'helm',
        check: a['check'] as boolean,
        failOnChange: a['fail-on-change'] as boolean,
        keepGoing: a['keep-going'] as boolean,
        quiet: a['quiet'] as boolean,
        envs: (a['env'] as string[] | undefined) ?? [],
        gitops: a['gitops'] as 'argocd' | 'flux' | undefined,
        repoUrl: a['repo-url'] as string | undefined,
        revision: a['revision'] as string | undefined,
        repoPath: a['path'] as string | undefined,
        gitopsName: a['gitops-name'] as string | undefined,
        argocdKind: a['argocd-kind'] as 'applicationset' | 'application' | undefined,
        ...compileArgs(a),
      },
      io,
    );
  },
};

/** Every combination of --out, --stdout, --check, --report and --report-file is meaningful or refused here (README: "Where output goes"). */
function checkBuildArgs(a: Record<string, unknown>): string | undefined {
  const reportFile = a['report-file'];
  if (!a['stdout'] && !a['out']) return 'build needs --out DIR (or --stdout)';
  if (a['stdout'] && a['out'] !== undefined) return '--stdout prints the bundle instead of writing it to --out: give one of them';
  if (a['stdout'] && a['check']) return '--check compares files on disk: use it with --out, not --stdout';
  if (a['stdout'] && a['format'] === 'helm') return '--format helm writes chart folders: use it with --out, not --stdout';
  if (a['stdout'] && a['report'] !== 'text' && (reportFile === undefined || reportFile === '-')) {
    return `--report ${String(a['report'])} and --stdout would both write to stdout: give the report a file with --report-file`;
  }
  if (a['fail-on-change'] && a['stdout']) return '--fail-on-change tells whether writing --out changed it: use it with --out, not --stdout';
  if (a['fail-on-change'] && a['check']) return '--check never writes; --fail-on-change writes, then fails when that changed a file: give one of them';
  if (a['fail-on-change'] && a['keep-going']) return '--fail-on-change works on the all-or-nothing build, not --keep-going';
  if (a['keep-going'] && a['stdout']) return '--keep-going writes what builds into --out and keeps the previous files of what fails: use it with --out, not --stdout';
  if (a['keep-going'] && a['check']) return '--keep-going writes what builds; --check only compares: give one of them';
  if (a['keep-going'] && a['format'] === 'helm') return '--keep-going works on a plain bundle (yaml or json), not --format helm';
  if (a['keep-going'] && (a['env'] as string[] | undefined)?.length) return '--keep-going works on one set of inputs, not environments (--env)';
  if (a['keep-going'] && a['gitops'] !== undefined) return '--keep-going works on a plain bundle, not with --gitops';
  return reportArgsProblem(a, true) ?? compileArgsProblem(a);
}
