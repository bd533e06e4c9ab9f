import { describe, expect, it } from 'vitest';
import { parseAmountVnd, parseBookingTime, parseStatement } from './statement';

const HEADER_VI = 'Số tham chiếu,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung,Tài khoản đối ứng,Tên đối ứng';

describe('parseAmountVnd', () => {
  it.each([
    ['16000', 16000],
    ['16.000', 16000],
    ['16,000', 16000],
    ['16 000', 16000],
    ['1.234.567', 1234567],
    ['1,234,567', 1234567],
    ['  500 ', 500],
    ['16.000 VND', 16000],
    ['16.000đ', 16000],
  ])('%s → %d', (raw, want) => {
    expect(parseAmountVnd(raw)).toEqual({ ok: true, value: want });
  });

  it('empty is no amount', () => {
    expect(parseAmountVnd('')).toEqual({ ok: true, value: null });
    expect(parseAmountVnd('  ')).toEqual({ ok: true, value: null });
  });

  it.each(['16000.50', '16.000,00', '16,000.5', '1.5'])('%s is fractional', (raw) => {
    expect(parseAmountVnd(raw)).toEqual({ ok: false, code: 'statement.amount_fractional' });
  });

  it.each(['-16000', '-16.000', '(16.000)'])('%s is negative', (raw) => {
    expect(parseAmountVnd(raw)).toEqual({ ok: false, code: 'statement.amount_negative' });
  });

  it.each(['abc', '16k', '1.2.3', '16..000', '1.000,000.000', '99999999999999999999'])('%s is invalid', (raw) => {
    expect(parseAmountVnd(raw)).toEqual({ ok: false, code: 'statement.amount_invalid' });
  });
});

describe('parseBookingTime', () => {
  it('reads dd/MM/yyyy HH:mm:ss as Vietnam time', () => {
    expect(parseBookingTime('02/12/2026 09:05:07')?.toISOString()).toBe('2026-12-02T02:05:07.000Z');
    expect(parseBookingTime('2/1/2026')?.toISOString()).toBe('2026-01-01T17:00:00.000Z');
    expect(parseBookingTime('02-12-2026 09:05')?.toISOString()).toBe('2026-12-02T02:05:00.000Z');
  });
  it('reads ISO with and without an offset', () => {
    expect(parseBookingTime('2026-12-02T09:05:07')?.toISOString()).toBe('2026-12-02T02:05:07.000Z');
    expect(parseBookingTime('2026-12-02T09:05:07Z')?.toISOString()).toBe('2026-12-02T09:05:07.000Z');
    expect(parseBookingTime('2026-12-02 09:05:07+07:00')?.toISOString()).toBe('2026-12-02T02:05:07.000Z');
  });
  it('refuses impossible dates', () => {
    expect(parseBookingTime('31/02/2026')).toBeNull();
    expect(parseBookingTime('29/02/2025')).toBeNull();
    expect(parseBookingTime('29/02/2024')).not.toBeNull();
    expect(parseBookingTime('01/13/2026')).toBeNull();
    expect(parseBookingTime('01/01/2026 24:00')).toBeNull();
    expect(parseBookingTime('hôm qua')).toBeNull();
  });
});

describe('parseStatement', () => {
  it('parses a Vietnamese statement with counterparty and skips debits', () => {
    const csv = [
      HEADER_VI,
      'FT001,02/12/2026 08:00:00,,16.000,MC7K2P9QX nop le phi,0011001932418,NGUYEN VAN A',
      'FT002,02/12/2026 08:01:00,50.000,,phi chuyen tien,,',
      'FT003,02/12/2026 08:02:00,,"1,200,000","MC8AB12CD, ho so 000.12",,',
    ].join('\r\n');
    const { lines, errors } = parseStatement(csv);
    expect(errors).toEqual([]);
    expect(lines).toEqual([
      {
        bankRef: 'FT001',
        amountVnd: 16000,
        text: 'MC7K2P9QX nop le phi',
        at: new Date('2026-12-02T01:00:00Z'),
        counterpartyAccount: '0011001932418',
        counterpartyName: 'NGUYEN VAN A',
        line: 2,
      },
      { bankRef: 'FT003', amountVnd: 1200000, text: 'MC8AB12CD, ho so 000.12', at: new Date('2026-12-02T01:02:00Z'), line: 4 },
    ]);
  });

  it('strips a BOM, accepts bytes, and detects semicolons with English headers in another order', () => {
    const csv = '\ufeffDescription;Credit;Reference;Date\n"Thanh toan; MC1234567";16.000;REF-1;2026-12-02T10:00:00+07:00\n';
    const bytes = new TextEncoder().encode(csv);
    for (const input of [csv, bytes]) {
      const { lines, errors } = parseStatement(input);
      expect(errors).toEqual([]);
      expect(lines).toEqual([{ bankRef: 'REF-1', amountVnd: 16000, text: 'Thanh toan; MC1234567', at: new Date('2026-12-02T03:00:00Z'), line: 2 }]);
    }
  });

  it('matches headers case- and diacritic-insensitively', () => {
    const csv = 'SO THAM CHIEU,  ngay   giao dich ,so tien ghi co,NOI DUNG\nA1,01/12/2026,5000,x\n';
    expect(parseStatement(csv).lines.map((l) => l.bankRef)).toEqual(['A1']);
  });

  it('honours RFC 4180 quoting: doubled quotes, separators and line breaks inside fields', () => {
    const csv = [
      'Reference,Date,Credit,Description',
      'R1,01/12/2026,1000,"He said ""MC123456"", ok"',
      'R2,01/12/2026,2000,"line one',
      'line two, still R2"',
      'R3,01/12/2026,3000,""',
      '"R4",01/12/2026,"4.000",plain',
    ].join('\n');
    const { lines, errors } = parseStatement(csv);
    expect(errors).toEqual([]);
    expect(lines.map((l) => [l.bankRef, l.amountVnd, l.text, l.line])).toEqual([
      ['R1', 1000, 'He said "MC123456", ok', 2],
      ['R2', 2000, 'line one\nline two, still R2', 3],
      ['R3', 3000, '', 5],
      ['R4', 4000, 'plain', 6],
    ]);
  });

  it('counts line numbers across CRLF breaks inside quotes and skips blank lines', () => {
    const csv = 'Reference,Date,Credit,Description\r\n\r\nR1,01/12/2026,1000,"a\r\nb"\r\nR2,01/12/2026,x,c\r\n';
    const { lines, errors } = parseStatement(csv);
    expect(lines.map((l) => [l.bankRef, l.line, l.text])).toEqual([['R1', 3, 'a\r\nb']]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[5, 'statement.amount_invalid']]);
  });

  it('reports every bad row with its line number and keeps the good ones', () => {
    const csv = [
      'Reference,Date,Debit,Credit,Description',
      'G1,01/12/2026,,1000,ok', // 2
      'B1,01/12/2026,,16000.50,fraction', // 3
      'B2,01/12/2026,,-16.000,negative', // 4
      'B3,31/02/2026,,1000,bad date', // 5
      ',01/12/2026,,1000,no ref', // 6
      'B5,01/12/2026,,,neither', // 7
      'B6,01/12/2026', // 8
      'B7,01/12/2026,,abc,junk', // 9
      'D1,01/12/2026,2.000,,a debit', // 10
      'G2,01/12/2026,,2.000,ok', // 11
    ].join('\n');
    const { lines, errors } = parseStatement(csv);
    expect(lines.map((l) => [l.bankRef, l.line])).toEqual([
      ['G1', 2],
      ['G2', 11],
    ]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'statement.amount_fractional'],
      [4, 'statement.amount_negative'],
      [5, 'statement.date_invalid'],
      [6, 'statement.ref_missing'],
      [7, 'statement.amount_missing'],
      [8, 'statement.row_short'],
      [9, 'statement.amount_invalid'],
    ]);
    for (const e of errors) {
      expect(e.message_vi.length).toBeGreaterThan(0);
      expect(e.message_en.length).toBeGreaterThan(0);
    }
  });

  it('reports an unterminated quote at the line where the record starts', () => {
    const csv = 'Reference,Date,Credit,Description\nR1,01/12/2026,1000,ok\nR2,01/12/2026,1000,"never closed\nmore';
    const { lines, errors } = parseStatement(csv);
    expect(lines.map((l) => l.bankRef)).toEqual(['R1']);
    expect(errors.map((e) => [e.line, e.code])).toEqual([[3, 'statement.unterminated_quote']]);
  });

  it('a missing required column is one file-level error and no lines', () => {
    const csv = 'Reference,Date,Amount\nR1,01/12/2026,1000\nR2,01/12/2026,2000\n';
    const { lines, errors } = parseStatement(csv);
    expect(lines).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 1, code: 'statement.missing_column' });
    expect(errors[0].message_en).toContain('Số tiền ghi có');
    expect(errors[0].message_en).toContain('Nội dung');
  });

  it('an empty file is one error', () => {
    expect(parseStatement('\ufeff \n').errors.map((e) => e.code)).toEqual(['statement.empty']);
  });

  it('takes a configured column map and a forced separator', () => {
    const csv = 'Mã GD|x;Thời điểm;Có;Ghi chú\nZ1|a;01/12/2026 07:00;9.000;hello\n';
    const { lines, errors } = parseStatement(csv, {
      separator: ';',
      columns: { bankRef: 'Mã GD|x', bookedAt: ['Thời điểm'], credit: 'Có', text: 'Ghi chú' },
      utcOffsetMinutes: 0,
    });
    expect(errors).toEqual([]);
    expect(lines).toEqual([{ bankRef: 'Z1|a', amountVnd: 9000, text: 'hello', at: new Date('2026-12-01T07:00:00Z'), line: 2 }]);
  });

  it('parses 100,000 lines in one go', () => {
    const rows = ['Số tham chiếu;Ngày giao dịch;Số tiền ghi có;Nội dung'];
    for (let k = 0; k < 100_000; k++) {
      rows.push(`FT${k};02/12/2026 ${String(k % 24).padStart(2, '0')}:00:00;${k % 7 === 0 ? '"1.600.000"' : '16.000'};"MC${String(k).padStart(6, '0')} le phi; ho so"`);
    }
    const { lines, errors } = parseStatement(rows.join('\n'));
    expect(errors).toEqual([]);
    expect(lines).toHaveLength(100_000);
    expect(lines[99_999]).toMatchObject({ bankRef: 'FT99999', amountVnd: 16000, line: 100_001 });
    expect(lines[7].amountVnd).toBe(1_600_000);
  });
});
