/**
 * The CDK output reader: a `cdk.out` folder (a cloud assembly), read through its
 * `manifest.json`: each `aws:cloudformation:stack` artifact's template, with the stack's name
 * and its environment (`aws://ACCOUNT/REGION`) as the defaults of --stack-name, --account and
 * --region. Every other file of the folder (tree.json, asset manifests, the assets themselves)
 * is taken and left unread. A template of the folder named on its own is read as it is.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostics } from '../../../diagnostics.js';
import { isObject } from '../../../model/values.js';
import type { EcsDocument } from '../../document.js';
import { isSyntaxError, parseJson } from '../../json.js';
import type { InputText } from '../../text.js';
import type { ReadContext, Reader } from '../types.js';
import { cdkClaims, isManifest } from './claims.js';
import { readTemplateText } from './index.js';

const norm = (p: string) =>
  p
    .split(/[\\/]/)
    .filter((s) => s !== '.' && s !== '')
    .join('/');

export const cdkReader: Reader = {
  ...cdkClaims,
  read(inputs, d, context) {
    const manifest = inputs.find((i) => /(^|[\\/])manifest\.json$/.test(i.file));
    if (!manifest) return inputs.filter((i) => /\.template\.json$/.test(i.file)).flatMap((i) => readTemplateText(i, d, context, true));
    const parsed = parseJson(manifest.text);
    if (isSyntaxError(parsed) || !isManifest(parsed.value)) {
      d.add({ code: 'cfn-syntax', severity: 'error', file: manifest.file, message: 'the CDK manifest is not a cloud assembly manifest ({"version", "artifacts"})' });
      return [];
    }
    const dir = dirname(manifest.file);
    const byPath = new Map(inputs.map((i) => [norm(i.file), i] as const));
    const out: EcsDocument[] = [];
    for (const [id, a] of Object.entries(parsed.value.artifacts)) {
      if (!isObject(a) || a['type'] !== 'aws:cloudformation:stack') continue;
      const props = isObject(a['properties']) ? a['properties'] : {};
      const templateFile = typeof props['templateFile'] === 'string' ? props['templateFile'] : undefined;
      if (templateFile === undefined) continue;
      const file = dir === '.' ? templateFile : join(dir, templateFile);
      const input = byPath.get(norm(file)) ?? readBeside(file, context, d);
      if (!input) continue;
      out.push(...readTemplateText(input, d, stackContext(context, id, props, a['environment']), true));
    }
    return out;
  },
};

/** The stack's name and environment as defaults of what the command line did not give. */
function stackContext(context: ReadContext, id: string, props: Record<string, unknown>, environment: unknown): ReadContext {
  const o = { ...context.options };
  const env = typeof environment === 'string' ? /^aws:\/\/([^/]+)\/(.+)$/.exec(environment) : null;
  if (o.stackName === undefined) o.stackName = typeof props['stackName'] === 'string' ? props['stackName'] : id;
  if (env && o.account === undefined && /^\d{12}$/.test(env[1]!)) o.account = env[1]!;
  if (env && o.region === undefined && env[2] !== 'unknown-region') o.region = env[2]!;
  return { ...context, options: o };
}

function readBeside(file: string, context: ReadContext, d: Diagnostics): InputText | undefined {
  try {
    return { file, text: readFileSync(resolve(context.cwd, file), 'utf8') };
  } catch {
    d.add({ code: 'input-not-found', severity: 'error', file, message: `the CDK manifest names the template ${file}, which cannot be read` });
    return undefined;
  }
}
