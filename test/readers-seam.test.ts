// The seam every reader of infrastructure code (src/load/readers/) builds on: a translated
// document's pointers resolve to where the template wrote them, or to the nearest ancestor.
import { describe, expect, it } from 'vitest';
import { MappedSource } from '../src/load/source.js';

describe('MappedSource', () => {
  const s = new MappedSource('stack.yaml', 'Resources: …');
  s.map('', { value: { line: 3, column: 5 } });
  s.map('/containerDefinitions/0', { key: { line: 9, column: 9 }, value: { line: 10, column: 11 } });
  s.map('/containerDefinitions/0/image', { key: { line: 12, column: 13 }, value: { line: 12, column: 20 } });

  it('locates a recorded member at its key or its value', () => {
    expect(s.locate('/containerDefinitions/0/image', 'key')).toEqual({ line: 12, column: 13 });
    expect(s.locate('/containerDefinitions/0/image')).toEqual({ line: 12, column: 20 });
  });

  it('locates a member the reader filled in at its nearest recorded ancestor (its value, never a key of another member)', () => {
    expect(s.locate('/containerDefinitions/0/portMappings/0/containerPort', 'key')).toEqual({ line: 10, column: 11 });
    expect(s.locate('/family')).toEqual({ line: 3, column: 5 });
  });

  it('locates nothing when nothing is recorded', () => {
    expect(new MappedSource('x.tf', '').locate('/family')).toBeUndefined();
  });
});
