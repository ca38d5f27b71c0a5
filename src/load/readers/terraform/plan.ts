/**
 * `terraform show -json` output: a plan (`planned_values`, else `resource_changes[].change.after`)
 * or a state (`values`), root module and child modules. Values the plan does not know yet
 * (`after_unknown`) are taken from the configuration's references where they name another
 * resource of the same plan (a service's `task_definition = aws_ecs_task_definition.app.arn`
 * pairs it with that task definition's family); else they are placeholders with a warning.
 */
import { findNode, type PosNode } from '../../json.js';
import { isObject } from '../../../model/values.js';
import { Unknown, type Value } from './eval.js';
import { KINDS } from './mapping.js';
import type { TfProblem, TfResource } from './resource.js';

const ALIAS: Record<string, Record<string, string>> = {
  aws_ecs_task_definition: { arn: 'family', arn_without_revision: 'family', id: 'family' },
  aws_ecs_cluster: { arn: 'name', id: 'name' },
  aws_ecs_service: { id: 'name' },
};

interface Found {
  address: string;
  type: string;
  name: string;
  values: Record<string, unknown>;
  pointer: string;
  unknown: Record<string, unknown>;
}

export function readPlan(file: string, text: string, json: Record<string, unknown>, positions: PosNode | undefined, _problems: TfProblem[]): TfResource[] {
  const found: Found[] = [];
  const changes = Array.isArray(json['resource_changes']) ? json['resource_changes'] : [];
  const unknownOf = new Map<string, Record<string, unknown>>();
  const deleted = new Set<string>();
  changes.forEach((c, i) => {
    if (!isObject(c) || typeof c['address'] !== 'string' || !isObject(c['change'])) return;
    const ch = c['change'];
    if (Array.isArray(ch['actions']) && ch['actions'].length === 1 && ch['actions'][0] === 'delete') deleted.add(c['address']);
    if (isObject(ch['after_unknown'])) unknownOf.set(c['address'], ch['after_unknown']);
    if (!isObject(json['planned_values']) && isObject(ch['after']) && typeof c['type'] === 'string' && c['mode'] !== 'data') {
      found.push({ address: c['address'], type: c['type'], name: String(c['name'] ?? ''), values: ch['after'], pointer: `/resource_changes/${i}/change/after`, unknown: {} });
    }
  });
  const walk = (mod: unknown, pointer: string, depth: number): void => {
    if (!isObject(mod) || depth > 32) return;
    const rs = Array.isArray(mod['resources']) ? mod['resources'] : [];
    rs.forEach((r, i) => {
      if (!isObject(r) || r['mode'] === 'data' || typeof r['type'] !== 'string' || typeof r['address'] !== 'string' || !isObject(r['values'])) return;
      found.push({ address: r['address'], type: r['type'], name: String(r['name'] ?? ''), values: r['values'], pointer: `${pointer}/resources/${i}/values`, unknown: {} });
    });
    const kids = Array.isArray(mod['child_modules']) ? mod['child_modules'] : [];
    kids.forEach((k, i) => walk(k, `${pointer}/child_modules/${i}`, depth + 1));
  };
  const top = isObject(json['planned_values']) ? 'planned_values' : 'values';
  if (isObject(json[top])) walk((json[top] as Record<string, unknown>)['root_module'], `/${top}/root_module`, 0);
  const byAddress = new Map(found.map((f) => [f.address, f]));
  const refs = configurationRefs(json);
  const out: TfResource[] = [];
  for (const f of found) {
    if (!KINDS[f.type] || deleted.has(f.address)) continue;
    const node = positions ? findNode(positions, f.pointer) : undefined;
    const values: Record<string, Value> = { ...(f.values as Record<string, Value>) };
    const unknown = unknownOf.get(f.address) ?? {};
    for (const [k, u] of Object.entries(unknown)) {
      if (u !== true || (values[k] !== undefined && values[k] !== null)) continue;
      // A computed attribute the configuration does not set is the provider's business: absent.
      const conf = refs.get(f.address);
      if (!conf || !Object.hasOwn(conf, k)) continue;
      const ref = conf[k];
      const resolved = ref ? fromReference(ref, byAddress) : undefined;
      values[k] = resolved ?? new Unknown(ref || `${f.address}.${k}`, file, node?.o ?? 0, 'the plan knows it only after apply', text);
    }
    out.push({ type: f.type, name: f.name, address: f.address, file, text, values: { v: values, p: node ?? { o: 0 } }, at: node?.o ?? 0, plan: true });
  }
  return out;
}

/** `aws_ecs_task_definition.app.arn` → that resource's family, when the plan has it. */
function fromReference(ref: string, byAddress: Map<string, Found>): Value | undefined {
  const m = /^(.*\b(aws_[a-z0-9_]+)\.[A-Za-z0-9_-]+)\.([a-z_]+)$/.exec(ref);
  if (!m) return undefined;
  const target = byAddress.get(m[1]!);
  if (!target) return undefined;
  const attr = ALIAS[m[2]!]?.[m[3]!] ?? m[3]!;
  const v = target.values[attr];
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** address → argument → the first resource attribute its expression references (configuration section). */
/** (`''`: an expression that references no resource attribute.) */
function configurationRefs(json: Record<string, unknown>): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const walk = (mod: unknown, prefix: string, depth: number): void => {
    if (!isObject(mod) || depth > 32) return;
    const rs = Array.isArray(mod['resources']) ? mod['resources'] : [];
    for (const r of rs) {
      if (!isObject(r) || typeof r['address'] !== 'string' || !isObject(r['expressions'])) continue;
      const args: Record<string, string> = {};
      for (const [k, e] of Object.entries(r['expressions'])) {
        const list = isObject(e) && Array.isArray(e['references']) ? e['references'] : [];
        const ref = list.find((x): x is string => typeof x === 'string' && /^aws_[a-z0-9_]+\.[^.]+\.[a-z_]+$/.test(x));
        args[k] = ref ? prefix + ref : '';
      }
      out.set(prefix + r['address'], args);
    }
    const calls = isObject(mod['module_calls']) ? mod['module_calls'] : {};
    for (const [name, call] of Object.entries(calls)) if (isObject(call)) walk(call['module'], `${prefix}module.${name}.`, depth + 1);
  };
  if (isObject(json['configuration'])) walk(json['configuration']['root_module'], '', 0);
  return out;
}
