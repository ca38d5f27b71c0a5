// Generates the input JSON Schemas (draft-07) from the TypeScript models of the pinned AWS SDK
// clients and compiles them ahead of time into one ajv standalone ESM module per client.
//
//   node scripts/gen-schemas.mjs [--out <dir>]     (default <dir>: the repository root)
//
// The clients and their documents are the list SDKS below: @aws-sdk/client-ecs (task
// definitions, services), @aws-sdk/client-application-auto-scaling (scalable targets, scaling
// policies, scheduled actions), @aws-sdk/client-cloudwatch (metric alarms, whose metrics the
// deployment alarms and step scaling policies name) and @aws-sdk/client-codedeploy (deployment
// groups). Each writes <dir>/schemas/<file>.schema.json per document and
// <dir>/src/validate/generated/<client>-validators.js (+ its .d.ts); the ECS client also the
// TypeScript types of the validated documents, <dir>/src/model/generated/ecs.ts (rendered by
// scripts/ecs-types.mjs from the very definitions the schemas carry). The output is
// deterministic (byte-identical on every run for the same SDK versions and
// scripts/ecs-constraints.json).
//
// How: (1) copy the SDK's model .d.ts files into a temp dir, rewriting required members
// (`name: T | undefined;`, no `?`) into `name: T;` so ts-json-schema-generator sees them as required;
// (2) generate RegisterTaskDefinitionRequest / CreateServiceRequest (+ TaskDefinition / Service for
// the describe-only members); (3) clean up (SDK union wrappers, Record<> / __DocumentType inlined,
// Date -> string|number, const -> enum, no descriptions); (4) add describe-only members as
// {readOnly: true}; (5) apply the constraint overlay; (6) sort keys; (7) ajv standaloneCode.
import { createGenerator } from 'ts-json-schema-generator';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { patchAjvSchemaPaths } from './ajv-schema-paths.mjs';
import { renderEcsTypes } from './ecs-types.mjs';
import { generatedBy } from './generated.mjs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let out = process.env.ECS2K8S_GEN_OUT || repoRoot;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      out = argv[++i];
      if (!out) throw new Error('--out needs a directory');
    } else if (argv[i].startsWith('--out=')) {
      out = argv[i].slice('--out='.length);
    } else {
      throw new Error(`unknown argument: ${argv[i]}`);
    }
  }
  return { out: path.resolve(out) };
}

const constraints = JSON.parse(fs.readFileSync(path.join(repoRoot, 'scripts', 'ecs-constraints.json'), 'utf8'));

/**
 * The SDK clients and the documents generated from each. `request` is the type a user writes;
 * `describe` (optional) the type describe output holds, whose extra members are tolerated as
 * read-only. `constraints`: whether scripts/ecs-constraints.json applies (the ECS model only).
 */
const SDKS = [
  {
    pkg: '@aws-sdk/client-ecs',
    validators: 'src/validate/generated/ecs-validators.js',
    constraints: true,
    types: 'src/model/generated/ecs.ts',
    documents: 'ECS documents',
    targets: [
      {
        file: 'schemas/ecs-task-definition.schema.json',
        request: 'RegisterTaskDefinitionRequest',
        describe: 'TaskDefinition',
        describeOperation: 'DescribeTaskDefinition',
        exportName: 'validateTaskDefinition',
        alias: 'EcsTaskDefinition',
        title: 'Amazon ECS task definition (RegisterTaskDefinition request; DescribeTaskDefinition members tolerated)',
      },
      {
        file: 'schemas/ecs-service.schema.json',
        request: 'CreateServiceRequest',
        describe: 'Service',
        describeOperation: 'DescribeServices',
        exportName: 'validateService',
        alias: 'EcsService',
        title: 'Amazon ECS service (CreateService request; DescribeServices members tolerated)',
      },
    ],
  },
  {
    pkg: '@aws-sdk/client-application-auto-scaling',
    validators: 'src/validate/generated/aas-validators.js',
    constraints: false,
    types: 'src/model/generated/aas.ts',
    documents: 'Application Auto Scaling documents',
    targets: [
      {
        file: 'schemas/aas-scalable-target.schema.json',
        request: 'RegisterScalableTargetRequest',
        describe: 'ScalableTarget',
        describeOperation: 'DescribeScalableTargets',
        exportName: 'validateScalableTarget',
        alias: 'AasScalableTarget',
        title: 'Application Auto Scaling scalable target (RegisterScalableTarget request; DescribeScalableTargets members tolerated)',
      },
      {
        file: 'schemas/aas-scaling-policy.schema.json',
        request: 'PutScalingPolicyRequest',
        describe: 'ScalingPolicy',
        describeOperation: 'DescribeScalingPolicies',
        exportName: 'validateScalingPolicy',
        alias: 'AasScalingPolicy',
        title: 'Application Auto Scaling scaling policy (PutScalingPolicy request; DescribeScalingPolicies members tolerated)',
      },
      {
        file: 'schemas/aas-scheduled-action.schema.json',
        request: 'PutScheduledActionRequest',
        describe: 'ScheduledAction',
        describeOperation: 'DescribeScheduledActions',
        exportName: 'validateScheduledAction',
        alias: 'AasScheduledAction',
        title: 'Application Auto Scaling scheduled action (PutScheduledAction request; DescribeScheduledActions members tolerated)',
      },
    ],
  },
  {
    pkg: '@aws-sdk/client-cloudwatch',
    validators: 'src/validate/generated/cloudwatch-validators.js',
    constraints: false,
    types: 'src/model/generated/cloudwatch.ts',
    documents: 'CloudWatch documents',
    targets: [
      {
        file: 'schemas/cloudwatch-metric-alarm.schema.json',
        request: 'PutMetricAlarmInput',
        describe: 'MetricAlarm',
        describeOperation: 'DescribeAlarms',
        exportName: 'validateMetricAlarm',
        alias: 'CloudWatchMetricAlarm',
        title: 'Amazon CloudWatch metric alarm (PutMetricAlarm request; DescribeAlarms MetricAlarms members tolerated)',
      },
    ],
  },
  {
    pkg: '@aws-sdk/client-codedeploy',
    validators: 'src/validate/generated/codedeploy-validators.js',
    constraints: false,
    types: 'src/model/generated/codedeploy.ts',
    documents: 'CodeDeploy documents',
    targets: [
      {
        file: 'schemas/codedeploy-deployment-group.schema.json',
        // There is no request shape people keep: `aws deploy get-deployment-group` prints
        // {"deploymentGroupInfo": DeploymentGroupInfo}, and that is what is read.
        request: 'DeploymentGroupInfo',
        exportName: 'validateDeploymentGroup',
        alias: 'CodeDeployDeploymentGroup',
        title: 'AWS CodeDeploy deployment group (the deploymentGroupInfo of a GetDeploymentGroup response)',
      },
    ],
  },
];

/** The schema files of a client, as a glob ("schemas/aas-*.schema.json"): every target's file starts with the validators' prefix. */
function schemaFiles(sdk) {
  const prefix = path.basename(sdk.validators, '-validators.js');
  for (const t of sdk.targets) if (!t.file.startsWith(`schemas/${prefix}-`)) throw new Error(`${t.file}: a schema of ${sdk.pkg} must be named schemas/${prefix}-*.schema.json`);
  return `schemas/${prefix}-*.schema.json`;
}

function sdkInfo(pkg) {
  const pkgPath = require.resolve(`${pkg}/package.json`, { paths: [repoRoot] });
  const version = JSON.parse(fs.readFileSync(pkgPath, 'utf8')).version;
  return { version, modelDir: path.join(path.dirname(pkgPath), 'dist-types', 'models') };
}

// ---------------------------------------------------------------------------------------------
// 1. Prepare the model sources.

const REQUIRED_MEMBER = /^(\s+)(\w+): (.+) \| undefined;$/gm;

function prepareModel(tmp, modelDir) {
  const files = fs
    .readdirSync(modelDir)
    .filter((f) => /^(models_\d+|enums)\.d\.ts$/.test(f))
    .sort();
  if (!files.includes('enums.d.ts') || !files.some((f) => f.startsWith('models_'))) {
    throw new Error(`unexpected SDK model layout in ${modelDir}: ${files.join(', ')}`);
  }
  let requiredCount = 0;
  for (const f of files) {
    let text = fs.readFileSync(path.join(modelDir, f), 'utf8');
    // The only external import of the model: a JSON "document" (any value). Keep the temp dir
    // self-contained.
    text = text.replace(/^import type \{ DocumentType as __DocumentType \} from "@smithy\/types";$/m, 'type __DocumentType = unknown;');
    if (/from "(?!\.\/)/.test(text)) {
      throw new Error(`${f}: unexpected non-local import; update prepareModel()`);
    }
    text = text.replace(REQUIRED_MEMBER, (_m, indent, name, type) => {
      requiredCount++;
      return `${indent}${name}: ${type};`;
    });
    fs.writeFileSync(path.join(tmp, f), text);
  }
  if (requiredCount === 0) throw new Error('no required members found: SDK model format changed?');
  const index = files.map((f) => `export * from "./${f.replace(/\.d\.ts$/, '')}";`).join('\n');
  fs.writeFileSync(path.join(tmp, 'index.d.ts'), `${index}\n`);
  return path.join(tmp, 'index.d.ts');
}

// ---------------------------------------------------------------------------------------------
// 2./3. Generate and clean up.

const REF_PREFIX = '#/definitions/';
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => JSON.parse(JSON.stringify(v));
const refName = (ref) => {
  if (!ref.startsWith(REF_PREFIX)) throw new Error(`unexpected $ref ${ref}`);
  return decodeURIComponent(ref.slice(REF_PREFIX.length));
};

function walk(node, fn) {
  if (Array.isArray(node)) return node.map((n) => walk(n, fn));
  if (!isPlainObject(node)) return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = walk(v, fn);
  return fn(out);
}

function cleanSchema(raw) {
  const defs = {};
  for (const [k, v] of Object.entries(raw.definitions)) defs[decodeURIComponent(k)] = v;
  let rootRef = refName(raw.$ref);

  // Refs: decoded names everywhere.
  const decodeRefs = (node) => walk(node, (n) => (typeof n.$ref === 'string' ? { ...n, $ref: REF_PREFIX + refName(n.$ref) } : n));
  for (const k of Object.keys(defs)) defs[k] = decodeRefs(defs[k]);

  // SDK tagged unions: `X = X.AMember | X.$UnknownMember` (the $unknown member is an SDK-side
  // escape hatch, not part of the wire format). Drop $UnknownMember; a union left with one member
  // becomes that member's object under the SDK name X.
  const renames = new Map();
  for (const [name, def] of Object.entries(defs)) {
    if (!Array.isArray(def.anyOf)) continue;
    const refs = def.anyOf.map((a) => (a.$ref ? refName(a.$ref) : null));
    if (!refs.some((r) => r && r.startsWith(`${name}.`))) continue;
    const kept = refs.filter((r) => r !== `${name}.$UnknownMember`);
    for (const r of refs) if (r === `${name}.$UnknownMember`) delete defs[r];
    if (kept.some((r) => !r || !r.startsWith(`${name}.`))) throw new Error(`unexpected union shape: ${name}`);
    if (kept.length === 1) {
      defs[name] = defs[kept[0]];
      delete defs[kept[0]];
      renames.set(kept[0], name);
    } else {
      for (const r of kept) {
        const flat = r.replace('.', '_');
        defs[flat] = defs[r];
        delete defs[r];
        renames.set(r, flat);
      }
      def.anyOf = kept.map((r) => ({ $ref: REF_PREFIX + renames.get(r) }));
    }
  }

  // Helper types that are not SDK shapes: inline them.
  const inline = new Set(Object.keys(defs).filter((k) => /^Record</.test(k) || /^__/.test(k)));
  const rewriteRefs = (node) =>
    walk(node, (n) => {
      if (typeof n.$ref !== 'string') return n;
      let name = refName(n.$ref);
      if (renames.has(name)) name = renames.get(name);
      if (inline.has(name)) {
        const { $ref: _r, ...rest } = n;
        return { ...clone(defs[name]), ...rest };
      }
      return { ...n, $ref: REF_PREFIX + name };
    });
  // Inline targets themselves may refer to other definitions; resolve them first.
  for (const k of inline) defs[k] = rewriteRefs(defs[k]);
  for (const k of Object.keys(defs)) defs[k] = rewriteRefs(defs[k]);
  for (const k of inline) delete defs[k];
  if (renames.has(rootRef)) rootRef = renames.get(rootRef);

  for (const k of Object.keys(defs)) {
    defs[k] = walk(defs[k], (n) => {
      const out = { ...n };
      delete out.description;
      // Date members: ISO-8601 strings from the CLI, epoch seconds from the raw API.
      if (out.type === 'string' && out.format === 'date-time') {
        delete out.format;
        out.type = ['string', 'number'];
      }
      // Single-valued enums come out as const: keep every enum an `enum` list.
      if ('const' in out && out.type === 'string') {
        out.enum = [out.const];
        delete out.const;
      }
      return out;
    });
  }

  for (const k of Object.keys(defs)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`odd definition name left after cleanup: ${k}`);
  }
  // Every $ref must resolve.
  walk(defs, (n) => {
    if (typeof n.$ref === 'string' && !(refName(n.$ref) in defs)) throw new Error(`dangling $ref ${n.$ref}`);
    if (typeof n.format === 'string') throw new Error(`unexpected format ${n.format}`);
    return n;
  });
  return { rootRef, defs };
}

// ---------------------------------------------------------------------------------------------
// 5. Constraint overlay.

function mergeConstraint(target, overlay, where) {
  for (const [k, v] of Object.entries(overlay)) {
    if (k === 'type') {
      const cur = target.type;
      if (cur === v) continue;
      if (v === 'integer' && cur === 'number') {
        target.type = 'integer';
        continue;
      }
      throw new Error(`${where}: overlay type ${JSON.stringify(v)} does not fit model type ${JSON.stringify(cur)}`);
    }
    if (isPlainObject(v)) {
      if (!isPlainObject(target[k])) throw new Error(`${where}: overlay "${k}" targets a non-object in the model`);
      mergeConstraint(target[k], v, `${where}/${k}`);
      continue;
    }
    if (k in target && JSON.stringify(target[k]) !== JSON.stringify(v)) {
      throw new Error(`${where}: overlay "${k}" would overwrite the model's ${JSON.stringify(target[k])}`);
    }
    target[k] = v;
  }
  const t = target.type;
  const numeric = t === 'integer' || t === 'number';
  for (const k of ['minimum', 'maximum']) if (k in target && !numeric) throw new Error(`${where}: ${k} on non-number`);
  if ('pattern' in target && t !== 'string') throw new Error(`${where}: pattern on non-string`);
  if ('pattern' in target) new RegExp(target.pattern, 'u');
  if (('maxItems' in target || 'items' in target) && t !== 'array') throw new Error(`${where}: array keyword on non-array`);
}

function applyConstraints(schemas, sdkVersion) {
  for (const [key, entry] of Object.entries(constraints)) {
    if (key.startsWith('$')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(key);
    if (!m) throw new Error(`ecs-constraints.json: bad key ${JSON.stringify(key)} (want Definition.member)`);
    const [, defName, member] = m;
    if (!isPlainObject(entry) || typeof entry.description !== 'string' || !entry.description.startsWith('ECS API reference')) {
      throw new Error(`ecs-constraints.json: ${key} needs a "description" starting with "ECS API reference"`);
    }
    let hits = 0;
    for (const { defs } of schemas) {
      const def = defs[defName];
      if (!def) continue;
      const prop = def.properties?.[member];
      if (!prop) {
        throw new Error(`ecs-constraints.json: ${key}: ${defName} has no member "${member}" in @aws-sdk/client-ecs@${sdkVersion}`);
      }
      if (prop.readOnly === true) throw new Error(`ecs-constraints.json: ${key} is a describe-only member`);
      if (prop.$ref) throw new Error(`ecs-constraints.json: ${key} is a $ref (${prop.$ref}); constrain the referenced definition`);
      mergeConstraint(prop, entry, key);
      hits++;
    }
    if (hits === 0) {
      throw new Error(`ecs-constraints.json: ${key}: no definition "${defName}" in the generated schemas (@aws-sdk/client-ecs@${sdkVersion})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 6. Deterministic layout.

function sortKeys(node) {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (!isPlainObject(node)) return node;
  const out = {};
  for (const k of Object.keys(node).sort()) out[k] = sortKeys(node[k]);
  return out;
}

// ---------------------------------------------------------------------------------------------

function generate(sdk) {
  const { version, modelDir } = sdkInfo(sdk.pkg);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs2k8s-gen-schemas-'));
  try {
    const entry = prepareModel(tmp, modelDir);
    const generator = createGenerator({
      path: entry,
      type: sdk.targets[0].request,
      expose: 'all',
      topRef: true,
      jsDoc: 'none',
      additionalProperties: false,
      skipTypeCheck: true,
    });
    const built = sdk.targets.map((t) => {
      const req = cleanSchema(generator.createSchema(t.request));
      if (req.rootRef !== t.request) throw new Error(`unexpected root for ${t.request}`);
      const root = req.defs[t.request];
      if (root.type !== 'object' || !root.properties) throw new Error(`${t.request}: not an object`);
      if (t.describe) {
        const desc = cleanSchema(generator.createSchema(t.describe));
        const described = desc.defs[t.describe];
        if (desc.rootRef !== t.describe || !described.properties) throw new Error(`unexpected root for ${t.describe}`);
        // 4. Describe-only members: tolerated, ignored.
        for (const member of Object.keys(described.properties)) {
          if (!(member in root.properties)) root.properties[member] = { readOnly: true };
        }
      }
      return { target: t, defs: req.defs };
    });
    if (sdk.constraints) applyConstraints(built, version);
    // Every object type is closed.
    for (const { defs } of built) {
      walk(defs, (n) => {
        if (n.type === 'object' && n.properties && n.additionalProperties !== false) {
          throw new Error('object type without additionalProperties: false');
        }
        return n;
      });
    }
    const overlay = sdk.constraints ? ' and scripts/ecs-constraints.json' : '';
    return built.map(({ target, defs }) => ({
      target,
      schema: sortKeys({
        $schema: 'http://json-schema.org/draft-07/schema#',
        $comment: generatedBy('scripts/gen-schemas.mjs', `${sdk.pkg}@${version}${overlay}`),
        title: target.title,
        $ref: REF_PREFIX + target.request,
        definitions: defs,
      }),
    }));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function compileValidators(sdk, results) {
  patchAjvSchemaPaths();
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    validateFormats: false,
    code: { source: true, esm: true },
  });
  const exportsMap = {};
  for (const { target, schema } of results) {
    ajv.addSchema(schema, target.file);
    exportsMap[target.exportName] = target.file;
  }
  let code = standaloneCode(ajv, exportsMap);
  // ajv emits `require("ajv/dist/runtime/x").default` for its runtime helpers; make those real
  // ESM imports (with the .js extension that Node's ESM resolver needs; ajv has no "exports" map).
  const helpers = new Map();
  code = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9_]+)"\)\.default/gi, (_m, mod) => {
    if (!helpers.has(mod)) helpers.set(mod, `__ajvRuntime_${mod.split('/').pop()}`);
    return `${helpers.get(mod)}.default`;
  });
  if (/\brequire\(/.test(code)) throw new Error('standalone code still contains require()');
  const relative = code.match(/schemaPath:"#(?!\/definitions\/)[^"]*"/);
  if (relative) throw new Error(`standalone code has a schemaPath outside #/definitions: ${relative[0]}`);
  const imports = [...helpers]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([mod, id]) => `import ${id} from "${mod}.js";`)
    .join('\n');
  const header =
    `// ${generatedBy('scripts/gen-schemas.mjs', `${schemaFiles(sdk)} (ajv ${require('ajv/package.json').version} standalone, ${sdk.pkg}@${sdkInfo(sdk.pkg).version})`)}\n` +
    '/* eslint-disable */\n' +
    '// @ts-nocheck\n';
  const body = code.replace(/^"use strict";\n?/, '');
  return `${header}${imports}${imports ? '\n' : ''}${body.endsWith('\n') ? body : `${body}\n`}`;
}

/** The declarations of a client's validators; the ECS module declares the function type the others import. */
function validatorDeclarations(sdk, results) {
  const lines = [`// ${generatedBy('scripts/gen-schemas.mjs', schemaFiles(sdk))}`];
  if (sdk.pkg === '@aws-sdk/client-ecs') {
    lines.push(
      "import type { ErrorObject } from 'ajv';",
      '',
      '/** An ahead-of-time compiled ajv validator (options: allErrors, strict: false, no formats). */',
      'export interface EcsValidateFunction {',
      '  (data: unknown): boolean;',
      '  /** Errors of the last call; `schemaPath` is `#/definitions/<TypeName>/...` of the schema in schemas/. */',
      '  errors?: ErrorObject[] | null;',
      '}',
    );
  } else {
    lines.push("import type { EcsValidateFunction } from './ecs-validators.js';");
  }
  for (const { target } of results) {
    const what = target.describe ? `${target.request} + describe-only members` : target.request;
    lines.push('', `/** Validates against ${target.file} (${what}). */`, `export declare const ${target.exportName}: EcsValidateFunction;`);
  }
  return `${lines.join('\n')}\n`;
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const files = new Map();
  for (const sdk of SDKS) {
    const results = generate(sdk);
    for (const { target, schema } of results) files.set(target.file, `${JSON.stringify(schema, null, 2)}\n`);
    files.set(sdk.validators, compileValidators(sdk, results));
    files.set(sdk.validators.replace(/\.js$/, '.d.ts'), validatorDeclarations(sdk, results));
    if (sdk.types) {
      const overlay = sdk.constraints ? ' and scripts/ecs-constraints.json' : '';
      files.set(
        sdk.types,
        renderEcsTypes(
          results.map(({ target, schema }) => ({ ...target, defs: schema.definitions })),
          sdk.documents,
          generatedBy('scripts/gen-schemas.mjs', `${schemaFiles(sdk)} (${sdk.pkg}@${sdkInfo(sdk.pkg).version}${overlay})`),
        ),
      );
    }
  }
  for (const [rel, text] of files) {
    const dest = path.join(out, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, text);
    console.log(`wrote ${path.relative(process.cwd(), dest) || dest}`);
  }
}

main();
