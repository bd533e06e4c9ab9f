import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Assistant, type AssistantProcedure } from '.';
import { editDistance, tokens } from './text';

const dir = path.resolve(__dirname, '../../../seed/catalog');
const procedures: AssistantProcedure[] = fs
  .readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')).procedures);
const assistant = new Assistant(procedures);

describe('the assistant answers from the catalogue', () => {
  it('answers "lam giay khai sinh cho con can gi" with birth registration, its documents, time, fees and a link to start it', () => {
    const a = assistant.ask('lam giay khai sinh cho con can gi');
    expect(a.kind).toBe('procedure');
    expect(a.focus).toBe('documents');
    expect(a.procedure).toMatchObject({ key: 'birth-registration', link: '/thu-tuc/birth-registration', startLink: '/thu-tuc/birth-registration/nop', time: { vi: 'Trong ngày làm việc' } });
    expect(a.procedure!.documents.map((d) => d.name.vi)).toContain('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp');
    expect(a.text.vi).toContain('Hồ sơ gồm:');
    expect(a.text.vi).toContain('Giấy chứng sinh');
    expect(a.citations[0]).toEqual({ title: { vi: 'Đăng ký khai sinh', en: 'Birth registration' }, href: '/thu-tuc/birth-registration' });
  });

  it('gives the same answer with or without diacritics, and through a typo', () => {
    const plain = assistant.ask('dang ky ket hon can giay to gi').procedure?.key;
    expect(plain).toBe('marriage-registration');
    expect(assistant.ask('Đăng ký kết hôn cần giấy tờ gì?').procedure?.key).toBe(plain);
    expect(assistant.ask('đăng kí kết hôn cần giấy tờ gì').procedure?.key).toBe(plain);
    expect(assistant.ask('thuong tru dang kyy').procedure?.key).toBe('permanent-residence-registration');
  });

  it('understands everyday words: sổ đỏ, hộ khẩu, bằng lái, công chứng', () => {
    expect(assistant.ask('sang tên sổ đỏ').procedure?.key).toBe('land-change-registration');
    expect(assistant.ask('cat khau cho ba').procedure?.key).toBe('permanent-residence-removal');
    expect(assistant.ask('doi bang lai xe').procedure?.key).toBe('driving-licence-renewal');
    expect(assistant.ask('photo cong chung bang tot nghiep').procedure?.key).toBe('certified-copy-from-original');
  });

  it('puts first what is asked: the fees, the time, the place', () => {
    const fees = assistant.ask('khai sinh het bao nhieu tien');
    expect(fees.focus).toBe('fees');
    expect(fees.text.vi.split('\n\n')[1]).toMatch(/^Phí, lệ phí:/);
    expect(fees.text.vi).toContain('8.000 đồng');
    expect(assistant.ask('ly lich tu phap mat bao lau')).toMatchObject({ focus: 'time', procedure: { key: 'judicial-record-certificate', time: { vi: '10 ngày làm việc' } } });
    expect(assistant.ask('dang ky tam tru o dau').focus).toBe('where');
  });

  it('sends a dossier code to the lookup, and says so when nothing in the catalogue fits', () => {
    expect(assistant.ask('tình trạng hồ sơ 000.00.21.H38-260302-0001')).toMatchObject({ kind: 'dossier_status', citations: [{ href: '/tra-cuu/000.00.21.H38-260302-0001' }] });
    const none = assistant.ask('thời tiết hôm nay thế nào');
    expect(none.kind).toBe('no_answer');
    expect(none.procedure).toBeNull();
  });
});

describe('text helpers', () => {
  it('folds, drops question words and keeps syllable pairs', () => {
    expect(tokens('Làm giấy khai sinh cho con cần gì?')).toEqual({ unigrams: ['giay', 'khai', 'sinh', 'con'], bigrams: ['lam_giay', 'giay_khai', 'khai_sinh', 'sinh_cho', 'cho_con', 'con_can'] });
    expect(editDistance('dnag', 'dang')).toBe(1);
    expect(editDistance('thuong', 'thuogn')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
