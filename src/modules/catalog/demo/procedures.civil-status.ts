import { buildForm, doc, F, t } from './builders';
import {
  applicantSection,
  declarationSection,
  deliverySection,
  exempt,
  LAW,
  PLACE,
  SAMPLE_APPLICANT,
  SAMPLE_APPLICANT_WOMAN,
  SAMPLE_DELIVERY,
  STEP,
  workflowSameDay,
  workflowStandard,
  workflowWithConsult,
} from './common';
import type { FeeItem, ProcedureVersionInput } from './types';

/**
 * Civil status (hộ tịch) at the commune People's Committee. National codes as listed by Hải Phòng for commune
 * level (decision 658/QĐ-UBND of April 2026 as shown on the public list of Vĩnh Bảo commune); local fees from
 * Resolution 12/2018/NQ-HĐND Appendix 04 as amended by 16/2023/NQ-HĐND, 0 đồng online under 23/2026/NQ-HĐND.
 */

const COMMUNE_PC_CHAIR = t('Chủ tịch Ủy ban nhân dân cấp xã', "Chairperson of the commune People's Committee");
const CIVIL_STATUS_BASES = [LAW.civilStatus, LAW.civilStatusDecree, LAW.civilStatusCircular, LAW.mojDecentralisation, LAW.civilStatusDb];
const CIVIL_STATUS_FEE_BASES = [LAW.provinceFeeFramework, LAW.hpCivilStatusFees, LAW.hpOnlineZeroFees];

const ID_PAPERS = doc(
  'identity',
  t('Thẻ căn cước hoặc giấy tờ tùy thân của người yêu cầu', "Applicant's ID card or other identity paper"),
  'present-original',
  { registry: true },
);
const AUTHORISATION = doc(
  'authorisation',
  t('Văn bản ủy quyền được chứng thực', 'Certified letter of authorisation'),
  'original',
  { when: t('Khi nộp hồ sơ thay người khác theo ủy quyền', 'When filing on behalf of someone else'), store: true },
);

const localFee = (vi: string, en: string, amountVnd: number): FeeItem => ({
  type: 'fixed',
  nature: 'le-phi',
  name: t(vi, en),
  amountVnd,
  onlineAmountVnd: 0,
  per: t('lần đăng ký', 'registration'),
  legalBasis: CIVIL_STATUS_FEE_BASES,
  exemptions: [
    t(
      'Trẻ em, người thuộc hộ nghèo, người cao tuổi, người khuyết tật, người có công với cách mạng, đồng bào dân tộc thiểu số ở xã đặc biệt khó khăn',
      'Children, members of poor households, the elderly, people with disabilities, people with meritorious services, ethnic minorities in extremely disadvantaged communes',
    ),
  ],
});

const extractCopyFee: FeeItem = {
  type: 'fixed',
  nature: 'phi',
  name: t('Phí cấp bản sao trích lục hộ tịch (nếu yêu cầu thêm bản sao)', 'Fee for extra copies of the civil-status extract (if requested)'),
  amountVnd: 8000,
  per: t('bản sao', 'copy'),
  legalBasis: [LAW.civilStatusCopyFee],
};

const SEX = [
  ['male', 'Nam', 'Male'],
  ['female', 'Nữ', 'Female'],
] as const;

export const CIVIL_STATUS_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'birth-registration',
    nationalCode: '1.001193',
    name: t('Đăng ký khai sinh', 'Birth registration'),
    field: 'civil-status',
    lifeEvents: ['birth'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    cutoffTime: '15:00',
    fees: [
      exempt(t('Lệ phí đăng ký khai sinh đúng hạn', 'Charge for birth registration on time'), [LAW.civilStatus], t(
        'Miễn lệ phí khi đăng ký trong 60 ngày kể từ ngày sinh (Luật Hộ tịch, Điều 11).',
        'Free when registered within 60 days of the birth (Civil Status Law, Art. 11).',
      )),
      localFee('Lệ phí đăng ký khai sinh không đúng hạn', 'Charge for late birth registration', 8000),
      extractCopyFee,
    ],
    documents: [
      doc('declaration', t('Tờ khai đăng ký khai sinh', 'Birth registration form'), 'original', {
        template: 'Mẫu Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP, sửa đổi bởi Thông tư 04/2024/TT-BTP)',
        eform: true,
      }),
      doc('birth-certificate', t('Giấy chứng sinh do cơ sở khám bệnh, chữa bệnh cấp', 'Birth notice issued by the health facility'), 'original', {
        store: true,
      }),
      doc(
        'birth-witness',
        t('Văn bản xác nhận của người làm chứng hoặc giấy cam đoan về việc sinh', 'Statement of a witness or sworn statement about the birth'),
        'original',
        { when: t('Khi không có Giấy chứng sinh', 'When there is no birth notice') },
      ),
      doc('marriage-certificate', t('Giấy chứng nhận kết hôn của cha, mẹ', "Parents' marriage certificate"), 'present-original', {
        when: t('Khi cha, mẹ đã đăng ký kết hôn', 'When the parents are married'),
        store: true,
        registry: true,
      }),
      ID_PAPERS,
      AUTHORISATION,
    ],
    requirements: [
      t(
        'Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh; nếu cha, mẹ không thể thì ông, bà hoặc người thân thích khác đăng ký.',
        'Parents must register the birth within 60 days; if they cannot, a grandparent or another relative does.',
      ),
    ],
    result: {
      name: t('Giấy khai sinh (bản chính và bản điện tử)', 'Birth certificate (original and electronic)'),
      documentType: 'birth-certificate',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t(
        'Công chức tư pháp - hộ tịch kiểm tra, ghi vào Sổ đăng ký khai sinh và Cơ sở dữ liệu hộ tịch điện tử, cấp số định danh cá nhân cho trẻ.',
        "The civil-status officer records the birth in the register and the electronic civil-status database and obtains the child's personal ID number.",
      ),
      t('Chủ tịch UBND cấp xã ký Giấy khai sinh.', 'The commune PC chairperson signs the birth certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES, LAW.civilStatusCopyFee],
    sourceNote:
      'Code 1.001193 and commune competence: Hải Phòng list of civil-status procedures (QĐ 658/QĐ-UBND, 2026). Same day (Luật Hộ tịch Art. 16); a dossier received after 15:00 that cannot be settled at once is returned the next working day, as published with the procedure. Late-registration charge 8 000 đ: NQ 12/2018 Appendix 04 (Hải Phòng); 0 đ online: NQ 23/2026. Template circular numbers to be checked against the current forms.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      {
        ...applicantSection(t('Người đi đăng ký khai sinh', 'Person registering the birth')),
      },
      {
        id: 'relation',
        title: t('Quan hệ với trẻ', 'Relationship to the child'),
        fields: {
          applicantRelation: F.radio(t('Quan hệ với trẻ', 'Relationship to the child'), [
            ['mother', 'Mẹ', 'Mother'],
            ['father', 'Cha', 'Father'],
            ['grandparent', 'Ông, bà', 'Grandparent'],
            ['relative', 'Người thân thích khác', 'Other relative'],
          ]),
        },
      },
      {
        id: 'child',
        title: t('Thông tin người được khai sinh', 'The child'),
        fields: {
          childFullName: F.text(t('Họ, chữ đệm và tên của trẻ', "Child's full name"), { max: 100 }),
          childSex: F.radio(t('Giới tính', 'Sex'), SEX),
          childDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          childBirthPlaceType: F.radio(t('Nơi sinh', 'Place of birth'), [
            ['facility', 'Cơ sở khám bệnh, chữa bệnh', 'Health facility'],
            ['other', 'Nơi khác (tại nhà, trên đường…)', 'Elsewhere (at home, on the way…)'],
          ]),
          childBirthFacility: F.text(t('Tên cơ sở khám bệnh, chữa bệnh', 'Name of the health facility'), {
            max: 200,
            visibleIf: { field: 'childBirthPlaceType', equals: 'facility' },
          }),
          birthNoticeNumber: F.text(t('Số Giấy chứng sinh', 'Birth notice number'), {
            max: 30,
            visibleIf: { field: 'childBirthPlaceType', equals: 'facility' },
          }),
          childBirthAddress: F.text(t('Địa chỉ nơi sinh', 'Address of the place of birth'), {
            max: 300,
            visibleIf: { field: 'childBirthPlaceType', equals: 'other' },
          }),
          childBirthCommune: F.adminUnit(t('Xã, phường nơi sinh', 'Commune of birth'), {
            help: t('Mã xã, phường gồm 5 chữ số; chọn trong danh sách.', 'The 5-digit commune code; pick it from the list.'),
          }),
          childEthnicity: F.text(t('Dân tộc', 'Ethnicity'), { max: 50 }),
          childNationality: F.text(t('Quốc tịch', 'Nationality'), { max: 50 }),
          childHometown: F.text(t('Quê quán', 'Place of origin'), { max: 200 }),
        },
      },
      {
        id: 'mother',
        title: t('Thông tin người mẹ', 'Mother'),
        fields: {
          motherFullName: F.text(t('Họ, chữ đệm và tên người mẹ', "Mother's full name"), { max: 100, binding: 'parent.mother.fullName' }),
          motherPersonalId: F.personalId(t('Số định danh cá nhân của người mẹ', "Mother's personal ID number"), { binding: 'parent.mother.personalId' }),
          motherDateOfBirth: F.date(t('Ngày sinh của người mẹ', "Mother's date of birth"), { binding: 'parent.mother.dateOfBirth' }),
          motherEthnicity: F.text(t('Dân tộc của người mẹ', "Mother's ethnicity"), { max: 50, binding: 'parent.mother.ethnicity' }),
          motherResidence: F.text(t('Nơi cư trú của người mẹ', "Mother's residence"), { max: 300, binding: 'parent.mother.residence', editable: true }),
        },
      },
      {
        id: 'father',
        title: t('Thông tin người cha', 'Father'),
        fields: {
          fatherKnown: F.yesNo(t('Khai thông tin người cha', "Declare the father's details")),
          fatherFullName: F.text(t('Họ, chữ đệm và tên người cha', "Father's full name"), {
            max: 100,
            binding: 'parent.father.fullName',
            visibleIf: { field: 'fatherKnown', equals: true },
          }),
          fatherPersonalId: F.personalId(t('Số định danh cá nhân của người cha', "Father's personal ID number"), {
            binding: 'parent.father.personalId',
            visibleIf: { field: 'fatherKnown', equals: true },
          }),
          fatherDateOfBirth: F.date(t('Ngày sinh của người cha', "Father's date of birth"), {
            binding: 'parent.father.dateOfBirth',
            visibleIf: { field: 'fatherKnown', equals: true },
          }),
          fatherEthnicity: F.text(t('Dân tộc của người cha', "Father's ethnicity"), {
            max: 50,
            binding: 'parent.father.ethnicity',
            visibleIf: { field: 'fatherKnown', equals: true },
          }),
          fatherResidence: F.text(t('Nơi cư trú của người cha', "Father's residence"), {
            max: 300,
            binding: 'parent.father.residence',
            editable: true,
            visibleIf: { field: 'fatherKnown', equals: true },
          }),
        },
      },
      {
        id: 'marriage',
        title: t('Thông tin đăng ký kết hôn của cha, mẹ', "Parents' marriage"),
        fields: {
          parentsMarried: F.yesNo(t('Cha, mẹ đã đăng ký kết hôn', 'The parents are married'), { visibleIf: { field: 'fatherKnown', equals: true } }),
          marriageCertificateNumber: F.text(t('Số Giấy chứng nhận kết hôn', 'Marriage certificate number'), {
            max: 30,
            binding: 'civilStatus.marriage.certificateNumber',
            visibleIf: { field: 'parentsMarried', equals: true },
          }),
          marriageRegistrationDate: F.date(t('Ngày đăng ký kết hôn', 'Date of the marriage registration'), {
            binding: 'civilStatus.marriage.registrationDate',
            visibleIf: { field: 'parentsMarried', equals: true },
          }),
          marriageRegisteredAt: F.text(t('Nơi đăng ký kết hôn', 'Where the marriage was registered'), {
            max: 200,
            binding: 'civilStatus.marriage.registeredAt',
            visibleIf: { field: 'parentsMarried', equals: true },
          }),
        },
      },
      {
        id: 'copies',
        title: t('Bản sao', 'Copies'),
        fields: {
          extractCopies: F.integer(t('Số bản sao Trích lục khai sinh đề nghị cấp', 'Number of copies of the birth extract requested'), {
            min: 0,
            max: 10,
            optional: true,
            help: t('Mỗi bản sao thu phí 8.000 đồng.', 'Each copy costs 8,000 VND.'),
          }),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowSameDay(),
    sampleData: {
      ...SAMPLE_APPLICANT_WOMAN,
      applicantRelation: 'mother',
      childFullName: 'Nguyễn Minh Khôi',
      childSex: 'male',
      childDateOfBirth: '2026-10-30',
      childBirthPlaceType: 'facility',
      childBirthFacility: 'Bệnh viện Phụ sản Hải Phòng',
      birthNoticeNumber: 'CS-2026-018734',
      childBirthCommune: '11383',
      childEthnicity: 'Kinh',
      childNationality: 'Việt Nam',
      childHometown: 'Xã Vĩnh Bảo, thành phố Hải Phòng',
      motherFullName: 'Trần Thị Mai',
      motherPersonalId: '031192002468',
      motherDateOfBirth: '1992-07-21',
      motherEthnicity: 'Kinh',
      motherResidence: 'Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng',
      fatherKnown: true,
      fatherFullName: 'Nguyễn Văn Hùng',
      fatherPersonalId: '031088004512',
      fatherDateOfBirth: '1988-03-15',
      fatherEthnicity: 'Kinh',
      fatherResidence: 'Thôn Đông, xã Vĩnh Bảo, thành phố Hải Phòng',
      parentsMarried: true,
      marriageCertificateNumber: '45/2024',
      marriageRegistrationDate: '2024-12-20',
      marriageRegisteredAt: 'UBND xã Vĩnh Bảo, thành phố Hải Phòng',
      extractCopies: 2,
      ...SAMPLE_DELIVERY,
      declaration: true,
    },
  },

  {
    key: 'birth-and-parentage-registration',
    nationalCode: '1.000689',
    name: t('Đăng ký khai sinh kết hợp nhận cha, mẹ, con', 'Birth registration combined with recognition of parentage'),
    field: 'civil-status',
    lifeEvents: ['birth'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 8 },
      condition: t('Khi cần xác minh quan hệ cha, mẹ, con', 'When the parent–child relationship must be verified'),
    },
    cutoffTime: null,
    fees: [
      exempt(t('Lệ phí đăng ký khai sinh đúng hạn', 'Charge for birth registration on time'), [LAW.civilStatus]),
      localFee('Lệ phí đăng ký nhận cha, mẹ, con', 'Charge for recognition of parentage', 10000),
    ],
    documents: [
      doc('declaration', t('Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con', 'Birth registration and parentage recognition forms'), 'original', {
        template: 'Mẫu Tờ khai đăng ký khai sinh; Mẫu Tờ khai đăng ký nhận cha, mẹ, con (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('birth-certificate', t('Giấy chứng sinh', 'Birth notice'), 'original', { store: true }),
      doc(
        'parentage-evidence',
        t('Chứng cứ chứng minh quan hệ cha, mẹ, con (kết quả giám định ADN hoặc văn bản, tài liệu khác)', 'Evidence of the parent–child relationship (DNA test result or other documents)'),
        'original',
        { store: true },
      ),
      ID_PAPERS,
    ],
    requirements: [
      t('Bên nhận và bên được nhận còn sống, việc nhận không có tranh chấp.', 'Both parties are alive and the recognition is not disputed.'),
    ],
    result: {
      name: t('Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con', 'Birth certificate and extract of the parentage recognition'),
      documentType: 'birth-certificate',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch kiểm tra chứng cứ, xác minh khi cần, niêm yết không bắt buộc.', 'The civil-status officer checks the evidence and verifies it when needed.'),
      t('Chủ tịch UBND cấp xã ký Giấy khai sinh và Trích lục nhận cha, mẹ, con.', 'The commune PC chairperson signs both results.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES],
    sourceNote:
      'Code 1.000689: Hải Phòng list (QĐ 658/QĐ-UBND, 2026). Parentage recognition in 3 working days, longer when verification is needed (Luật Hộ tịch Art. 25); the 8-day extended limit is our reading and must be checked. Charge 10 000 đ: NQ 12/2018 Appendix 04.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người yêu cầu (cha hoặc mẹ nhận con)', 'Applicant (parent recognising the child)')),
      {
        id: 'child',
        title: t('Người được khai sinh và được nhận', 'The child'),
        fields: {
          childFullName: F.text(t('Họ, chữ đệm và tên của trẻ', "Child's full name"), { max: 100 }),
          childSex: F.radio(t('Giới tính', 'Sex'), SEX),
          childDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          childBirthCommune: F.adminUnit(t('Xã, phường nơi sinh', 'Commune of birth')),
          childEthnicity: F.text(t('Dân tộc', 'Ethnicity'), { max: 50 }),
        },
      },
      {
        id: 'other-parent',
        title: t('Cha hoặc mẹ còn lại', 'The other parent'),
        fields: {
          otherParentFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          otherParentPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
          otherParentAgrees: F.yesNo(t('Người này đồng ý với việc nhận cha, mẹ, con', 'This parent agrees to the recognition')),
        },
      },
      {
        id: 'evidence',
        title: t('Chứng cứ', 'Evidence'),
        fields: {
          evidenceType: F.select(t('Loại chứng cứ', 'Kind of evidence'), [
            ['dna', 'Kết quả giám định ADN', 'DNA test result'],
            ['documents', 'Văn bản, tài liệu khác', 'Other documents'],
            ['witnesses', 'Văn bản cam đoan có ít nhất hai người làm chứng', 'Sworn statement with at least two witnesses'],
          ]),
          evidenceIssuer: F.text(t('Cơ quan, tổ chức giám định', 'Testing organisation'), {
            max: 200,
            visibleIf: { field: 'evidenceType', equals: 'dna' },
          }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Xác minh quan hệ cha, mẹ, con', 'Verify the relationship')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      childFullName: 'Nguyễn Bảo Ngọc',
      childSex: 'female',
      childDateOfBirth: '2026-09-02',
      childBirthCommune: '11311',
      childEthnicity: 'Kinh',
      otherParentFullName: 'Lê Thị Hồng',
      otherParentPersonalId: '031195006789',
      otherParentAgrees: true,
      evidenceType: 'dna',
      evidenceIssuer: 'Trung tâm Giám định ADN (ví dụ)',
      declaration: true,
    },
  },

  {
    key: 'marriage-registration',
    nationalCode: '1.000894',
    name: t('Đăng ký kết hôn', 'Marriage registration'),
    field: 'civil-status',
    lifeEvents: ['marriage'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 5 },
      condition: t('Khi cần xác minh điều kiện kết hôn', 'When the conditions for marriage must be verified'),
    },
    cutoffTime: '15:00',
    fees: [
      exempt(
        t('Lệ phí đăng ký kết hôn của công dân Việt Nam cư trú trong nước', 'Charge for marriage registration of Vietnamese citizens residing in Vietnam'),
        [LAW.civilStatus, ...CIVIL_STATUS_FEE_BASES],
      ),
    ],
    documents: [
      doc('declaration', t('Tờ khai đăng ký kết hôn', 'Marriage registration form'), 'original', {
        template: 'Mẫu Tờ khai đăng ký kết hôn (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc(
        'marital-status',
        t('Giấy xác nhận tình trạng hôn nhân', 'Certificate of marital status'),
        'original',
        {
          when: t(
            'Khi bên kết hôn không cư trú tại xã nơi đăng ký và tình trạng hôn nhân chưa có trong cơ sở dữ liệu',
            'When a partner does not live in the registering commune and the marital status is not in the database',
          ),
          store: true,
          registry: true,
        },
      ),
      doc('divorce', t('Bản án, quyết định ly hôn đã có hiệu lực', 'Final divorce judgment or decision'), 'copy', {
        when: t('Khi một bên đã từng kết hôn và đã ly hôn', 'When a partner was married before and divorced'),
        store: true,
      }),
      doc('identity', t('Thẻ căn cước của hai bên nam, nữ', "Both partners' ID cards"), 'present-original', { registry: true }),
    ],
    requirements: [
      t('Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở lên; việc kết hôn do nam và nữ tự nguyện quyết định.', 'The man is at least 20 and the woman at least 18; both marry of their own free will.'),
      t('Hai bên không mất năng lực hành vi dân sự và không thuộc trường hợp cấm kết hôn.', 'Neither partner lacks legal capacity or falls under a marriage ban.'),
      t('Hai bên phải có mặt khi ký Giấy chứng nhận kết hôn.', 'Both partners must be present to sign the marriage certificate.'),
    ],
    result: { name: t('Giấy chứng nhận kết hôn', 'Marriage certificate'), documentType: 'marriage-certificate', electronic: true, validityMonths: null },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch kiểm tra điều kiện kết hôn, xác minh khi cần.', 'The civil-status officer checks the conditions for marriage.'),
      t('Hai bên có mặt, ký vào Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn; Chủ tịch UBND cấp xã trao Giấy chứng nhận.', 'Both partners sign the register and certificate in person; the chairperson hands over the certificate.'),
    ],
    submission: { channels: ['in-person', 'online'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, LAW.marriageFamily, ...CIVIL_STATUS_FEE_BASES],
    sourceNote:
      'Code 1.000894 (Hải Phòng commune list). Same day, up to 5 working days when verification is needed (Luật Hộ tịch Art. 18). Free for citizens residing in Vietnam (Art. 11). Online level partial: both partners sign in person.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Bên kết hôn thứ nhất (người nộp hồ sơ)', 'First partner (filing)')),
      {
        id: 'applicant-status',
        title: t('Tình trạng hôn nhân của người nộp', "Filing partner's marital status"),
        fields: {
          applicantSex: F.radio(t('Giới tính', 'Sex'), SEX, { binding: 'population.sex' }),
          applicantEthnicity: F.text(t('Dân tộc', 'Ethnicity'), { max: 50, binding: 'population.ethnicity' }),
          applicantPreviouslyMarried: F.yesNo(t('Đã từng kết hôn', 'Previously married')),
          applicantDivorceDecision: F.text(t('Số, ngày bản án hoặc quyết định ly hôn', 'Number and date of the divorce judgment'), {
            max: 200,
            visibleIf: { field: 'applicantPreviouslyMarried', equals: true },
          }),
        },
      },
      {
        id: 'partner',
        title: t('Bên kết hôn thứ hai', 'Second partner'),
        fields: {
          partnerFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          partnerPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
          partnerDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          partnerSex: F.radio(t('Giới tính', 'Sex'), SEX),
          partnerEthnicity: F.text(t('Dân tộc', 'Ethnicity'), { max: 50 }),
          partnerResidence: F.text(t('Nơi cư trú', 'Place of residence'), { max: 300 }),
          partnerResidenceCommune: F.adminUnit(t('Xã, phường nơi cư trú', 'Commune of residence')),
          partnerPreviouslyMarried: F.yesNo(t('Đã từng kết hôn', 'Previously married')),
          partnerDivorceDecision: F.text(t('Số, ngày bản án hoặc quyết định ly hôn', 'Number and date of the divorce judgment'), {
            max: 200,
            visibleIf: { field: 'partnerPreviouslyMarried', equals: true },
          }),
        },
      },
      {
        id: 'ceremony',
        title: t('Lịch hẹn ký Giấy chứng nhận', 'Appointment to sign'),
        fields: {
          preferredSigningDate: F.date(t('Ngày mong muốn đến ký Giấy chứng nhận kết hôn', 'Preferred date to sign the certificate'), { optional: true }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowSameDay(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      applicantSex: 'male',
      applicantEthnicity: 'Kinh',
      applicantPreviouslyMarried: false,
      partnerFullName: 'Phạm Thu Trang',
      partnerPersonalId: '031196003579',
      partnerDateOfBirth: '1996-11-02',
      partnerSex: 'female',
      partnerEthnicity: 'Kinh',
      partnerResidence: 'Số 8 phố Điện Biên Phủ, phường Hồng Bàng, thành phố Hải Phòng',
      partnerResidenceCommune: '11311',
      partnerPreviouslyMarried: true,
      partnerDivorceDecision: 'Quyết định số 123/2023/QĐST-HNGĐ ngày 10/5/2023',
      preferredSigningDate: '2026-12-05',
      declaration: true,
    },
  },

  {
    key: 'death-registration',
    nationalCode: '1.000656',
    name: t('Đăng ký khai tử', 'Death registration'),
    field: 'civil-status',
    lifeEvents: ['death'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 3 },
      condition: t('Khi cần xác minh', 'When verification is needed'),
    },
    cutoffTime: '15:00',
    fees: [
      exempt(t('Lệ phí đăng ký khai tử đúng hạn', 'Charge for death registration on time'), [LAW.civilStatus], t(
        'Miễn lệ phí khi đăng ký trong 15 ngày kể từ ngày chết.',
        'Free when registered within 15 days of the death.',
      )),
      localFee('Lệ phí đăng ký khai tử không đúng hạn', 'Charge for late death registration', 8000),
    ],
    documents: [
      doc('declaration', t('Tờ khai đăng ký khai tử', 'Death registration form'), 'original', {
        template: 'Mẫu Tờ khai đăng ký khai tử (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('death-notice', t('Giấy báo tử hoặc giấy tờ thay Giấy báo tử', 'Death notice or a paper replacing it'), 'original', { store: true }),
      ID_PAPERS,
      AUTHORISATION,
    ],
    requirements: [
      t('Người thân thích của người chết có trách nhiệm đi khai tử trong 15 ngày kể từ ngày chết.', 'A relative must register the death within 15 days.'),
    ],
    result: { name: t('Trích lục khai tử', 'Death registration extract'), documentType: 'death-extract', electronic: true, validityMonths: null },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch ghi vào Sổ đăng ký khai tử, cập nhật Cơ sở dữ liệu hộ tịch điện tử và cơ sở dữ liệu dân cư.', 'The officer records the death and updates the civil-status and population databases.'),
      t('Chủ tịch UBND cấp xã ký Trích lục khai tử.', 'The commune PC chairperson signs the extract.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES],
    sourceNote:
      'Code 1.000656 (Hải Phòng commune list). Same day, 3 working days when verification is needed (Luật Hộ tịch Art. 34). Late-registration charge 8 000 đ: NQ 12/2018 Appendix 04.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người đi khai tử', 'Person registering the death')),
      {
        id: 'relation',
        title: t('Quan hệ với người chết', 'Relationship to the deceased'),
        fields: {
          applicantRelation: F.select(t('Quan hệ với người chết', 'Relationship to the deceased'), [
            ['spouse', 'Vợ, chồng', 'Spouse'],
            ['child', 'Con', 'Child'],
            ['parent', 'Cha, mẹ', 'Parent'],
            ['relative', 'Người thân thích khác', 'Other relative'],
            ['organisation', 'Đại diện cơ quan, tổ chức', 'Representative of an organisation'],
          ]),
        },
      },
      {
        id: 'deceased',
        title: t('Thông tin người chết', 'The deceased'),
        fields: {
          deceasedFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          deceasedPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
          deceasedDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          deceasedSex: F.radio(t('Giới tính', 'Sex'), SEX),
          deathDate: F.date(t('Ngày chết', 'Date of death')),
          deathTime: F.text(t('Giờ, phút chết', 'Time of death'), { pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', optional: true, help: t('Dạng giờ:phút, ví dụ 14:30', 'As hours:minutes, e.g. 14:30') }),
          deathPlace: F.text(t('Nơi chết', 'Place of death'), { max: 300 }),
          deathCommune: F.adminUnit(t('Xã, phường nơi chết', 'Commune of death')),
          deathCause: F.text(t('Nguyên nhân chết', 'Cause of death'), { max: 200, optional: true }),
        },
      },
      {
        id: 'death-notice',
        title: t('Giấy báo tử', 'Death notice'),
        fields: {
          deathNoticeIssuer: F.text(t('Cơ quan cấp Giấy báo tử', 'Issuer of the death notice'), { max: 200 }),
          deathNoticeNumber: F.text(t('Số Giấy báo tử', 'Death notice number'), { max: 30, optional: true }),
          deathNoticeDate: F.date(t('Ngày cấp Giấy báo tử', 'Date of the death notice')),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowSameDay(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      applicantRelation: 'child',
      deceasedFullName: 'Nguyễn Văn Tư',
      deceasedPersonalId: '031052000871',
      deceasedDateOfBirth: '1952-01-08',
      deceasedSex: 'male',
      deathDate: '2026-11-20',
      deathTime: '05:40',
      deathPlace: 'Bệnh viện Hữu nghị Việt Tiệp, thành phố Hải Phòng',
      deathCommune: '11383',
      deathCause: 'Bệnh già',
      deathNoticeIssuer: 'Bệnh viện Hữu nghị Việt Tiệp',
      deathNoticeNumber: 'BT-2026-0912',
      deathNoticeDate: '2026-11-20',
      deliveryMethod: 'electronic',
      declaration: true,
    },
  },

  {
    key: 'marital-status-certificate',
    nationalCode: '1.004873',
    name: t('Cấp Giấy xác nhận tình trạng hôn nhân', 'Issuance of a certificate of marital status'),
    field: 'civil-status',
    lifeEvents: ['marriage', 'legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 13 },
      condition: t(
        'Khi cần xác minh tình trạng hôn nhân tại nơi người yêu cầu đã từng cư trú',
        'When the marital status must be checked where the applicant lived before',
      ),
    },
    cutoffTime: null,
    fees: [localFee('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 'Charge for a certificate of marital status', 5000)],
    documents: [
      doc('declaration', t('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'Application for a certificate of marital status'), 'original', {
        template: 'Mẫu Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('divorce', t('Bản án, quyết định ly hôn hoặc giấy tờ chứng minh vợ/chồng đã chết', 'Divorce judgment, or proof that the spouse died'), 'copy', {
        when: t('Khi đã từng kết hôn', 'When previously married'),
        store: true,
        registry: true,
      }),
      doc('previous-certificate', t('Giấy xác nhận tình trạng hôn nhân đã cấp trước đây', 'Certificate of marital status issued before'), 'original', {
        when: t('Khi đề nghị cấp lại để sử dụng vào mục đích khác hoặc do hết hạn', 'When asking again for another purpose or after expiry'),
      }),
      ID_PAPERS,
    ],
    requirements: [],
    result: {
      name: t('Giấy xác nhận tình trạng hôn nhân', 'Certificate of marital status'),
      documentType: 'marital-status-certificate',
      electronic: true,
      validityMonths: 6,
      validityNote: t('Có giá trị 6 tháng kể từ ngày cấp, chỉ dùng cho mục đích đã ghi.', 'Valid for 6 months from issue, only for the stated purpose.'),
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch tra cứu cơ sở dữ liệu, xác minh tại nơi cư trú trước đây khi cần.', 'The officer checks the databases and, if needed, the places of earlier residence.'),
      t('Chủ tịch UBND cấp xã ký Giấy xác nhận.', 'The commune PC chairperson signs the certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES],
    sourceNote:
      'Code 1.004873 (Hải Phòng commune list). 3 working days and 6-month validity: Decree 123/2015 Arts. 22–23; the extended limit (10 more working days for verification) follows Art. 22(2) as we read it. Charge 5 000 đ: NQ 12/2018 Appendix 04.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'status',
        title: t('Tình trạng hôn nhân', 'Marital status'),
        fields: {
          maritalStatus: F.radio(t('Tình trạng hôn nhân hiện nay', 'Current marital status'), [
            ['never-married', 'Chưa đăng ký kết hôn với ai', 'Never married'],
            ['divorced', 'Đã ly hôn, chưa kết hôn lại', 'Divorced, not remarried'],
            ['widowed', 'Vợ/chồng đã chết, chưa kết hôn lại', 'Widowed, not remarried'],
            ['married', 'Đang có vợ/chồng', 'Married'],
          ]),
          purpose: F.radio(t('Mục đích sử dụng', 'Purpose'), [
            ['marriage', 'Để đăng ký kết hôn', 'To marry'],
            ['other', 'Mục đích khác', 'Another purpose'],
          ]),
          intendedSpouseName: F.text(t('Họ tên người dự định kết hôn', 'Name of the intended spouse'), {
            max: 100,
            visibleIf: { field: 'purpose', equals: 'marriage' },
          }),
          intendedMarriagePlace: F.text(t('Nơi dự định đăng ký kết hôn', 'Where the marriage will be registered'), {
            max: 200,
            visibleIf: { field: 'purpose', equals: 'marriage' },
          }),
          otherPurpose: F.text(t('Mục đích khác (ghi rõ)', 'Other purpose (specify)'), { max: 200, visibleIf: { field: 'purpose', equals: 'other' } }),
        },
      },
      {
        id: 'previous-residences',
        title: t('Nơi cư trú trước đây', 'Earlier places of residence'),
        fields: {
          previousResidences: F.repeat(
            t('Nơi đã cư trú trong thời gian cần xác nhận', 'Places lived in during the period to certify'),
            t('Nơi cư trú', 'Residence'),
            {
              address: F.text(t('Địa chỉ', 'Address'), { max: 300 }),
              fromDate: F.date(t('Từ ngày', 'From')),
              toDate: F.date(t('Đến ngày', 'To')),
            },
            { optional: true, max: 10 },
          ),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      maritalStatus: 'never-married',
      purpose: 'marriage',
      intendedSpouseName: 'Phạm Thu Trang',
      intendedMarriagePlace: 'UBND phường Hồng Bàng, thành phố Hải Phòng',
      previousResidences: [
        { address: 'Số 20 đường Trần Phú, phường Ngô Quyền, thành phố Hải Phòng', fromDate: '2010-09-01', toDate: '2018-06-30' },
        { address: 'Ký túc xá Đại học Hàng hải, thành phố Hải Phòng', fromDate: '2006-09-01', toDate: '2010-08-31' },
      ],
      declaration: true,
    },
  },

  {
    key: 'civil-status-extract-copy',
    nationalCode: '2.000635',
    name: t('Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', 'Copies of civil-status extracts and birth certificates'),
    field: 'civil-status',
    lifeEvents: ['legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    cutoffTime: '15:00',
    fees: [{ ...extractCopyFee, name: t('Phí cấp bản sao trích lục hộ tịch', 'Fee for a copy of a civil-status extract') }],
    documents: [
      doc('request', t('Tờ khai cấp bản sao trích lục hộ tịch', 'Request for copies of a civil-status extract'), 'original', {
        template: 'Mẫu Tờ khai cấp bản sao trích lục hộ tịch (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      ID_PAPERS,
      AUTHORISATION,
    ],
    requirements: [],
    result: { name: t('Bản sao trích lục hộ tịch', 'Copy of the civil-status extract'), documentType: 'civil-status-extract-copy', electronic: true, validityMonths: null },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử và in bản sao.', 'The officer finds the record and prints the copies.'),
      t('Lãnh đạo UBND cấp xã ký bản sao.', 'A commune PC leader signs the copies.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.communeAny, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, LAW.civilStatusCopyFee],
    sourceNote:
      'Code 2.000635 (Hải Phòng, decision amending the Department of Justice procedures, 2026). Fee 8 000 đ per copy: Circular 281/2016/TT-BTC (a central fee, not covered by the city\'s 0 đ online resolution).',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'record',
        title: t('Thông tin việc hộ tịch', 'The civil-status record'),
        fields: {
          eventType: F.select(t('Loại việc hộ tịch', 'Kind of record'), [
            ['birth', 'Khai sinh', 'Birth'],
            ['marriage', 'Kết hôn', 'Marriage'],
            ['death', 'Khai tử', 'Death'],
            ['guardianship', 'Giám hộ', 'Guardianship'],
            ['parentage', 'Nhận cha, mẹ, con', 'Recognition of parentage'],
            ['change', 'Thay đổi, cải chính, bổ sung hộ tịch', 'Change or correction of civil status'],
          ]),
          subjectFullName: F.text(t('Họ tên người được cấp bản sao', 'Name on the record'), { max: 100 }),
          subjectDateOfBirth: F.date(t('Ngày sinh của người đó', "That person's date of birth")),
          registeredAt: F.text(t('Nơi đã đăng ký', 'Where it was registered'), { max: 200 }),
          registrationNumber: F.text(t('Số đăng ký (nếu biết)', 'Registration number (if known)'), { max: 30, optional: true }),
          registrationDate: F.date(t('Ngày đăng ký (nếu biết)', 'Registration date (if known)'), { optional: true }),
          copies: F.integer(t('Số bản sao', 'Number of copies'), { min: 1, max: 20 }),
          purpose: F.text(t('Mục đích sử dụng', 'Purpose'), { max: 200, optional: true }),
        },
      },
      deliverySection(),
    ]),
    workflow: workflowSameDay(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      eventType: 'birth',
      subjectFullName: 'Nguyễn Văn Hùng',
      subjectDateOfBirth: '1988-03-15',
      registeredAt: 'UBND xã Vĩnh Bảo, thành phố Hải Phòng',
      copies: 3,
      purpose: 'Bổ sung hồ sơ nhập học cho con',
      deliveryMethod: 'postal',
      deliveryAddress: 'Số 12 đường Lạch Tray, phường Lê Chân, thành phố Hải Phòng',
    },
  },

  {
    key: 'civil-status-change-correction',
    nationalCode: '1.004859',
    name: t('Thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Change, correction or supplement of civil-status information'),
    field: 'civil-status',
    lifeEvents: ['legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 6 },
      condition: t('Khi cần xác minh', 'When verification is needed'),
    },
    cutoffTime: null,
    fees: [
      localFee(
        'Lệ phí thay đổi, cải chính hộ tịch cho người chưa đủ 14 tuổi; bổ sung hộ tịch',
        'Charge for a change or correction for a person under 14, or a supplement',
        10000,
      ),
    ],
    documents: [
      doc('declaration', t('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Application for a change, correction or supplement'), 'original', {
        template: 'Mẫu Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('evidence', t('Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung', 'Papers supporting the change'), 'copy', { store: true }),
      doc('original-certificate', t('Bản chính giấy tờ hộ tịch đã cấp', 'The civil-status paper issued before'), 'present-original', { store: true }),
      ID_PAPERS,
    ],
    requirements: [
      t('Việc thay đổi họ, chữ đệm, tên của người từ đủ 9 tuổi trở lên phải có sự đồng ý của người đó.', 'A change of name of a person aged 9 or more needs that person\'s consent.'),
    ],
    result: {
      name: t('Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Extract of the change, correction or supplement'),
      documentType: 'civil-status-change-extract',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch kiểm tra căn cứ, xác minh khi cần, ghi vào Sổ hộ tịch.', 'The officer checks the grounds, verifies if needed and records the change.'),
      t('Chủ tịch UBND cấp xã ký Trích lục.', 'The commune PC chairperson signs the extract.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES],
    sourceNote:
      'Code 1.004859 (Hải Phòng commune list). 3 working days, +3 when verification is needed (Luật Hộ tịch Art. 28). Charge 10 000 đ: NQ 12/2018 Appendix 04.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'subject',
        title: t('Người có thông tin cần thay đổi', 'Person whose record changes'),
        fields: {
          subjectIsApplicant: F.yesNo(t('Thay đổi thông tin của chính người yêu cầu', 'The record is the applicant\'s own')),
          subjectFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100, visibleIf: { field: 'subjectIsApplicant', equals: false } }),
          subjectPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number'), { visibleIf: { field: 'subjectIsApplicant', equals: false } }),
          subjectDateOfBirth: F.date(t('Ngày sinh', 'Date of birth'), { visibleIf: { field: 'subjectIsApplicant', equals: false } }),
        },
      },
      {
        id: 'request',
        title: t('Nội dung đề nghị', 'Request'),
        fields: {
          requestType: F.radio(t('Loại yêu cầu', 'Kind of request'), [
            ['change', 'Thay đổi', 'Change'],
            ['correction', 'Cải chính', 'Correction'],
            ['supplement', 'Bổ sung', 'Supplement'],
          ]),
          recordType: F.select(t('Giấy tờ hộ tịch liên quan', 'Civil-status record concerned'), [
            ['birth', 'Giấy khai sinh', 'Birth certificate'],
            ['marriage', 'Giấy chứng nhận kết hôn', 'Marriage certificate'],
            ['death', 'Trích lục khai tử', 'Death extract'],
          ]),
          changes: F.repeat(
            t('Các thông tin đề nghị thay đổi', 'Items to change'),
            t('Thông tin', 'Item'),
            {
              item: F.text(t('Thông tin cần thay đổi', 'Item'), { max: 100 }),
              currentValue: F.text(t('Nội dung hiện ghi', 'Current entry'), { max: 200, optional: true }),
              newValue: F.text(t('Nội dung đề nghị ghi', 'Requested entry'), { max: 200 }),
            },
            { min: 1, max: 10 },
          ),
          reason: F.textarea(t('Lý do', 'Reason'), { max: 1000 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Xác minh căn cứ thay đổi', 'Verify the grounds')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      subjectIsApplicant: false,
      subjectFullName: 'Nguyễn Gia Bảo',
      subjectPersonalId: '031217009876',
      subjectDateOfBirth: '2017-05-04',
      requestType: 'correction',
      recordType: 'birth',
      changes: [{ item: 'Quê quán', currentValue: 'Hải Dương', newValue: 'Thành phố Hải Phòng' }],
      reason: 'Ghi sai quê quán so với hồ sơ gốc của người cha.',
      declaration: true,
    },
  },

  {
    key: 'birth-re-registration',
    nationalCode: '1.004884',
    name: t('Đăng ký lại khai sinh', 'Re-registration of a birth'),
    field: 'civil-status',
    lifeEvents: ['birth', 'legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 5 },
    cutoffTime: null,
    fees: [localFee('Lệ phí đăng ký lại khai sinh', 'Charge for re-registration of a birth', 8000)],
    documents: [
      doc('declaration', t('Tờ khai đăng ký lại khai sinh', 'Application for re-registration of a birth'), 'original', {
        template: 'Mẫu Tờ khai đăng ký lại khai sinh (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('old-copy', t('Bản sao Giấy khai sinh trước đây (nếu có)', 'Copy of the earlier birth certificate (if any)'), 'copy', {
        when: t('Khi còn giữ bản sao', 'When a copy is still held'),
        store: true,
      }),
      doc('personal-records', t('Giấy tờ, tài liệu có nội dung khai sinh (hồ sơ học tập, hồ sơ cán bộ…)', 'Papers showing the birth details (school records, personnel records…)'), 'copy', {
        store: true,
      }),
      ID_PAPERS,
    ],
    requirements: [
      t('Việc khai sinh đã đăng ký tại cơ quan có thẩm quyền của Việt Nam nhưng Sổ hộ tịch và bản chính giấy tờ hộ tịch đều bị mất.', 'The birth was registered in Vietnam but both the register and the original certificate are lost.'),
    ],
    result: { name: t('Giấy khai sinh (đăng ký lại)', 'Birth certificate (re-registered)'), documentType: 'birth-certificate', electronic: true, validityMonths: null },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch kiểm tra, xác minh việc đã đăng ký trước đây.', 'The officer checks that the birth had been registered.'),
      t('Chủ tịch UBND cấp xã ký Giấy khai sinh.', 'The commune PC chairperson signs the birth certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, ...CIVIL_STATUS_FEE_BASES],
    sourceNote: 'Code 1.004884 (Hải Phòng commune list). 5 working days: Decree 123/2015 Art. 27. Charge 8 000 đ: NQ 12/2018 Appendix 04.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'subject',
        title: t('Người được đăng ký lại khai sinh', 'Person whose birth is re-registered'),
        fields: {
          subjectFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          subjectSex: F.radio(t('Giới tính', 'Sex'), SEX),
          subjectDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          subjectBirthPlace: F.text(t('Nơi sinh', 'Place of birth'), { max: 300 }),
          originalRegistrationPlace: F.text(t('Nơi đã đăng ký khai sinh trước đây', 'Where the birth was first registered'), { max: 200 }),
          originalRegistrationYear: F.integer(t('Năm đăng ký khai sinh trước đây', 'Year of the first registration'), { min: 1900, max: 2100, optional: true }),
          reason: F.textarea(t('Lý do đăng ký lại', 'Why the birth is re-registered'), { max: 1000 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Xác minh việc đăng ký trước đây', 'Verify the earlier registration')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      subjectFullName: 'Nguyễn Văn Hùng',
      subjectSex: 'male',
      subjectDateOfBirth: '1988-03-15',
      subjectBirthPlace: 'Trạm y tế xã Vĩnh Bảo, thành phố Hải Phòng',
      originalRegistrationPlace: 'UBND xã Vĩnh Bảo (cũ), thành phố Hải Phòng',
      originalRegistrationYear: 1988,
      reason: 'Sổ hộ tịch lưu tại xã bị hư hỏng do bão năm 2005, bản chính Giấy khai sinh bị thất lạc.',
      declaration: true,
    },
  },

  {
    key: 'guardianship-registration',
    nationalCode: '1.004837',
    name: t('Đăng ký giám hộ', 'Registration of guardianship'),
    field: 'civil-status',
    lifeEvents: ['legal-papers', 'social-support'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [exempt(t('Lệ phí đăng ký giám hộ', 'Charge for guardianship registration'), [LAW.civilStatus, ...CIVIL_STATUS_FEE_BASES])],
    documents: [
      doc('declaration', t('Tờ khai đăng ký giám hộ', 'Guardianship registration form'), 'original', {
        template: 'Mẫu Tờ khai đăng ký giám hộ (Thông tư 04/2020/TT-BTP)',
        eform: true,
      }),
      doc('appointment', t('Văn bản cử người giám hộ', 'Deed appointing the guardian'), 'original', {
        when: t('Khi giám hộ cử', 'For an appointed guardian'),
      }),
      doc('relationship', t('Giấy tờ chứng minh điều kiện làm người giám hộ đương nhiên', 'Proof of the conditions for a legal guardian'), 'copy', {
        when: t('Khi giám hộ đương nhiên có nhiều người cùng đủ điều kiện', 'For a legal guardian when several people qualify'),
        store: true,
      }),
      ID_PAPERS,
    ],
    requirements: [
      t('Người giám hộ đáp ứng điều kiện của Bộ luật Dân sự (Điều 49, 50).', 'The guardian meets the conditions of the Civil Code (Arts. 49, 50).'),
    ],
    result: { name: t('Trích lục đăng ký giám hộ', 'Extract of the guardianship registration'), documentType: 'guardianship-extract', electronic: true, validityMonths: null },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức tư pháp - hộ tịch kiểm tra điều kiện giám hộ, ghi vào Sổ đăng ký giám hộ.', 'The officer checks the guardianship and records it.'),
      t('Chủ tịch UBND cấp xã ký Trích lục.', 'The commune PC chairperson signs the extract.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...CIVIL_STATUS_BASES, 'Bộ luật Dân sự số 91/2015/QH13', ...CIVIL_STATUS_FEE_BASES],
    sourceNote: 'Code 1.004837 (Hải Phòng commune list). 3 working days: Luật Hộ tịch Art. 21. Free: Luật Hộ tịch Art. 11.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người giám hộ', 'Guardian')),
      {
        id: 'ward',
        title: t('Người được giám hộ', 'Person under guardianship'),
        fields: {
          wardFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          wardDateOfBirth: F.date(t('Ngày, tháng, năm sinh', 'Date of birth')),
          wardPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number'), { optional: true }),
          wardResidence: F.text(t('Nơi cư trú', 'Place of residence'), { max: 300 }),
          guardianshipKind: F.radio(t('Hình thức giám hộ', 'Kind of guardianship'), [
            ['appointed', 'Giám hộ cử', 'Appointed guardian'],
            ['legal', 'Giám hộ đương nhiên', 'Guardian by law'],
          ]),
          guardianshipReason: F.select(t('Lý do cần giám hộ', 'Why a guardian is needed'), [
            ['orphan', 'Chưa thành niên không còn cha, mẹ', 'Minor without parents'],
            ['parents-unable', 'Cha, mẹ không đủ điều kiện chăm sóc', 'Parents unable to care'],
            ['incapacity', 'Người mất năng lực hành vi dân sự', 'Person without legal capacity'],
          ]),
          relationship: F.text(t('Quan hệ giữa người giám hộ và người được giám hộ', 'Relationship between guardian and ward'), { max: 100 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      wardFullName: 'Nguyễn Thị Hoa',
      wardDateOfBirth: '2014-02-11',
      wardResidence: 'Số 12 đường Lạch Tray, phường Lê Chân, thành phố Hải Phòng',
      guardianshipKind: 'legal',
      guardianshipReason: 'orphan',
      relationship: 'Chú ruột',
      declaration: true,
    },
  },
];
