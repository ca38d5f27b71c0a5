// The benchmark's floor: read and JSON.parse the same input files, and serialise the same
// output objects with the same YAML library and options that ecs2k8s uses — nothing else.
// Usage: node scripts/bench-floor.mjs INPUT_DIR OBJECTS_JSON [yaml|ecs2k8s]
// `yaml` (the default) serialises with the yaml library, as the issue defines the floor;
// `ecs2k8s` with ecs2k8s's own serialiser (a fast path for plain shapes, yaml for the rest).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from 'yaml';

const [dir, objectsFile, mode = 'yaml'] = process.argv.slice(2);
const serialise = mode === 'ecs2k8s' ? (await import('../dist/index.mjs')).toYaml : (o) => new Document(o, { aliasDuplicateObjects: false }).toString({ lineWidth: 0, minContentWidth: 0 });
let parsed = 0;
for (const f of readdirSync(dir).sort()) {
  if (f.endsWith('.json')) parsed += Object.keys(JSON.parse(readFileSync(join(dir, f), 'utf8'))).length;
}
const objects = JSON.parse(readFileSync(objectsFile, 'utf8'));
let bytes = 0;
for (const o of objects) bytes += serialise(o).length;
if (parsed === 0 || bytes === 0) process.exitCode = 1;
