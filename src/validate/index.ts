/**
 * Validation of one input text: parse with positions, unwrap the document shapes, normalise
 * nulls and empty strings, check the generated schema, then the cross-field rules.
 */
import { Diagnostics, pointerJoin, show } from '../diagnostics.js';
import type { InputText } from '../load/text.js';
import { READERS, type ReadContext, type Reader } from '../load/readers/index.js';
import { isSyntaxError, parseJson } from '../load/json.js';
import { unwrapDocuments, type EcsDocument } from '../load/shapes.js';
import { isObject } from '../model/values.js';
import { JsonSource, type DocumentSource } from '../load/source.js';
import { checkInt32 } from './int32.js';
import { normalise } from './normalise.js';
import type { ValidationContext } from './context.js';
import { runRules } from './rules/index.js';
import { checkSchema } from './schema-check.js';
import { rootObject, schemas } from '../model/schemas.js';

export interface LoadedFile {
  source: DocumentSource;
  documents: EcsDocument[];
  /** True when this file produced no error. */
  ok: boolean;
}

export type { ValidationContext } from './context.js';

/**
 * Loads and validates every input: texts a reader claims (src/load/readers/) go to it, grouped
 * as it asks; the others are ECS JSON. A file found under a directory that is neither JSON nor
 * any reader's is skipped. Returns the documents in input order, each validated.
 */
export function loadInputs(texts: readonly InputText[], diagnostics: Diagnostics, context: ValidationContext, read: ReadContext, skipped: Set<string> = new Set()): EcsDocument[] {
  const out: EcsDocument[] = [];
  const groups = new Map<string, { reader: Reader; inputs: InputText[]; at: number }>();
  const slots: (EcsDocument[] | string)[] = [];
  for (const t of texts) {
    const json = READERS.length > 0 && (t.file.toLowerCase().endsWith('.json') || t.text.trimStart().startsWith('{')) ? parseJson(t.text) : undefined;
    const value = json && !isSyntaxError(json) ? json.value : undefined;
    const reader = READERS.find((r) => r.claims(t, value));
    if (!reader) {
      if (t.found && !t.file.toLowerCase().endsWith('.json')) {
        skipped.add(t.file);
        continue;
      }
      slots.push(loadAndValidate(t, diagnostics, context, json).documents);
      continue;
    }
    const key = `${reader.name}\0${reader.group?.(t) ?? t.file}`;
    const g = groups.get(key);
    if (g) g.inputs.push(t);
    else {
      groups.set(key, { reader, inputs: [t], at: slots.length });
      slots.push(key);
    }
  }
  noInputsUnder(texts, skipped, diagnostics);
  for (const slot of slots) {
    if (typeof slot !== 'string') {
      out.push(...slot);
      continue;
    }
    const g = groups.get(slot);
    if (!g) continue;
    const documents = g.reader.read(g.inputs, diagnostics, read);
    // A reader may translate one template several times (Copilot's environments): what the translations share is reported once.
    const found = new Diagnostics();
    for (const doc of documents) validateDocument(doc, found, context);
    const seen = new Set<string>();
    for (const x of found.items) {
      const key = JSON.stringify(x);
      if (!seen.has(key)) {
        seen.add(key);
        diagnostics.add(x);
      }
    }
    out.push(...documents);
  }
  return out;
}

/** A directory whose every file was skipped holds no input: the same error as a directory with no file to read. */
function noInputsUnder(texts: readonly InputText[], skipped: ReadonlySet<string>, diagnostics: Diagnostics): void {
  const read = new Set(texts.filter((t) => !skipped.has(t.file)).map((t) => t.under));
  const dirs = new Set(texts.filter((t) => t.under !== undefined && skipped.has(t.file)).map((t) => t.under!));
  for (const dir of dirs) {
    if (!read.has(dir))
      diagnostics.add({
        code: 'no-inputs',
        severity: 'error',
        file: dir,
        message: `the directory ${dir} holds no *.json file and no template: pass the ECS JSON files, templates or a directory that contains them`,
      });
  }
}

export function loadAndValidate(input: InputText, diagnostics: Diagnostics, context: ValidationContext = {}, parsedAlready?: ReturnType<typeof parseJson>): LoadedFile {
  const before = diagnostics.errorCount;
  const parsed = parsedAlready ?? parseJson(input.text);
  if (isSyntaxError(parsed)) {
    const source = new JsonSource(input.file, input.text, undefined);
    const pos = source.position(parsed.offset);
    diagnostics.add({ code: 'json-syntax', severity: 'error', file: input.file, line: pos.line, column: pos.column, message: parsed.message });
    return { source, documents: [], ok: false };
  }
  const source = new JsonSource(input.file, input.text, parsed.positions);
  for (const dup of parsed.duplicates) {
    diagnostics.warn(source, dup, 'duplicate-member', `the member ${show(dup.slice(dup.lastIndexOf('/') + 1))} appears twice in one object: the last one wins; remove the other`, 'key');
  }
  const documents = unwrapDocuments(parsed.value, source, diagnostics);
  for (const doc of documents) validateDocument(doc, diagnostics, context);
  return { source, documents, ok: diagnostics.errorCount === before };
}

export function validateDocument(doc: EcsDocument, diagnostics: Diagnostics, context: ValidationContext = {}): void {
  const root = schemas[doc.kind];
  normalise(root, doc.value, rootObject(root), doc.pointer, doc.source, diagnostics);
  checkSchema(doc.kind, doc.value, doc.pointer, doc.source, diagnostics, context);
  checkInt32(root, doc.value, rootObject(root), doc.pointer, doc.source, diagnostics);
  if (doc.outerTags !== undefined) checkOuterTags(doc, diagnostics);
  runRules(doc, diagnostics, context);
}

/** DescribeTaskDefinition's `tags` beside the definition: a list of {key, value}. */
function checkOuterTags(doc: EcsDocument, diagnostics: Diagnostics): void {
  const tags = doc.outerTags;
  if (tags === null) {
    delete doc.outerTags;
    return;
  }
  if (!Array.isArray(tags)) {
    diagnostics.error(doc.source, '/tags', 'wrong-type', `"tags" must be a list of {"key", "value"} objects, not ${show(tags)}`);
    return;
  }
  tags.forEach((t, i) => {
    const ptr = pointerJoin('/tags', i);
    if (!isObject(t)) {
      diagnostics.error(doc.source, ptr, 'wrong-type', `tags[${i}] must be an object {"key", "value"}, not ${show(t)}`);
      return;
    }
    for (const k of Object.keys(t)) {
      if (k !== 'key' && k !== 'value') diagnostics.error(doc.source, pointerJoin(ptr, k), 'unknown-member', `${show(k)} is not a member of a tag (members: key, value)`, 'key');
      else if (typeof t[k] !== 'string') diagnostics.error(doc.source, pointerJoin(ptr, k), 'wrong-type', `"${k}" of a tag must be a string, not ${show(t[k])}`);
    }
  });
}
