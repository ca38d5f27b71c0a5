/**
 * Renders the generated documentation from the tables the code uses: the conversion table
 * (registry), the steering keys and the diagnostic codes. scripts/gen-docs.mjs writes the
 * files; a test fails when a committed file differs from what this renders.
 */
import { CODES } from '../codes.js';
import { REGISTRY, registryRows, type Status } from '../convert/registry.js';
import { STEERING_KEYS } from '../convert/steering.js';

const STATUS_WORDS: Record<Status, string> = {
  converted: '✓ converted',
  approximated: '≈ approximated (warning)',
  none: '✗ no equivalent (warning)',
  cluster: '○ cluster-level (note)',
  ignored: '– ignored (note)',
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderConversionTable(): string {
  const lines: string[] = [
    '# Conversion table',
    '',
    '<!-- Generated from src/convert/registry.ts and src/convert/steering.ts by `npm run gen:docs`. Do not edit. -->',
    '',
    'Every member of the ECS API model that a task definition or service can carry, of the Application Auto Scaling requests (scalable targets, scaling policies, scheduled actions) and of a CodeDeploy deployment group, and what ecs2k8s makes of it.',
    'The same table drives the code: members marked "no equivalent" raise the warning `no-equivalent` whenever they are set,',
    'members marked "cluster-level" or "ignored" raise a note (shown with `--verbose`), and approximations warn from their',
    'area\'s converter (`src/convert/<area>.ts`). A test fails when a member of the generated input schemas is missing here.',
    '',
    'Legend: ' + Object.values(STATUS_WORDS).join(' · '),
    '',
  ];
  let area = '';
  for (const [member, e] of registryRows()) {
    if (e.area !== area) {
      area = e.area;
      lines.push('', `## ${area}`, '', `Converted in \`src/convert/${fileOf(area)}.ts\`.`, '', '| ECS member | status | Kubernetes | notes |', '|---|---|---|---|');
    }
    lines.push(`| \`${member}\` | ${STATUS_WORDS[e.status]} | ${cell(e.target)} | ${cell(e.note ?? '')} |`);
  }
  lines.push('', '## Steering keys', '', 'Container `dockerLabels` and service or task definition `tags` whose key starts with `ecs2k8s.io/` steer the conversion of that one workload. They are never copied into the output.', '', '| key | scope | values | effect |', '|---|---|---|---|');
  for (const [k, s] of Object.entries(STEERING_KEYS)) lines.push(`| \`${k}\` | ${s.scope} | ${cell(s.values)} | ${cell(s.description)} |`);
  lines.push('', `${Object.keys(REGISTRY).length} members classified.`, '');
  return lines.join('\n');
}

function fileOf(area: string): string {
  return (
    {
      workload: 'workload',
      containers: 'containers',
      resources: 'resources',
      probes: 'probes',
      secrets: 'secrets',
      iam: 'iam',
      volumes: 'volumes',
      networking: 'networking',
      placement: 'placement',
      security: 'security',
      metadata: 'metadata',
      deployment: 'deployment',
      logging: 'unmapped',
      scaling: 'scaling',
      delivery: 'rollout',
    } as Record<string, string>
  )[area] ?? area;
}

export function renderDiagnosticCodes(): string {
  const lines = [
    '# Diagnostic codes',
    '',
    '<!-- Generated from src/codes.ts by `npm run gen:docs`. Do not edit. -->',
    '',
    'Every diagnostic carries one of these codes. Human output: `file:line:col: severity CODE: message` on stderr;',
    '`--report json` and `--report sarif` carry the same code, severity, position and JSON Pointer.',
    'Codes marked "environment" end in exit code 3; other errors in exit code 2.',
    '',
    '| code | meaning |',
    '|---|---|',
  ];
  for (const [code, info] of Object.entries(CODES).sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`| \`${code}\` | ${cell(info.summary)}${info.environment ? ' (environment)' : ''} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export const GENERATED_DOCS: Record<string, () => string> = {
  'docs/conversion.md': renderConversionTable,
  'docs/diagnostics.md': renderDiagnosticCodes,
};
