/** What the resolver of intrinsic functions (./intrinsics.ts) is given: the template's sections, the resources' facts, the options, and where to report. */
import type { Code } from '../../../codes.js';
import type { TNode } from './tree.js';

/** What the resolver knows of the resources of the template, by logical id. */
export interface ResourceFacts {
  type: string;
  /** `Ref` of the resource, when the template decides it. */
  ref?: string;
  /** `Fn::GetAtt` attributes the template decides. */
  attributes?: Record<string, string>;
  /** The `ref` was built from a value not known offline (a placeholder). */
  unknown?: boolean;
}

export interface ResolveEnv {
  parameters: Readonly<Record<string, string>>;
  region?: string;
  account?: string;
  stackName?: string;
  /** What AWS::StackName is when --stack-name is not given: the template file's name. */
  defaultStackName: string;
  /** The template's Parameters, Mappings and Conditions sections. */
  parameterDecls: TNode | undefined;
  mappings: TNode | undefined;
  conditions: TNode | undefined;
  resources: ReadonlyMap<string, ResourceFacts>;
  report(code: Code, severity: 'error' | 'warning' | 'info', at: number, message: string): void;
  /** Records that an option (region, account, stackName, parameters) was used. */
  used(option: 'region' | 'account' | 'stackName'): void;
}
