/**
 * The readers of the forms services really live in (SPEC §12): CloudFormation, CDK output,
 * Terraform, Copilot. Each turns its files into the same ECS documents the JSON loader produces
 * (request shape, camelCase members, the kinds of ../document.ts), with sources that map every
 * pointer back into the template, so that the rest of the pipeline (validation, pairing,
 * conversion) is shared and every diagnostic points at file:line:column of what the user wrote.
 *
 * A reader is one folder here, registered in {@link READERS}. The loader
 * (src/validate/index.ts `loadInputs`) asks each reader in order whether it claims a file,
 * groups the claimed files (a Terraform module is a folder of `.tf` files; a Copilot
 * application is a `copilot/` folder), and hands each group to the reader once.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { EcsDocument } from '../document.js';
import type { InputText } from '../text.js';
import { terraformReader } from './terraform/index.js';

/** What the command line gives the readers to resolve what a template leaves open. */
export interface ReaderOptions {
  /** `--parameter KEY=VALUE`: CloudFormation parameters (over their Default). */
  parameters?: Readonly<Record<string, string>>;
  /** `--var KEY=VALUE`: Terraform variables (over `*.tfvars` and their default). */
  variables?: Readonly<Record<string, string>>;
  /** `--region`: AWS::Region, and the region of ARNs a template builds. */
  region?: string;
  /** `--account`: AWS::AccountId. */
  account?: string;
  /** `--stack-name`: AWS::StackName. */
  stackName?: string;
}

export interface ReadContext {
  options: ReaderOptions;
  /** Directory relative input paths resolve against (for `file()`, local modules, `cdk.out/manifest.json`). */
  cwd: string;
}

export interface Reader {
  /** Short name, as docs and diagnostics say it: `cloudformation`, `terraform`, `copilot`. */
  readonly name: string;
  /**
   * Whether a file met while walking an input directory may be this reader's, by its name
   * (`*.yaml`, `*.tf`…). `*.json` files are always collected. A collected file that no reader
   * then claims is skipped without a word (a folder of infrastructure code holds much else).
   */
  collects(path: string): boolean;
  /**
   * Whether this reader reads the text. `json` is the parsed value when the text is JSON
   * (a CloudFormation or Terraform plan document), else undefined.
   */
  claims(input: InputText, json: unknown): boolean;
  /** Files read together (one Terraform module, one Copilot application): the same key, one call. Default: each file alone. */
  group?(input: InputText): string;
  /** Translates a group of claimed files into ECS documents. Problems are diagnostics; never throws. */
  read(inputs: readonly InputText[], d: Diagnostics, context: ReadContext): EcsDocument[];
}

/** Every reader, in the order they are asked. The JSON loader takes what none claims. */
export const READERS: readonly Reader[] = [
  terraformReader,
];

/** Whether a file met under an input directory is read: `*.json`, and whatever a reader collects. */
export function collected(path: string): boolean {
  return path.toLowerCase().endsWith('.json') || READERS.some((r) => r.collects(path));
}
