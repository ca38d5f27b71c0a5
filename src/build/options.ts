/**
 * The build options, resolved once for every caller (the CLI's build, diff and apply, the GitHub
 * Action, the library): the defaults, then the project file, then what the caller was given
 * (flags or Action inputs). Problems are usage diagnostics, never exceptions.
 */
import { dirname } from 'node:path';
import { Diagnostics, show, type Diagnostic } from '../diagnostics.js';
import { loadProjectFile } from '../load/config.js';
import { IMAGE_REFERENCE_FORM, imageReferenceProblem } from '../load/image-reference.js';
import { own } from '../model/values.js';
import { applyProjectFile, defaultOptions, type Options, type ProjectFile, type WorkloadKind } from '../options.js';

/** An image override that its caller has already split, and the input that gave it (`"images"`). */
export interface ImageOverride {
  name: string;
  uri: string;
  via: string;
}

/** What shapes a build besides the project file; each member is the flag of the same name. */
export interface BuildFlags {
  /** The project file (default: ./ecs2k8s.yaml when present). */
  config?: string;
  /** `--image CONTAINER=URI` (repeatable), as typed. Default none. */
  images?: readonly string[];
  /** Overrides already split (the Action's `container-name`/`image` and `images`), after `images`. Default none. */
  imageOverrides?: readonly ImageOverride[];
  namespace?: string;
  /** `--region`, `--account`, `--stack-name`, `--parameter KEY=VALUE`: what CloudFormation templates resolve with. */
  region?: string;
  account?: string;
  stackName?: string;
  parameters?: readonly string[];
  /** `--var NAME=VALUE`: Terraform variables of .tf inputs. */
  vars?: readonly string[];
  replicas?: number;
  workload?: WorkloadKind;
  schedule?: string;
  serviceName?: string;
}

export interface ResolvedBuild {
  options: Options;
  /** The project file read, for its environments and gitops settings. */
  project?: ProjectFile;
  /** Its path, as found. */
  projectFile?: string;
}

const usage = (message: string): Diagnostic => ({ code: 'usage', severity: 'error', message });

/** The options of a build run in `cwd`; what does not parse is added to `d`. */
export async function resolveBuildOptions(flags: BuildFlags, cwd: string, d: Diagnostics): Promise<ResolvedBuild> {
  let options = defaultOptions();
  const found: { file?: string } = {};
  const project = await loadProjectFile(flags.config, cwd, d, found);
  if (project) options = { ...applyProjectFile(options, project.value, project), projectRoot: dirname(project.path) };
  imageFlags(flags, options, d);
  if (flags.namespace !== undefined) options.namespaceOverride = flags.namespace;
  readFlags(flags, options, d);
  varFlags(flags.vars ?? [], options, d);
  if (flags.replicas !== undefined) options.replicasOverride = flags.replicas;
  if (flags.workload !== undefined) options.workloadOverride = flags.workload;
  if (flags.schedule !== undefined) {
    options.scheduleOverride = flags.schedule;
    if (flags.workload === undefined) options.workloadOverride = 'cronjob';
  }
  if (flags.serviceName !== undefined) options.serviceName = flags.serviceName;
  return { options, ...(project && { project: project.value }), ...(found.file !== undefined && { projectFile: found.file }) };
}

/** `--image` over the project file's `images:`; as the render action, a container no task definition has is an error later (src/convert/overrides.ts). */
function imageFlags(flags: BuildFlags, options: Options, d: Diagnostics): void {
  for (const spec of flags.images ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1) {
      d.add(usage(`--image ${JSON.stringify(spec)} is not CONTAINER=URI (for example --image web=123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2)`));
      continue;
    }
    const [name, uri] = [spec.slice(0, eq), spec.slice(eq + 1)];
    if (own(options.imageOrigins, name)?.via === '--image') {
      d.add(usage(`--image names the container ${show(name)} twice (${show(options.images[name])}, then ${show(uri)}): give its image once`));
      continue;
    }
    setImage(options, d, { name, uri, via: '--image' });
  }
  for (const o of flags.imageOverrides ?? []) setImage(options, d, o);
}

function setImage(options: Options, d: Diagnostics, { name, uri, via }: ImageOverride): void {
  const problem = imageReferenceProblem(uri);
  if (problem) d.add({ code: 'invalid-image', severity: 'error', message: `${via} ${name}=${show(uri)}: not an image reference: ${problem}; ${IMAGE_REFERENCE_FORM}` });
  options.images[name] = uri;
  options.imageOrigins[name] = { via, severity: 'error' };
}

/** --region, --account, --stack-name and --parameter over the project file's: what templates resolve with (src/load/readers/). */
function readFlags(flags: BuildFlags, options: Options, d: Diagnostics): void {
  const read = { ...options.read };
  const origins = { ...options.readOrigins };
  if (flags.region !== undefined) {
    read.region = flags.region;
    origins['region'] = { via: `--region ${show(flags.region)}` };
  }
  if (flags.account !== undefined) {
    if (!/^\d{12}$/.test(flags.account)) d.add(usage(`--account ${show(flags.account)} is not an AWS account id (12 digits)`));
    read.account = flags.account;
    origins['account'] = { via: `--account ${show(flags.account)}` };
  }
  if (flags.stackName !== undefined) {
    read.stackName = flags.stackName;
    origins['stackName'] = { via: `--stack-name ${show(flags.stackName)}` };
  }
  const given = new Set<string>();
  for (const spec of flags.parameters ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      d.add(usage(`--parameter ${show(spec)} is not KEY=VALUE (for example --parameter ImageTag=1.4.2)`));
      continue;
    }
    const key = spec.slice(0, eq);
    if (given.has(key)) d.add(usage(`--parameter names ${show(key)} twice: give it once`));
    given.add(key);
    read.parameters = { ...read.parameters, [key]: spec.slice(eq + 1) };
    origins[`parameter:${key}`] = { via: `--parameter ${key}` };
  }
  options.read = read;
  options.readOrigins = origins;
}

/** `--var NAME=VALUE`, over the project file's `variables`: what `.tf` inputs resolve `var.NAME` with. */
function varFlags(specs: readonly string[], options: Options, d: Diagnostics): void {
  const given = new Set<string>();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = spec.slice(0, eq);
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name)) {
      d.add(usage(`--var ${show(spec)} is not NAME=VALUE (for example --var image_tag=1.4.2)`));
      continue;
    }
    if (given.has(name)) d.add(usage(`--var names ${show(name)} twice: give it once`));
    given.add(name);
    options.read = { ...options.read, variables: { ...options.read?.variables, [name]: spec.slice(eq + 1) } };
  }
}
