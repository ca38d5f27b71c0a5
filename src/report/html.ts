/**
 * `build --report html`: the migration report as one self-contained page. Nothing is loaded from
 * anywhere (a Content-Security-Policy forbids it): the CSS is inline, the chart is inline SVG with
 * a table as its text, and every string that came from an input is escaped. Tables have captions
 * and header cells with scope; `@media print` gives a plain printable page.
 */
import type { Diagnostic } from '../diagnostics.js';
import { fleetFacts, type Count, type FleetFacts, type FleetInput, type ServiceFacts, type Status } from './fleet.js';
import { location } from './text.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and attribute values; control characters become visible escapes. */
export function esc(s: string | number): string {
  return (
    String(s)
      .replace(/[&<>"']/g, (c) => ESC[c]!)
      // eslint-disable-next-line no-control-regex -- control characters are what it matches
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  );
}

const STATUS_TEXT: Record<Status, string> = { clean: 'converted cleanly', approximated: 'with approximations', failed: 'failed' };

const CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--bar:#0969da;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:#fff}
body{margin:0 auto;max-width:70rem;padding:1.5rem;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f6f8fa}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
code,.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:break-word}.loc{overflow-wrap:anywhere}td code{white-space:nowrap}
.cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;min-width:10rem}.card b{display:block;font-size:1.6rem}
.clean{color:var(--ok)}.approximated{color:var(--warn)}.failed{color:var(--bad)}
.badge{font-size:.8rem;border:1px solid currentColor;border-radius:1rem;padding:0 .5rem;margin-left:.5rem;font-weight:600}
.checklist{list-style:none;padding-left:0}.checklist>li{margin:.35rem 0;padding-left:1.6rem;text-indent:-1.6rem}.checklist>li::before{content:"\\2610";margin-right:.6rem}
.checklist ul{text-indent:0;margin:.2rem 0}.muted{color:var(--muted)}figure{margin:1rem 0}svg text{font-size:12px;fill:var(--fg)}
nav ol{columns:2}section.service{border-top:1px solid var(--line)}
@media print{body{max-width:none;padding:0;font-size:10pt}nav{display:none}a{color:inherit;text-decoration:none}section.service{break-inside:avoid-page}table,figure{break-inside:avoid}th{background:none}}
`;

function table(caption: string, head: string[], rows: string[][], numeric: number[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="n"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${c}</th>` : `<td${numeric.includes(i) ? ' class="n"' : ''}>${c}</td>`)).join('')}</tr>`).join('\n');
  return `<table><caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const countRows = (cs: readonly Count[], code = false) =>
  cs.map((c) => [code ? `<code>${esc(c.label)}</code>` : esc(c.label), esc(c.count), ...(c.detail !== undefined || code ? [esc(c.detail ?? '')] : [])]);

/** A horizontal bar chart of counts as inline SVG, followed by the same numbers as a table. */
function chart(id: string, title: string, cs: readonly Count[], max = 15): string {
  const shown = cs.slice(0, max);
  if (shown.length === 0) return `<p class="muted">No ECS field needs a person.</p>`;
  const top = Math.max(...shown.map((c) => c.count));
  const label = 300;
  const width = 720;
  const bar = 22;
  const rows = shown.map((c, i) => {
    const w = Math.max(2, Math.round(((width - label - 50) * c.count) / top));
    const y = i * (bar + 6);
    return `<g><text x="${label - 8}" y="${y + 15}" text-anchor="end">${esc(c.label.length > 44 ? `…${c.label.slice(-43)}` : c.label)}</text><rect x="${label}" y="${y}" width="${w}" height="${bar}" fill="#0969da"/><text x="${label + w + 6}" y="${y + 15}">${esc(c.count)}</text></g>`;
  });
  const height = shown.length * (bar + 6);
  const desc = shown.map((c) => `${c.label}: ${c.count}`).join('; ');
  return `<figure aria-labelledby="${id}-cap">
<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}-title ${id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>
${rows.join('\n')}
</svg>
<figcaption id="${id}-cap">${esc(title)}${cs.length > max ? ` (the ${max} most frequent of ${cs.length})` : ''}; the table below holds the same numbers.</figcaption>
${table(`${title}: the numbers`, ['ECS field', 'Warnings and errors'], countRows(cs), [1])}
</figure>`;
}

function diagnosticsTable(caption: string, ds: readonly Diagnostic[]): string {
  if (ds.length === 0) return '<p class="muted">No diagnostics.</p>';
  return table(
    caption,
    ['Location', 'Severity', 'Code', 'Message'],
    ds.map((d) => [`<span class="loc">${esc(location(d))}</span>`, esc(d.severity), `<code>${esc(d.code)}</code>`, esc(d.message)]),
  );
}

function service(s: ServiceFacts): string {
  const head = `<h3 id="${esc(s.id)}">${esc(s.name)}<span class="badge ${s.status}">${esc(STATUS_TEXT[s.status])}</span></h3>`;
  const where =
    s.kind !== undefined
      ? `<p>${esc(s.kind)} in namespace <code>${esc(s.namespace ?? '')}</code></p>`
      : '<p>Not built: nothing was written for it (with --keep-going, its files from an earlier build are kept).</p>';
  const inputs = `<p>Inputs: ${s.inputs.map((i) => `<code>${esc(i)}</code>`).join(', ')}</p>`;
  const objects =
    s.objects.length > 0
      ? table(
          `Objects of ${s.name}`,
          ['Kind', 'Name'],
          s.objects.map((o) => [esc(o.kind), `<code>${esc(o.name)}</code>`]),
        )
      : '';
  const steps =
    s.steps.length > 0
      ? `<h4>Manual steps</h4><ul class="checklist">${s.steps.map((st) => `<li>${esc(st.text)}${st.detail?.length ? `<ul>${st.detail.map((d) => `<li><code>${esc(d)}</code></li>`).join('')}</ul>` : ''}</li>`).join('\n')}</ul>`
      : s.status === 'failed'
        ? ''
        : '<p class="muted">No manual steps found in its objects.</p>';
  return `<section class="service" aria-labelledby="${esc(s.id)}">\n${head}\n${where}\n${inputs}\n${objects}\n${steps}\n${diagnosticsTable(`Diagnostics of ${s.name}`, s.diagnostics)}\n</section>`;
}

export function renderHtml(facts: FleetFacts): string {
  const total = facts.services.length;
  const cards = (['clean', 'approximated', 'failed'] as const).map((k) => `<div class="card ${k}"><b>${facts.summary[k]}</b>${esc(STATUS_TEXT[k])}</div>`).join('');
  const nav = facts.services.map((s) => `<li><a href="#${esc(s.id)}">${esc(s.name)}</a> <span class="${s.status}">(${esc(STATUS_TEXT[s.status])})</span></li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="ecs2k8s ${esc(facts.version)}">
<title>ECS to Kubernetes migration report</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>ECS to Kubernetes migration report</h1>
<p class="muted">ecs2k8s ${esc(facts.version)} · ${esc(total)} service${total === 1 ? '' : 's'} from ${esc(facts.files)} input file${facts.files === 1 ? '' : 's'}${facts.out !== undefined ? ` · bundle in <code>${esc(facts.out)}</code>` : ''}</p></header>
<main>
<h2 id="summary">Fleet summary</h2>
<div class="cards" role="group" aria-label="Services by outcome">${cards}</div>
${table(
  'Services by outcome',
  ['Outcome', 'Services'],
  (['clean', 'approximated', 'failed'] as const).map((k) => [esc(STATUS_TEXT[k]), esc(facts.summary[k])]),
  [1],
)}
${table('Objects by kind', ['Kind', 'Objects'], countRows(facts.objectsByKind), [1])}
<h2 id="fields">ECS fields that need a person</h2>
${chart('fields', 'ECS fields with warnings or errors', facts.fields)}
<h2 id="warnings">Most frequent warnings</h2>
${facts.warnings.length > 0 ? table('Warnings and errors by code', ['Code', 'Count', 'Meaning'], countRows(facts.warnings.slice(0, 20), true), [1]) : '<p class="muted">None.</p>'}
<h2 id="addons">Cluster add-ons the bundle needs</h2>
${facts.addOns.length > 0 ? table('Add-ons', ['Add-on', 'Services'], countRows(facts.addOns), [1]) : '<p class="muted">None.</p>'}
<h2 id="services">Services</h2>
<nav aria-label="Services"><ol>
${nav}
</ol></nav>
${facts.services.map(service).join('\n')}
${facts.general.length > 0 ? `<h2 id="general">Other diagnostics</h2>\n${diagnosticsTable('Diagnostics of no one service', facts.general)}` : ''}
</main>
</body>
</html>
`;
}

export function formatHtml(input: FleetInput): string {
  return renderHtml(fleetFacts(input));
}
