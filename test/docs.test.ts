/** The generated docs are what the tables in src/ say: run `npm run gen:docs` after changing them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_DOCS } from '../src/docs/render.js';

describe('generated docs', () => {
  for (const [file, render] of Object.entries(GENERATED_DOCS)) {
    it(`${file} is current`, () => {
      expect(readFileSync(file, 'utf8'), `${file} is stale: run npm run gen:docs`).toBe(render());
    });
  }
});
