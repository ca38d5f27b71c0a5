/**
 * Which files the Terraform reader takes, without its code (./index.ts): the registry
 * (../index.ts) asks every reader about every input, and loads a reader only for the files it
 * claims.
 */
import { dirname } from 'node:path';
import { isObject } from '../../../model/values.js';
import type { InputText } from '../../text.js';
import type { Reader } from '../types.js';

export const isHcl = (path: string): boolean => /\.(tf|tfvars)$/i.test(path);

/** Whether a parsed JSON value is `terraform show -json` output (a plan or a state). */
export function isTerraformJson(json: unknown): boolean {
  return isObject(json) && typeof json['format_version'] === 'string' && (isObject(json['planned_values']) || isObject(json['values']) || Array.isArray(json['resource_changes']));
}

export const terraformClaims: Omit<Reader, 'read'> = {
  name: 'terraform',
  claims: (input: InputText, json: unknown): boolean => isHcl(input.file) || isTerraformJson(json),
  group: (input: InputText): string => (isHcl(input.file) ? `module:${dirname(input.file)}` : `plan:${input.file}`),
  collects: isHcl,
};
