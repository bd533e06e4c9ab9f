import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { registerCsv, registerXlsx, REGISTER_COLUMNS } from './documents.register';
import { registerRows } from './documents.fixture';
import type { RegisterRow } from './documents.types';

/** A strict RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** The first sheet of an XLSX file, read back with exceljs. */
async function firstSheet(xlsx: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own `Buffer` (an ArrayBuffer); hand it exactly the file's bytes.
  await workbook.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('registerCsv', () => {
  const csv = registerCsv(registerRows);

  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('round-trips: a header line, then one line per dossier with dates dd/mm/yyyy hh:mm in Vietnam time', () => {
    const rows = parseCsv(csv.toString('utf8').slice(1));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    const first = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    expect(first).toMatchObject({
      STT: '1',
      'Mã hồ sơ': '000.00.05.H38-261124-0001',
      'Ngày, giờ nhận hồ sơ': '24/11/2026 09:30',
      'Tên cá nhân, tổ chức': 'Nguyễn Thị Ánh Tuyết',
      'Địa chỉ, số điện thoại': 'Tổ 3, khu 5, Phường Hạ Long, tỉnh Quảng Ninh; 0912 345 678',
      'Hẹn trả kết quả': '01/12/2026 16:00',
      'Ngày, giờ trả kết quả': '01/12/2026 08:05',
      'Trạng thái': 'Đã trả kết quả',
      'Kết quả (trước hạn, đúng hạn, quá hạn)': 'Trước hạn',
    });
    expect(rows[2][3]).toBe('Công ty TNHH Hạ Long Xanh, "chi nhánh 2"');
    expect(rows[2][8]).toBe('');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    const rows = parseCsv(csv.toString('utf8').slice(1));
    expect(rows[2].at(-1)).toBe(`'=HYPERLINK("http://evil.example","Bấm vào đây")`);
    const tricky: RegisterRow = { ...registerRows[0], applicantName: '+84 912', note: '@SUM(A1)', status: '-1+1' };
    const [, row] = parseCsv(registerCsv([tricky]).toString('utf8').slice(1));
    expect(row[3]).toBe("'+84 912");
    expect(row[10]).toBe("'-1+1");
    expect(row.at(-1)).toBe("'@SUM(A1)");
  });

  it('quotes fields with line breaks and normalises text to NFC', () => {
    const row: RegisterRow = { ...registerRows[0], applicantName: 'Tuye\u0302\u0301t', note: 'dòng 1\ndòng 2' };
    const text = registerCsv([row]).toString('utf8');
    expect(text).toContain('"dòng 1\ndòng 2"');
    expect(parseCsv(text.slice(1))[1][3]).toBe('Tuyết');
  });
});

describe('registerXlsx', () => {
  it('reads back with exceljs: header row, widths, Vietnamese text, dates in Vietnam time', async () => {
    const sheet = await firstSheet(await registerXlsx(registerRows));
    expect(sheet.name).toBe('Sổ theo dõi hồ sơ');
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).values).toEqual([undefined, ...REGISTER_COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getColumn(6).width).toBe(45);

    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('000.00.05.H38-261124-0001');
    expect(row.getCell(4).value).toBe('Nguyễn Thị Ánh Tuyết');
    const received = row.getCell(3);
    expect(received.numFmt).toBe('dd/mm/yyyy hh:mm');
    // A spreadsheet date is a wall-clock time: 09:30 in Vietnam.
    expect(received.value).toEqual(new Date('2026-11-24T09:30:00Z'));
    expect(row.getCell(12).value).toBe('Trước hạn');
  });

  it('stores formula-like text as text, not as a formula', async () => {
    const sheet = await firstSheet(await registerXlsx(registerRows));
    const note = sheet.getRow(3).getCell(REGISTER_COLUMNS.length);
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.value).toBe('=HYPERLINK("http://evil.example","Bấm vào đây")');
  });

  it('writes an empty register as a header row only', async () => {
    expect((await firstSheet(await registerXlsx([]))).rowCount).toBe(1);
    expect(parseCsv(registerCsv([]).toString('utf8').slice(1))).toEqual([REGISTER_COLUMNS.map((c) => c.header)]);
  });

  it('keeps the minute of a late-night instant on the right local day', async () => {
    const row: RegisterRow = { ...registerRows[0], receivedAt: new Date('2026-11-24T17:45:00Z') };
    const sheet = await firstSheet(await registerXlsx([row]));
    expect(sheet.getRow(2).getCell(3).value).toEqual(new Date('2026-11-25T00:45:00Z'));
  });
});
