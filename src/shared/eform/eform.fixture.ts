import type { EFormDefinition } from './eform.types';

/**
 * A small form that exercises every feature of the engine (used by the engine's tests).
 * Fields: applicant identity (bound to the population registry), a choice that reveals fields, a multiple choice,
 * a repeat group with an item field shown conditionally, a number, an enterprise code and a declaration.
 */
export function sampleDefinition(): EFormDefinition {
  return {
    schema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['fullName', 'personalId', 'phone', 'relation', 'otherRelation', 'commune', 'declaration'],
      additionalProperties: false,
      properties: {
        fullName: { type: 'string', minLength: 2, maxLength: 100 },
        personalId: { type: 'string' },
        dateOfBirth: { type: 'string', format: 'date' },
        phone: { type: 'string' },
        email: { type: 'string' },
        relation: { type: 'string', enum: ['self', 'parent', 'other'] },
        otherRelation: { type: 'string', maxLength: 50 },
        otherRelationProof: { type: 'string', maxLength: 200 },
        commune: { type: 'string' },
        copies: { type: 'integer', minimum: 1, maximum: 10 },
        postcode: { type: 'string', pattern: '^[0-9]{6}$' },
        channels: { type: 'array', items: { type: 'string', enum: ['sms', 'email', 'vneid'] }, uniqueItems: true, maxItems: 3 },
        emailForNotices: { type: 'string' },
        hasChildren: { type: 'boolean' },
        children: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: {
            type: 'object',
            required: ['fullName', 'dateOfBirth', 'sex'],
            additionalProperties: false,
            properties: {
              fullName: { type: 'string', minLength: 2 },
              dateOfBirth: { type: 'string' },
              sex: { type: 'string', enum: ['male', 'female'] },
              schoolName: { type: 'string' },
              guardianNote: { type: 'string' },
            },
          },
        },
        employerCode: { type: 'string' },
        note: { type: 'string', maxLength: 500 },
        declaration: { type: 'boolean', const: true },
      },
    },
    ui: {
      sections: [
        {
          id: 'applicant',
          title: { vi: 'Người yêu cầu', en: 'Applicant' },
          fields: ['fullName', 'personalId', 'dateOfBirth', 'phone', 'email', 'commune'],
        },
        {
          id: 'request',
          title: { vi: 'Nội dung yêu cầu', en: 'Request' },
          fields: ['relation', 'otherRelation', 'otherRelationProof', 'copies', 'postcode', 'channels', 'emailForNotices', 'employerCode', 'note'],
        },
        { id: 'children', title: { vi: 'Con', en: 'Children' }, fields: ['hasChildren', 'children'] },
        { id: 'declaration', title: { vi: 'Cam đoan', en: 'Declaration' }, fields: ['declaration'] },
      ],
      fields: {
        fullName: { label: { vi: 'Họ, chữ đệm và tên', en: 'Full name' }, registryBinding: 'population.fullName' },
        personalId: { label: { vi: 'Số định danh cá nhân', en: 'Personal ID number' }, widget: 'personalId', registryBinding: 'population.personalId' },
        dateOfBirth: { label: { vi: 'Ngày sinh', en: 'Date of birth' }, registryBinding: 'population.dateOfBirth' },
        phone: { label: { vi: 'Số điện thoại', en: 'Phone number' }, widget: 'phone', registryBinding: 'population.phone', editable: true },
        email: { label: { vi: 'Thư điện tử', en: 'Email' }, widget: 'email' },
        commune: { label: { vi: 'Xã, phường nơi cư trú', en: 'Commune of residence' }, widget: 'adminUnit' },
        relation: {
          label: { vi: 'Quan hệ với người được cấp', en: 'Relationship to the person concerned' },
          widget: 'radio',
          options: [
            { value: 'self', label: { vi: 'Bản thân', en: 'Myself' } },
            { value: 'parent', label: { vi: 'Cha, mẹ', en: 'Parent' } },
            { value: 'other', label: { vi: 'Khác', en: 'Other' } },
          ],
        },
        otherRelation: {
          label: { vi: 'Quan hệ khác', en: 'Other relationship' },
          help: { vi: 'Ghi rõ quan hệ', en: 'State the relationship' },
          visibleIf: { field: 'relation', equals: 'other' },
        },
        otherRelationProof: {
          label: { vi: 'Giấy tờ chứng minh quan hệ', en: 'Proof of the relationship' },
          visibleIf: { field: 'otherRelation', notEmpty: true },
        },
        copies: { label: { vi: 'Số bản sao', en: 'Number of copies' } },
        postcode: { label: { vi: 'Mã bưu chính', en: 'Postcode' } },
        channels: {
          label: { vi: 'Nhận thông báo qua', en: 'Notify me by' },
          options: [
            { value: 'sms', label: { vi: 'Tin nhắn SMS', en: 'Text message' } },
            { value: 'email', label: { vi: 'Thư điện tử', en: 'Email' } },
            { value: 'vneid', label: { vi: 'Ứng dụng VNeID', en: 'VNeID app' } },
          ],
        },
        emailForNotices: { label: { vi: 'Email nhận thông báo', en: 'Email for notices' }, widget: 'email', visibleIf: { field: 'channels', equals: 'email' } },
        employerCode: { label: { vi: 'Mã số doanh nghiệp nơi làm việc', en: 'Employer enterprise code' }, widget: 'enterpriseCode' },
        note: { label: { vi: 'Ghi chú', en: 'Note' }, widget: 'textarea' },
        hasChildren: { label: { vi: 'Có con chưa thành niên', en: 'Has minor children' } },
        children: {
          label: { vi: 'Các con', en: 'Children' },
          itemLabel: { vi: 'Người con', en: 'Child' },
          visibleIf: { field: 'hasChildren', equals: true },
          itemFields: {
            fullName: { label: { vi: 'Họ và tên', en: 'Full name' }, order: 1 },
            dateOfBirth: { label: { vi: 'Ngày sinh', en: 'Date of birth' }, widget: 'date', order: 2 },
            sex: {
              label: { vi: 'Giới tính', en: 'Sex' },
              widget: 'radio',
              order: 3,
              options: [
                { value: 'male', label: { vi: 'Nam', en: 'Male' } },
                { value: 'female', label: { vi: 'Nữ', en: 'Female' } },
              ],
            },
            schoolName: { label: { vi: 'Trường đang học', en: 'School' }, order: 4, visibleIf: { field: 'dateOfBirth', notEmpty: true } },
            guardianNote: { label: { vi: 'Ghi chú người giám hộ', en: 'Guardian note' }, order: 5, visibleIf: { field: 'relation', equals: 'other' } },
          },
        },
        declaration: {
          label: { vi: 'Tôi cam đoan nội dung khai trên là đúng sự thật', en: 'I declare that the information above is true' },
        },
      },
    },
  };
}

export function validSampleData(): Record<string, unknown> {
  return {
    fullName: 'Nguyễn Thị Lan',
    personalId: '031190001234',
    dateOfBirth: '1990-05-12',
    phone: '0912345678',
    commune: '11824',
    relation: 'self',
    copies: 2,
    declaration: true,
  };
}
