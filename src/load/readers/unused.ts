/** The template settings (--region, --account, --stack-name, --parameter, --var) that no reader used: a not-applied warning each. */
import { show, type Diagnostics } from '../../diagnostics.js';
import type { Options } from '../../options.js';
import type { EcsDocument } from '../document.js';
import type { InputText } from '../text.js';

/** A template setting (--region, --parameter…) that no reader used changes nothing: a warning says so. */
export function reportUnusedReadOptions(options: Options, used: ReadonlySet<string>, texts: readonly InputText[], documents: readonly EcsDocument[], d: Diagnostics): void {
  // --var and the project file's variables act only on .tf inputs: said when there are none.
  const vars = Object.keys(options.read?.variables ?? {});
  if (vars.length > 0 && !texts.some((t) => /\.(tf|tfvars)$/i.test(t.file)))
    d.add({
      code: 'not-applied',
      severity: 'warning',
      message: `the Terraform variable${vars.length === 1 ? '' : 's'} ${vars.join(', ')} (--var or variables:) change${vars.length === 1 ? 's' : ''} nothing: no .tf input was read`,
    });
  for (const [key, origin] of Object.entries(options.readOrigins ?? {})) {
    if (used.has(key)) continue;
    // The project file's region also serves KEDA's aws-cloudwatch triggers, which scaling policies make.
    if (key === 'region' && origin.source && documents.some((x) => x.kind === 'scalingPolicy')) continue;
    const what = key.startsWith('parameter:')
      ? `no template read declares the parameter ${show(key.slice(10))}`
      : `no CloudFormation template read uses ${key === 'region' ? 'AWS::Region' : key === 'account' ? 'AWS::AccountId' : 'AWS::StackName'} (the ECS ARNs of the inputs carry their own)`;
    const message = `${origin.via} changes nothing in this bundle: ${what}`;
    if (origin.source && origin.pointer !== undefined) d.warn(origin.source, origin.pointer, 'not-applied', message, 'key');
    else d.add({ code: 'not-applied', severity: 'warning', message });
  }
}
