/** Options shared by `diff` and `apply`: build's input flags, and the cluster flags (kubectl's names). */
import type { Argv } from 'yargs';
import { applySetNameProblem } from '../../cluster/names.js';
import { compileArgs, compileArgsProblem, compileOptions, inputsPositional, parseSize } from '../options.js';

import { parseDuration } from '../../cluster/duration.js';

export { parseDuration };

export function clusterInputOptions<T>(y: Argv<T>) {
  return compileOptions(y, 'Inputs only: ')
    .positional('inputs', { ...inputsPositional, describe: 'A bundle folder written by ecs2k8s build, or ECS inputs (files, directories, -) built in memory' })
    .option('kubeconfig', { type: 'string', describe: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config, then in-cluster)' })
    .option('context', { type: 'string', describe: 'The kubeconfig context to use (default: its current-context)' })
    .option('applyset', {
      type: 'string',
      describe: "This bundle's ApplySet name, unique per bundle (default: the project file's applyset, else derived from the bundle's workloads; --prune needs one given)",
    })
    .option('prune', { type: 'boolean', default: false, describe: "Delete (or, for diff, show) objects of this bundle's ApplySet that the bundle no longer holds" })
    .option('force-conflicts', { type: 'boolean', default: false, describe: 'Take over fields that another field manager owns' })
    .option('request-timeout', {
      type: 'string',
      default: '30s',
      describe: 'Deadline of one API request attempt, and of an exec credential plugin; 0 for none (retries come on top)',
      coerce: parseDuration,
    })
    .option('strict', { type: 'boolean', default: false, describe: 'Inputs only: treat warnings as errors' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Show informational notes' })
    .option('max-input-size', { type: 'string', default: '16MiB', describe: 'Largest input file accepted', coerce: parseSize })
    .option('report', {
      choices: ['text', 'json'] as const,
      default: 'text' as const,
      describe: "json: each object's outcome as one JSON document on stdout (or --report-file); the diff and object lines then go to stderr",
    })
    .option('report-file', { type: 'string', describe: 'Write the json report to this file instead of stdout' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress line on a terminal (progress is never shown when stderr is not one)' })
    .check((a) => {
      if (a['report-file'] !== undefined && a['report'] !== 'json') throw new Error('--report-file writes the json report: add --report json, or drop --report-file');
      const problem = compileArgsProblem(a);
      if (problem) throw new Error(problem);
      const set = a['applyset'];
      const setProblem = typeof set === 'string' ? applySetNameProblem(set) : set === undefined ? undefined : 'must be given once';
      if (setProblem) throw new Error(`--applyset ${JSON.stringify(set)} ${setProblem}`);
      return true;
    });
}

/** The parsed shared options, as the implementations take them. */
export function clusterInputArgs(a: Record<string, unknown>, command: 'diff' | 'apply') {
  return {
    command,
    inputs: a['inputs'] as string[],
    kubeconfig: a['kubeconfig'] as string | undefined,
    context: a['context'] as string | undefined,
    applyset: a['applyset'] as string | undefined,
    prune: a['prune'] as boolean,
    forceConflicts: a['force-conflicts'] as boolean,
    requestTimeoutMs: a['request-timeout'] as number,
    report: a['report'] as 'text' | 'json',
    reportFile: a['report-file'] as string | undefined,
    quiet: a['quiet'] as boolean,
    build: {
      ...compileArgs(a),
      strict: a['strict'] as boolean,
      verbose: a['verbose'] as boolean,
      maxInputSize: a['max-input-size'] as number,
    },
  };
}

export type ClusterInputArgs = ReturnType<typeof clusterInputArgs>;
