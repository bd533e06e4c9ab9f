import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readCatalogueFiles } from '../../catalog';
import { Trust } from '../pki/trust';
import { signPades } from '../pki/pades';
import { preparePdf } from './pdf';
import { renderResult, resultTemplates, subjectOf, templateFor } from './template';

let dir: string;
let trust: Trust;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-templates-'));
  trust = new Trust({ pkiDir: dir, demo: true, p12Dir: path.join(dir, 'agencies'), p12Password: null, tsaUrl: null, tsaTimeoutMs: 1000, trustAnchorsFile: path.join(dir, 'trust-anchors.pem') }, () => new Date());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('result templates', () => {
  it('every demo procedure with an electronic result has its template, rendered and signed with its sample data', async () => {
    const procedures = (await readCatalogueFiles()).flatMap((f) => f.procedures).filter((p) => p.result.electronic);
    expect(procedures.length).toBeGreaterThan(20);
    const signer = trust.signerFor({ code: '000.00.21.H38', name: 'Ủy ban nhân dân phường Hồng Bàng' });
    for (const p of procedures) {
      expect(resultTemplates().has(p.result.documentType), p.result.documentType).toBe(true);
      const t = templateFor(p.result.documentType, p.result.name.vi);
      const data = (p.sampleData ?? {}) as Record<string, unknown>;
      const ctx = {
        data,
        labels: Object.fromEntries(Object.entries((p.eform.ui as { fields?: Record<string, { label?: { vi: string } }> }).fields ?? {}).map(([k, f]) => [k, f.label?.vi ?? k])),
        dossier: { code: '000.00.21.H38-260302-0001', procedureName: p.name.vi, subjectName: 'Người nộp hồ sơ' },
        agency: { name: 'Ủy ban nhân dân phường Hồng Bàng', kind: 'commune-pc', parentName: 'Ủy ban nhân dân thành phố Hải Phòng', place: 'Hải Phòng' },
        number: `1/2026/${t.symbol}`,
        issuedAt: new Date('2026-12-02T03:00:00Z'),
        verifyUrl: 'http://localhost:3000/xac-thuc?ma=ABCDEFGHJKMNPQRSTVWX',
        verificationCode: 'ABCDEFGHJKMNPQRSTVWX',
        demo: true,
      };
      const subject = subjectOf(t, ctx);
      const prepared = preparePdf(renderResult(t, ctx), { title: p.result.name.vi, author: ctx.agency.name, subject: t.title }, { at: ctx.issuedAt, name: ctx.agency.name, reason: 'Cấp kết quả', location: 'Hải Phòng' });
      const { pdf } = await signPades(prepared, signer, trust.tsa(), trust.validationData(signer));
      const file = path.join(dir, `${p.key}.pdf`);
      fs.writeFileSync(file, pdf);
      const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text, p.key).toContain(t.title.split(' ').slice(0, 3).join(' '));
      expect(text, p.key).toContain('ngày 02 tháng 12 năm 2026');
      expect(text, p.key).toContain(`Số: 1/2026/${t.symbol}`);
      if (subject.name !== 'Người nộp hồ sơ') {
        // The subject's name, as written (or upper case on a birth certificate).
        expect(text.includes(subject.name) || text.includes(subject.name.toLocaleUpperCase('vi')), `${p.key}: ${subject.name}`).toBe(true);
      }
    }
  }, 120_000);
});
