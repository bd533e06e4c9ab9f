import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { ADMIN_UNITS_FILE } from '../../seed/seed';
import { importAdminUnitFile, parseUnitFile, UnitFileError } from './geography.import';
import { platformActor } from '../../platform/auth/actor';
import { codeExtendsParent } from './agency.directory';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.close());

describe('administrative units', () => {
  it('loads the 34 provinces and 3,321 communes of the reference list', async () => {
    const provinces = (await p.anonymous().get('/api/geography/provinces')).json();
    expect(provinces).toHaveLength(34);
    let communes = 0;
    for (const pr of provinces) communes += (await p.anonymous().get(`/api/geography/provinces/${pr.code}/communes`)).json().length;
    expect(communes).toBe(3321);
    const qn = provinces.find((x: any) => x.code === '31');
    expect(qn.name).toBe('Hải Phòng');
    expect(qn.validFrom).toBe('2025-07-01');
    expect(qn.validTo).toBeNull();
  });

  it('imports a newer list with validity dates: renamed, removed and new units', async () => {
    const data = JSON.parse(fs.readFileSync(ADMIN_UNITS_FILE, 'utf8'));
    const qn = data.find((x: any) => x.Code === '31');
    const renamed = qn.Wards.find((w: any) => w.Code === '10615');
    renamed.Name = 'Hợp Tiến Mới';
    renamed.FullName = 'Xã Hợp Tiến Mới';
    const removed = qn.Wards.pop();
    qn.Wards.push({ ...renamed, Code: '99999', Name: 'Thử Nghiệm', FullName: 'Xã Thử Nghiệm' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'units-')), 'units.json');
    fs.writeFileSync(file, JSON.stringify(data));
    const r = await importAdminUnitFile(p.ctx.db, platformActor('test'), file, '2027-01-01');
    expect(r).toEqual({ added: 1, changed: 1, closed: 1, unchanged: 3355 - 2 });

    const unit = (await p.anonymous().get('/api/geography/units/10615')).json();
    expect(unit.versions).toHaveLength(2);
    expect(unit.versions[0]).toMatchObject({ name: 'Hợp Tiến', validFrom: '2025-07-01', validTo: '2026-12-31' });
    expect(unit.current).toMatchObject({ name: 'Hợp Tiến Mới', validFrom: '2027-01-01', validTo: null });
    const gone = (await p.anonymous().get(`/api/geography/units/${removed.Code}`)).json();
    expect(gone.current).toBeNull();
    expect(gone.versions[0].validTo).toBe('2026-12-31');
    expectProblem(await p.anonymous().get('/api/geography/units/12345'), 404, 'geography.unit_not_found');
  });

  it('refuses a malformed unit file with a clear message', () => {
    expect(() => parseUnitFile('{')).toThrow(UnitFileError);
    expect(() => parseUnitFile('[{"Code":"1"}]')).toThrow(/Bad province/);
  });
});

describe('agencies', () => {
  it('holds the demo province as a tree: People’s Committee → departments and communes', async () => {
    const all = (await p.anonymous().get('/api/agencies')).json() as any[];
    const root = all.find((a) => a.parentId === null);
    expect(root.code).toBe('000.00.00.H38');
    const children = all.filter((a) => a.parentId === root.id);
    expect(children.filter((a) => a.level === 'department').length).toBeGreaterThanOrEqual(8);
    expect(children.filter((a) => a.level === 'commune').length).toBeGreaterThanOrEqual(4);
    for (const c of children) expect(codeExtendsParent(c.code, root.code)).toBe(true);
    expect(children.every((c) => c.oneStopUnit.length > 0)).toBe(true);
  });

  it('checks the electronic identifier format (Decision 20/2020/QĐ-TTg) and its place in the tree', async () => {
    const admin = await p.loginAs('admin');
    const root = ((await p.anonymous().get('/api/agencies')).json() as any[]).find((a) => a.parentId === null);
    const base = { name: 'UBND xã Thái Tân', nameEn: 'Thai Tan Commune PC', level: 'commune', kind: 'commune-pc', parentId: root.id, adminUnitCode: '10633', oneStopUnit: 'Bộ phận một cửa xã Thái Tân' };
    expectProblem(await admin.post('/api/agencies', { ...base, code: '000.00.40.H01' }), 422, 'agency.code_invalid');
    expectProblem(await admin.post('/api/agencies', { ...base, code: '000.00.21.H38' }), 409, 'agency.code_taken');
    expectProblem(await admin.post('/api/agencies', { ...base, code: '000.00.40.H38', adminUnitCode: '00001' }), 404, 'geography.unit_not_found');
    const ok = await admin.post('/api/agencies', { ...base, code: '000.00.40.H38' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().code).toBe('000.00.40.H38');
    expectProblem(await admin.patch(`/api/agencies/${root.id}`, { parentId: ok.json().id }), 422, 'agency.parent_cycle');
  });
});
