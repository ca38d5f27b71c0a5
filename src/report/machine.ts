/** Machine-readable reports: `--report json` and `--report sarif` (SARIF 2.1.0). */
import { CODES } from '../codes.js';
import type { Diagnostic } from '../diagnostics.js';
import { VERSION } from '../version.js';

/** The json report; `extra` members (such as build --check's `check`) follow `diagnostics`. */
export function formatJson(ds: readonly Diagnostic[], files: readonly string[], extra?: Record<string, unknown>): string {
  const count = (s: string) => ds.filter((d) => d.severity === s).length;
  const report = {
    tool: 'ecs2k8s',
    version: VERSION,
    summary: { files: files.length, errors: count('error'), warnings: count('warning'), infos: count('info') },
    diagnostics: ds.map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(d.file !== undefined && { file: d.file }),
      ...(d.line !== undefined && { line: d.line, column: d.column }),
      ...(d.pointer !== undefined && { pointer: d.pointer }),
    })),
    ...extra,
  };
  return JSON.stringify(report, null, 2) + '\n';
}

const levels = { error: 'error', warning: 'warning', info: 'note' } as const;

/** Relative paths with forward slashes, percent-encoded as URI references. */
function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

export function formatSarif(ds: readonly Diagnostic[]): string {
  const ruleIds = [...new Set(ds.map((d) => d.code))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ecs2k8s',
            version: VERSION,
            informationUri: 'https://github.com/ecs2k8s/ecs2k8s',
            rules: ruleIds.map((id) => ({
              id,
              shortDescription: { text: CODES[id]?.summary ?? id },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: ds.map((d) => ({
          ruleId: d.code,
          ruleIndex: index.get(d.code),
          level: levels[d.severity],
          message: { text: d.message },
          ...(d.file !== undefined && {
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(d.file) },
                  ...(d.line !== undefined && { region: { startLine: d.line, startColumn: d.column ?? 1 } }),
                },
                ...(d.pointer !== undefined && { logicalLocations: [{ fullyQualifiedName: d.pointer || '/', kind: 'member' }] }),
              },
            ],
          }),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
