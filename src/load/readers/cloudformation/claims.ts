/**
 * Which files the CloudFormation and CDK readers take, without their code (./index.ts, ./cdk.ts):
 * the registry (../index.ts) asks every reader about every input, and loads a reader only for
 * the files it claims.
 */
import { dirname } from 'node:path';
import { isObject } from '../../../model/values.js';
import type { Reader } from '../types.js';

const RESOURCE_TYPE = /^(AWS|Alexa|Custom)::/;

/** Whether a parsed JSON value is a CloudFormation template. */
export function isTemplateJson(json: unknown): boolean {
  if (!isObject(json)) return false;
  if (typeof json['AWSTemplateFormatVersion'] === 'string') return true;
  const r = json['Resources'];
  return isObject(r) && Object.values(r).some((x) => isObject(x) && typeof x['Type'] === 'string' && RESOURCE_TYPE.test(x['Type']));
}

/** Whether a YAML text is a CloudFormation template (a cheap look at its top-level keys, before parsing). */
export function isTemplateYaml(text: string): boolean {
  if (/^AWSTemplateFormatVersion\s*:/m.test(text)) return true;
  return /^Resources\s*:/m.test(text) && /^\s+Type\s*:\s*['"]?(AWS|Custom)::/m.test(text);
}

export const cloudformationClaims: Omit<Reader, 'read'> = {
  name: 'cloudformation',
  collects: (path) => /\.(ya?ml|template)$/i.test(path),
  claims: (input, json) => (json !== undefined ? isTemplateJson(json) : !input.text.trimStart().startsWith('{') && isTemplateYaml(input.text)),
};

/** The `cdk.out` folder a path lies in, or undefined. */
export function assemblyDir(path: string): string | undefined {
  const parts = path.split(/[\\/]/);
  const i = parts.lastIndexOf('cdk.out');
  return i < 0 || i === parts.length - 1 ? undefined : parts.slice(0, i + 1).join('/');
}

export function isManifest(json: unknown): json is { artifacts: Record<string, unknown> } {
  return isObject(json) && typeof json['version'] === 'string' && isObject(json['artifacts']);
}

export const cdkClaims: Omit<Reader, 'read'> = {
  name: 'cdk',
  collects: () => false,
  claims: (input, json) => assemblyDir(input.file) !== undefined || isManifest(json),
  group: (input) => assemblyDir(input.file) ?? dirname(input.file),
};
