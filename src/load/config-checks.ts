/**
 * What the project file's schema cannot say: that each `images:` value is an image reference
 * (src/load/image-reference.ts), and that `diagnostics.ignore` and `diagnostics.error` name
 * codes that exist (with a "did you mean"), each in one list only.
 */
import { CODES } from '../codes.js';
import { pointerJoin, show, type Diagnostics, type SourceRef } from '../diagnostics.js';
import type { ProjectFile } from '../options.js';
import { suggest } from '../model/suggest.js';
import { IMAGE_REFERENCE_FORM, imageReferenceProblem } from './image-reference.js';

export function checkProjectFile(p: ProjectFile, source: SourceRef, d: Diagnostics): void {
  for (const [container, ref] of Object.entries(p.images ?? {})) {
    const problem = imageReferenceProblem(ref);
    if (problem)
      d.error(
        source,
        pointerJoin('/images', container),
        'invalid-image',
        `images: the image of container ${show(container)}, ${show(ref)}, is not an image reference: ${problem}; ${IMAGE_REFERENCE_FORM}`,
      );
  }
  const known = Object.keys(CODES);
  const lists = { ignore: p.diagnostics?.ignore ?? [], error: p.diagnostics?.error ?? [] };
  for (const [list, codes] of Object.entries(lists)) {
    for (const [i, code] of codes.entries()) {
      if (code in CODES) continue;
      const hint = suggest(code, known);
      d.error(
        source,
        pointerJoin('/diagnostics', list, i),
        'config-invalid',
        `diagnostics.${list}: ${show(code)} is not a diagnostic code${hint ? `: did you mean "${hint}"?` : ' (docs/diagnostics.md lists them)'}`,
      );
    }
  }
  const both = lists.ignore.filter((c) => lists.error.includes(c));
  for (const code of both) {
    d.error(source, pointerJoin('/diagnostics', 'error', lists.error.indexOf(code)), 'config-invalid', `diagnostics: ${show(code)} is in both "ignore" and "error": keep it in one of them`);
  }
}
