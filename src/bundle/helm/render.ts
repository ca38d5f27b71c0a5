/**
 * `build --format helm`: one chart per namespace, `<namespace>/` holding Chart.yaml,
 * values.yaml, values.schema.json and templates/ (one per object, plus NOTES.txt and
 * _helpers.tpl). With the default values, `helm template <release> <namespace> -n <namespace>`
 * renders exactly the objects of the plain bundle of that namespace, but its Namespace object:
 * the release's namespace is used (`metadata.namespace: {{ .Release.Namespace }}`).
 */
import { compareApplyOrder, objectFileName } from '../layout.js';
import { collectFiles } from '../files.js';
import { assertSafeNamespace } from '../paths.js';
import { compareStrings, toYaml } from '../serialize.js';
import type { BundleEntry, BundleFiles, K8sObject } from '../types.js';
import { chartYaml, helpersTpl, notesTxt } from './chart.js';
import { valuesSchema } from './schema.js';
import { objectTemplate } from './template.js';
import { chartValues } from './values.js';

const VALUES_HEADER =
  '# Values of this chart, read from the ECS inputs by ecs2k8s. With them as they are, the chart\n' +
  '# renders exactly the objects of `ecs2k8s build` (its Namespace aside). values.schema.json\n' +
  '# checks what --set and -f give.\n';

export function renderHelm(entries: readonly BundleEntry[]): BundleFiles {
  const byNamespace = new Map<string, K8sObject[]>();
  for (const { namespace, object } of entries) {
    assertSafeNamespace(namespace);
    if (object.kind === 'Namespace') continue;
    (byNamespace.get(namespace) ?? byNamespace.set(namespace, []).get(namespace)!).push(object);
  }
  const out = collectFiles();
  const put = out.put;
  for (const ns of [...byNamespace.keys()].sort(compareStrings)) {
    const objects = byNamespace.get(ns)!.sort(compareApplyOrder);
    const { values, refs } = chartValues(objects, ns);
    put(`${ns}/Chart.yaml`, chartYaml(ns, objects));
    put(`${ns}/values.yaml`, VALUES_HEADER + (Object.keys(values).length > 0 ? toYaml(values) : '{}\n'));
    put(`${ns}/values.schema.json`, JSON.stringify(valuesSchema(values), null, 2) + '\n');
    put(`${ns}/templates/_helpers.tpl`, helpersTpl(ns));
    put(`${ns}/templates/NOTES.txt`, notesTxt(ns, objects));
    objects.forEach((o, i) => put(`${ns}/templates/${objectFileName(o, 'yaml')}`, objectTemplate(o, refs[i]!, ns)));
  }
  return out.files();
}
