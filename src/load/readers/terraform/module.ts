/**
 * One Terraform module (a folder of `.tf` files): its variables (`--var`, `*.tfvars`, defaults),
 * locals, resources and local child modules, evaluated offline into resources in the shape of
 * `terraform show -json` values (arguments by their snake_case names, nested blocks as lists of
 * objects) with positions, ready for ./translate.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { PosNode } from '../../json.js';
import { parseHcl, HclSyntaxError, type Block, type Body, type Expr } from './hcl.js';
import { evaluate, flatten, index, Unknown, unknownAt, type Evaluated, type Scope, type Value } from './eval.js';
import type { TfProblem, TfResource } from './resource.js';

export interface ModuleFile {
  file: string;
  text: string;
}

interface Parsed extends ModuleFile {
  body: Body;
}

const MAX_MODULE_DEPTH = 8;

/** Reads a module: every resource of the types the reader knows, with the problems met. */
export function readModule(
  files: readonly ModuleFile[],
  variables: Readonly<Record<string, Value | string>>,
  problems: TfProblem[],
  cwd = '.',
  depth = 0,
  cliVars = true,
  rootDir?: string,
): TfResource[] {
  const parsed: Parsed[] = [];
  const tfvars: Parsed[] = [];
  for (const f of files) {
    try {
      const body = parseHcl(f.text);
      (f.file.endsWith('.tfvars') ? tfvars : parsed).push({ ...f, body });
    } catch (e) {
      if (!(e instanceof HclSyntaxError)) throw e;
      problems.push({ file: f.file, text: f.text, offset: e.offset, severity: 'error', code: 'hcl-syntax', message: `${e.message}` });
    }
  }
  const m = new Module(parsed, tfvars, variables, problems, cwd, rootDir ?? resolve(cwd, files[0] ? dirname(files[0].file) : '.'), depth, cliVars);
  return m.resources();
}

/** The module folder of a file, as the grouping key and for relative paths. */
export function moduleDir(file: string): string {
  return dirname(file);
}

class Module {
  private readonly varDecls = new Map<string, { block: Block; file: Parsed }>();
  private readonly localDecls = new Map<string, { expr: Expr; file: Parsed }>();
  private readonly resourceDecls = new Map<string, { block: Block; file: Parsed }>();
  private readonly values = new Map<string, Evaluated>();
  private readonly busy = new Set<string>();
  private readonly tfvarValues = new Map<string, Evaluated>();

  constructor(
    private readonly files: Parsed[],
    tfvars: Parsed[],
    private readonly given: Readonly<Record<string, Value | string>>,
    private readonly problems: TfProblem[],
    private readonly cwd: string,
    /** The root module's folder, absolute. */
    private readonly rootDir: string,
    private readonly depth: number,
    private readonly cliVars: boolean,
  ) {
    for (const f of files) {
      for (const b of f.body.blocks) {
        if (b.type === 'variable' && b.labels[0]) this.varDecls.set(b.labels[0], { block: b, file: f });
        else if (b.type === 'locals') for (const [k, a] of b.body.attrs) this.localDecls.set(k, { expr: a.expr, file: f });
        else if (b.type === 'resource' && b.labels.length >= 2) this.resourceDecls.set(`${b.labels[0]}.${b.labels[1]}`, { block: b, file: f });
      }
    }
    // terraform.tfvars first, then *.auto.tfvars in name order (later wins), as Terraform loads them.
    const ordered = [...tfvars].sort((a, b) => rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const f of ordered) {
      for (const [k, a] of f.body.attrs) this.tfvarValues.set(k, evaluate(a.expr, this.scopeFor(f, {})));
    }
  }

  private dir(): string {
    return this.files[0] ? dirname(this.files[0].file) : '.';
  }

  /** `path.module`: this module's folder relative to the root module's, where Terraform runs and `file()` paths start. */
  private modulePath(): string {
    return relative(this.rootDir, resolve(this.cwd, this.dir())).split(sep).join('/') || '.';
  }

  scopeFor(f: Parsed, extra: Record<string, Evaluated>): Scope {
    return {
      file: f.file,
      text: f.text,
      readFile: (p) => {
        try {
          return readFileSync(resolve(this.rootDir, p), 'utf8');
        } catch {
          return undefined;
        }
      },
      resolve: (root, path, at) => this.resolve(root, path, at, f, extra),
    };
  }

  private resolve(root: string, path: (string | number)[], at: Expr, f: Parsed, extra: Record<string, Evaluated>): Evaluated | undefined {
    const scope = this.scopeFor(f, extra);
    const walk = (base: Evaluated | undefined, steps: (string | number)[]): Evaluated | undefined => {
      let b = base;
      for (const s of steps) {
        if (!b) return undefined;
        b = index(b, s, scope, at);
      }
      return b;
    };
    const [first, ...rest] = path;
    if (root === 'var' && typeof first === 'string') return walk(this.variable(first, at, scope), rest);
    if (root === 'local' && typeof first === 'string') return walk(this.local(first), rest);
    if (root === 'path' && (first === 'module' || first === 'root' || first === 'cwd')) return { v: first === 'module' ? this.modulePath() : '.', p: { o: at.o } };
    if (Object.hasOwn(extra, root)) return walk(extra[root], path);
    if (root.startsWith('aws_') && typeof first === 'string') return this.resourceAttr(`${root}.${first}`, rest, at, scope);
    const why: Record<string, string> = {
      data: 'a data source is read only when Terraform runs',
      module: "a module's outputs are not evaluated",
      each: 'each is known only in a resource with for_each',
      count: 'count.index is known only in a resource with count',
    };
    return { v: unknownAt(scope, at, why[root] ?? `${root} names nothing this module declares`), p: { o: at.o } };
  }

  private variable(name: string, at: Expr, scope: Scope): Evaluated | undefined {
    const decl = this.varDecls.get(name);
    const type = decl?.block.body.attrs.get('type');
    const typeName = type?.expr.t === 'var' ? type.expr.name : undefined;
    if (Object.hasOwn(this.given, name)) {
      const g = this.given[name]!;
      return { v: typeof g === 'string' && this.cliVars ? convertVar(g, typeName) : g, p: { o: at.o } };
    }
    const tv = this.tfvarValues.get(name);
    if (tv) return tv;
    const dflt = decl?.block.body.attrs.get('default');
    if (dflt) {
      const key = `var.${name}`;
      return this.cached(key, () => evaluate(dflt.expr, this.scopeFor(decl!.file, {})));
    }
    return {
      v: new Unknown(`var.${name}`, scope.file, at.o, decl ? 'the variable has no default: pass --var or a *.tfvars file' : 'no such variable is declared in this module', scope.text),
      p: { o: at.o },
    };
  }

  private local(name: string): Evaluated | undefined {
    const decl = this.localDecls.get(name);
    if (!decl) return undefined;
    return this.cached(`local.${name}`, () => evaluate(decl.expr, this.scopeFor(decl.file, {})));
  }

  private cached(key: string, f: () => Evaluated): Evaluated | undefined {
    const have = this.values.get(key);
    if (have) return have;
    if (this.busy.has(key)) return undefined;
    this.busy.add(key);
    const v = f();
    this.busy.delete(key);
    this.values.set(key, v);
    return v;
  }

  /** `TYPE.NAME.ATTR`: an argument the resource sets, or what its computed attributes stand for here. */
  private resourceAttr(address: string, path: (string | number)[], at: Expr, scope: Scope): Evaluated | undefined {
    const decl = this.resourceDecls.get(address);
    if (!decl) return undefined;
    const [attr, ...rest] = path;
    if (typeof attr !== 'string') return undefined;
    const type = address.slice(0, address.indexOf('.'));
    // What the computed attributes resolve to offline: a task definition's ARN names its family
    // (a service pairs by family), a cluster's id/ARN its name, a service's id its name.
    const alias: Record<string, Record<string, string>> = {
      aws_ecs_task_definition: { arn: 'family', arn_without_revision: 'family', id: 'family' },
      aws_ecs_cluster: { arn: 'name', id: 'name' },
      aws_ecs_service: { id: 'name', cluster: 'cluster' },
    };
    const member = alias[type]?.[attr] ?? attr;
    const a = decl.block.body.attrs.get(member);
    if (!a) return undefined;
    const v = this.cached(`${address}.${member}`, () => evaluate(a.expr, this.resourceScope(decl)));
    if (!v) return undefined;
    let b: Evaluated = v;
    for (const s of rest) b = index(b, s, scope, at);
    return b;
  }

  private resourceScope(decl: { block: Block; file: Parsed }): Scope {
    const body = decl.block.body;
    const extra: Record<string, Evaluated> = {};
    const count = body.attrs.get('count');
    const forEach = body.attrs.get('for_each');
    if (count) extra['count'] = { v: { index: 0 }, p: { o: count.o } };
    if (forEach) {
      const fe = evaluate(forEach.expr, this.scopeFor(decl.file, {}));
      const v = fe.v;
      if (Array.isArray(v) && v.length > 0) extra['each'] = { v: { key: v[0]!, value: v[0]! }, p: { o: forEach.o } };
      else if (v !== null && typeof v === 'object' && !(v instanceof Unknown) && !Array.isArray(v) && Object.keys(v).length > 0) {
        const k = Object.keys(v).sort()[0]!;
        extra['each'] = { v: { key: k, value: v[k]! }, p: { o: forEach.o } };
      }
    }
    return this.scopeFor(decl.file, extra);
  }

  resources(): TfResource[] {
    const out: TfResource[] = [];
    for (const [address, decl] of this.resourceDecls) {
      const [type, name] = address.split('.') as [string, string];
      if (!KNOWN.has(type)) continue;
      const body = decl.block.body;
      const scope = this.resourceScope(decl);
      const count = body.attrs.get('count') ?? body.attrs.get('for_each');
      if (count) {
        const n = count.name === 'count' ? evaluate(count.expr, scope).v : undefined;
        if (n === 0) continue;
        if (count.name === 'for_each' || n !== 1) {
          this.problems.push({
            file: decl.file.file,
            text: decl.file.text,
            offset: count.o,
            severity: 'warning',
            code: 'terraform-instances',
            message: `${address} has ${count.name}: one instance is read (${count.name === 'count' ? 'count.index = 0' : 'the first each.key'}); build the others from their own inputs`,
          });
        }
      }
      const values = this.blockValues(body, scope, type);
      out.push({ type, name, address, file: decl.file.file, text: decl.file.text, values, at: decl.block.o });
    }
    for (const f of this.files) for (const b of f.body.blocks) if (b.type === 'module') out.push(...this.child(b, f));
    return out;
  }

  /** A block's arguments and nested blocks, as `terraform show -json` writes them. */
  private blockValues(body: Body, scope: Scope, type: string): Evaluated {
    const v: Record<string, Value> = {};
    const c = new Map<string, PosNode>();
    for (const [k, a] of body.attrs) {
      if (k === 'count' || k === 'for_each' || k === 'depends_on' || k === 'provider') continue;
      // jsonencode(…) of the container definitions keeps its structure, so members map to where they were written.
      const x = k === 'container_definitions' && a.expr.t === 'call' && a.expr.name === 'jsonencode' && a.expr.args.length === 1 ? a.expr.args[0]! : a.expr;
      const r = evaluate(x, scope);
      v[k] = r.v;
      c.set(k, { ...r.p, k: a.o });
    }
    for (const b of body.blocks) {
      if (b.type === 'lifecycle' || b.type === 'timeouts' || b.type === 'provisioner' || b.type === 'connection') continue;
      if (b.type === 'dynamic') {
        this.problems.push({
          file: scope.file,
          text: scope.text,
          offset: b.o,
          severity: 'warning',
          code: 'terraform-unresolved',
          message: `the dynamic "${b.labels[0] ?? ''}" block is not expanded offline: write its blocks out, or build from \`terraform show -json\``,
        });
        continue;
      }
      const inner = this.blockValues(b.body, scope, type);
      const list = (v[b.type] ??= []) as Value[];
      list.push(inner.v);
      const node = c.get(b.type) ?? { o: b.o, k: b.o, c: [] };
      (node.c as PosNode[]).push({ ...inner.p, o: b.o, k: b.o });
      c.set(b.type, node);
    }
    return { v, p: { o: -1, c } };
  }

  private child(b: Block, f: Parsed): TfResource[] {
    const src = b.body.attrs.get('source');
    const scope = this.scopeFor(f, {});
    const s = src ? evaluate(src.expr, scope).v : undefined;
    const where = { file: f.file, text: f.text, offset: src?.expr.o ?? b.o };
    if (typeof s !== 'string' || !(s.startsWith('./') || s.startsWith('../'))) {
      this.problems.push({
        ...where,
        severity: 'warning',
        code: 'terraform-remote-module',
        message: `module "${b.labels[0] ?? ''}" comes from ${typeof s === 'string' ? JSON.stringify(s) : 'a source not known offline'}: only local modules (./, ../) are read; build its resources from \`terraform show -json\``,
      });
      return [];
    }
    if (this.depth >= MAX_MODULE_DEPTH) return [];
    const dir = join(dirname(f.file), s);
    let names: string[];
    try {
      names = readdirSync(resolve(this.cwd, dir))
        .filter((n) => n.endsWith('.tf'))
        .sort();
    } catch {
      this.problems.push({ ...where, severity: 'warning', code: 'terraform-remote-module', message: `module "${b.labels[0] ?? ''}": the folder ${dir} cannot be read` });
      return [];
    }
    const files: ModuleFile[] = [];
    for (const n of names) {
      try {
        files.push({ file: join(dir, n), text: readFileSync(resolve(this.cwd, dir, n), 'utf8') });
      } catch {
        this.problems.push({ ...where, severity: 'warning', code: 'terraform-remote-module', message: `module "${b.labels[0] ?? ''}": the file ${join(dir, n)} cannot be read` });
      }
    }
    const args: Record<string, Value> = {};
    for (const [k, a] of b.body.attrs) if (k !== 'source' && k !== 'version' && k !== 'count' && k !== 'for_each' && k !== 'providers' && k !== 'depends_on') args[k] = evaluate(a.expr, scope).v;
    return readModule(files, args, this.problems, this.cwd, this.depth + 1, false, this.rootDir);
  }
}

const KNOWN = new Set(['aws_ecs_task_definition', 'aws_ecs_service', 'aws_appautoscaling_target', 'aws_appautoscaling_policy', 'aws_appautoscaling_scheduled_action']);

function rank(file: string): number {
  return file.endsWith('.auto.tfvars') ? 1 : 0;
}

/** A `--var` string as the variable's declared type: numbers and bools convert, the rest stays text. */
function convertVar(s: string, type: string | undefined): Value {
  if (type === 'number' && /^-?[0-9]+(\.[0-9]+)?$/.test(s)) return Number(s);
  if (type === 'bool' && (s === 'true' || s === 'false')) return s === 'true';
  return s;
}

export { flatten };
