/**
 * The project file, ecs2k8s.yaml: found by --config or in the working directory, parsed with
 * positions, validated against schemas/ecs2k8s-config.schema.json, then checked for what a
 * schema cannot say (config-checks.ts: image references, diagnostic codes).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Node } from 'yaml';
import { yaml } from '../yaml.js';
import { Diagnostics, pointerSegments, show, type SourceRef } from '../diagnostics.js';
import type { ProjectFile } from '../options.js';
import { suggest } from '../model/suggest.js';
import { checkProjectFile } from './config-checks.js';
import { lazy } from '../lazy.js';
import { conforms } from '../model/conforms.js';
import type { SchemaNode } from '../model/schemas.js';

export const CONFIG_NAMES = ['ecs2k8s.yaml', 'ecs2k8s.yml'];

/** A project file read and valid: its settings, where it is, and positions for diagnostics about it. */
export interface LoadedProject extends SourceRef {
  value: ProjectFile;
  /** Absolute path of the file (its folder is the project root: see src/load/root.ts). */
  path: string;
}

/**
 * Reads the project file; undefined when there is none (or it is invalid: diagnostics say so).
 * `found.file` is set to the path it was read from (as given, or its name in `cwd`).
 */
export async function loadProjectFile(explicit: string | undefined, cwd: string, d: Diagnostics, found: { file?: string } = {}): Promise<LoadedProject | undefined> {
  let file = explicit;
  let text: string | undefined;
  if (file !== undefined) {
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      d.add({
        code: code === 'ENOENT' ? 'input-not-found' : 'input-unreadable',
        severity: 'error',
        file,
        message: code === 'ENOENT' ? `no such project file: ${file}` : `cannot read the project file ${file}: ${code ?? String(e)}`,
      });
      return undefined;
    }
  } else {
    for (const name of CONFIG_NAMES) {
      try {
        text = readFileSync(join(cwd, name), 'utf8');
        file = name;
        break;
      } catch {
        /* not there */
      }
    }
    if (text === undefined || file === undefined) return undefined;
  }
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = at(e.pos[0]);
    d.add({ code: 'config-syntax', severity: 'error', file, line: pos.line, column: pos.col, message: `the project file is not valid YAML: ${e.message.split('\n')[0]}` });
    return undefined;
  }
  const value = (doc.toJS() ?? {}) as unknown;
  found.file = file;
  const source: SourceRef = {
    file,
    locate: (pointer, where) => {
      const node = nodeAt(doc.contents as Node | null, pointerSegments(pointer), where === 'key');
      if (!node?.range) return undefined;
      const pos = at(node.range[0]);
      return { line: pos.line, column: pos.col };
    },
  };
  // A file that plainly conforms passes on a walk of the schema; ajv's compiled validator decides
  // the rest and names the errors (model/conforms.ts).
  if (conforms(lazy.configSchema() as SchemaNode, value) || lazy.configValidator().validateConfig(value)) {
    const errors = d.errorCount;
    checkProjectFile(value as ProjectFile, source, d);
    return d.errorCount > errors ? undefined : { ...source, value: value as ProjectFile, path: resolve(cwd, file) };
  }
  const seen = new Set<string>();
  for (const err of lazy.configValidator().validateConfig.errors ?? []) {
    let pointer = err.instancePath;
    let atKey = false;
    let message = `${pointer || 'the project file'} ${err.message ?? 'is invalid'}`;
    const params = err.params as Record<string, unknown>;
    const keyName = err.propertyName ?? (params['propertyName'] as string | undefined);
    if (err.keyword === 'additionalProperties') {
      const extra = String(params['additionalProperty']);
      pointer = `${pointer}/${extra}`;
      atKey = true;
      // The schema of the object holding the member: through `properties`, or a map's `additionalProperties` (environments).
      const parent = pointerSegments(err.instancePath).reduce<Record<string, unknown> | undefined>(
        (sch, seg) => {
          const named = (sch?.['properties'] as Record<string, Record<string, unknown>> | undefined)?.[seg];
          return named ?? (typeof sch?.['additionalProperties'] === 'object' ? (sch['additionalProperties'] as Record<string, unknown>) : undefined);
        },
        lazy.configSchema() as Record<string, unknown>,
      );
      const hint = suggest(extra, Object.keys((parent?.['properties'] as object | undefined) ?? {}));
      message = `${show(extra)} is not a setting of the project file${hint ? `: did you mean "${hint}"?` : ''}`;
    } else if (keyName !== undefined) {
      pointer = `${pointer}/${keyName}`;
      atKey = true;
      message =
        err.instancePath === '/environments'
          ? `${show(keyName)} is not a valid environment name: it names the overlay folder, a DNS label (lowercase letters, digits and "-", at most 63)`
          : `${show(keyName)} is not a valid Kubernetes label key ([prefix/]name of at most 63 letters, digits, "-", "_", ".")`;
    } else if (err.keyword === 'pattern' || err.keyword === 'maxLength') {
      const v = pointerSegments(pointer).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], value);
      message = `${pointer} is ${show(v)}, which is not valid here: ${/^\/labels\//.test(pointer) ? 'label values are at most 63 letters, digits, "-", "_", "."' : 'Kubernetes names are DNS names: lowercase letters, digits, "-" (and "." where allowed)'}`;
    } else if (err.keyword === 'enum') {
      message = `${pointer} must be one of ${(params['allowedValues'] as unknown[]).join(', ')}`;
    }
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const node = nodeAt(doc.contents as Node | null, pointerSegments(pointer), atKey);
    const pos = node?.range ? at(node.range[0]) : { line: 1, col: 1 };
    d.add({ code: 'config-invalid', severity: 'error', file, line: pos.line, column: pos.col, pointer, message });
  }
  return undefined;
}

/** The YAML node at a pointer; with `atKey`, the last member's key rather than its value. */
function nodeAt(node: Node | null, segs: string[], atKey = false): Node | undefined {
  let n: Node | null | undefined = node;
  let last: Node | undefined = node ?? undefined;
  const { isMap, isSeq } = yaml();
  for (const [i, s] of segs.entries()) {
    if (isMap(n)) {
      const pair: { key: unknown; value: unknown } | undefined = n.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === s);
      if (pair && (!pair.value || (atKey && i === segs.length - 1))) return pair.key as Node;
      n = (pair?.value as Node | null | undefined) ?? (pair?.key as Node | undefined);
    } else if (isSeq(n)) {
      n = n.items[Number(s)] as Node | undefined;
    } else return last;
    if (n) last = n;
  }
  return n ?? last;
}
