// Shared by the schema generators (gen-schemas.mjs, gen-k8s-validators.mjs).
import { SchemaEnv } from 'ajv/dist/compile/index.js';

// ajv compiles a non-inlined $ref target (every definition that itself has a $ref) into its own
// function, and the schemaPath of that function's errors is then relative to the definition
// ("#/additionalProperties") instead of "#/definitions/ContainerDefinition/additionalProperties".
// ajv takes the prefix from SchemaEnv.schemaPath, which its $ref resolver never sets; supply it
// for the definitions of our roots. compileValidators() checks the result, so a change in ajv's
// internals fails the generator instead of silently producing relative paths.
export function patchAjvSchemaPaths() {
  const proto = SchemaEnv.prototype;
  if (Object.getOwnPropertyDescriptor(proto, 'schemaPath')) return;
  const stored = Symbol('schemaPath');
  Object.defineProperty(proto, 'schemaPath', {
    configurable: true,
    set(v) {
      this[stored] = v;
    },
    get() {
      if (this[stored] !== undefined) return this[stored];
      const defs = this.root !== this ? this.root?.schema?.definitions : undefined;
      if (defs) {
        for (const [name, def] of Object.entries(defs)) {
          if (def === this.schema) return `#/definitions/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        }
      }
      return undefined;
    },
  });
}
