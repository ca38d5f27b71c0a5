/**
 * `build --report markdown`: the migration report for a pull request comment or the Action's
 * step summary (GitHub-flavoured markdown). The same facts as the HTML page (src/report/fleet.ts);
 * every string from an input is escaped, so that a name cannot open a link, a table cell or HTML.
 */
import type { Diagnostic } from '../diagnostics.js';
import { fleetFacts, type Count, type FleetFacts, type FleetInput, type ServiceFacts, type Status } from './fleet.js';
import { location } from './text.js';

/** Text safe in a markdown paragraph or table cell. */
export function md(s: string | number): string {
  return (
    String(s)
      // eslint-disable-next-line no-control-regex -- control characters are what it matches
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
      .replace(/[\\`*_{}[\]()#+!|~<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
  );
}

/** Inline code that cannot be closed early by the text. */
function code(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it matches
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\|/g, '¦');
  const ticks = '`'.repeat(Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return `${ticks} ${clean} ${ticks}`;
}

const STATUS: Record<Status, string> = { clean: 'converted cleanly', approximated: 'with approximations', failed: 'failed' };
const MARK: Record<Status, string> = { clean: '✅', approximated: '⚠️', failed: '❌' };

function table(head: string[], rows: string[][]): string {
  return (
    [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i > 0 && /^(Services|Objects|Count|Warnings)/.test(h) ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join(
      '\n',
    ) + '\n'
  );
}

const counts = (cs: readonly Count[]) => cs.map((c) => [md(c.label), String(c.count)]);

function diagnostics(ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return '';
  return table(
    ['Location', 'Severity', 'Code', 'Message'],
    ds.map((d) => [code(location(d)), d.severity, code(d.code), md(d.message)]),
  );
}

function service(s: ServiceFacts): string {
  const lines = [`<details${s.status === 'failed' ? ' open' : ''}><summary>${MARK[s.status]} ${md(s.name)} (${STATUS[s.status]})</summary>`, ''];
  if (s.kind !== undefined) lines.push(`${md(s.kind)} in namespace ${code(s.namespace ?? '')}`, '');
  else lines.push('Not built: nothing was written for it (with --keep-going, its files from an earlier build are kept).', '');
  lines.push(`Inputs: ${s.inputs.map(code).join(', ')}`, '');
  if (s.objects.length > 0) lines.push(`Objects: ${s.objects.map((o) => `${md(o.kind)} ${code(o.name)}`).join(', ')}`, '');
  if (s.steps.length > 0) {
    lines.push('Manual steps:', '');
    for (const st of s.steps) {
      lines.push(`- [ ] ${md(st.text)}`);
      for (const d of st.detail ?? []) lines.push(`  - ${code(d)}`);
    }
    lines.push('');
  }
  const ds = diagnostics(s.diagnostics);
  if (ds) lines.push(ds);
  lines.push('</details>', '');
  return lines.join('\n');
}

export function renderMarkdown(facts: FleetFacts): string {
  const out: string[] = ['## ECS to Kubernetes migration report', ''];
  out.push(
    `ecs2k8s ${md(facts.version)}: ${plural(facts.services.length, 'service')} from ${plural(facts.files, 'input file')}${facts.out !== undefined ? `, bundle in ${code(facts.out)}` : ''}.`,
    '',
  );
  out.push(
    table(
      ['Outcome', 'Services'],
      (['clean', 'approximated', 'failed'] as const).map((k) => [`${MARK[k]} ${STATUS[k]}`, String(facts.summary[k])]),
    ),
  );
  if (facts.objectsByKind.length > 0) out.push(table(['Kind', 'Objects'], counts(facts.objectsByKind)));
  if (facts.fields.length > 0) {
    out.push('### ECS fields that need a person', '');
    const top = facts.fields[0]!.count;
    out.push(
      table(
        ['ECS field', 'Warnings and errors', ''],
        facts.fields.slice(0, 15).map((c) => [code(c.label), String(c.count), '█'.repeat(Math.max(1, Math.round((12 * c.count) / top)))]),
      ),
    );
  }
  if (facts.warnings.length > 0) {
    out.push('### Most frequent warnings', '');
    out.push(
      table(
        ['Code', 'Count', 'Meaning'],
        facts.warnings.slice(0, 10).map((c) => [code(c.label), String(c.count), md(c.detail ?? '')]),
      ),
    );
  }
  if (facts.addOns.length > 0) out.push('### Cluster add-ons the bundle needs', '', table(['Add-on', 'Services'], counts(facts.addOns)));
  out.push('### Services', '');
  for (const s of facts.services) out.push(service(s));
  if (facts.general.length > 0) out.push('### Other diagnostics', '', diagnostics(facts.general));
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

export function formatMarkdown(input: FleetInput): string {
  return renderMarkdown(fleetFacts(input));
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
