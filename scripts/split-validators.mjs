// Used by gen-k8s-validators.mjs: splits ajv's standalone code for a set of kinds (one module,
// every definition's function shared) into CommonJS files that a build loads on first use:
//
//   <prefix>-shared.cjs          the functions and constants that two or more kinds reach
//                                (ObjectMeta, the pod spec, ...), exported by name;
//   <prefix>-<exportName>.cjs    what only that kind reaches; module.exports is its validate
//                                function; requires ./<prefix>-shared.cjs for the rest.
//
// A build that emits a Deployment and a Service then loads the shared file and those two,
// instead of the code of every kind (src/k8s/validate/load.ts, scripts/build.mjs).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * code: ajv standaloneCode (esm: true) with `export const <exportName> = validateN;` per kind;
 * header: the file's first lines. Returns { files: Map(name → text), kinds: Map(exportName → file) }.
 */
export function splitValidators(code, prefix, header) {
  const ts = require('typescript');
  const sf = ts.createSourceFile('validators.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  /** top-level declarations in order: { names, text, refs } */
  const decls = [];
  const roots = new Map(); // exportName → validate function name
  for (const st of sf.statements) {
    const text = code.slice(st.getStart(sf), st.end);
    if (ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression) && st.expression.text === 'use strict') continue;
    if (ts.isVariableStatement(st)) {
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const [d] = st.declarationList.declarations;
      if (st.declarationList.declarations.length !== 1 || !ts.isIdentifier(d.name)) throw new Error(`split-validators: unexpected declaration ${text.slice(0, 80)}`);
      if (exported) {
        if (!d.initializer || !ts.isIdentifier(d.initializer)) throw new Error(`split-validators: unexpected export ${text.slice(0, 80)}`);
        roots.set(d.name.text, d.initializer.text);
        continue;
      }
      decls.push({ names: [d.name.text], node: st, text });
    } else if (ts.isFunctionDeclaration(st) && st.name) {
      decls.push({ names: [st.name.text], node: st, text });
    } else {
      throw new Error(`split-validators: unexpected top-level statement ${text.slice(0, 80)}`);
    }
  }
  const byName = new Map();
  for (const d of decls) for (const n of d.names) byName.set(n, d);
  for (const d of decls) {
    d.refs = new Set();
    const visit = (node) => {
      if (ts.isIdentifier(node) && byName.has(node.text) && !d.names.includes(node.text)) d.refs.add(node.text);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(d.node, visit);
  }

  // Which kinds reach each declaration.
  const reachedBy = new Map(decls.map((d) => [d, new Set()]));
  for (const [kind, fn] of roots) {
    const stack = [byName.get(fn)];
    while (stack.length) {
      const d = stack.pop();
      if (reachedBy.get(d).has(kind)) continue;
      reachedBy.get(d).add(kind);
      for (const r of d.refs) stack.push(byName.get(r));
    }
  }
  const sharedFile = `${prefix}-shared.cjs`;
  const fileOf = (kind) => `${prefix}-${kind}.cjs`;
  const chunkOf = (d) => {
    const ks = reachedBy.get(d);
    return ks.size === 1 ? fileOf([...ks][0]) : sharedFile;
  };

  const texts = new Map([[sharedFile, []]]);
  for (const kind of roots.keys()) texts.set(fileOf(kind), []);
  const imports = new Map([...texts.keys()].map((f) => [f, new Set()]));
  const sharedExports = new Set();
  for (const d of decls) {
    // ajv declares every schema object; most are never read (the code does not keep `verbose` errors).
    if (reachedBy.get(d).size === 0) continue;
    const file = chunkOf(d);
    texts.get(file).push(d.text);
    for (const r of d.refs) {
      if (chunkOf(byName.get(r)) === file) continue;
      if (file === sharedFile) throw new Error(`split-validators: shared ${d.names[0]} needs ${r} of one kind`);
      imports.get(file).add(r);
      sharedExports.add(r);
    }
  }
  // A kind whose validate function is itself shared (one definition for two kinds) re-exports it.
  for (const [kind, fn] of roots) {
    if (chunkOf(byName.get(fn)) !== sharedFile) continue;
    imports.get(fileOf(kind)).add(fn);
    sharedExports.add(fn);
  }

  const files = new Map();
  const order = (names) => [...names].sort((a, b) => decls.indexOf(byName.get(a)) - decls.indexOf(byName.get(b)));
  files.set(sharedFile, `${header}"use strict";\n${texts.get(sharedFile).join('\n')}\nmodule.exports = { ${order(sharedExports).join(', ')} };\n`);
  const kinds = new Map();
  for (const [kind, fn] of roots) {
    const file = fileOf(kind);
    const need = order(imports.get(file));
    const req = need.length ? `const { ${need.join(', ')} } = require("./${sharedFile}");\n` : '';
    files.set(file, `${header}"use strict";\n${req}${texts.get(file).join('\n')}\nmodule.exports = ${fn};\n`);
    kinds.set(kind, file);
  }
  return { files, kinds };
}
