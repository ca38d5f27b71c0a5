/**
 * The conversion table names, for every converted member, the file that converts it
 * (src/convert/registry-files.ts). This checks the claim against the source: the member is read
 * in that file, as a property (`x['member']`, `x.member`, `{ member }` of a typed view).
 * Approximated members without a target (`—`) are dropped with a warning their parent's
 * converter raises; they are not read one by one, so they are not checked here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REGISTRY } from '../src/convert/registry.js';
import { convertedIn } from '../src/convert/registry-files.js';
import { renderConversionTable } from '../src/docs/render.js';

const sources = new Map<string, string>();
function source(file: string): string {
  let s = sources.get(file);
  if (s === undefined) sources.set(file, (s = readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8')));
  return s;
}

/** True when `member` is read as a property in `text` (comments removed). */
function reads(text: string, member: string): boolean {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return new RegExp(`\\[\\s*['"\`]${member}['"\`]\\s*\\]|\\.${member}\\b|['"\`]${member}['"\`]|[{,]\\s*${member}\\s*[,}:]`).test(code);
}

const checked = [...REGISTRY].filter(([, e]) => e.status === 'converted' || (e.status === 'approximated' && e.target !== '—'));

describe('the conversion table names the file that converts each member', () => {
  it('covers the converted members', () => {
    expect(checked.length).toBeGreaterThan(150);
  });

  it('every converted member is read in the file the table names', () => {
    const wrong = checked.filter(([member, e]) => !reads(source(convertedIn(member, e)), member.slice(member.indexOf('.') + 1))).map(([member, e]) => `${member} (${convertedIn(member, e)})`);
    expect(wrong).toEqual([]);
  });

  it('the check fails for a file that does not read the member', () => {
    expect(reads(source('convert/probes.ts'), 'targetGroupArn')).toBe(false);
    expect(reads(source('convert/services.ts'), 'targetGroupArn')).toBe(true);
  });

  it('the table shows the file of every converted row', () => {
    const table = renderConversionTable();
    expect(table).toMatch(/\| `LoadBalancer\.containerName` \| ✓ converted \| [^|]+ \| `src\/convert\/services\.ts` \|/);
    expect(table).toMatch(/\| `ContainerDefinition\.stopTimeout` \| ✓ converted \| [^|]+ \| `src\/convert\/security\.ts` \|/);
  });
});
