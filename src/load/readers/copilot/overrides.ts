/**
 * `taskdef_overrides`: rules `{ path, value }` that Copilot applies to the task definition's
 * CloudFormation properties. The simple forms are applied to the ECS document: dotted PascalCase
 * properties with `[N]` list indexes and `[-]` for "append" (`ContainerDefinitions[0].Ulimits[-]`,
 * `EphemeralStorage.SizeInGiB`), each property name in the API's camelCase. Anything else is a
 * located warning and is not applied.
 */
import { show } from '../../../diagnostics.js';
import { isObject, type Obj } from '../../../model/values.js';
import type { Built, Manifest } from './manifest.js';

const SEGMENT = /^([A-Z][A-Za-z0-9]*)(?:\[(\d+|-)\])?$/;

/** CloudFormation property names whose API member is not simply the camelCase form. */
const RENAMED: Record<string, string> = { ContainerDefinitions: 'containerDefinitions', Cpu: 'cpu', TaskRoleArn: 'taskRoleArn' };

const camel = (s: string) => RENAMED[s] ?? s.charAt(0).toLowerCase() + s.slice(1);

/** PascalCase values below a property become camelCase too (`Ulimits[-]: { Name, HardLimit }`). */
function camelValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camelValue);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [/^[A-Z]/.test(k) ? camel(k) : k, camelValue(x)]));
  return v;
}

export function applyOverrides(m: Manifest, b: Built, td: Obj): void {
  const rules = m.get('/taskdef_overrides');
  if (rules === undefined) return;
  if (!Array.isArray(rules)) {
    m.warn('/taskdef_overrides', 'copilot-manifest', 'taskdef_overrides must be a list of { path, value } rules: it is ignored');
    return;
  }
  rules.forEach((_, i) => {
    const at = `/taskdef_overrides/${i}`;
    const path = m.str(`${at}/path`);
    if (path === undefined || !m.has(`${at}/value`)) {
      m.warn(at, 'copilot-manifest', 'a taskdef_overrides rule needs a path and a value: it is skipped');
      return;
    }
    const segments = path.split('.').map((s) => SEGMENT.exec(s));
    if (segments.some((s) => s === null)) {
      m.warn(
        `${at}/path`,
        'copilot-not-applied',
        `the override path ${show(path)} is not of the simple form Property.Sub[N].Name (or [-] to append): it is not applied; change the bundle by hand (a kustomize patch)`,
      );
      return;
    }
    let node: unknown = td;
    const ptr: string[] = [];
    for (let k = 0; k < segments.length; k++) {
      const [, name, index] = segments[k]!;
      const last = k === segments.length - 1;
      const member = camel(name!);
      if (!isObject(node)) break;
      ptr.push(member);
      if (!(member in node)) b.from('/' + ptr.join('/'), `${at}/path`);
      if (index === undefined) {
        if (last) node[member] = camelValue(m.get(`${at}/value`));
        else node = node[member] ??= {};
        continue;
      }
      const list = (node[member] ??= []) as unknown;
      if (!Array.isArray(list)) {
        m.warn(`${at}/path`, 'copilot-not-applied', `the override path ${show(path)} indexes ${show(name)}, which is not a list here: it is not applied`);
        return;
      }
      const n = index === '-' ? list.length : Number(index);
      if (n > list.length) {
        m.warn(`${at}/path`, 'copilot-not-applied', `the override path ${show(path)} names item ${n} of ${show(name)}, which has ${list.length}: it is not applied`);
        return;
      }
      ptr.push(String(n));
      if (n === list.length) b.from('/' + ptr.join('/'), `${at}/path`);
      if (last) list[n] = camelValue(m.get(`${at}/value`));
      else node = list[n] ??= {};
    }
    b.from('/' + ptr.join('/'), `${at}/value`);
  });
}
