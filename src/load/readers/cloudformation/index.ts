/**
 * The CloudFormation reader: templates in JSON or YAML (with the short intrinsic tags), read
 * into the ECS and Application Auto Scaling documents they declare (./template.ts). A file is
 * a template when it has `AWSTemplateFormatVersion`, or `Resources` whose types are AWS's.
 * A template that CDK synthesised (its `BootstrapVersion` parameter, or `aws:cdk:path`
 * metadata) has its asset images read as placeholders.
 */
import type { Diagnostics } from '../../../diagnostics.js';
import type { EcsDocument } from '../../document.js';
import { LineIndex } from '../../json.js';
import type { InputText } from '../../text.js';
import type { ReadContext, Reader } from '../types.js';
import { cloudformationClaims } from './claims.js';
import { readTemplate } from './template.js';
import { member, parseJsonTemplate, parseYamlTemplate, type TNode } from './tree.js';

/** CDK's marks on a template it synthesised. */
export function isCdkTemplate(root: TNode): boolean {
  if (member(member(root, 'Parameters'), 'BootstrapVersion')) return true;
  const res = member(root, 'Resources');
  return res?.t === 'map' && res.entries.some((e) => member(member(e.value, 'Metadata'), 'aws:cdk:path') !== undefined);
}

/** Reads one template text (JSON or YAML) into documents; problems are diagnostics. */
export function readTemplateText(input: InputText, d: Diagnostics, context: ReadContext, cdk?: boolean): EcsDocument[] {
  const looksJson = input.text.trimStart().startsWith('{');
  const parsed = looksJson ? parseJsonTemplate(input.text) : parseYamlTemplate(input.text);
  if ('error' in parsed) {
    const { line, column } = new LineIndex(input.text).position(parsed.at);
    d.add({ code: 'cfn-syntax', severity: 'error', file: input.file, line, column, message: `the template is not valid ${looksJson ? 'JSON' : 'YAML'}: ${parsed.error}` });
    return [];
  }
  const used = context.used ?? new Set<string>();
  return readTemplate(input.file, input.text, parsed.root, d, { options: context.options, used, cdk: cdk ?? isCdkTemplate(parsed.root) });
}

export const cloudformationReader: Reader = {
  ...cloudformationClaims,
  read(inputs, d, context) {
    return inputs.flatMap((i) => readTemplateText(i, d, context));
  },
};
