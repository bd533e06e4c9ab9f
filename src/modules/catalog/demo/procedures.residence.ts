import { buildForm, doc, F, t } from './builders';
import { applicantSection, declarationSection, LAW, PLACE, SAMPLE_APPLICANT, STEP, workflowStandard } from './common';
import type { FeeItem, ProcedureVersionInput } from './types';

/**
 * Residence registration (cư trú) at the commune police. Codes of the Ministry of Public Security as listed on the
 * National Public Service Portal; charges from Circular 75/2022/TT-BTC (lower when filed online).
 */

const POLICE_HEAD = t('Trưởng Công an cấp xã', 'Head of the commune police');
const RESIDENCE_BASES = [LAW.residence, LAW.residenceDecree, LAW.residenceCircular];

const RESIDENCE_EXEMPTIONS = [
  t(
    'Trẻ em, người cao tuổi, người khuyết tật, người có công với cách mạng và thân nhân, người thuộc hộ nghèo, đồng bào dân tộc thiểu số ở xã đặc biệt khó khăn',
    'Children, the elderly, people with disabilities, people with meritorious services and their relatives, poor households, ethnic minorities in extremely disadvantaged communes',
  ),
];

const residenceFee = (vi: string, en: string, amountVnd: number, onlineAmountVnd: number): FeeItem => ({
  type: 'fixed',
  nature: 'le-phi',
  name: t(vi, en),
  amountVnd,
  onlineAmountVnd,
  per: t('lần đăng ký', 'registration'),
  legalBasis: [LAW.residenceFees],
  exemptions: RESIDENCE_EXEMPTIONS,
});

const FORM_CT01 = doc('form-ct01', t('Tờ khai thay đổi thông tin cư trú (Mẫu CT01)', 'Residence information change form (form CT01)'), 'original', {
  template: 'Mẫu CT01 (Thông tư 56/2021/TT-BCA, sửa đổi bởi Thông tư 66/2023/TT-BCA)',
  eform: true,
});
const LEGAL_HOME = doc(
  'legal-home',
  t('Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', 'Proof of lawful accommodation'),
  'copy',
  {
    when: t(
      'Trừ khi thông tin về chỗ ở đã có trong cơ sở dữ liệu chuyên ngành đã kết nối',
      'Unless the accommodation is already recorded in a connected database',
    ),
    store: true,
    registry: true,
  },
);
const OWNER_CONSENT = doc(
  'owner-consent',
  t('Ý kiến đồng ý của chủ hộ, chủ sở hữu chỗ ở hợp pháp', 'Consent of the household head or owner of the accommodation'),
  'original',
  {
    when: t('Khi đăng ký vào chỗ ở không thuộc quyền sở hữu của mình; có thể xác nhận qua VNeID', 'When the home is not your own; can be given in VNeID'),
  },
);

const HOUSING_BASIS = [
  ['own', 'Nhà thuộc sở hữu của mình', 'I own the home'],
  ['family', 'Nhà của người thân (vợ, chồng, cha, mẹ, con…)', "A relative's home"],
  ['rented', 'Nhà thuê, mượn, ở nhờ', 'Rented or borrowed home'],
] as const;

export const RESIDENCE_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'permanent-residence-registration',
    nationalCode: '1.004222',
    name: t('Đăng ký thường trú', 'Permanent residence registration'),
    field: 'residence',
    lifeEvents: ['housing'],
    implementingLevel: 'commune',
    agencyKind: 'police',
    decidingAuthority: POLICE_HEAD,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 7 },
    cutoffTime: null,
    fees: [residenceFee('Lệ phí đăng ký thường trú', 'Charge for permanent residence registration', 20000, 10000)],
    documents: [FORM_CT01, LEGAL_HOME, OWNER_CONSENT, doc(
      'kinship',
      t('Giấy tờ chứng minh quan hệ nhân thân với chủ hộ', 'Proof of the family relationship with the household head'),
      'copy',
      { when: t('Khi đăng ký vào hộ gia đình của người thân', "When joining a relative's household"), store: true, registry: true },
    )],
    requirements: [
      t('Có chỗ ở hợp pháp; đăng ký vào nhà thuê, mượn, ở nhờ phải bảo đảm diện tích tối thiểu do HĐND thành phố quy định.', 'You have lawful accommodation; rented or borrowed homes must meet the minimum floor area set by the city council.'),
    ],
    result: {
      name: t('Cập nhật thông tin thường trú vào Cơ sở dữ liệu về cư trú và thông báo kết quả', 'Permanent residence recorded in the residence database, with a notice'),
      documentType: 'residence-registration-notice',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công an cấp xã thẩm định, kiểm tra chỗ ở khi cần.', 'The commune police examine the dossier and check the home when needed.'),
      t('Cập nhật thông tin vào Cơ sở dữ liệu về cư trú, thông báo cho người đăng ký.', 'The residence database is updated and the applicant notified.'),
    ],
    submission: { channels: ['in-person', 'online'], places: [PLACE.communePolice, PLACE.portal, PLACE.vneid] },
    legalBases: [...RESIDENCE_BASES, LAW.residenceFees],
    sourceNote:
      'Code 1.004222 (Ministry of Public Security, National Public Service Portal). 7 working days: Luật Cư trú Art. 22. Charge 20 000 đ, 10 000 đ online: Circular 75/2022/TT-BTC.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người đăng ký thường trú', 'Person registering')),
      {
        id: 'new-address',
        title: t('Nơi đề nghị đăng ký thường trú', 'New permanent address'),
        fields: {
          newAddress: F.text(t('Địa chỉ (số nhà, đường, thôn, tổ dân phố)', 'Address (house number, street, hamlet)'), { max: 300 }),
          newCommune: F.adminUnit(t('Xã, phường, đặc khu', 'Commune or ward')),
          housingBasis: F.radio(t('Chỗ ở hợp pháp', 'Lawful accommodation'), HOUSING_BASIS),
          joinHousehold: F.yesNo(t('Nhập vào hộ gia đình đã có', 'Join an existing household')),
          householdHeadName: F.text(t('Họ tên chủ hộ', 'Name of the household head'), { max: 100, visibleIf: { field: 'joinHousehold', equals: true } }),
          householdHeadPersonalId: F.personalId(t('Số định danh cá nhân của chủ hộ', "Household head's personal ID"), {
            visibleIf: { field: 'joinHousehold', equals: true },
          }),
          relationToHead: F.text(t('Quan hệ với chủ hộ', 'Relationship to the household head'), { max: 50, visibleIf: { field: 'joinHousehold', equals: true } }),
        },
      },
      {
        id: 'members',
        title: t('Người cùng đăng ký', 'People registering with you'),
        fields: {
          coRegistrants: F.repeat(
            t('Thành viên cùng chuyển đến', 'Family members moving with you'),
            t('Thành viên', 'Member'),
            {
              fullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
              personalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
              relation: F.text(t('Quan hệ với người đăng ký', 'Relationship to you'), { max: 50 }),
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
      newAddress: 'Số 45 ngõ 102 đường Văn Cao, phường Hải An',
      newCommune: '11413',
      housingBasis: 'own',
      joinHousehold: false,
      coRegistrants: [{ fullName: 'Phạm Thu Trang', personalId: '031196003579', relation: 'Vợ' }],
      declaration: true,
    },
  },

  {
    key: 'temporary-residence-registration',
    nationalCode: '1.004194',
    name: t('Đăng ký tạm trú', 'Temporary residence registration'),
    field: 'residence',
    lifeEvents: ['housing', 'work', 'education'],
    implementingLevel: 'commune',
    agencyKind: 'police',
    decidingAuthority: POLICE_HEAD,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [residenceFee('Lệ phí đăng ký tạm trú (cá nhân, hộ gia đình)', 'Charge for temporary residence registration (individual or household)', 15000, 7000)],
    documents: [FORM_CT01, LEGAL_HOME, OWNER_CONSENT],
    requirements: [
      t('Đến sinh sống tại chỗ ở hợp pháp ngoài nơi thường trú từ 30 ngày trở lên; thời hạn tạm trú tối đa 2 năm và được gia hạn nhiều lần.', 'You live for 30 days or more away from your permanent residence; a registration lasts at most 2 years and can be extended.'),
    ],
    result: {
      name: t('Cập nhật thông tin tạm trú vào Cơ sở dữ liệu về cư trú và thông báo kết quả', 'Temporary residence recorded, with a notice'),
      documentType: 'residence-registration-notice',
      electronic: true,
      validityMonths: 24,
      validityNote: t('Theo thời hạn tạm trú đã đăng ký, tối đa 2 năm.', 'For the registered period, at most 2 years.'),
    },
    steps: [STEP.submit, STEP.receive, t('Công an cấp xã thẩm định, cập nhật Cơ sở dữ liệu về cư trú.', 'The commune police examine the dossier and update the database.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online'], places: [PLACE.communePolice, PLACE.portal, PLACE.vneid] },
    legalBases: [...RESIDENCE_BASES, LAW.residenceFees],
    sourceNote:
      'Code 1.004194 (Ministry of Public Security). 3 working days and 2-year maximum: Luật Cư trú Art. 27–28. Charge 15 000 đ, 7 000 đ online: Circular 75/2022/TT-BTC.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người đăng ký tạm trú', 'Person registering')),
      {
        id: 'temporary-address',
        title: t('Nơi tạm trú', 'Temporary address'),
        fields: {
          tempAddress: F.text(t('Địa chỉ nơi tạm trú', 'Temporary address'), { max: 300 }),
          tempCommune: F.adminUnit(t('Xã, phường, đặc khu', 'Commune or ward')),
          housingBasis: F.radio(t('Chỗ ở hợp pháp', 'Lawful accommodation'), HOUSING_BASIS),
          ownerName: F.text(t('Họ tên chủ nhà', "Owner's name"), { max: 100, visibleIf: { field: 'housingBasis', in: ['family', 'rented'] } }),
          ownerPhone: F.phone(t('Số điện thoại chủ nhà', "Owner's phone"), { visibleIf: { field: 'housingBasis', in: ['family', 'rented'] } }),
          startDate: F.date(t('Ngày bắt đầu tạm trú', 'Start date')),
          durationMonths: F.integer(t('Thời hạn tạm trú (tháng)', 'Duration (months)'), { min: 1, max: 24 }),
          reason: F.select(t('Lý do tạm trú', 'Reason'), [
            ['work', 'Lao động, làm việc', 'Work'],
            ['study', 'Học tập', 'Study'],
            ['family', 'Đoàn tụ gia đình', 'Family'],
            ['other', 'Lý do khác', 'Other'],
          ]),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      tempAddress: 'Phòng 305, nhà trọ số 9 ngõ 56 đường Lê Lợi, phường Gia Viên',
      tempCommune: '11383',
      housingBasis: 'rented',
      ownerName: 'Đỗ Thị Nga',
      ownerPhone: '0904 112 233',
      startDate: '2026-12-01',
      durationMonths: 12,
      reason: 'work',
      declaration: true,
    },
  },

  {
    key: 'temporary-residence-extension',
    nationalCode: '1.002755',
    name: t('Gia hạn tạm trú', 'Extension of temporary residence'),
    field: 'residence',
    lifeEvents: ['housing'],
    implementingLevel: 'commune',
    agencyKind: 'police',
    decidingAuthority: POLICE_HEAD,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [residenceFee('Lệ phí gia hạn tạm trú', 'Charge for extending temporary residence', 15000, 7000)],
    documents: [FORM_CT01, OWNER_CONSENT],
    requirements: [t('Nộp hồ sơ trong 15 ngày trước khi hết thời hạn tạm trú.', 'File within the 15 days before the registration expires.')],
    result: {
      name: t('Cập nhật thời hạn tạm trú mới và thông báo kết quả', 'New temporary residence period recorded, with a notice'),
      documentType: 'residence-registration-notice',
      electronic: true,
      validityMonths: 24,
    },
    steps: [STEP.submit, STEP.receive, t('Công an cấp xã cập nhật thời hạn tạm trú mới.', 'The commune police record the new period.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online'], places: [PLACE.communePolice, PLACE.portal, PLACE.vneid] },
    legalBases: [...RESIDENCE_BASES, LAW.residenceFees],
    sourceNote: 'Code 1.002755 (Ministry of Public Security). 3 working days: Luật Cư trú Art. 28. Charge as for a temporary registration under Circular 75/2022/TT-BTC (our reading).',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'extension',
        title: t('Gia hạn', 'Extension'),
        fields: {
          currentTempAddress: F.text(t('Địa chỉ đang tạm trú', 'Current temporary address'), { max: 300, binding: 'population.currentAddress' }),
          currentExpiryDate: F.date(t('Ngày hết hạn tạm trú hiện tại', 'Current expiry date')),
          extensionMonths: F.integer(t('Số tháng đề nghị gia hạn', 'Months of extension'), { min: 1, max: 24 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      currentTempAddress: 'Phòng 305, nhà trọ số 9 ngõ 56 đường Lê Lợi, phường Gia Viên, thành phố Hải Phòng',
      currentExpiryDate: '2026-12-10',
      extensionMonths: 12,
      declaration: true,
    },
  },

  {
    key: 'permanent-residence-removal',
    nationalCode: '1.003197',
    name: t('Xóa đăng ký thường trú', 'Removal of a permanent residence registration'),
    field: 'residence',
    lifeEvents: ['housing', 'death'],
    implementingLevel: 'commune',
    agencyKind: 'police',
    decidingAuthority: POLICE_HEAD,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 1 },
    cutoffTime: null,
    fees: [
      {
        type: 'exempt',
        nature: 'le-phi',
        name: t('Không thu lệ phí', 'No charge'),
        legalBasis: [LAW.residenceFees],
        note: t('Thông tư 75/2022/TT-BTC không quy định lệ phí cho việc xóa đăng ký thường trú.', 'Circular 75/2022/TT-BTC sets no charge for removal.'),
      },
    ],
    documents: [
      FORM_CT01,
      doc('grounds', t('Giấy tờ, tài liệu chứng minh thuộc trường hợp bị xóa đăng ký thường trú', 'Proof of the ground for removal'), 'copy', {
        store: true,
        registry: true,
      }),
    ],
    requirements: [
      t('Người thuộc hộ gia đình có trách nhiệm làm thủ tục trong 7 ngày kể từ ngày phát sinh căn cứ xóa đăng ký.', 'A household member must file within 7 days of the ground arising.'),
    ],
    result: { name: t('Thông báo xóa đăng ký thường trú', 'Notice of removal'), documentType: 'residence-removal-notice', electronic: true, validityMonths: null },
    steps: [STEP.submit, STEP.receive, t('Công an cấp xã xóa thông tin thường trú trong Cơ sở dữ liệu về cư trú.', 'The commune police remove the registration.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online'], places: [PLACE.communePolice, PLACE.portal, PLACE.vneid] },
    legalBases: [...RESIDENCE_BASES],
    sourceNote: 'Code 1.003197 (Ministry of Public Security). 1 working day: Luật Cư trú Art. 24. No charge listed in Circular 75/2022/TT-BTC.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người khai báo', 'Person filing')),
      {
        id: 'person',
        title: t('Người bị xóa đăng ký thường trú', 'Person whose registration is removed'),
        fields: {
          personFullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
          personPersonalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
          reason: F.select(t('Căn cứ xóa đăng ký', 'Ground for removal'), [
            ['died', 'Đã chết', 'Died'],
            ['abroad', 'Định cư ở nước ngoài', 'Settled abroad'],
            ['moved', 'Đã đăng ký thường trú ở nơi khác', 'Registered elsewhere'],
            ['other', 'Căn cứ khác', 'Other ground'],
          ]),
          reasonOther: F.textarea(t('Mô tả căn cứ khác', 'Describe the other ground'), { max: 1000, visibleIf: { field: 'reason', equals: 'other' } }),
          deathExtractNumber: F.text(t('Số Trích lục khai tử', 'Death extract number'), { max: 30, optional: true, visibleIf: { field: 'reason', equals: 'died' } }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      personFullName: 'Nguyễn Văn Tư',
      personPersonalId: '031052000871',
      reason: 'died',
      deathExtractNumber: '112/2026',
      declaration: true,
    },
  },
];
