/**
 * The types of the seam between the loader and the readers of infrastructure code (./index.ts
 * registers the readers; each reader's folder imports these, not the registry).
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { EcsDocument } from '../document.js';
import type { InputText } from '../text.js';

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
  /**
   * What a reader used of {@link ReaderOptions}: `region`, `account`, `stackName`, and
   * `parameter:KEY` for each parameter a template declares. The compiler warns about an option
   * that no reader used. Default: not recorded.
   */
  used?: Set<string>;
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
