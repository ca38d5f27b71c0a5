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
import { cdkClaims, cloudformationClaims } from './cloudformation/claims.js';
import { copilotClaims } from './copilot/claims.js';
import { terraformClaims } from './terraform/claims.js';
import { lazy } from './lazy.js';
import type { Reader } from './types.js';

export type { ReadContext, Reader, ReaderOptions } from './types.js';

/** Every reader, in the order they are asked. The JSON loader takes what none claims. A reader's code is loaded when it reads (./lazy.ts). */
export const READERS: readonly Reader[] = [
  { ...cdkClaims, read: (inputs, d, context) => lazy.cdk().cdkReader.read(inputs, d, context) },
  { ...cloudformationClaims, read: (inputs, d, context) => lazy.cloudformation().cloudformationReader.read(inputs, d, context) },
  { ...copilotClaims, read: (inputs, d, context) => lazy.copilot().copilotReader.read(inputs, d, context) },
  { ...terraformClaims, read: (inputs, d, context) => lazy.terraform().terraformReader.read(inputs, d, context) },
];

/** Whether a file met under an input directory is read: `*.json`, and whatever a reader collects. */
export function collected(path: string): boolean {
  return path.toLowerCase().endsWith('.json') || READERS.some((r) => r.collects(path));
}
