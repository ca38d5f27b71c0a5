/**
 * Resolves CloudFormation's intrinsic functions offline: `Ref` (parameters, pseudo parameters
 * and the resources whose value the template itself decides), `Fn::Sub`, `Fn::Join`, `Fn::If`
 * and the condition functions, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`, `Fn::Base64`,
 * `Fn::Length`, `Fn::ToJsonString`, and `Fn::GetAtt` of the ECS resources whose attributes the
 * template decides. What only a deployed stack knows (`Fn::ImportValue`, `Fn::GetAtt` and `Ref`
 * of other resources, a parameter without a value, a pseudo parameter not given) becomes a
 * placeholder `<…>` with a warning at its place. Nothing throws: a malformed intrinsic is an
 * error diagnostic and resolves to nothing.
 */
import { suggest } from '../../../model/suggest.js';
import { evaluateCondition } from './conditions.js';
import { NO_VALUE, placeholders, toPlain, type R } from './values.js';
import { memberOf, scalarText, str, type Scalar, type TNode } from './tree.js';
import type { ResolveEnv } from './resolve-env.js';

export type { ResolveEnv, ResourceFacts } from './resolve-env.js';
export { placeholders } from './values.js';

const scalar = (v: Scalar, at: number): TNode => ({ t: 'scalar', v, at });

/** The intrinsic functions CloudFormation knows (in templates, not Rules). */
const FUNCTIONS = [
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
];

export class Resolver {
  private readonly conditionCache = new Map<string, boolean>();
  private readonly conditionBusy = new Set<string>();
  private readonly pseudoWarned = new Set<string>();
  private readonly paramWarned = new Set<string>();

  constructor(private readonly env: ResolveEnv) {}

  /** Runs `fn` without a word: what it resolves is resolved again, and reported, where it is used. */
  silently<T>(fn: () => T): T {
    const report = this.env.report;
    const warned = [new Set(this.pseudoWarned), new Set(this.paramWarned)] as const;
    this.env.report = () => {};
    try {
      return fn();
    } finally {
      this.env.report = report;
      this.pseudoWarned.clear();
      this.paramWarned.clear();
      for (const x of warned[0]) this.pseudoWarned.add(x);
      for (const x of warned[1]) this.paramWarned.add(x);
      this.conditionCache.clear();
    }
  }

  /** The node with every intrinsic resolved; undefined where the value is AWS::NoValue or an error. */
  resolve(node: TNode, depth = 0): TNode | undefined {
    const r = this.value(node, depth);
    return r === NO_VALUE ? undefined : r;
  }

  /** The resolved value of a node (NO_VALUE for AWS::NoValue); for ./conditions.ts. */
  value(node: TNode, depth: number): R {
    if (depth > 100) {
      this.env.report('cfn-invalid', 'error', node.at, 'intrinsic functions nested more than 100 deep: the template cannot be read');
      return undefined;
    }
    if (node.t === 'scalar') return node;
    if (node.t === 'seq') {
      const items: TNode[] = [];
      for (const i of node.items) {
        const r = this.value(i, depth + 1);
        if (r !== NO_VALUE && r !== undefined) items.push(r);
      }
      return { t: 'seq', items, at: node.at };
    }
    const only = node.entries.length === 1 ? node.entries[0]! : undefined;
    if (only && (only.key === 'Ref' || only.key.startsWith('Fn::'))) return this.intrinsic(only.key, only.value, node.at, depth + 1);
    const entries = [];
    for (const e of node.entries) {
      const r = this.value(e.value, depth + 1);
      if (r !== NO_VALUE && r !== undefined) entries.push({ ...e, value: r });
    }
    return { t: 'map', entries, at: node.at };
  }

  bad(at: number, fn: string, form: string): undefined {
    this.env.report('cfn-invalid', 'error', at, `${fn} takes ${form}`);
    return undefined;
  }

  private unknown(text: string, at: number, message: string): TNode {
    this.env.report('cfn-unresolved', 'warning', at, message);
    const n = scalar(`<${text}>`, at);
    placeholders.add(n);
    return n;
  }

  private text(node: TNode, depth: number): string | undefined {
    const r = this.value(node, depth);
    if (r === NO_VALUE || r === undefined || r.t !== 'scalar') return undefined;
    return r.v === null ? '' : String(r.v);
  }

  private list(node: TNode, depth: number): TNode[] | undefined {
    const r = this.value(node, depth);
    if (r === NO_VALUE || r === undefined) return undefined;
    if (r.t === 'seq') return r.items;
    return undefined;
  }

  private intrinsic(fn: string, arg: TNode, at: number, depth: number): R {
    switch (fn) {
      case 'Ref': {
        const name = str(arg);
        return name === undefined ? this.bad(at, 'Ref', 'the name of a parameter or a resource') : this.ref(name, at);
      }
      case 'Fn::Sub':
        return this.sub(arg, at, depth);
      case 'Fn::Join': {
        if (arg.t !== 'seq' || arg.items.length !== 2) return this.bad(at, 'Fn::Join', '[delimiter, [values…]]');
        const delim = this.text(arg.items[0]!, depth);
        const items = this.list(arg.items[1]!, depth);
        if (delim === undefined || items === undefined) return this.bad(at, 'Fn::Join', '[delimiter, [values…]]');
        const parts = items.map((i) => (i.t === 'scalar' ? (i.v === null ? '' : String(i.v)) : undefined));
        if (parts.some((p) => p === undefined)) return this.bad(at, 'Fn::Join', 'a list of strings to join');
        return this.mark(scalar(parts.join(delim), at), items);
      }
      case 'Fn::If': {
        if (arg.t !== 'seq' || arg.items.length !== 3) return this.bad(at, 'Fn::If', '[condition name, value if true, value if false]');
        const name = str(arg.items[0]);
        if (name === undefined) return this.bad(at, 'Fn::If', 'a condition name first');
        const c = this.condition(name, arg.items[0]!.at);
        return c === undefined ? undefined : this.value(arg.items[c ? 1 : 2]!, depth);
      }
      case 'Fn::Select': {
        if (arg.t !== 'seq' || arg.items.length !== 2) return this.bad(at, 'Fn::Select', '[index, [values…]]');
        const index = Number(this.text(arg.items[0]!, depth));
        const items = this.list(arg.items[1]!, depth);
        if (!Number.isInteger(index) || items === undefined) return this.bad(at, 'Fn::Select', '[index, [values…]]');
        const item = items[index];
        if (item === undefined) {
          this.env.report('cfn-invalid', 'error', at, `Fn::Select: index ${index} is past the end of a list of ${items.length}`);
          return undefined;
        }
        return item;
      }
      case 'Fn::Split': {
        if (arg.t !== 'seq' || arg.items.length !== 2) return this.bad(at, 'Fn::Split', '[delimiter, string]');
        const delim = this.text(arg.items[0]!, depth);
        const s = this.text(arg.items[1]!, depth);
        if (delim === undefined || s === undefined || delim === '') return this.bad(at, 'Fn::Split', '[delimiter, string]');
        return { t: 'seq', items: s.split(delim).map((p) => scalar(p, at)), at };
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, at, depth);
      case 'Fn::Base64': {
        const s = this.text(arg, depth);
        return s === undefined ? this.bad(at, 'Fn::Base64', 'a string') : scalar(Buffer.from(s, 'utf8').toString('base64'), at);
      }
      case 'Fn::Length': {
        const items = this.list(arg, depth);
        return items === undefined ? this.bad(at, 'Fn::Length', 'a list') : scalar(items.length, at);
      }
      case 'Fn::ToJsonString': {
        const r = this.value(arg, depth);
        return r === NO_VALUE || r === undefined ? undefined : scalar(JSON.stringify(toPlain(r)), at);
      }
      case 'Fn::GetAtt':
        return this.getAtt(arg, at, depth);
      case 'Fn::ImportValue': {
        const name = this.text(arg, depth) ?? '…';
        return this.unknown(
          `ImportValue:${name}`,
          at,
          `Fn::ImportValue ${JSON.stringify(name)} is an output of another stack, which only a deployed stack knows: it becomes the placeholder "<ImportValue:${name}>"`,
        );
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not': {
        const c = this.evaluate({ t: 'map', entries: [{ key: fn, keyAt: at, value: arg }], at }, depth);
        return c === undefined ? undefined : scalar(c, at);
      }
      case 'Fn::GetAZs':
      case 'Fn::Cidr':
      case 'Fn::Transform':
        return this.unknown(fn, at, `${fn} is evaluated by CloudFormation when it deploys: the value becomes the placeholder "<${fn}>"`);
      default: {
        const hint = suggest(fn, FUNCTIONS);
        this.env.report('cfn-invalid', 'error', at, `${fn} is not an intrinsic function of CloudFormation${hint ? `: did you mean "${hint}"?` : ` (functions: ${FUNCTIONS.join(', ')})`}`);
        return undefined;
      }
    }
  }

  /** A string built from placeholders is a placeholder too. */
  private mark(n: TNode, from: readonly TNode[]): TNode {
    if (from.some((f) => placeholders.has(f))) placeholders.add(n);
    return n;
  }

  private ref(name: string, at: number): R {
    const env = this.env;
    switch (name) {
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::Region':
        return this.pseudo(name, env.region, 'region', '--region', at);
      case 'AWS::AccountId':
        return this.pseudo(name, env.account, 'account', '--account', at);
      case 'AWS::StackName':
        if (env.stackName !== undefined) return this.pseudo(name, env.stackName, 'stackName', '--stack-name', at);
        if (!this.pseudoWarned.has(name)) {
          this.pseudoWarned.add(name);
          this.env.report(
            'cfn-unresolved',
            'warning',
            at,
            `AWS::StackName is not known offline: give --stack-name; until then the template's file name ${JSON.stringify(env.defaultStackName)} stands for it (said once per template)`,
          );
        }
        return scalar(env.defaultStackName, at);
      case 'AWS::Partition':
        return scalar(partition(env.region), at);
      case 'AWS::URLSuffix':
        return scalar(env.region?.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com', at);
      case 'AWS::NotificationARNs':
        return { t: 'seq', items: [], at };
      case 'AWS::StackId':
        return this.unknown(name, at, 'AWS::StackId is known only once the stack exists: it becomes the placeholder "<AWS::StackId>"');
    }
    const decl = this.env.parameterDecls?.t === 'map' ? this.env.parameterDecls.entries.find((e) => e.key === name) : undefined;
    if (decl) return this.parameter(name, decl.value, at);
    const res = this.env.resources.get(name);
    if (res?.ref !== undefined) {
      const n = scalar(res.ref, at);
      if (res.unknown) placeholders.add(n);
      return n;
    }
    if (res) return this.unknown(name, at, `Ref ${name} (${res.type}) is decided when the stack is deployed: it becomes the placeholder "<${name}>"`);
    this.env.report('cfn-invalid', 'error', at, `Ref ${JSON.stringify(name)}: the template has no parameter or resource of that name`);
    return undefined;
  }

  private pseudo(name: string, value: string | undefined, option: 'region' | 'account' | 'stackName', flag: string, at: number): TNode {
    if (value !== undefined) {
      this.env.used(option);
      return scalar(value, at);
    }
    const n = scalar(`<${name}>`, at);
    placeholders.add(n);
    if (!this.pseudoWarned.has(name)) {
      this.pseudoWarned.add(name);
      this.env.report('cfn-unresolved', 'warning', at, `${name} is not known offline: give ${flag}; until then it is the placeholder "<${name}>" (said once per template)`);
    }
    return n;
  }

  private parameter(name: string, decl: TNode, at: number): TNode {
    const given = Object.prototype.hasOwnProperty.call(this.env.parameters, name) ? this.env.parameters[name] : undefined;
    const def = given ?? scalarText(memberOf(decl, 'Default'));
    const type = str(memberOf(decl, 'Type')) ?? 'String';
    if (def === undefined) {
      const n = scalar(`<${name}>`, at);
      placeholders.add(n);
      if (!this.paramWarned.has(name)) {
        this.paramWarned.add(name);
        this.env.report('cfn-unresolved', 'warning', at, `the parameter ${name} has no Default: give --parameter ${name}=VALUE; until then it is the placeholder "<${name}>" (said once per template)`);
      }
      return n;
    }
    if (type.startsWith('List<') || type === 'CommaDelimitedList') {
      return { t: 'seq', items: def === '' ? [] : def.split(',').map((s) => scalar(s.trim(), at)), at };
    }
    return scalar(def, at);
  }

  private sub(arg: TNode, at: number, depth: number): R {
    let template: string | undefined;
    const vars = new Map<string, TNode>();
    if (arg.t === 'scalar' && typeof arg.v === 'string') template = arg.v;
    else if (arg.t === 'seq' && arg.items.length === 2 && str(arg.items[0]) !== undefined && arg.items[1]!.t === 'map') {
      template = str(arg.items[0]);
      for (const e of (arg.items[1] as Extract<TNode, { t: 'map' }>).entries) vars.set(e.key, e.value);
    }
    if (template === undefined) return this.bad(at, 'Fn::Sub', 'a string, or [string, {variables}]');
    let ph = false;
    const out = template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const v = vars.get(name);
      let r: R;
      if (v !== undefined) r = this.value(v, depth);
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        const dot = name.indexOf('.');
        r = this.getAtt({ t: 'seq', items: [scalar(name.slice(0, dot), at), scalar(name.slice(dot + 1), at)], at }, at, depth);
      } else r = this.ref(name, at);
      if (r === NO_VALUE || r === undefined) return '';
      if (placeholders.has(r)) ph = true;
      if (r.t !== 'scalar') {
        this.env.report('cfn-invalid', 'error', at, `Fn::Sub: \${${name}} is a list, not a string`);
        return whole;
      }
      return r.v === null ? '' : String(r.v);
    });
    const n = scalar(out, at);
    if (ph) placeholders.add(n);
    return n;
  }

  private findInMap(arg: TNode, at: number, depth: number): R {
    if (arg.t !== 'seq' || arg.items.length < 3) return this.bad(at, 'Fn::FindInMap', '[map name, top-level key, second-level key]');
    const keys = arg.items.slice(0, 3).map((i) => this.text(i, depth));
    if (keys.some((k) => k === undefined)) return this.bad(at, 'Fn::FindInMap', '[map name, top-level key, second-level key]');
    const [m, top, second] = keys as [string, string, string];
    const v = memberOf(memberOf(memberOf(this.env.mappings, m), top), second);
    if (v !== undefined) return this.value(v, depth);
    const fallback = arg.items[3];
    const dflt = fallback?.t === 'map' ? fallback.entries.find((e) => e.key === 'DefaultValue')?.value : undefined;
    if (dflt !== undefined) return this.value(dflt, depth);
    if ([m, top, second].some((k) => k.startsWith('<')))
      return this.unknown(`FindInMap:${m}.${top}.${second}`, at, `Fn::FindInMap ${m} ${top} ${second} depends on a value not known offline: it becomes a placeholder`);
    this.env.report('cfn-invalid', 'error', at, `Fn::FindInMap: the mapping ${m} has no ${top}.${second}`);
    return undefined;
  }

  private getAtt(arg: TNode, at: number, depth: number): R {
    let parts: string[] | undefined;
    if (arg.t === 'seq' && arg.items.length === 2) {
      const a = this.text(arg.items[0]!, depth);
      const b = this.text(arg.items[1]!, depth);
      if (a !== undefined && b !== undefined) parts = [a, b];
    } else if (arg.t === 'scalar' && typeof arg.v === 'string' && arg.v.includes('.')) parts = [arg.v.slice(0, arg.v.indexOf('.')), arg.v.slice(arg.v.indexOf('.') + 1)];
    if (!parts) return this.bad(at, 'Fn::GetAtt', '[logical id, attribute name]');
    const [id, attr] = parts as [string, string];
    const res = this.env.resources.get(id);
    if (!res) {
      this.env.report('cfn-invalid', 'error', at, `Fn::GetAtt ${id}.${attr}: the template has no resource ${JSON.stringify(id)}`);
      return undefined;
    }
    const known = res.attributes?.[attr];
    if (known !== undefined) return scalar(known, at);
    return this.unknown(`${id}.${attr}`, at, `Fn::GetAtt ${id}.${attr} (${res.type}) is known only once the stack is deployed: it becomes the placeholder "<${id}.${attr}>"`);
  }

  /** The truth of a condition by its name in the Conditions section; undefined after an error. */
  condition(name: string, at: number): boolean | undefined {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const decl = memberOf(this.env.conditions, name);
    if (decl === undefined) {
      this.env.report('cfn-invalid', 'error', at, `the condition ${JSON.stringify(name)} is not in the template's Conditions`);
      return undefined;
    }
    if (this.conditionBusy.has(name)) {
      this.env.report('cfn-invalid', 'error', at, `the condition ${JSON.stringify(name)} depends on itself`);
      return undefined;
    }
    this.conditionBusy.add(name);
    const v = this.evaluate(decl, 0);
    this.conditionBusy.delete(name);
    if (v !== undefined) this.conditionCache.set(name, v);
    return v;
  }

  private evaluate(node: TNode, depth: number): boolean | undefined {
    return evaluateCondition(node, depth, this, (at, message) => this.env.report('cfn-unresolved', 'warning', at, message));
  }
}

export function partition(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
