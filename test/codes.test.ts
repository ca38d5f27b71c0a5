/**
 * Diagnostic codes are a closed set (src/codes.ts): `Code` and `K8sIssueCode` are the keys of
 * their tables, so a code that is not listed does not compile. The `@ts-expect-error` lines are
 * the proof: `tsc --noEmit` (the first half of `npm test`) fails on an unused one, which is what
 * happens if any of these APIs went back to taking a plain string.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES, K8S_ISSUE_CODES, isCode, type Code, type K8sIssueCode } from '../src/codes.js';
import type { ConvertContext } from '../src/convert/context.js';
import { Diagnostics, type Diagnostic } from '../src/diagnostics.js';
import type { OutputIssue } from '../src/k8s/validate/index.js';

describe('diagnostic codes', () => {
  it('an unknown code does not type-check, wherever a code is taken', () => {
    const d = new Diagnostics();
    d.warn(undefined, '', 'ignored', 'a listed code compiles');
    // @ts-expect-error 'no-such-code' is not a key of CODES
    d.warn(undefined, '', 'no-such-code', 'an unlisted code does not');
    // @ts-expect-error a near miss is no better
    d.error(undefined, '', 'unknown-members', 'x');
    // @ts-expect-error nor through add()
    d.add({ code: 'bogus', severity: 'error', message: 'x' });
    // @ts-expect-error nor as a Diagnostic value
    const value: Diagnostic = { code: 'bogus', severity: 'info', message: 'x' };
    // @ts-expect-error the converters' context takes a Code too
    const convertWarn = (ctx: ConvertContext) => ctx.warn(ctx.td, '', 'bogus', 'x');
    // @ts-expect-error an output validation code is not a diagnostic code
    const crossed: Code = 'k8s-null';
    // @ts-expect-error and a diagnostic code is not an output validation code
    const issue: OutputIssue = { code: 'invalid-output', pointer: '', message: 'x' };
    const k8s: K8sIssueCode = 'k8s-null';
    // At run time nothing checks: the compiler does. The values were collected as given.
    expect(d.items.map((x) => x.code)).toEqual(['ignored', 'no-such-code', 'unknown-members', 'bogus']);
    expect([value.code, crossed, issue.code, k8s, typeof convertWarn]).toEqual(['bogus', 'k8s-null', 'invalid-output', 'k8s-null', 'function']);
  });

  it('the two tables are disjoint, kebab-case, and each entry has a summary', () => {
    for (const [code, info] of [...Object.entries(CODES), ...Object.entries(K8S_ISSUE_CODES)]) {
      expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(info.summary, code).toMatch(/\S.*\.$/);
    }
    for (const code of Object.keys(K8S_ISSUE_CODES)) {
      expect(code).toMatch(/^k8s-/);
      expect(isCode(code), code).toBe(false);
    }
    expect(Object.keys(CODES).filter((c) => c.startsWith('k8s-'))).toEqual([]);
    expect(isCode('ignored')).toBe(true);
    expect(isCode('toString')).toBe(false);
  });

  it('docs/diagnostics.md lists every code of both tables', () => {
    const doc = readFileSync('docs/diagnostics.md', 'utf8');
    for (const code of [...Object.keys(CODES), ...Object.keys(K8S_ISSUE_CODES)]) expect(doc, code).toContain(`| \`${code}\` |`);
  });
});
