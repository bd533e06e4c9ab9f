import { describe, expect, it } from 'vitest';
import { parseDefinition } from './eform.definition';
import { sampleDefinition, validSampleData } from './eform.fixture';
import type { EFormDefinition, FieldError, ValidateOptions } from './eform.types';
import { validate, visibleFields } from './eform.validate';

function parsed(mutate?: (d: any) => void): EFormDefinition {
  const d: any = sampleDefinition();
  mutate?.(d);
  const r = parseDefinition(d);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.definition;
}

const def = parsed();

function errorsOf(data: Record<string, unknown>, opts?: ValidateOptions): FieldError[] {
  const r = validate(def, data, opts);
  return r.ok ? [] : r.errors;
}

function expectError(extra: Record<string, unknown>, field: string, code: string, opts?: ValidateOptions) {
  const errors = errorsOf({ ...validSampleData(), ...extra }, opts);
  const hit = errors.find((e) => e.field === field && e.code === code);
  expect(hit, `expected ${code} on ${field}, got ${JSON.stringify(errors.map((e) => [e.field, e.code]))}`).toBeDefined();
  return hit!;
}

describe('validate — valid data', () => {
  it('accepts the sample data', () => {
    const r = validate(def, validSampleData());
    expect(r).toEqual({ ok: true, data: validSampleData() });
  });

  it('normalises strings: NFC, whitespace, identifiers, phone and dates', () => {
    const r = validate(def, {
      ...validSampleData(),
      fullName: '  Nguye\u0302\u0303n   Thi\u0323 Lan ',
      personalId: '031 190 001 234',
      phone: '+84 91 234 5678',
      dateOfBirth: '12/05/1990',
      employerCode: '0200123456001',
      note: '  Dòng 1\r\nDòng 2  ',
      email: '',
      postcode: null,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.fullName).toBe('Nguyễn Thị Lan');
    expect((r.data.fullName as string) === (r.data.fullName as string).normalize('NFC')).toBe(true);
    expect(r.data.personalId).toBe('031190001234');
    expect(r.data.phone).toBe('0912345678');
    expect(r.data.dateOfBirth).toBe('1990-05-12');
    expect(r.data.employerCode).toBe('0200123456-001');
    expect(r.data.note).toBe('Dòng 1\nDòng 2');
    expect('email' in r.data).toBe(false);
    expect('postcode' in r.data).toBe(false);
  });

  it('accepts a conditional field when its condition holds', () => {
    const r = validate(def, { ...validSampleData(), relation: 'other', otherRelation: 'Cháu', otherRelationProof: 'Giấy khai sinh' });
    expect(r.ok).toBe(true);
  });

  it('accepts a repeat group and returns normalised items', () => {
    const r = validate(def, {
      ...validSampleData(),
      hasChildren: true,
      children: [
        { fullName: 'Trần  Minh An', dateOfBirth: '03/04/2015', sex: 'male', schoolName: 'THCS Vĩnh Bảo' },
        { fullName: 'Trần Thu Hà', dateOfBirth: '2018-09-01', sex: 'female' },
      ],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.children).toEqual([
      { fullName: 'Trần Minh An', dateOfBirth: '2015-04-03', sex: 'male', schoolName: 'THCS Vĩnh Bảo' },
      { fullName: 'Trần Thu Hà', dateOfBirth: '2018-09-01', sex: 'female' },
    ]);
  });

  it('accepts a multiple choice and the field it reveals', () => {
    const r = validate(def, { ...validSampleData(), channels: ['sms', 'email'], emailForNotices: 'lan@example.vn' });
    expect(r.ok).toBe(true);
  });

  it('accepts an existing commune with the injected lookup', () => {
    const r = validate(def, validSampleData(), { adminUnitExists: (c) => c === '11824' });
    expect(r.ok).toBe(true);
  });
});

describe('validate — invalid data', () => {
  it('refuses data that is not an object', () => {
    for (const bad of [null, 'x', [1], 3]) {
      const r = validate(def, bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0].code).toBe('not_object');
    }
  });

  it('reports every missing required field, in form order, with labels in both languages', () => {
    const errors = errorsOf({});
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['fullName', 'required'],
      ['personalId', 'required'],
      ['phone', 'required'],
      ['commune', 'required'],
      ['relation', 'required'],
      ['declaration', 'required'],
    ]);
    expect(errors[0].message).toEqual({ vi: 'Vui lòng nhập “Họ, chữ đệm và tên”.', en: 'Enter “Full name”.' });
    expect(errors[4].message.vi).toBe('Vui lòng chọn “Quan hệ với người được cấp”.');
    expect(errors[5].message.en).toBe('Tick “I declare that the information above is true”.');
  });

  it('treats blank text as missing', () => {
    expectError({ fullName: '   ' }, 'fullName', 'required');
  });

  it('refuses unknown fields', () => {
    const e = expectError({ nickname: 'Lan' }, 'nickname', 'unknown_field');
    expect(e.message.en).toContain('nickname');
  });

  it('refuses wrong types', () => {
    expectError({ fullName: 42 }, 'fullName', 'type');
    expectError({ copies: '2' }, 'copies', 'type');
    expectError({ copies: 2.5 }, 'copies', 'type');
    expectError({ hasChildren: 'yes' }, 'hasChildren', 'type');
    expectError({ channels: 'sms' }, 'channels', 'type');
    const e = expectError({ copies: 'hai' }, 'copies', 'type');
    expect(e.message).toEqual({ vi: '“Số bản sao” phải là số nguyên.', en: '“Number of copies” must be a whole number.' });
  });

  it('refuses values outside the enum', () => {
    expectError({ relation: 'cousin' }, 'relation', 'enum');
  });

  it('checks lengths in characters, not bytes', () => {
    expectError({ fullName: 'A' }, 'fullName', 'min_length');
    expectError({ fullName: 'Đ'.repeat(101) }, 'fullName', 'max_length');
    expect(errorsOf({ ...validSampleData(), fullName: 'Ư'.repeat(100) })).toEqual([]);
  });

  it('checks patterns', () => {
    expectError({ postcode: '18000' }, 'postcode', 'pattern');
    expect(errorsOf({ ...validSampleData(), postcode: '180000' })).toEqual([]);
  });

  it('checks number bounds', () => {
    expectError({ copies: 0 }, 'copies', 'minimum');
    expectError({ copies: 11 }, 'copies', 'maximum');
  });

  it('refuses a bad personal ID', () => {
    const e = expectError({ personalId: '03119000123' }, 'personalId', 'personal_id');
    expect(e.message.vi).toContain('12 chữ số');
    expectError({ personalId: '03119000123X' }, 'personalId', 'personal_id');
  });

  it('refuses a bad enterprise code', () => {
    expectError({ employerCode: '020012345' }, 'employerCode', 'enterprise_code');
    expectError({ employerCode: '0200123456-1' }, 'employerCode', 'enterprise_code');
  });

  it('refuses a bad phone number', () => {
    expectError({ phone: '0123456789' }, 'phone', 'phone');
    expectError({ phone: '+1 202 555 0100' }, 'phone', 'phone');
  });

  it('refuses a bad e-mail', () => {
    expectError({ email: 'lan@' }, 'email', 'email');
  });

  it('refuses an impossible date', () => {
    const e = expectError({ dateOfBirth: '30/02/1990' }, 'dateOfBirth', 'date');
    expect(e.message.en).toContain('24/11/2026');
    expectError({ dateOfBirth: '1990-13-01' }, 'dateOfBirth', 'date');
  });

  it('refuses a malformed commune code, and an unknown one through the lookup', () => {
    expectError({ commune: '1182' }, 'commune', 'admin_unit');
    const e = expectError({ commune: '99999' }, 'commune', 'admin_unit_unknown', { adminUnitExists: (c) => c === '11824' });
    expect(e.message.vi).toContain('99999');
  });

  it('refuses a declaration that is not ticked', () => {
    expectError({ declaration: false }, 'declaration', 'const');
  });

  it('refuses duplicate and unknown choices in a multiple choice', () => {
    expectError({ channels: ['sms', 'sms'] }, 'channels', 'unique_items');
    expectError({ channels: ['fax'] }, 'channels[0]', 'enum');
  });
});

describe('validate — conditional visibility', () => {
  it('requires a conditional field only when it is visible', () => {
    expect(errorsOf(validSampleData())).toEqual([]);
    expectError({ relation: 'other' }, 'otherRelation', 'required');
  });

  it('refuses a value for a hidden field', () => {
    const e = expectError({ otherRelation: 'Cháu' }, 'otherRelation', 'hidden_field_provided');
    expect(e.message.vi).toContain('để trống');
    expectError({ emailForNotices: 'lan@example.vn' }, 'emailForNotices', 'hidden_field_provided');
  });

  it('hides a field whose controller is hidden', () => {
    // otherRelationProof depends on otherRelation, which is hidden unless relation = other
    const errors = errorsOf({ ...validSampleData(), otherRelation: 'Cháu', otherRelationProof: 'x' });
    expect(errors.map((e) => e.field).sort()).toEqual(['otherRelation', 'otherRelationProof']);
    expect(errors.every((e) => e.code === 'hidden_field_provided')).toBe(true);
  });

  it('hides a repeat group and refuses its entries when the condition is false', () => {
    expectError({ hasChildren: false, children: [{ fullName: 'An', dateOfBirth: '2015-01-01', sex: 'male' }] }, 'children', 'hidden_field_provided');
    expect(errorsOf({ ...validSampleData(), hasChildren: false, children: [] })).toEqual([]);
  });
});

describe('validate — repeat groups', () => {
  const withChildren = (children: unknown) => ({ hasChildren: true, children });

  it('reports item errors with per-item paths', () => {
    const errors = errorsOf({
      ...validSampleData(),
      ...withChildren([
        { fullName: 'Trần Minh An', dateOfBirth: '2015-04-03', sex: 'male' },
        { fullName: 'H', dateOfBirth: '31/06/2018', sex: 'other' },
        { dateOfBirth: '2019-01-01', sex: 'female', pet: 'mèo' },
      ]),
    });
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['children[1].fullName', 'min_length'],
      ['children[1].dateOfBirth', 'date'],
      ['children[1].sex', 'enum'],
      ['children[2].pet', 'unknown_field'],
      ['children[2].fullName', 'required'],
    ]);
    expect(errors[4].message).toEqual({ vi: 'Vui lòng nhập “Họ và tên” (Người con 3).', en: 'Enter “Full name” (Child 3).' });
  });

  it('treats an empty group as absent: fine when optional, refused when required', () => {
    expect(errorsOf({ ...validSampleData(), ...withChildren([]) })).toEqual([]);
    const strict = parsed((d) => d.schema.required.push('children'));
    const r = validate(strict, { ...validSampleData(), ...withChildren([]) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toEqual([
        { field: 'children', code: 'required', message: { vi: 'Vui lòng thêm ít nhất một mục cho “Các con”.', en: 'Add at least one entry to “Children”.' } },
      ]);
    }
  });

  it('refuses too few entries', () => {
    const withMin = parsed((d) => (d.schema.properties.children.minItems = 2));
    const r = validate(withMin, { ...validSampleData(), ...withChildren([{ fullName: 'Trần An', dateOfBirth: '2015-01-01', sex: 'male' }]) });
    expect(!r.ok && r.errors.map((e) => [e.field, e.code])).toEqual([['children', 'min_items']]);
  });

  it('refuses too many entries', () => {
    const child = { fullName: 'Trần An', dateOfBirth: '2015-01-01', sex: 'male' };
    expectError(withChildren([child, child, child, child]), 'children', 'max_items');
  });

  it('refuses entries that are not objects', () => {
    expectError(withChildren(['An']), 'children[0]', 'type');
  });

  it('applies item visibility on siblings and on top-level fields', () => {
    // schoolName needs the sibling dateOfBirth; guardianNote needs the top-level relation = other
    expectError(withChildren([{ fullName: 'Trần An', sex: 'male', schoolName: 'THCS' }]), 'children[0].schoolName', 'hidden_field_provided');
    expectError(withChildren([{ fullName: 'Trần An', dateOfBirth: '2015-01-01', sex: 'male', guardianNote: 'x' }]), 'children[0].guardianNote', 'hidden_field_provided');
    const r = validate(def, {
      ...validSampleData(),
      relation: 'other',
      otherRelation: 'Cháu',
      ...withChildren([{ fullName: 'Trần An', dateOfBirth: '2015-01-01', sex: 'male', guardianNote: 'Ông ngoại nuôi' }]),
    });
    expect(r.ok).toBe(true);
  });
});

describe('validate — registry bindings', () => {
  it('refuses a locked prefilled value that was changed', () => {
    const e = expectError({ fullName: 'Nguyễn Thị Lanh' }, 'fullName', 'registry_mismatch', { prefilled: { fullName: 'Nguyễn Thị Lan' } });
    expect(e.message.en).toContain('national database');
  });
  it('accepts the prefilled value, and changes to an editable bound field', () => {
    const r = validate(def, { ...validSampleData(), phone: '0987654321' }, { prefilled: { fullName: 'Nguyễn  Thị Lan', phone: '0912345678' } });
    expect(r.ok).toBe(true);
  });
});

describe('validate — definitions', () => {
  it('throws on a definition that does not parse', () => {
    const bad: any = sampleDefinition();
    delete bad.ui.fields.note;
    expect(() => validate(bad, {})).toThrow(/Invalid e-form definition/);
  });
  it('works on a definition object that was not passed through parseDefinition', () => {
    expect(validate(sampleDefinition(), validSampleData()).ok).toBe(true);
  });
});

describe('visibleFields', () => {
  it('lists the visible fields in form order', () => {
    expect(visibleFields(def, validSampleData())).toEqual([
      'fullName',
      'personalId',
      'dateOfBirth',
      'phone',
      'email',
      'commune',
      'relation',
      'copies',
      'postcode',
      'channels',
      'employerCode',
      'note',
      'hasChildren',
      'declaration',
    ]);
  });
  it('follows the data entered so far, including repeat items', () => {
    const v = visibleFields(def, {
      relation: 'other',
      otherRelation: ' Cháu ',
      channels: ['email'],
      hasChildren: true,
      children: [{ fullName: 'An', dateOfBirth: '2015-01-01' }, { fullName: 'Bình' }],
    });
    expect(v).toEqual(
      expect.arrayContaining(['otherRelation', 'otherRelationProof', 'emailForNotices', 'children', 'children[0].schoolName', 'children[1].guardianNote']),
    );
    expect(v).not.toContain('children[1].schoolName');
    expect(v.indexOf('children')).toBeLessThan(v.indexOf('children[0].fullName'));
  });
  it('copes with data that is not an object', () => {
    expect(visibleFields(def, null)).toContain('fullName');
  });
});
