import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, csvField, neutraliseFormula } from './csv';

const parse = (chunks: string[]) => {
  const p = new CsvParser();
  const out = chunks.flatMap((c) => p.push(c));
  return [...out, ...p.end()];
};

describe('CSV parser (RFC 4180)', () => {
  const text = 'a,b,c\r\n1,"x, ""y""",\r\n"multi\nline",2,3\n4,5,6';
  const expected = [
    { fields: ['a', 'b', 'c'], line: 1 },
    { fields: ['1', 'x, "y"', ''], line: 2 },
    { fields: ['multi\nline', '2', '3'], line: 3 },
    { fields: ['4', '5', '6'], line: 5 },
  ];

  it('gives the same records and lines however the text is cut into chunks', () => {
    expect(parse([text])).toEqual(expected);
    for (let i = 1; i < text.length; i++) expect(parse([text.slice(0, i), text.slice(i)]), `cut at ${i}`).toEqual(expected);
    expect(parse(text.split(''))).toEqual(expected);
  });

  it('refuses misplaced quotes with the line', () => {
    expect(() => parse(['a,b\n1,x"y\n'])).toThrow(CsvSyntaxError);
    expect(() => parse(['a\n"x"y\n'])).toThrow(/after a closing quote/);
    try {
      parse(['a\n1\n"open\n']);
    } catch (e) {
      expect((e as CsvSyntaxError).line).toBe(3);
    }
  });

  it('writes fields back quoted when needed, and neutralises formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(['=SUM(A1)', '+1', '-2', '@x', '\tx', '\rx', 'ok'].map(neutraliseFormula)).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@x", "'\tx", "'\rx", 'ok']);
  });
});
