/**
 * The Terraform reader (SPEC §12): `terraform show -json` output (plan or state) and `.tf`
 * files, one module per folder, with `*.tfvars` and `--var`. See docs/inputs.md.
 */
import type { Diagnostics } from '../../../diagnostics.js';
import type { EcsDocument } from '../../document.js';
import { isSyntaxError, LineIndex, parseJson } from '../../json.js';
import type { InputText } from '../../text.js';
import { readModule } from './module.js';
import { readPlan } from './plan.js';
import { isHcl, terraformClaims } from './claims.js';
import type { TfProblem, TfResource } from './resource.js';
import { translate } from './translate.js';

/** What the reader takes of the loader's context (../index.ts ReadContext; not imported, so the registry can import this file). */
interface TfContext {
  options: { variables?: Readonly<Record<string, string>> };
  cwd: string;
}

export const terraformReader = {
  ...terraformClaims,
  read(inputs: readonly InputText[], d: Diagnostics, context: TfContext): EcsDocument[] {
    const problems: TfProblem[] = [];
    let resources: TfResource[] = [];
    if (inputs.every((i) => isHcl(i.file))) {
      resources = readModule(inputs, context.options.variables ?? {}, problems, context.cwd);
    } else {
      for (const input of inputs) {
        const parsed = parseJson(input.text);
        if (isSyntaxError(parsed) || parsed.value === null || typeof parsed.value !== 'object') continue;
        resources.push(...readPlan(input.file, input.text, parsed.value as Record<string, unknown>, parsed.positions, problems));
      }
    }
    const documents: EcsDocument[] = [];
    for (const r of resources) {
      const doc = translate(r, problems, d);
      if (doc) documents.push(doc);
    }
    report(problems, d);
    if (documents.length === 0 && !problems.some((p) => p.severity === 'error')) {
      d.add({ code: 'not-an-ecs-document', severity: 'warning', file: inputs[0]?.file, message: 'no aws_ecs_task_definition, aws_ecs_service or aws_appautoscaling_* resource here' });
    }
    return documents;
  },
};

function report(problems: TfProblem[], d: Diagnostics): void {
  const seen = new Set<string>();
  const lines = new Map<string, LineIndex>();
  for (const p of problems) {
    const key = `${p.file}\0${p.offset}\0${p.code}\0${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let li = lines.get(p.file);
    if (!li && p.text) lines.set(p.file, (li = new LineIndex(p.text)));
    const pos = li?.position(p.offset);
    d.add({ code: p.code, severity: p.severity, file: p.file, ...(pos ? { line: pos.line, column: pos.column } : {}), message: p.message });
  }
}
