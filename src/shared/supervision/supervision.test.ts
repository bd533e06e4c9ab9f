import { describe, expect, it } from 'vitest';
import { aggregate, checkDefinition, dueDayOf, inconsistent, lastDuePeriod, nextPeriod, outOfRange, parseCsv, parseReport, periodsBetween, previousPeriod, type ReportField } from './index';

const fields: ReportField[] = [
  { key: 'ten', label: 'Tên', type: 'string', required: true },
  { key: 'so_luong', label: 'Số lượng', type: 'integer', required: true, min: 0, max: 100, maxChangePct: 20 },
];

describe('periods', () => {
  it('steps months, quarters and years, and finds due days (moved past days off)', () => {
    expect(nextPeriod('monthly', '2025-12')).toBe('2026-01');
    expect(previousPeriod('quarterly', '2026-Q1')).toBe('2025-Q4');
    expect(nextPeriod('yearly', '2025')).toBe('2026');
    expect(periodsBetween('quarterly', '2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(dueDayOf('quarterly', '2025-Q4', 20)).toBe('2026-01-20');
    // 15 March 2025 is a Saturday: the deadline moves to Monday the 17th.
    const weekend = (d: string) => [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    const next = (d: string) => {
      let t = new Date(`${d}T00:00:00Z`).getTime() + 86_400_000;
      while (weekend(new Date(t).toISOString().slice(0, 10))) t += 86_400_000;
      return new Date(t).toISOString().slice(0, 10);
    };
    expect(dueDayOf('monthly', '2025-02', 15, (d) => !weekend(d), next)).toBe('2025-03-17');
    expect(lastDuePeriod('monthly', 15, '2026-03-10')).toBe('2026-01');
    expect(lastDuePeriod('monthly', 15, '2026-03-16')).toBe('2026-02');
  });
});

describe('reports', () => {
  it('parses CSV (quotes, semicolons, BOM) and names each bad record and field', () => {
    expect(parseCsv('\uFEFFa;b\r\n"x;y";"say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x;y', 'say "hi"'],
    ]);
    const ok = parseReport(fields, 'csv', 'ten,so_luong\nA,5\n');
    expect(ok).toEqual({ records: [{ ten: 'A', so_luong: 5 }], problems: [] });
    const bad = parseReport(fields, 'csv', 'ten,so_luong,thua\nA,5.5,1\n,3\n');
    expect(bad.problems.map((p) => [p.row, p.field])).toEqual([
      [0, 'thua'],
      [2, null],
      [1, 'so_luong'],
      [2, 'ten'],
    ]);
    expect(parseReport(fields, 'json', '{"ten": "A", "so_luong": 1, "x": 2}').problems[0]).toMatchObject({ row: 1, field: 'x' });
    expect(parseReport(fields, 'json', '[1').problems[0].reason.vi).toContain('JSON');
  });

  it('flags values out of range and totals moving more than allowed; suppresses small cells', () => {
    expect(outOfRange(fields, [{ ten: 'A', so_luong: 101 }])).toEqual([{ rule: 'out_of_range', row: 1, field: 'so_luong', value: 101, min: 0, max: 100 }]);
    expect(inconsistent(fields, [{ ten: 'A', so_luong: 60 }], [{ ten: 'A', so_luong: 50 }])).toEqual([]);
    expect(inconsistent(fields, [{ ten: 'A', so_luong: 61 }], [{ ten: 'A', so_luong: 50 }])).toMatchObject([{ rule: 'inconsistent', previous: 50, changePct: 22 }]);
    const agg = aggregate(fields, [
      { period: '2026-01', records: [{ ten: 'A', so_luong: 1 }] },
      ...[1, 2, 3].map(() => ({ period: '2026-02', records: [{ ten: 'B', so_luong: 2 }] })),
    ]);
    expect(agg).toEqual([
      { period: '2026-01', entities: null, suppressed: true, totals: { so_luong: null } },
      { period: '2026-02', entities: 3, suppressed: false, totals: { so_luong: 6 } },
    ]);
    expect(checkDefinition({ fields: [{ key: 'Bad', label: 'x', type: 'string', required: true, min: 1 }], dueDay: 31, frequency: 'monthly' }).map((p) => p.field)).toEqual(['Bad', 'Bad', 'dueDay']);
  });
});
