import { describe, expect, it } from 'vitest';
import { databasesCsv, openLevelOf, planProblems, planProgress, type PlanContent } from './plan';

const plan: PlanContent = {
  stages: [
    { key: 'gd1', name: 'Giai đoạn 1', until: '2026-06-30', minLevel: 3 },
    { key: 'gd2', name: 'Giai đoạn 2', until: '2026-12-31', minLevel: 4 },
  ],
  items: [
    { datasetName: 'a', title: 'A', stage: 'gd1', due: '2026-03-31' },
    { datasetName: 'b', title: 'B', stage: 'gd1', due: '2026-06-30' },
    { datasetName: 'c', title: 'C', stage: 'gd2', due: '2026-12-31' },
    { datasetName: 'd', title: 'D', stage: 'gd2', due: '2026-09-30', minLevel: 5 },
  ],
};

describe('open-data plan progress', () => {
  it('counts what the agency published at the required level and flags late items', () => {
    const p = planProgress(
      plan,
      'ag',
      [
        { name: 'a', agencyId: 'ag', state: 'published', publishedAt: '2026-04-02T03:00:00Z', level: 3 },
        { name: 'b', agencyId: 'other', state: 'published', publishedAt: '2026-01-01T00:00:00Z', level: 4 }, // another agency's
        { name: 'c', agencyId: 'ag', state: 'published', publishedAt: '2026-08-01T00:00:00Z', level: 3 }, // below stage 2's level
        { name: 'd', agencyId: 'ag', state: 'draft', publishedAt: null, level: 4 },
      ],
      '2026-10-01',
    );
    expect(p.itemProgress.map((i) => [i.datasetName, i.status, i.late, i.requiredLevel])).toEqual([
      ['a', 'done', false, 3],
      ['b', 'late', true, 3],
      ['c', 'below_level', false, 4],
      ['d', 'late', true, 5],
    ]);
    expect(p.itemProgress[0].doneLate).toBe(true);
    expect(p).toMatchObject({ items: 4, done: 1, late: 2, percent: 25 });
    expect(p.stages.map((s) => [s.key, s.done, s.items, s.late, s.percent])).toEqual([
      ['gd1', 1, 2, 1, 50],
      ['gd2', 0, 2, 1, 0],
    ]);
  });

  it('reports plan problems and computes the openness level of resources', () => {
    expect(planProblems(plan)).toEqual([]);
    const bad = planProblems({ stages: [plan.stages[0]], items: [{ ...plan.items[0], due: '2026-07-01' }, { ...plan.items[0], stage: 'x', due: '2026-02-30' }] });
    expect(bad.map((b) => b.path)).toEqual(['/items/0/due', '/items/1/datasetName', '/items/1/stage', '/items/1/due']);
    expect(openLevelOf([])).toBe(1);
    expect(openLevelOf([{ format: 'XLSX', datastoreActive: false }, { format: 'csv', datastoreActive: false }])).toBe(3);
    expect(openLevelOf([{ format: 'CSV', datastoreActive: true }])).toBe(4);
  });

  it('exports the database catalogue as CSV with a BOM and neutralised formulas', () => {
    const csv = databasesCsv([{ installation: 'https://x', agencyCode: 'h38', agencyName: 'UBND', code: 'csdl-1', name: '=HYPERLINK("x")', kind: 'province', owner: 'Sở', legalBasis: 'QĐ 1', fields: ['a', 'b'], access: 'open', datasetUrl: null, updatedAt: '2026-01-01' }]);
    expect(csv.startsWith('\uFEFFhe_thong,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('a; b');
  });
});
