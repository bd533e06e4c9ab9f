import { describe, expect, it } from 'vitest';
import { render, toEmailHtml, placeholdersOf, malformedPlaceholders } from './template';
import { checkSms, smsInfo, stripDiacritics, toSmsText } from './sms';
import { maskEmail, maskPhone, normalizeEmail, normalizePhone } from './address';
import { checkTemplate } from './check';
import { DEFAULT_TEMPLATES } from './templates.default';
import { KINDS, KIND_KEYS, channelsOf } from './kinds';

describe('templates', () => {
  it('fills ((placeholders)), optional content and lists, and reports missing values', () => {
    const t = 'Kính gửi ((name)),\n\nGiấy tờ:\n((items))\n\n((until??Hạn: ))((until))\nMã: ((code)) ((code))';
    const r = render(t, { name: 'Nguyễn Văn An', items: ['Giấy chứng sinh', 'CCCD'], code: 'X-1', until: '' });
    expect(r.text).toBe('Kính gửi Nguyễn Văn An,\n\nGiấy tờ:\n• Giấy chứng sinh\n• CCCD\n\nMã: X-1 X-1');
    expect(r.missing).toEqual([]);
    expect(render('((a)) ((b))', { a: 'x' }).missing).toEqual(['b']);
    expect(render(t, { name: 'A', items: ['x'], code: 'C', until: '20/05/2026' }).text).toContain('Hạn: 20/05/2026');
    expect(render('((items))', { items: ['a', 'b'] }, 'sms').text).toBe('a; b');
    expect(placeholdersOf(t).map((p) => p.name)).toEqual(['name', 'items', 'until', 'until', 'code']);
    expect(malformedPlaceholders('((Name)) ((a b)) ((ok))')).toEqual(['((Name))', '((a b))']);
  });

  it('escapes values and text in HTML and makes paragraphs, lists and links', () => {
    const r = render('Xin chào ((name)) <b>\n\n((items))\n\nXem: ((link))', { name: '<script>', items: ['a&b'], link: 'https://x.vn/ho-so/1?a=1&b=2' }, 'html');
    const html = toEmailHtml(r.text);
    expect(html).toContain('Xin chào &lt;script&gt; &lt;b&gt;');
    expect(html).toContain('<li>a&amp;b</li>');
    expect(html).toContain('<a href="https://x.vn/ho-so/1?a=1&amp;b=2"');
    expect(html).not.toContain('<script>');
  });

  it('every built-in template passes its own checks, SMS within 3 parts without diacritics', () => {
    for (const kind of KIND_KEYS) {
      for (const lang of ['vi', 'en'] as const) {
        const d = DEFAULT_TEMPLATES[kind][lang];
        expect(checkTemplate(kind, 'email', d.email).problems, `${kind}/${lang}/email`).toEqual([]);
        if (channelsOf(kind).includes('sms')) {
          const c = checkTemplate(kind, 'sms', { body: d.sms! });
          expect(c.problems, `${kind}/${lang}/sms`).toEqual([]);
          expect(c.sms!.encoding).toBe('GSM-7');
          expect(checkTemplate(kind, 'zalo', { body: d.zalo!.body, zaloTemplateId: d.zalo!.templateId }).problems, `${kind}/${lang}/zalo`).toEqual([]);
        }
      }
    }
  });

  it('refuses personal data in SMS and Zalo, unknown placeholders and texts too long', () => {
    const p = checkTemplate('supplement_requested', 'sms', { body: 'Chào ((name)), hồ sơ ((code)) thiếu ((missing_items)) ((foo))' }).problems.map((x) => x.code);
    expect(p).toEqual(['personal_data', 'personal_data', 'unknown_placeholder']);
    expect(checkTemplate('dossier_received', 'sms', { body: 'Hồ sơ ((code)) '.repeat(40) }).problems.map((x) => x.code)).toEqual(['too_long']);
    expect(checkTemplate('officer_assigned', 'sms', { body: '((code))' }).problems.map((x) => x.code)).toEqual(['channel_not_offered']);
    expect(checkTemplate('dossier_received', 'email', { body: 'x' }).problems.map((x) => x.code)).toEqual(['required']);
    expect(KINDS.supplement_requested.mandatory).toBe(true);
  });
});

describe('SMS rules', () => {
  it('counts GSM-7 and UCS-2 segments', () => {
    expect(smsInfo('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsInfo('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
    expect(smsInfo('{'.repeat(80)).units).toBe(160);
    expect(smsInfo('Hồ sơ')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsInfo('ồ'.repeat(71))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });

  it('writes Vietnamese without diacritics for GSM-7 routes, keeping case', () => {
    expect(stripDiacritics('Hồ sơ ĐÃ được tiếp nhận')).toBe('Ho so DA duoc tiep nhan');
    expect(toSmsText('“Hồ sơ” – đã xong…', { unicode: false })).toBe('"Ho so" - da xong...');
    expect(toSmsText('Hồ sơ 😀', { unicode: false })).toBe('Ho so ?');
    expect(toSmsText('Hồ sơ', { unicode: true })).toBe('Hồ sơ');
    expect(checkSms('Hồ sơ', { unicode: false }).info.encoding).toBe('GSM-7');
  });
});

describe('addresses', () => {
  it('normalises Vietnamese mobile numbers to 84… and e-mail addresses', () => {
    expect(normalizePhone('0912 345 678')).toBe('84912345678');
    expect(normalizePhone('+84 (912) 345-678')).toBe('84912345678');
    expect(normalizePhone('84389999999')).toBe('84389999999');
    expect(normalizePhone('0212345678')).toBeNull();
    expect(normalizePhone('091234567')).toBeNull();
    expect(normalizeEmail(' An.Nguyen@Gmail.COM ')).toBe('An.Nguyen@gmail.com');
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
  });

  it('masks addresses for logs and lists', () => {
    expect(maskEmail('an.nguyen@gmail.com')).toBe('a***@g***.com');
    expect(maskPhone('84912345678')).toBe('84******678');
  });
});
