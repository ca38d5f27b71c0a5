#!/usr/bin/env node
// Generates the strict Kubernetes output schema and its precompiled ajv validators.
//
//   node scripts/gen-k8s-validators.mjs [--out DIR]     (DIR defaults to the repository root)
//
// Writes two sets, each one schema (a definition per type), its ajv standalone ESM code and the
// code's declarations:
//   DIR/schemas/k8s/kubernetes-strict.schema.json        the kinds a bundle holds
//   DIR/src/k8s/validate/generated/k8s-validators.js     (loaded by every build) and .d.ts
//   DIR/schemas/k8s/gitops-strict.schema.json            Argo CD Application/ApplicationSet and
//   DIR/src/k8s/validate/generated/gitops-validators.js  Flux GitRepository/Kustomization, loaded
//                                                        only by `build --gitops`, and .d.ts
//
// Sources, all offline and pinned in package.json:
//   * the member names, required members and enums come from kubernetes-models' own .d.ts
//     interfaces (IDeployment, IService, ...) through ts-json-schema-generator, with
//     additionalProperties: false everywhere (unknown and misspelled fields are errors);
//   * integer-ness (int32 / int64) and the base64 "byte" format are not in the .d.ts (a
//     number is a number); they are read from kubernetes-models' precompiled validators
//     (`_schemas/*.js`, generated from the Kubernetes OpenAPI) by probing each numeric or
//     string member with a value that only a format/integer check rejects;
//   * custom resources of the core set with a pinned @kubernetes-models/* package (KEDA, Argo
//     Rollouts) are read the same way from that package: the list MODEL_SOURCES below, one
//     entry per package;
//   * external-secrets.io/v1 ExternalSecret is a CRD without such a package:
//     scripts/k8s-extra/externalsecret.schema.json;
//   * the GitOps kinds come the same way from @kubernetes-models/argo-cd and
//     @kubernetes-models/flux-cd (their .d.ts and precompiled validators; read here only, so
//     their `engines: node >=22` does not matter: both load on Node 20).
//
// The output is deterministic (sorted definitions and members, no timestamps, no absolute
// paths), so test/k8s-validate.test.ts can regenerate into a temp dir and compare bytes.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { patchAjvSchemaPaths } from './ajv-schema-paths.mjs';
import { generatedBy } from './generated.mjs';
import { splitValidators } from './split-validators.mjs';

const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Kubernetes version modelled by kubernetes-models 5.1.0 (see src/k8s/validate/index.ts). */
const KUBERNETES_VERSION = '1.36';

/** [apiVersion, kind, .d.ts file under the package, interface name] */
const CORE_KINDS = [
  ['v1', 'Namespace', 'v1/Namespace', 'INamespace'],
  ['v1', 'ServiceAccount', 'v1/ServiceAccount', 'IServiceAccount'],
  ['v1', 'ConfigMap', 'v1/ConfigMap', 'IConfigMap'],
  ['v1', 'Secret', 'v1/Secret', 'ISecret'],
  ['v1', 'Service', 'v1/Service', 'IService'],
  ['v1', 'PersistentVolume', 'v1/PersistentVolume', 'IPersistentVolume'],
  ['v1', 'PersistentVolumeClaim', 'v1/PersistentVolumeClaim', 'IPersistentVolumeClaim'],
  ['apps/v1', 'Deployment', 'apps/v1/Deployment', 'IDeployment'],
  ['apps/v1', 'DaemonSet', 'apps/v1/DaemonSet', 'IDaemonSet'],
  ['batch/v1', 'Job', 'batch/v1/Job', 'IJob'],
  ['batch/v1', 'CronJob', 'batch/v1/CronJob', 'ICronJob'],
  ['networking.k8s.io/v1', 'Ingress', 'networking.k8s.io/v1/Ingress', 'IIngress'],
  ['policy/v1', 'PodDisruptionBudget', 'policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  ['storage.k8s.io/v1', 'StorageClass', 'storage.k8s.io/v1/StorageClass', 'IStorageClass'],
  ['autoscaling/v2', 'HorizontalPodAutoscaler', 'autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
];

/**
 * The packages whose .d.ts models the core set reads, each with the kinds it contributes. Add a
 * custom resource by adding its pinned @kubernetes-models/* package (a dev dependency) here;
 * each package is generated on its own (short interface names repeat across packages) and
 * merged by the long names its models export (IoK8s…, ComGithub…), which must agree where they
 * meet.
 */
const MODEL_SOURCES = [
  { pkg: 'kubernetes-models', kinds: CORE_KINDS },
  {
    pkg: '@kubernetes-models/keda',
    kinds: [
      ['keda.sh/v1alpha1', 'ScaledObject', 'keda.sh/v1alpha1/ScaledObject', 'IScaledObject'],
      ['keda.sh/v1alpha1', 'TriggerAuthentication', 'keda.sh/v1alpha1/TriggerAuthentication', 'ITriggerAuthentication'],
    ],
  },
  {
    pkg: '@kubernetes-models/argo-rollouts',
    kinds: [
      ['argoproj.io/v1alpha1', 'Rollout', 'argoproj.io/v1alpha1/Rollout', 'IRollout'],
      ['argoproj.io/v1alpha1', 'AnalysisTemplate', 'argoproj.io/v1alpha1/AnalysisTemplate', 'IAnalysisTemplate'],
    ],
  },
];
const EXTERNAL_SECRET = ['external-secrets.io/v1', 'ExternalSecret'];

/** The GitOps kinds: [apiVersion, kind, package, .d.ts file under it, interface name]. */
const GITOPS_KINDS = [
  ['argoproj.io/v1alpha1', 'Application', '@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1/Application', 'IApplication'],
  ['argoproj.io/v1alpha1', 'ApplicationSet', '@kubernetes-models/argo-cd', 'argoproj.io/v1alpha1/ApplicationSet', 'IApplicationSet'],
  ['source.toolkit.fluxcd.io/v1', 'GitRepository', '@kubernetes-models/flux-cd', 'source.toolkit.fluxcd.io/v1/GitRepository', 'IGitRepository'],
  ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization', '@kubernetes-models/flux-cd', 'kustomize.toolkit.fluxcd.io/v1/Kustomization', 'IKustomization'],
];

// Kubernetes resource.Quantity: <signed number><suffix>, suffix one of the binary SI
// (Ki..Ei), decimal SI (n u m "" k M G T P E) or a decimal exponent (e3, E-2).
// (k8s.io/apimachinery/pkg/api/resource/quantity.go; stricter than kubernetes-models'
// format, which also accepts h, da, d, c ... that the API server rejects.)
const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';
const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** Definitions replaced wholesale (short names as ts-json-schema-generator gives them). */
const OVERRIDES = {
  IIntOrString: { type: ['integer', 'string'] },
  IQuantity: { type: ['string', 'number'], pattern: QUANTITY_PATTERN },
  // FieldsV1 is free-form JSON (managedFields); the .d.ts has no members, which would read as "{}".
  IFieldsV1: { type: 'object' },
  // apiextensions JSON is any JSON value (an ApplicationSet list generator's elements).
  IJSON: {},
};

function parseArgs(argv) {
  let out = repoRoot;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = path.resolve(argv[++i] ?? '');
    else if (a.startsWith('--out=')) out = path.resolve(a.slice('--out='.length));
    else throw new Error(`unknown argument ${a} (usage: gen-k8s-validators.mjs [--out DIR])`);
  }
  return { out };
}

const modelsDir = path.dirname(require.resolve('kubernetes-models/package.json', { paths: [repoRoot] }));
const apimachineryDir = path.dirname(require.resolve('@kubernetes-models/apimachinery/package.json', { paths: [modelsDir] }));
const packageDir = (name) => path.dirname(require.resolve(`${name}/package.json`, { paths: [repoRoot] }));
const packageVersion = (name) => JSON.parse(readFileSync(path.join(packageDir(name), 'package.json'), 'utf8')).version;

/**
 * A set of kinds written to one schema and one module: its parts (each a list of [apiVersion,
 * kind, absolute .d.ts path, interface] generated together in one program, named by `name` in
 * errors; the parts are merged by long names), the files it writes, and (core only) the
 * hand-written ExternalSecret CRD.
 */
const SETS = [
  {
    parts: MODEL_SOURCES.map(({ pkg, kinds }) => ({
      name: pkg,
      kinds: kinds.map(([apiVersion, kind, file, iface]) => [apiVersion, kind, path.join(packageDir(pkg), `${file}.d.ts`), iface]),
    })),
    externalSecret: true,
    id: 'https://ecs2k8s.invalid/schemas/k8s/kubernetes-strict.schema.json',
    sources:
      `kubernetes-models (Kubernetes ${KUBERNETES_VERSION}), ` +
      `${MODEL_SOURCES.slice(1)
        .map((m) => `${m.pkg}@${packageVersion(m.pkg)}`)
        .join(', ')} ` +
      'and scripts/k8s-extra/externalsecret.schema.json',
    schemaFile: 'schemas/k8s/kubernetes-strict.schema.json',
    codeFile: 'src/k8s/validate/generated/k8s-validators.js',
    prefix: 'k8s',
    header: `schemas/k8s/kubernetes-strict.schema.json (Kubernetes ${KUBERNETES_VERSION})`,
  },
  {
    parts: [
      {
        name: '@kubernetes-models/argo-cd and @kubernetes-models/flux-cd',
        kinds: GITOPS_KINDS.map(([apiVersion, kind, pkg, file, iface]) => [apiVersion, kind, path.join(packageDir(pkg), `${file}.d.ts`), iface]),
      },
    ],
    externalSecret: false,
    id: 'https://ecs2k8s.invalid/schemas/k8s/gitops-strict.schema.json',
    sources: '@kubernetes-models/argo-cd and @kubernetes-models/flux-cd',
    schemaFile: 'schemas/k8s/gitops-strict.schema.json',
    codeFile: 'src/k8s/validate/generated/gitops-validators.js',
    prefix: 'gitops',
    header: 'schemas/k8s/gitops-strict.schema.json (Argo CD and Flux)',
  },
];

/** The package folder a .d.ts file lies in (the nearest parent with a package.json). */
function packageRootOf(file) {
  let d = path.dirname(file);
  for (;;) {
    try {
      require.resolve(path.join(d, 'package.json'));
      return d;
    } catch {
      const parent = path.dirname(d);
      if (parent === d) throw new Error(`no package.json above ${file}`);
      d = parent;
    }
  }
}

/** Runs ts-json-schema-generator once for all kinds of a part; returns its short-name definitions. */
async function generateFromDts(tmp, part) {
  const { createGenerator } = require('ts-json-schema-generator');
  const files = part.kinds.map(([, , file]) => file);
  const tsconfig = path.join(tmp, `tsconfig-${part.name.replace(/\W+/g, '_')}.json`);
  await writeFile(
    tsconfig,
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: [] },
      files,
    }),
  );
  const generator = createGenerator({
    tsconfig,
    additionalProperties: false,
    jsDoc: 'none',
    skipTypeCheck: true,
    expose: 'all',
    topRef: true,
    sortProps: true,
  });
  const defs = {};
  for (const [, kind, , iface] of part.kinds) {
    const schema = generator.createSchema(iface);
    for (const [name, def] of Object.entries(schema.definitions ?? {})) {
      const prev = defs[name];
      if (prev && JSON.stringify(prev) !== JSON.stringify(def)) {
        throw new Error(`two different types are both named ${name} (seen again for ${kind})`);
      }
      defs[name] = def;
    }
  }
  return defs;
}

/** Short interface name (IDeploymentSpec) → long name (IoK8sApiAppsV1DeploymentSpec, ComGithub…), within one part's program. */
async function longNames(shortNames, part) {
  const ts = require('typescript');
  const files = part.kinds.map(([, , file]) => file);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const map = new Map();
  const re = /export type \{ (I\w+) as I((?:IoK8s|ComGithub)\w+),/g;
  for (const sf of program.getSourceFiles()) {
    for (const m of sf.text.matchAll(re)) {
      const [, short, long] = m;
      const modulePath = long.startsWith('IoK8sApimachinery')
        ? path.join(apimachineryDir, '_schemas', `${long}.js`)
        : long.startsWith('IoK8s')
          ? path.join(modelsDir, '_schemas', `${long}.js`)
          : path.join(packageRootOf(sf.fileName), '_schemas', `${long}.js`);
      const prev = map.get(short);
      if (prev && prev.long !== long && shortNames.has(short)) {
        throw new Error(`${short} is ambiguous: ${prev.long} and ${long}`);
      }
      map.set(short, { long, modulePath });
    }
  }
  return map;
}

/** Walks a member schema and yields [sample path suffix, leaf schema, wrap(value)] for scalar leaves. */
function* leaves(member) {
  if (member.type === 'number' || member.type === 'string') yield [[], member, (v) => v];
  else if (member.type === 'array' && member.items && typeof member.items === 'object') {
    const it = member.items;
    if (it.type === 'number' || it.type === 'string') yield [['0'], it, (v) => [v]];
  } else if (member.type === 'object' && member.additionalProperties && typeof member.additionalProperties === 'object') {
    const ap = member.additionalProperties;
    if (ap.type === 'number' || ap.type === 'string') yield [['x'], ap, (v) => ({ x: v })];
  }
}

/**
 * Probes kubernetes-models' precompiled validator for one definition to learn which numeric
 * members are int32/int64 and which strings are base64 (format "byte"); edits `def` in place.
 */
async function applyFormats(def, modulePath) {
  if (!def.properties) return;
  let validate;
  try {
    ({ validate } = await import(pathToFileURL(modulePath).href));
  } catch {
    return; // no precompiled validator for this definition: keep the .d.ts types
  }
  const errorsAt = (prop, suffix, value) => {
    validate({ [prop]: value });
    const want = ['', prop, ...suffix].join('/');
    return (validate.errors ?? []).filter((e) => e.instancePath === want);
  };
  for (const prop of Object.keys(def.properties)) {
    for (const [suffix, leaf, wrap] of leaves(def.properties[prop])) {
      if (leaf.type === 'number') {
        const isInt = errorsAt(prop, suffix, wrap(1.5)).some((e) => e.keyword === 'type' && e.params.type === 'integer');
        if (!isInt) continue;
        leaf.type = 'integer';
        const big = errorsAt(prop, suffix, wrap(2 ** 40));
        if (big.some((e) => e.keyword === 'format' && e.params.format === 'int32')) Object.assign(leaf, INT32);
      } else {
        const errs = errorsAt(prop, suffix, wrap('%not base64%'));
        if (errs.some((e) => e.keyword === 'format' && e.params.format === 'byte')) leaf.pattern = BASE64_PATTERN;
      }
    }
  }
}

/** Rewrites every "#/definitions/<old>" $ref through `rename`. */
function renameRefs(node, rename) {
  if (Array.isArray(node)) return node.map((n) => renameRefs(n, rename));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) {
      out[k] = `#/definitions/${rename(decodeURIComponent(v.slice('#/definitions/'.length)))}`;
    } else out[k] = renameRefs(v, rename);
  }
  return out;
}

/** Deep copy with object keys sorted (except inside "required"/"enum" arrays, kept as is). */
function sortKeys(node) {
  if (Array.isArray(node)) return node.map(sortKeys);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const k of Object.keys(node).sort()) out[k] = sortKeys(node[k]);
  return out;
}

export function exportName(apiVersion, kind) {
  return `${apiVersion}/${kind}`.replace(/[^A-Za-z0-9]+/g, '_');
}

/** One part's definitions under their long names, formats applied, status dropped, and its kinds. */
async function partDefinitions(tmp, part) {
  const shortDefs = await generateFromDts(tmp, part);
  const names = await longNames(new Set(Object.keys(shortDefs)), part);

  // Drop `status` from the kinds: the API server ignores it on create, and the compiler
  // must never emit it. Then keep only the definitions still reachable.
  for (const [, , , iface] of part.kinds) delete shortDefs[iface].properties.status;

  for (const [short, def] of Object.entries(shortDefs)) {
    if (OVERRIDES[short]) continue;
    const info = names.get(short);
    if (info) await applyFormats(def, info.modulePath);
  }
  for (const [short, def] of Object.entries(OVERRIDES)) if (shortDefs[short]) shortDefs[short] = def;

  const rename = (short) => {
    const info = names.get(short);
    if (!info) throw new Error(`no ${part.name} long name for ${short}`);
    return info.long;
  };
  const defs = {};
  const reach = (short) => {
    const long = rename(short);
    if (defs[long]) return;
    defs[long] = renameRefs(shortDefs[short], rename);
    JSON.stringify(shortDefs[short], (k, v) => {
      if (k === '$ref' && typeof v === 'string') reach(decodeURIComponent(v.slice('#/definitions/'.length)));
      return v;
    });
  };
  for (const [, , , iface] of part.kinds) reach(iface);

  const kinds = {};
  for (const [apiVersion, kind, , iface] of part.kinds) kinds[`${apiVersion}/${kind}`] = rename(iface);
  return { defs, kinds };
}

async function buildSchema(tmp, set) {
  const defs = {};
  const kinds = {};
  for (const part of set.parts) {
    const got = await partDefinitions(tmp, part);
    for (const [name, def] of Object.entries(got.defs)) {
      if (defs[name] && JSON.stringify(defs[name]) !== JSON.stringify(def)) {
        throw new Error(`${part.name} defines ${name} differently from an earlier package: pin versions that agree`);
      }
      defs[name] = def;
    }
    Object.assign(kinds, got.kinds);
  }
  if (set.externalSecret) {
    // The ExternalSecret CRD, hand-written; its definitions get an "IoExternalSecretsV1" prefix.
    const extra = JSON.parse(await readFile(path.join(repoRoot, 'scripts/k8s-extra/externalsecret.schema.json'), 'utf8'));
    const objectMeta = 'IoK8sApimachineryPkgApisMetaV1ObjectMeta';
    const esName = (n) => (n === 'ObjectMeta' ? objectMeta : `IoExternalSecretsV1${n}`);
    for (const [n, def] of Object.entries(extra.definitions)) {
      if (n === 'ObjectMeta') continue;
      defs[esName(n)] = renameRefs(def, esName);
    }
    kinds[EXTERNAL_SECRET.join('/')] = esName('ExternalSecret');
  }

  const sortedDefs = {};
  for (const k of Object.keys(defs).sort()) sortedDefs[k] = sortKeys(defs[k]);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: set.id,
    $comment: generatedBy('scripts/gen-k8s-validators.mjs', set.sources),
    'x-kubernetes-version': KUBERNETES_VERSION,
    'x-kinds': kinds,
    definitions: sortedDefs,
  };
}

async function buildValidators(schema, set) {
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  // No `verbose` (it embeds schema objects in every error) and no inlined refs (they repeat the
  // pod spec's code in every workload kind): the module stays small and loads fast. Errors carry
  // schemaPath `#/definitions/<Name>/…`; the did-you-mean reads member names from the table below.
  patchAjvSchemaPaths();
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
    inlineRefs: false,
    code: { source: true, esm: true },
  });
  ajv.addKeyword('x-kubernetes-version').addKeyword('x-kinds');
  ajv.addSchema(schema);
  const refs = {};
  for (const [gvk, def] of Object.entries(schema['x-kinds'])) {
    refs[exportName(...splitGvk(gvk))] = `${schema.$id}#/definitions/${def}`;
  }
  const code = standaloneCode(ajv, refs);
  const header = `// ${generatedBy('scripts/gen-k8s-validators.mjs', set.header)}\n// @ts-nocheck\n/* eslint-disable */\n`;
  // One CommonJS file per kind and one for what several kinds share, each loaded on first use
  // (src/k8s/validate/load.ts); ajv's runtime helpers stay require() calls, which resolve from
  // src/ and are bundled by scripts/build.mjs.
  const split = splitValidators(code, set.prefix, header);
  const kindsTable =
    "// The file of each kind's validator (its module.exports), loaded on first use by src/k8s/validate/load.ts.\n" +
    `export const kinds = ${JSON.stringify(Object.fromEntries(Object.keys(schema['x-kinds']).map((gvk) => [gvk, split.kinds.get(exportName(...splitGvk(gvk)))])), null, 2)};\n`;
  const properties = Object.fromEntries(
    Object.entries(schema.definitions)
      .filter(([, d]) => d && typeof d === 'object' && d.properties)
      .map(([name, d]) => [name, Object.keys(d.properties)]),
  );
  const propertiesTable =
    '// Member names per definition, for "did you mean": kept as a string and parsed on first use.\n' +
    `const PROPERTIES = ${JSON.stringify(JSON.stringify(properties))};\n` +
    'let parsedProperties;\n' +
    'export function knownProperties(definition) {\n' +
    '  parsedProperties ??= JSON.parse(PROPERTIES);\n' +
    '  return parsedProperties[definition] ?? [];\n' +
    '}\n';
  return { index: header + kindsTable + propertiesTable, files: split.files };
}

/** The declarations of the validators module: its helpers and one validate function per kind. */
function declarations(schema, set) {
  const core = set.externalSecret;
  return [
    `// ${generatedBy('scripts/gen-k8s-validators.mjs', set.schemaFile)}`,
    '',
    ...(core
      ? [
          '/** One ajv error object, as produced with `allErrors: true`. */',
          'export interface K8sSchemaError {',
          '  instancePath: string;',
          '  schemaPath: string;',
          '  keyword: string;',
          '  params: Record<string, unknown>;',
          '  message?: string;',
          '}',
          '',
          '/** An ajv standalone validate function: returns true when valid, errors in `.errors` otherwise. */',
          'export interface K8sValidateFunction {',
          '  (data: unknown): boolean;',
          '  errors?: K8sSchemaError[] | null;',
          '}',
        ]
      : []),
    ...(core ? [''] : []),
    '/** Member names of a definition of the strict schema ("IoK8sApiAppsV1DeploymentSpec"), for "did you mean". */',
    'export declare function knownProperties(definition: string): readonly string[];',
    '',
    '/** "apps/v1/Deployment" → the file beside this module whose module.exports validates it ("k8s-apps_v1_Deployment.cjs"). */',
    'export declare const kinds: Readonly<Record<string, string>>;',
    '',
  ].join('\n');
}

function splitGvk(gvk) {
  const i = gvk.lastIndexOf('/');
  return [gvk.slice(0, i), gvk.slice(i + 1)];
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const tmp = await mkdtemp(path.join(tmpdir(), 'gen-k8s-'));
  try {
    for (const set of SETS) {
      const schema = await buildSchema(tmp, set);
      const schemaText = JSON.stringify(schema, null, 2) + '\n';
      const code = await buildValidators(schema, set);
      for (const f of [set.schemaFile, set.codeFile]) await mkdir(path.dirname(path.join(out, f)), { recursive: true });
      await writeFile(path.join(out, set.schemaFile), schemaText);
      await writeFile(path.join(out, set.codeFile), code.index);
      const codeDir = path.dirname(path.join(out, set.codeFile));
      for (const f of await readdir(codeDir)) if (f.startsWith(`${set.prefix}-`) && f.endsWith('.cjs')) await rm(path.join(codeDir, f));
      for (const [f, text] of code.files) await writeFile(path.join(codeDir, f), text);
      await writeFile(path.join(out, set.codeFile.replace(/\.js$/, '.d.ts')), declarations(schema, set));
      console.error(
        `gen-k8s-validators: ${Object.keys(schema['x-kinds']).length} kinds, ` +
          `${Object.keys(schema.definitions).length} definitions → ${path.relative(process.cwd(), path.join(out, set.codeFile)) || '.'}`,
      );
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
