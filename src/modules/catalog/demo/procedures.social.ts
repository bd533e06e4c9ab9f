import { buildForm, doc, F, t } from './builders';
import { applicantSection, declarationSection, exempt, LAW, PLACE, SAMPLE_APPLICANT, SAMPLE_APPLICANT_WOMAN, STEP, workflowStandard, workflowWithConsult } from './common';
import type { ProcedureVersionInput } from './types';

/**
 * Social protection (bảo trợ xã hội) and people with meritorious services (người có công), decided at the commune
 * since July 2025. Codes from the Hải Phòng commune list (2025–2026).
 */

const COMMUNE_PC_CHAIR = t('Chủ tịch Ủy ban nhân dân cấp xã', "Chairperson of the commune People's Committee");
const NO_FEE = (basis: string[]) => [exempt(t('Không thu phí, lệ phí', 'No fee or charge'), basis)];

const PAYMENT_FIELDS = {
  paymentMethod: F.radio(t('Hình thức nhận tiền', 'How to receive the money'), [
    ['bank', 'Chuyển khoản vào tài khoản ngân hàng', 'Bank transfer'],
    ['post', 'Nhận qua bưu điện', 'Through the post office'],
    ['cash', 'Nhận tiền mặt tại UBND cấp xã', 'Cash at the commune'],
  ]),
  bankName: F.text(t('Tên ngân hàng', 'Bank'), { max: 100, visibleIf: { field: 'paymentMethod', equals: 'bank' } }),
  bankAccount: F.text(t('Số tài khoản', 'Account number'), { pattern: '^[0-9]{6,20}$', visibleIf: { field: 'paymentMethod', equals: 'bank' } }),
  bankAccountHolder: F.text(t('Chủ tài khoản', 'Account holder'), { max: 100, visibleIf: { field: 'paymentMethod', equals: 'bank' } }),
};

export const SOCIAL_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'monthly-social-allowance',
    nationalCode: '1.001776',
    name: t(
      'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
      'Granting, adjusting or ending the monthly social allowance and monthly care support',
    ),
    field: 'social-protection',
    lifeEvents: ['social-support'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 15 },
    cutoffTime: null,
    fees: NO_FEE([LAW.socialAssistance]),
    documents: [
      doc('declaration', t('Tờ khai đề nghị trợ giúp xã hội', 'Application for social assistance'), 'original', {
        template: 'Mẫu số 1a–1đ Phụ lục Nghị định 20/2021/NĐ-CP',
        eform: true,
      }),
      doc('disability', t('Giấy xác nhận khuyết tật', 'Disability certificate'), 'copy', {
        when: t('Đối với người khuyết tật', 'For people with disabilities'),
        store: true,
        registry: true,
      }),
      doc('poor-household', t('Giấy chứng nhận hộ nghèo', 'Poor-household certificate'), 'copy', {
        when: t('Khi điều kiện hưởng gắn với hộ nghèo', 'When eligibility depends on being a poor household'),
        store: true,
        registry: true,
      }),
    ],
    requirements: [t('Thuộc một trong các nhóm đối tượng quy định tại Điều 5 Nghị định 20/2021/NĐ-CP (đã sửa đổi).', 'Belongs to a group listed in Art. 5 of Decree 20/2021 (as amended).')],
    result: {
      name: t('Quyết định trợ cấp xã hội hàng tháng', 'Decision granting the monthly allowance'),
      documentType: 'social-allowance-decision',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Hội đồng xét duyệt cấp xã xem xét; niêm yết công khai kết quả 2 ngày làm việc.', 'The commune review council examines the case; the outcome is posted for 2 working days.'),
      t('Chủ tịch UBND cấp xã quyết định trợ cấp.', 'The commune PC chairperson decides.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.socialAssistance, 'Luật Người cao tuổi số 39/2009/QH12', LAW.disability],
    sourceNote:
      'Code 1.001776 (Hải Phòng list, July 2025). Commune chairperson decides since 1 July 2025. 15 working days is our sum of the review, notice and decision steps of Decree 20/2021 (as amended) without the former district step; check the provincial listing. Standard social-assistance level 500 000 đ/month (Decree 76/2024).',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người làm đơn', 'Person applying')),
      {
        id: 'beneficiary',
        title: t('Người hưởng trợ cấp', 'Beneficiary'),
        fields: {
          beneficiaryIsApplicant: F.yesNo(t('Người làm đơn là người hưởng', 'The applicant is the beneficiary')),
          beneficiaryFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100, visibleIf: { field: 'beneficiaryIsApplicant', equals: false } }),
          beneficiaryPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number'), { visibleIf: { field: 'beneficiaryIsApplicant', equals: false } }),
          beneficiaryDateOfBirth: F.date(t('Ngày sinh', 'Date of birth'), { visibleIf: { field: 'beneficiaryIsApplicant', equals: false } }),
          relationToBeneficiary: F.text(t('Quan hệ với người hưởng', 'Relationship to the beneficiary'), {
            max: 50,
            visibleIf: { field: 'beneficiaryIsApplicant', equals: false },
          }),
          category: F.select(t('Nhóm đối tượng', 'Group'), [
            ['orphan', 'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng', 'Child under 16 without support'],
            ['single-parent-poor', 'Người đơn thân thuộc hộ nghèo đang nuôi con nhỏ', 'Single parent in a poor household raising a child'],
            ['elderly-poor', 'Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng', 'Elderly person in a poor household without carers'],
            ['disabled', 'Người khuyết tật nặng, đặc biệt nặng', 'Person with a severe disability'],
            ['hiv-poor', 'Người nhiễm HIV/AIDS thuộc hộ nghèo', 'Person with HIV/AIDS in a poor household'],
          ]),
          disabilityCertificateNumber: F.text(t('Số Giấy xác nhận khuyết tật', 'Disability certificate number'), {
            max: 30,
            visibleIf: { field: 'category', equals: 'disabled' },
          }),
          receivesPension: F.yesNo(t('Đang hưởng lương hưu, trợ cấp bảo hiểm xã hội', 'Receives a pension or social-insurance benefit')),
        },
      },
      { id: 'payment', title: t('Nhận trợ cấp', 'Payment'), fields: PAYMENT_FIELDS },
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Hội đồng xét duyệt, niêm yết công khai', 'Review council and public notice')),
    sampleData: {
      ...SAMPLE_APPLICANT_WOMAN,
      beneficiaryIsApplicant: false,
      beneficiaryFullName: 'Trần Văn Lộc',
      beneficiaryPersonalId: '031048001122',
      beneficiaryDateOfBirth: '1948-04-09',
      relationToBeneficiary: 'Con gái',
      category: 'elderly-poor',
      receivesPension: false,
      paymentMethod: 'bank',
      bankName: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn',
      bankAccount: '2107205123456',
      bankAccountHolder: 'Trần Văn Lộc',
      declaration: true,
    },
  },

  {
    key: 'funeral-support-social-beneficiary',
    nationalCode: '1.001731',
    name: t('Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', 'Funeral cost support for social-assistance beneficiaries'),
    field: 'social-protection',
    lifeEvents: ['death', 'social-support'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: NO_FEE([LAW.socialAssistance]),
    documents: [
      doc('declaration', t('Tờ khai đề nghị hỗ trợ chi phí mai táng', 'Application for funeral support'), 'original', {
        template: 'Mẫu số 04 Phụ lục Nghị định 20/2021/NĐ-CP',
        eform: true,
      }),
      doc('death-extract', t('Trích lục khai tử', 'Death extract'), 'copy', { store: true, registry: true }),
    ],
    requirements: [t('Người chết đang hưởng trợ cấp xã hội hàng tháng hoặc thuộc diện được hỗ trợ mai táng.', 'The deceased received the monthly allowance or qualifies for funeral support.')],
    result: { name: t('Quyết định hỗ trợ chi phí mai táng', 'Decision granting funeral support'), documentType: 'funeral-support-decision', electronic: true, validityMonths: null },
    steps: [STEP.submit, STEP.receive, t('Công chức văn hóa - xã hội kiểm tra, trình quyết định.', 'The social-affairs officer checks and drafts the decision.'), t('Chủ tịch UBND cấp xã quyết định, chi trả hỗ trợ.', 'The chairperson decides and the support is paid.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.socialAssistance, LAW.interconnected],
    sourceNote:
      'Code 1.001731 (Hải Phòng list, July 2025). Support at least 20 times the standard level (10 000 000 đ at 500 000 đ): Decree 20/2021 Art. 11 as amended. The 3-working-day limit is our reading; check the provincial listing. Also available through the death-registration interconnection (Decree 63/2024).',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người tổ chức mai táng', 'Person who arranged the funeral')),
      {
        id: 'deceased',
        title: t('Người đã chết', 'The deceased'),
        fields: {
          deceasedFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          deceasedPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
          deathDate: F.date(t('Ngày chết', 'Date of death')),
          deathExtractNumber: F.text(t('Số Trích lục khai tử', 'Death extract number'), { max: 30 }),
          relationToDeceased: F.text(t('Quan hệ với người chết', 'Relationship to the deceased'), { max: 50 }),
        },
      },
      { id: 'payment', title: t('Nhận tiền hỗ trợ', 'Payment'), fields: PAYMENT_FIELDS },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT_WOMAN,
      deceasedFullName: 'Trần Văn Lộc',
      deceasedPersonalId: '031048001122',
      deathDate: '2026-11-15',
      deathExtractNumber: '98/2026',
      relationToDeceased: 'Con gái',
      paymentMethod: 'cash',
      declaration: true,
    },
  },

  {
    key: 'disability-assessment',
    nationalCode: '1.001699',
    name: t('Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', 'Assessment or reassessment of disability and issue of a disability certificate'),
    field: 'social-protection',
    lifeEvents: ['social-support'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'calendar-days', days: 30 },
    cutoffTime: null,
    fees: NO_FEE([LAW.disability, LAW.disabilityDecree]),
    documents: [
      doc('application', t('Đơn đề nghị xác định mức độ khuyết tật', 'Application for disability assessment'), 'original', {
        template: 'Mẫu số 01 Thông tư 01/2019/TT-BLĐTBXH',
        eform: true,
      }),
      doc('medical', t('Giấy tờ, bệnh án, kết luận của cơ sở y tế liên quan đến khuyết tật', 'Medical records relating to the disability'), 'copy', {
        when: t('Nếu có', 'If any'),
        store: true,
      }),
      doc('old-certificate', t('Giấy xác nhận khuyết tật đã cấp', 'Earlier disability certificate'), 'copy', {
        when: t('Khi đề nghị xác định lại', 'For a reassessment'),
        store: true,
      }),
    ],
    requirements: [t('Người được xác định mức độ khuyết tật có mặt khi Hội đồng đánh giá.', 'The person is present when the council assesses.')],
    result: {
      name: t('Giấy xác nhận khuyết tật', 'Disability certificate'),
      documentType: 'disability-certificate',
      electronic: false,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Chủ tịch UBND cấp xã triệu tập Hội đồng xác định mức độ khuyết tật; Hội đồng đánh giá trực tiếp.', 'The chairperson convenes the disability council, which assesses the person in person.'),
      t('Niêm yết kết luận, cấp Giấy xác nhận khuyết tật.', 'The conclusion is posted and the certificate issued.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.disability, LAW.disabilityDecree, LAW.disabilityCircular],
    sourceNote: 'Code 1.001699 (Hải Phòng list, July 2025). 30 days to convene the council: Law on Persons with Disabilities Art. 16. Partial online: in-person assessment.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người làm đơn', 'Person applying')),
      {
        id: 'person',
        title: t('Người được xác định mức độ khuyết tật', 'Person to be assessed'),
        fields: {
          personIsApplicant: F.yesNo(t('Người làm đơn là người khuyết tật', 'The applicant is the person to be assessed')),
          personFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100, visibleIf: { field: 'personIsApplicant', equals: false } }),
          personPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number'), { optional: true, visibleIf: { field: 'personIsApplicant', equals: false } }),
          personDateOfBirth: F.date(t('Ngày sinh', 'Date of birth'), { visibleIf: { field: 'personIsApplicant', equals: false } }),
          assessmentKind: F.radio(t('Đề nghị', 'Request'), [
            ['first', 'Xác định lần đầu', 'First assessment'],
            ['again', 'Xác định lại', 'Reassessment'],
          ]),
          disabilityTypes: F.multi(
            t('Dạng khuyết tật', 'Kind of disability'),
            [
              ['mobility', 'Khuyết tật vận động', 'Mobility'],
              ['hearing-speech', 'Khuyết tật nghe, nói', 'Hearing or speech'],
              ['vision', 'Khuyết tật nhìn', 'Vision'],
              ['mental', 'Khuyết tật thần kinh, tâm thần', 'Neurological or mental'],
              ['intellectual', 'Khuyết tật trí tuệ', 'Intellectual'],
              ['other', 'Khuyết tật khác', 'Other'],
            ],
            { min: 1 },
          ),
          otherDisability: F.text(t('Mô tả dạng khuyết tật khác', 'Describe the other disability'), {
            max: 300,
            visibleIf: { field: 'disabilityTypes', equals: 'other' },
          }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Hội đồng xác định mức độ khuyết tật đánh giá', 'Disability council assessment')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      personIsApplicant: false,
      personFullName: 'Nguyễn Gia Bảo',
      personPersonalId: '031217009876',
      personDateOfBirth: '2017-05-04',
      assessmentKind: 'first',
      disabilityTypes: ['hearing-speech'],
      declaration: true,
    },
  },

  {
    key: 'merit-relative-certificate',
    nationalCode: '1.010833',
    name: t('Cấp giấy xác nhận thân nhân của người có công', 'Certificate confirming a relative of a person with meritorious services'),
    field: 'people-with-merit',
    lifeEvents: ['social-support', 'legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 5 },
    cutoffTime: null,
    fees: NO_FEE([LAW.merit, LAW.meritDecree]),
    documents: [
      doc('application', t('Đơn đề nghị cấp giấy xác nhận thân nhân của người có công', 'Application for the certificate'), 'original', {
        template: 'Mẫu theo Nghị định 131/2021/NĐ-CP',
        eform: true,
      }),
      doc('kinship', t('Giấy tờ chứng minh quan hệ với người có công', 'Proof of the relationship'), 'copy', { store: true, registry: true }),
    ],
    requirements: [],
    result: { name: t('Giấy xác nhận thân nhân của người có công', 'Certificate of relationship to a person with meritorious services'), documentType: 'merit-relative-certificate', electronic: true, validityMonths: null },
    steps: [STEP.submit, STEP.receive, t('Công chức văn hóa - xã hội đối chiếu hồ sơ người có công.', "The officer checks the meritorious person's file."), t('Chủ tịch UBND cấp xã ký giấy xác nhận.', 'The chairperson signs the certificate.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.merit, LAW.meritDecree],
    sourceNote: 'Code 1.010833 (Hải Phòng list of Ministry of Home Affairs procedures, April 2026). The 5-working-day limit is our reading; check the provincial listing.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Thân nhân người có công', 'Relative')),
      {
        id: 'merit',
        title: t('Người có công', 'Person with meritorious services'),
        fields: {
          meritFullName: F.text(t('Họ, chữ đệm và tên người có công', 'Name of the person with meritorious services'), { max: 100 }),
          meritCategory: F.select(t('Diện người có công', 'Category'), [
            ['martyr', 'Liệt sĩ', 'Martyr'],
            ['war-invalid', 'Thương binh, người hưởng chính sách như thương binh', 'War invalid'],
            ['sick-soldier', 'Bệnh binh', 'Sick soldier'],
            ['resistance', 'Người hoạt động kháng chiến bị nhiễm chất độc hóa học', 'Resistance member exposed to toxic chemicals'],
            ['heroic-mother', 'Bà mẹ Việt Nam anh hùng', 'Heroic Vietnamese Mother'],
          ]),
          meritRecordNumber: F.text(t('Số hồ sơ hoặc số Giấy chứng nhận', 'File or certificate number'), { max: 50, optional: true }),
          relation: F.select(t('Quan hệ với người có công', 'Relationship'), [
            ['parent', 'Cha đẻ, mẹ đẻ', 'Parent'],
            ['spouse', 'Vợ hoặc chồng', 'Spouse'],
            ['child', 'Con', 'Child'],
            ['caregiver', 'Người có công nuôi liệt sĩ', 'Person who raised the martyr'],
          ]),
          purpose: F.text(t('Mục đích sử dụng', 'Purpose'), { max: 200 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      meritFullName: 'Nguyễn Văn Thành',
      meritCategory: 'martyr',
      meritRecordNumber: 'LS-31-004521',
      relation: 'child',
      purpose: 'Hưởng chế độ ưu đãi trong giáo dục cho con',
      declaration: true,
    },
  },
];
