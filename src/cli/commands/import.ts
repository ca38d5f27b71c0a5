/**
 * `ecs2k8s import --cluster NAME --out DIR [--build --bundle-out DIR2]`: the ECS API → JSON files
 * that `validate` and `build` read as they are (src/import/), then, with --build, `build DIR`.
 * Every failure is one line on stderr and exit code 3; never a stack trace, never a credential.
 */
import { resolve } from 'node:path';
import { BundleWriteError } from '../../bundle/errors.js';
import { createEcsApi, type AwsOptions, type EcsApi } from '../../import/aws.js';
import { createAasApi, type AasApi } from '../../import/aas.js';
import { ImportError } from '../../import/errors.js';
import { importCluster, type ImportProgress } from '../../import/run.js';
import { otherServiceFiles, writeImported } from '../../import/write.js';
import { DEFAULT_MAX_INPUT_BYTES } from '../../load/inputs.js';
import { EXIT, type CliIO } from '../io.js';
import { interrupting, Progress } from '../progress.js';
import { buildCommand } from './build.js';

export interface ImportArgs {
  cluster: string;
  services: string[];
  out: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  build: boolean;
  bundleOut?: string;
  /** `--quiet`: no progress line on a terminal. Default false. */
  quiet?: boolean;
  /** Attempts per API call (standard retry mode). Default: AWS_MAX_ATTEMPTS, else 5. */
  maxAttempts?: number;
  /** For tests: the API to use instead of the SDK client. */
  api?: EcsApi;
  /** For tests, with `api`: the Application Auto Scaling API (default with `api`: none, so scaling is not read). */
  aasApi?: AasApi;
}

/** Standard mode's own default is 3; an import makes many calls in a row, so it allows a few more. */
export const DEFAULT_MAX_ATTEMPTS = 5;

function maxAttemptsOf(args: ImportArgs, env: Record<string, string | undefined>): number | string {
  if (args.maxAttempts !== undefined) return args.maxAttempts;
  const raw = env['AWS_MAX_ATTEMPTS'];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_ATTEMPTS;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : `AWS_MAX_ATTEMPTS=${JSON.stringify(raw)} is not a whole number from 1 to 100`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function importCommand(args: ImportArgs, io: CliIO): Promise<number> {
  const maxAttempts = maxAttemptsOf(args, io.env);
  if (typeof maxAttempts === 'string') {
    io.stderr.write(`ecs2k8s: ${maxAttempts}\n`);
    return EXIT.invalid;
  }
  const outDir = resolve(io.cwd, args.out);
  if (args.build && args.bundleOut !== undefined && resolve(io.cwd, args.bundleOut) === outDir) {
    io.stderr.write('ecs2k8s: --bundle-out must be another folder than --out (the bundle would mix with the imported JSON)\n');
    return EXIT.invalid;
  }
  let api: EcsApi | undefined;
  let aas: AasApi | undefined;
  // Pages listed (each page shown: a page is one call), services and task definitions described,
  // on one line on a terminal; a note (a retry, a profile warning) first erases it.
  const progress = new Progress(io.stderr, io.env, { quiet: args.quiet === true });
  const stderr = interrupting(io.stderr, progress);
  const onProgress: ImportProgress = (stage, done, total) =>
    stage === 'pages' ? progress.update(`listing services: ${plural(done, 'page')}, ${plural(total ?? 0, 'service')}`, true) : progress.count(`describing ${stage}`, done, total);
  try {
    const aws: AwsOptions = {
      ...(args.region !== undefined && { region: args.region }),
      ...(args.profile !== undefined && { profile: args.profile }),
      ...(args.endpointUrl !== undefined && { endpoint: args.endpointUrl }),
      maxAttempts,
      env: io.env,
      onWarning: (line) => stderr.write(`ecs2k8s: note: ${line}\n`),
    };
    api = args.api ?? (await createEcsApi(aws));
    // An injected ECS API (tests, embedders) brings its own scaling client, or none.
    aas = args.api ? args.aasApi : await createAasApi(aws);
    const result = await importCluster(api, { cluster: args.cluster, services: args.services, ...(progress.enabled && { progress: onProgress }) }, aas).finally(() => progress.done());
    for (const n of result.notes) io.stderr.write(`ecs2k8s: note: ${n}\n`);
    const cluster = JSON.stringify(args.cluster);
    if (result.services.length === 0) {
      io.stdout.write(`ecs2k8s: the cluster ${cluster} has no services: nothing imported\n`);
      return EXIT.ok;
    }
    const written = await writeImported(outDir, result.files);
    if (args.services.length === 0) {
      for (const p of await otherServiceFiles(outDir, new Set(result.files.keys()))) {
        io.stderr.write(`ecs2k8s: note: ${args.out}/${p} is not a service of the cluster ${cluster} now: left as it is (delete it if the service is gone)\n`);
      }
    }
    io.stdout.write(
      `ecs2k8s: ${plural(result.services.length, 'service')}${result.scalingDocuments > 0 ? `, ${plural(result.taskDefinitions.length, 'task definition')} and ${plural(result.scalingDocuments, 'scaling document')}` : ` and ${plural(result.taskDefinitions.length, 'task definition')}`} from cluster ${cluster} → ${args.out} (${written.written.length} written, ${written.unchanged.length} unchanged)\n`,
    );
  } catch (e) {
    if (e instanceof ImportError || e instanceof BundleWriteError) {
      io.stderr.write(`ecs2k8s: error ${e.code}: ${e.message}\n`);
      return EXIT.environment;
    }
    throw e;
  } finally {
    if (!args.api) {
      api?.destroy();
      aas?.destroy();
    }
  }
  if (!args.build) return EXIT.ok;
  return buildCommand(
    {
      inputs: [args.out],
      out: args.bundleOut!,
      stdout: false,
      format: 'yaml',
      check: false,
      images: [],
      report: 'text',
      strict: false,
      verbose: false,
      maxInputSize: DEFAULT_MAX_INPUT_BYTES,
      quiet: args.quiet === true,
    },
    io,
  );
}
