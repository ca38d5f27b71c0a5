/**
 * Turns a Terraform resource (./resource.ts) into the ECS or Application Auto Scaling document
 * of ../../document.ts, member by member against the generated schema, recording where each
 * member was written so that diagnostics point into the `.tf` file or the plan JSON.
 */
import type { Diagnostics } from '../../../diagnostics.js';
import type { EcsDocument } from '../../document.js';
import { isSyntaxError, LineIndex, parseJson, type PosNode } from '../../json.js';
import { MappedSource, type Position } from '../../source.js';
import { deref, rootObject, schemas, type SchemaNode } from '../../../model/schemas.js';
import type { Obj } from '../../../model/values.js';
import { plain, Unknown, type Value } from './eval.js';
import { BOOL_ENUMS, KINDS, RENAMES, TERRAFORM_ONLY } from './mapping.js';
import type { TfProblem, TfResource } from './resource.js';

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The schema member an argument names: its camelCase (any letter case), or its plural for a repeated block. */
function member(props: Record<string, SchemaNode>, arg: string): string | undefined {
  const c = camel(arg).toLowerCase();
  const wanted = [c, `${c}s`, `${c}es`, c.replace(/y$/, 'ies')];
  for (const w of wanted) {
    const hit = Object.keys(props).find((k) => k.toLowerCase() === w);
    if (hit) return hit;
  }
  return undefined;
}

class Translation {
  readonly source: MappedSource;
  private readonly lines: LineIndex;
  private readonly root: SchemaNode;

  constructor(
    readonly res: TfResource,
    readonly kind: EcsDocument['kind'],
    private readonly problems: TfProblem[],
    private readonly d: Diagnostics,
  ) {
    this.source = new MappedSource(res.file, res.text);
    this.lines = new LineIndex(res.text);
    this.root = schemas[kind];
  }

  private pos(o: number): Position {
    return this.lines.position(o);
  }

  record(pointer: string, p: PosNode | undefined): void {
    if (!p || p.o < 0) return;
    this.source.map(pointer, { ...(p.k !== undefined && p.k >= 0 ? { key: this.pos(p.k) } : {}), value: this.pos(p.o) });
  }

  /** A problem at `offset` of this resource's file. */
  private report(offset: number, severity: TfProblem['severity'], code: TfProblem['code'], message: string): void {
    this.problems.push({ file: this.res.file, text: this.res.text, offset, severity, code, message });
  }

  private unknown(u: Unknown, pointer: string): string {
    this.problems.push({
      file: u.file,
      text: u.fileText,
      offset: u.offset,
      severity: 'warning',
      code: 'terraform-unresolved',
      message: `${u.text} is not known offline (${u.reason}): ${pointer.slice(1) || 'the value'} stays ${u.rendered !== undefined && u.rendered.length <= 120 ? `the placeholder ${JSON.stringify(u.rendered)}` : `a placeholder \${${u.text}}`}`,
    });
    return u.rendered ?? `\${${u.text}}`;
  }

  object(tf: Record<string, Value>, pos: PosNode, schema: SchemaNode | undefined, pointer: string, path: string): Obj {
    const out: Obj = {};
    const props = deref(this.root, schema)?.properties ?? {};
    const cmap = pos.c instanceof Map ? pos.c : undefined;
    const skip = path === '' ? TERRAFORM_ONLY[this.res.type] : undefined;
    for (const k of Object.keys(tf).sort()) {
      const v = tf[k]!;
      const p = cmap?.get(k) ?? { o: pos.o };
      if (skip?.has(k) || v === null || (v === '' && this.res.plan)) continue;
      const tfPath = path ? `${path}.${k}` : k;
      if (path === '' && k === 'container_definitions' && this.kind === 'taskDefinition') {
        const defs = this.containers(v, p);
        if (defs !== undefined) {
          out['containerDefinitions'] = defs;
          this.record(`${pointer}/containerDefinitions`, p);
        }
        continue;
      }
      const renamed = RENAMES[`${this.res.type}:${tfPath}`];
      const target = renamed ? renamed.split('/') : [member(props, k)];
      if (target[0] === undefined) {
        this.report(p.k ?? p.o, 'warning', 'terraform-ignored', `${this.res.address}: the argument ${tfPath} has no member in the ${this.kind} request and is not read`);
        continue;
      }
      // Walk the renamed path: intermediate objects are created, the last step takes the value.
      let holder = out;
      let hSchema: SchemaNode | undefined = schema;
      let ptr = pointer;
      for (const step of target.slice(0, -1) as string[]) {
        hSchema = deref(this.root, hSchema)?.properties?.[step];
        ptr = `${ptr}/${step}`;
        holder = (holder[step] ??= {}) as Obj;
        this.record(ptr, p);
      }
      const last = target.at(-1)!;
      const mSchema = deref(this.root, hSchema)?.properties?.[last];
      if (v instanceof Unknown && this.kind === 'service' && (last === 'cluster' || last === 'taskDefinition')) {
        // A placeholder would become a namespace, or pair with nothing: absent, and said so.
        const then = last === 'cluster' ? 'the namespace is the default one (--namespace or the project file sets one)' : 'the service pairs with the only task definition given';
        this.problems.push({ file: v.file, text: v.fileText, offset: v.offset, severity: 'warning', code: 'terraform-unresolved', message: `${v.text} is not known offline (${v.reason}): ${then}` });
        continue;
      }
      const converted = this.value(v, p, mSchema, `${ptr}/${last}`, tfPath);
      if (converted === undefined) continue;
      holder[last] = converted;
      this.record(`${ptr}/${last}`, p);
    }
    return out;
  }

  value(v: Value, p: PosNode, schema: SchemaNode | undefined, pointer: string, tfPath: string): unknown {
    if (v === null) return undefined;
    if (v instanceof Unknown) return this.unknown(v, pointer);
    const s = deref(this.root, schema);
    const kids = Array.isArray(p.c) ? p.c : undefined;
    if (s?.type === 'object' || s?.properties) {
      if (s.properties) {
        const one = Array.isArray(v) ? v[0] : v;
        if (one === undefined || one === null) return undefined;
        if (Array.isArray(v) && v.length > 1) this.report(p.o, 'warning', 'terraform-ignored', `${this.res.address}: only the first ${tfPath} block is read (the API takes one)`);
        if (one instanceof Unknown) return this.unknown(one, pointer);
        if (typeof one !== 'object' || Array.isArray(one)) return plain(one);
        return this.object(one, Array.isArray(v) ? (kids?.[0] ?? p) : p, s, pointer, tfPath);
      }
      return plain(v);
    }
    if (s?.type === 'array') {
      const item = deref(this.root, s.items);
      if (!Array.isArray(v)) {
        if (typeof v === 'object' && item?.properties) {
          const [kn, vn] = item.properties['key'] ? ['key', 'value'] : ['name', 'value'];
          const c = p.c instanceof Map ? p.c : undefined;
          return Object.keys(v)
            .sort()
            .map((k, i) => {
              this.record(`${pointer}/${i}`, c?.get(k));
              return { [kn]: k, [vn]: this.value(v[k]!, c?.get(k) ?? p, item.properties?.[vn], `${pointer}/${i}/${vn}`, tfPath) };
            });
        }
        return plain(v);
      }
      if (v.length === 0) return undefined;
      return v.map((x, i) => {
        const xp = kids?.[i] ?? { o: p.o };
        this.record(`${pointer}/${i}`, xp);
        if (item?.properties && x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Unknown)) return this.object(x, xp, item, `${pointer}/${i}`, tfPath);
        return this.value(x, xp, item, `${pointer}/${i}`, tfPath);
      });
    }
    const be = BOOL_ENUMS[`${this.res.type}:${tfPath}`];
    if (be && typeof v === 'boolean') return v ? be[0] : be[1];
    if ((s?.type === 'string' || (Array.isArray(s?.enum) && s.enum.every((e) => typeof e === 'string'))) && (typeof v === 'number' || typeof v === 'boolean')) return String(v);
    if ((s?.type === 'integer' || s?.type === 'number') && typeof v === 'string' && /^-?[0-9]+(\.[0-9]+)?$/.test(v)) return Number(v);
    if (s?.type === 'boolean' && (v === 'true' || v === 'false')) return v === 'true';
    return plain(v);
  }

  /** container_definitions: a JSON string (plan JSON, file(), templatefile()) or the structure jsonencode() was given. */
  private containers(v: Value, p: PosNode): unknown {
    // A heredoc or template with unknown parts: the JSON around the placeholders is still read.
    const text = v instanceof Unknown ? v.rendered : v;
    if (v instanceof Unknown) this.unknown(v, '/containerDefinitions');
    if (v instanceof Unknown && (typeof text !== 'string' || isSyntaxError(parseJson(text)))) return v.rendered ?? `\${${v.text}}`;
    if (typeof text === 'string') {
      const parsed = parseJson(text);
      if (isSyntaxError(parsed)) {
        this.report(p.o, 'error', 'terraform-unresolved', `container_definitions is not JSON: ${parsed.message}`);
        return undefined;
      }
      return this.dropUnknownContainerMembers(parsed.value, p);
    }
    this.tree('/containerDefinitions', p, v);
    return plain(v);
  }

  /** The provider reads a JSON string into the API's container shape and drops what it does not know: so does the reader, with a warning. */
  private dropUnknownContainerMembers(defs: unknown, p: PosNode): unknown {
    if (!Array.isArray(defs)) return defs;
    const known = deref(this.root, this.root.definitions?.['ContainerDefinition'])?.properties;
    if (!known) return defs;
    return defs.map((c: unknown, i) => {
      if (c === null || typeof c !== 'object' || Array.isArray(c)) return c;
      const out: Obj = {};
      for (const [k, x] of Object.entries(c as Obj)) {
        if (Object.hasOwn(known, k)) out[k] = x;
        else
          this.report(
            p.o,
            'warning',
            'terraform-ignored',
            `${this.res.address}: container_definitions[${i}] has ${JSON.stringify(k)}, which is not a container member: the provider drops it, and so does the reader`,
          );
      }
      return out;
    });
  }

  /** Records the positions of a structure written in HCL, member by member, warning at each unknown. */
  private tree(pointer: string, p: PosNode, v: Value): void {
    this.record(pointer, p);
    if (v instanceof Unknown) {
      this.unknown(v, pointer);
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => this.tree(`${pointer}/${i}`, Array.isArray(p.c) ? (p.c[i] ?? { o: p.o }) : { o: p.o }, x));
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) this.tree(`${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, p.c instanceof Map ? (p.c.get(k) ?? { o: p.o }) : { o: p.o }, x);
  }
}

/** The document of one resource, or undefined for a type that makes none. */
export function translate(res: TfResource, problems: TfProblem[], d: Diagnostics): EcsDocument | undefined {
  const kind = KINDS[res.type];
  if (!kind) return undefined;
  const v = res.values.v;
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Unknown) return undefined;
  const t = new Translation(res, kind, problems, d);
  t.record('', { o: res.at });
  const value = t.object(v, res.values.p, rootObject(schemas[kind]), '', '');
  return { kind, source: t.source, pointer: '', value };
}
