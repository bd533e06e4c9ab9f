import { describe, expect, it } from 'vitest';
import { applyMergePatch, createMergePatch } from './merge-patch';

describe('JSON Merge Patch (RFC 7396)', () => {
  // The examples of RFC 7396, Appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    const before = JSON.stringify(target);
    expect(applyMergePatch(target, patch)).toEqual(result);
    expect(JSON.stringify(target)).toBe(before);
  });

  it('creates the patch that turns one document into the other', () => {
    const from = { a: 1, b: { c: 2, d: 3 }, list: [1, 2], gone: 'x' };
    const to = { a: 1, b: { c: 5, d: 3 }, list: [1], added: true };
    const patch = createMergePatch(from, to);
    expect(patch).toEqual({ gone: null, b: { c: 5 }, list: [1], added: true });
    expect(applyMergePatch(from, patch)).toEqual(to);
    expect(createMergePatch(to, to)).toEqual({});
  });
});
