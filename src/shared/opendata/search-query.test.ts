import { describe, expect, it } from 'vitest';
import { parseFilters, parseQ, parseSort, SearchQueryError } from './search-query';
import { countsCsv, csvCell, publishedCounts } from './statistics';

describe('package_search parameters as CKAN clients send them', () => {
  it('reads fq clauses: fields, quoted values, alternatives, negation and date ranges', () => {
    const f = parseFilters('organization:000-00-02-h38 +tags:"nhà ở" -res_format:API groups:(a OR b) AND metadata_modified:[2026-01-01T00:00:00Z TO *]');
    expect(f.terms).toEqual([
      { field: 'organization', values: ['000-00-02-h38'], negate: false },
      { field: 'tags', values: ['nhà ở'], negate: false },
      { field: 'res_format', values: ['API'], negate: true },
      { field: 'groups', values: ['a', 'b'], negate: false },
    ]);
    expect(f.ranges).toEqual([{ field: 'metadata_modified', from: new Date('2026-01-01T00:00:00Z'), to: null }]);
    expect(parseFilters('metadata_modified:[2026-01-01T00:00:00.000000 TO 2026-02-01T00:00:00Z]').ranges[0].to).toEqual(new Date('2026-02-01T00:00:00Z'));
  });

  it('refuses what it cannot read (a Search Query Error)', () => {
    for (const bad of ['metadata_modified:[yesterday TO *]', 'colour:red', 'tags:', 'metadata_modified:2026']) expect(() => parseFilters(bad), bad).toThrow(SearchQueryError);
    expect(() => parseSort('popularity desc')).toThrow(SearchQueryError);
    expect(() => parseSort('id sideways')).toThrow(SearchQueryError);
  });

  it('reads q as text, everything, or field clauses; sort as a list', () => {
    expect(parseQ('*:*').text).toBe('');
    expect(parseQ('thu tuc hanh chinh').text).toBe('thu tuc hanh chinh');
    expect(parseQ('name:don-vi-hanh-chinh').filters.terms).toEqual([{ field: 'name', values: ['don-vi-hanh-chinh'], negate: false }]);
    expect(parseSort('score desc, metadata_modified desc')).toEqual([
      { field: 'score', desc: true },
      { field: 'metadata_modified', desc: true },
    ]);
    expect(parseSort('id asc')).toEqual([{ field: 'id', desc: false }]);
  });
});

describe('published dossier statistics', () => {
  it('suppresses cells under 5 (not 0) and neutralises formula-like text in CSV', () => {
    const [r] = publishedCounts([{ month: '2026-11', agencyCode: 'X', agencyName: '=HYPERLINK("x")', procedureKey: 'p', channel: 'online', received: 12, finished: 4, onTime: 0, late: 5 }]);
    expect(r).toMatchObject({ received: 12, finished: null, onTime: 0, late: 5 });
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(countsCsv([r]).split('\r\n')[1]).toBe('2026-11,X,"\'=HYPERLINK(""x"")",p,online,12,,0,5');
  });
});
