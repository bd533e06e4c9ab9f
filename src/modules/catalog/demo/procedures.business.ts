import { buildForm, doc, F, t } from './builders';
import {
  applicantSection,
  businessApplicantSection,
  declarationSection,
  deliverySection,
  LAW,
  PLACE,
  SAMPLE_APPLICANT,
  SAMPLE_BUSINESS,
  SAMPLE_DELIVERY,
  STEP,
  workflowStandard,
} from './common';
import type { FeeItem, ProcedureVersionInput } from './types';

/**
 * Household business registration (đăng ký hộ kinh doanh) at the commune, and one enterprise procedure at the
 * provincial business registration office (Department of Finance). Decree 168/2025/NĐ-CP; forms in Circular
 * 68/2025/TT-BTC; Hải Phòng charges 0 đồng for household business registration (Resolution 12/2026/NQ-HĐND).
 */

const COMMUNE_REGISTRAR = t("Ủy ban nhân dân cấp xã (cơ quan đăng ký kinh doanh cấp xã)", "Commune People's Committee (commune business registration office)");
const HKD_BASES = [LAW.enterpriseLaw, LAW.businessRegistration, LAW.businessForms];

const HKD_FEE: FeeItem = {
  type: 'exempt',
  nature: 'le-phi',
  name: t('Lệ phí đăng ký hộ kinh doanh: 0 đồng', 'Household business registration charge: 0 VND'),
  legalBasis: [LAW.hpBusinessFees],
  note: t(
    'Mức thu 0 đồng/lần cấp cho mọi hình thức nộp hồ sơ, từ 08/8/2026 đến 31/12/2031.',
    '0 VND per issue for every channel, from 8 Aug 2026 to 31 Dec 2031.',
  ),
};

const HKD_REQUEST = (vi: string, en: string) =>
  doc('request', t(vi, en), 'original', { template: 'Mẫu theo Thông tư 68/2025/TT-BTC', eform: true });

const householdBusinessSection = () => ({
  id: 'household-business',
  title: t('Hộ kinh doanh', 'Household business'),
  fields: {
    hkdNumber: F.text(t('Mã số hộ kinh doanh', 'Household business number'), { max: 20, binding: 'householdBusiness.registrationNumber' }),
    hkdName: F.text(t('Tên hộ kinh doanh', 'Household business name'), { max: 200, binding: 'householdBusiness.name' }),
  },
});

const SAMPLE_HKD = { hkdNumber: '31L8001234', hkdName: 'Hộ kinh doanh Tiệm bánh Hùng Mai' };

export const BUSINESS_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'household-business-registration',
    nationalCode: '1.001612',
    name: t('Đăng ký thành lập hộ kinh doanh', 'Registration of a household business'),
    field: 'household-business',
    lifeEvents: ['business'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_REGISTRAR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [HKD_FEE],
    documents: [
      HKD_REQUEST('Giấy đề nghị đăng ký hộ kinh doanh', 'Application for household business registration'),
      doc('members-minutes', t('Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh', 'Minutes of the family meeting agreeing to set up the business'), 'copy', {
        when: t('Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh', 'When family members register the business together'),
      }),
      doc('authorisation', t('Văn bản ủy quyền cho thành viên làm chủ hộ kinh doanh', 'Authorisation of the member acting as owner'), 'copy', {
        when: t('Khi các thành viên hộ gia đình cùng đăng ký hộ kinh doanh', 'When family members register the business together'),
        store: true,
      }),
    ],
    requirements: [
      t('Tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp xã.', 'The name is not already used by a household business in the commune.'),
      t('Ngành, nghề kinh doanh không bị cấm đầu tư kinh doanh.', 'The business lines are not prohibited.'),
    ],
    result: {
      name: t('Giấy chứng nhận đăng ký hộ kinh doanh', 'Household business registration certificate'),
      documentType: 'household-business-certificate',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Cơ quan đăng ký kinh doanh cấp xã kiểm tra hồ sơ, tên và ngành nghề; cấp mã số hộ kinh doanh.', 'The commune registrar checks the name and business lines and assigns a number.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...HKD_BASES, LAW.hpBusinessFees],
    sourceNote:
      'Code 1.001612 (Hải Phòng commune list, May 2026). 3 working days: Decree 168/2025/NĐ-CP. 0 đ charge: NQ 12/2026/NQ-HĐND Hải Phòng.',
    effectiveFrom: '2026-08-08',
    eform: buildForm([
      applicantSection(t('Chủ hộ kinh doanh', 'Owner')),
      {
        id: 'business',
        title: t('Thông tin hộ kinh doanh', 'The business'),
        fields: {
          businessName: F.text(t('Tên hộ kinh doanh', 'Business name'), { max: 200 }),
          businessAddress: F.text(t('Địa điểm kinh doanh', 'Business address'), { max: 300 }),
          businessCommune: F.adminUnit(t('Xã, phường nơi đặt địa điểm kinh doanh', 'Commune of the business address')),
          businessPhone: F.phone(t('Điện thoại của hộ kinh doanh', 'Business phone'), { optional: true }),
          capitalVnd: F.integer(t('Vốn kinh doanh (đồng)', 'Capital (VND)'), { min: 0 }),
          employees: F.integer(t('Số lao động', 'Number of workers'), { min: 0, max: 1000, optional: true }),
          businessLines: F.repeat(
            t('Ngành, nghề kinh doanh', 'Business lines'),
            t('Ngành', 'Line'),
            {
              code: F.text(t('Mã ngành cấp 4 (VSIC)', 'Level-4 industry code (VSIC)'), { pattern: '^[0-9]{4}$' }),
              description: F.text(t('Mô tả ngành, nghề', 'Description'), { max: 300 }),
            },
            { min: 1, max: 20 },
          ),
        },
      },
      {
        id: 'members',
        title: t('Thành viên hộ gia đình cùng đăng ký', 'Family members registering together'),
        fields: {
          familyMembers: F.repeat(
            t('Thành viên', 'Members'),
            t('Thành viên', 'Member'),
            {
              fullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
              personalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
            },
            { optional: true, max: 10 },
          ),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      businessName: 'Hộ kinh doanh Tiệm bánh Hùng Mai',
      businessAddress: 'Số 30 phố Cát Cụt, phường Lê Chân',
      businessCommune: '11383',
      capitalVnd: 150000000,
      employees: 3,
      businessLines: [
        { code: '1071', description: 'Sản xuất các loại bánh từ bột' },
        { code: '4722', description: 'Bán lẻ thực phẩm trong các cửa hàng chuyên doanh' },
      ],
      familyMembers: [{ fullName: 'Trần Thị Mai', personalId: '031192002468' }],
      ...SAMPLE_DELIVERY,
      declaration: true,
    },
  },

  {
    key: 'household-business-change',
    nationalCode: '2.000720',
    name: t('Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', 'Change of household business registration details'),
    field: 'household-business',
    lifeEvents: ['business'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_REGISTRAR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [HKD_FEE],
    documents: [
      HKD_REQUEST('Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'Notice of change of household business details'),
      doc('members-minutes', t('Biên bản họp thành viên hộ gia đình về việc thay đổi', 'Minutes of the family meeting on the change'), 'copy', {
        when: t('Khi hộ kinh doanh do các thành viên hộ gia đình đăng ký', 'When the business was registered by family members'),
      }),
    ],
    requirements: [t('Thông báo trong 10 ngày kể từ ngày có thay đổi.', 'Notify within 10 days of the change.')],
    result: {
      name: t('Giấy chứng nhận đăng ký hộ kinh doanh (cập nhật)', 'Updated household business registration certificate'),
      documentType: 'household-business-certificate',
      electronic: true,
      validityMonths: null,
    },
    steps: [STEP.submit, STEP.receive, t('Cơ quan đăng ký kinh doanh cấp xã cập nhật thông tin và cấp Giấy chứng nhận mới.', 'The registrar records the change and issues a new certificate.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [...HKD_BASES, LAW.hpBusinessFees],
    sourceNote: 'Code 2.000720 (Hải Phòng commune list, May 2026; checked against the national portal by the source). 3 working days: Decree 168/2025/NĐ-CP.',
    effectiveFrom: '2026-08-08',
    eform: buildForm([
      applicantSection(t('Chủ hộ kinh doanh', 'Owner')),
      householdBusinessSection(),
      {
        id: 'changes',
        title: t('Nội dung thay đổi', 'What changes'),
        fields: {
          changes: F.multi(
            t('Nội dung đăng ký thay đổi', 'Details to change'),
            [
              ['name', 'Tên hộ kinh doanh', 'Name'],
              ['address', 'Địa điểm kinh doanh', 'Address'],
              ['lines', 'Ngành, nghề kinh doanh', 'Business lines'],
              ['capital', 'Vốn kinh doanh', 'Capital'],
            ],
            { min: 1 },
          ),
          newName: F.text(t('Tên mới', 'New name'), { max: 200, visibleIf: { field: 'changes', equals: 'name' } }),
          newAddress: F.text(t('Địa điểm kinh doanh mới', 'New address'), { max: 300, visibleIf: { field: 'changes', equals: 'address' } }),
          newCommune: F.adminUnit(t('Xã, phường của địa điểm mới', 'Commune of the new address'), { visibleIf: { field: 'changes', equals: 'address' } }),
          newLines: F.textarea(t('Ngành, nghề sau khi thay đổi (mã và mô tả)', 'Business lines after the change (codes and descriptions)'), {
            max: 2000,
            visibleIf: { field: 'changes', equals: 'lines' },
          }),
          newCapitalVnd: F.integer(t('Vốn kinh doanh mới (đồng)', 'New capital (VND)'), { min: 0, visibleIf: { field: 'changes', equals: 'capital' } }),
          changeDate: F.date(t('Ngày có thay đổi', 'Date of the change')),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      ...SAMPLE_HKD,
      changes: ['address', 'capital'],
      newAddress: 'Số 88 đường Tô Hiệu, phường Lê Chân',
      newCommune: '11383',
      newCapitalVnd: 300000000,
      changeDate: '2026-11-18',
      declaration: true,
    },
  },

  {
    key: 'household-business-suspension',
    nationalCode: '1.001570',
    name: t(
      'Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh',
      'Suspension of a household business, or resumption before the notified date',
    ),
    field: 'household-business',
    lifeEvents: ['business'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_REGISTRAR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [
      {
        type: 'exempt',
        nature: 'le-phi',
        name: t('Không thu lệ phí', 'No charge'),
        legalBasis: [LAW.hpBusinessFees],
        note: t('Thông báo tạm ngừng không phải việc cấp Giấy chứng nhận nên không thu lệ phí.', 'A suspension notice is not a certificate issue, so no charge applies.'),
      },
    ],
    documents: [HKD_REQUEST('Thông báo về việc tạm ngừng hoặc tiếp tục kinh doanh', 'Notice of suspension or resumption')],
    requirements: [t('Thông báo chậm nhất 3 ngày làm việc trước ngày tạm ngừng hoặc tiếp tục kinh doanh.', 'Notify at least 3 working days before the date.')],
    result: {
      name: t('Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng hoặc tiếp tục kinh doanh', 'Confirmation of the suspension or resumption'),
      documentType: 'household-business-suspension-confirmation',
      electronic: true,
      validityMonths: null,
    },
    steps: [STEP.submit, STEP.receive, t('Cơ quan đăng ký kinh doanh cấp xã cập nhật tình trạng và cấp giấy xác nhận.', 'The registrar records the status and issues a confirmation.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: HKD_BASES,
    sourceNote: 'Code 1.001570 (Hải Phòng commune list, May 2026). 3 working days: Decree 168/2025/NĐ-CP.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Chủ hộ kinh doanh', 'Owner')),
      householdBusinessSection(),
      {
        id: 'request',
        title: t('Nội dung thông báo', 'Notice'),
        fields: {
          requestKind: F.radio(t('Loại thông báo', 'Kind of notice'), [
            ['suspend', 'Tạm ngừng kinh doanh', 'Suspend'],
            ['resume', 'Tiếp tục kinh doanh trước thời hạn', 'Resume early'],
          ]),
          suspendFrom: F.date(t('Tạm ngừng từ ngày', 'Suspend from'), { visibleIf: { field: 'requestKind', equals: 'suspend' } }),
          suspendTo: F.date(t('Đến ngày', 'Until'), { visibleIf: { field: 'requestKind', equals: 'suspend' } }),
          resumeDate: F.date(t('Tiếp tục kinh doanh từ ngày', 'Resume on'), { visibleIf: { field: 'requestKind', equals: 'resume' } }),
          reason: F.text(t('Lý do', 'Reason'), { max: 300, optional: true }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      ...SAMPLE_HKD,
      requestKind: 'suspend',
      suspendFrom: '2027-01-05',
      suspendTo: '2027-04-05',
      reason: 'Sửa chữa cửa hàng',
      declaration: true,
    },
  },

  {
    key: 'enterprise-head-office-change',
    nationalCode: null,
    codeNote: 'National code not confirmed for the current (Decree 168/2025) version; look it up in the national procedure database before publishing.',
    name: t('Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp', "Registration of a change of an enterprise's head office address"),
    field: 'enterprise',
    lifeEvents: ['business'],
    implementingLevel: 'province',
    agencyKind: 'dept-finance',
    decidingAuthority: t('Phòng Đăng ký kinh doanh, Sở Tài chính', 'Business Registration Office, Department of Finance'),
    applicantTypes: ['business'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 3 },
    cutoffTime: null,
    fees: [
      {
        type: 'fixed',
        nature: 'le-phi',
        name: t('Lệ phí đăng ký doanh nghiệp', 'Enterprise registration charge'),
        amountVnd: 50000,
        onlineAmountVnd: 0,
        per: t('lần', 'filing'),
        legalBasis: ['Thông tư 47/2019/TT-BTC'],
        note: t('Miễn lệ phí khi đăng ký qua mạng điện tử.', 'Free when filed online.'),
      },
      {
        type: 'fixed',
        nature: 'phi',
        name: t('Phí công bố nội dung đăng ký doanh nghiệp', 'Fee for publishing the registration'),
        amountVnd: 100000,
        per: t('lần công bố', 'publication'),
        legalBasis: ['Thông tư 47/2019/TT-BTC'],
      },
    ],
    documents: [
      doc('notice', t('Thông báo thay đổi nội dung đăng ký doanh nghiệp', 'Notice of change of registration details'), 'original', {
        template: 'Mẫu theo Thông tư 68/2025/TT-BTC',
        eform: true,
      }),
      doc('resolution', t('Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông về việc thay đổi trụ sở', "Owner's or members' resolution on the change"), 'copy'),
      doc('authorisation', t('Văn bản ủy quyền cho người nộp hồ sơ', 'Authorisation of the person filing'), 'copy', {
        when: t('Khi người nộp không phải người đại diện theo pháp luật', 'When the filer is not the legal representative'),
        store: true,
      }),
    ],
    requirements: [
      t(
        'Khi chuyển trụ sở sang địa bàn do cơ quan thuế khác quản lý, doanh nghiệp làm thủ tục với cơ quan thuế trước khi đăng ký thay đổi.',
        'When the move changes the tax office in charge, the enterprise settles with the tax office first.',
      ),
    ],
    result: {
      name: t('Giấy chứng nhận đăng ký doanh nghiệp (cập nhật địa chỉ)', 'Enterprise registration certificate (new address)'),
      documentType: 'enterprise-registration-certificate',
      electronic: true,
      validityMonths: null,
    },
    steps: [
      t('Doanh nghiệp nộp hồ sơ trên Hệ thống thông tin quốc gia về đăng ký doanh nghiệp hoặc tại Trung tâm Phục vụ hành chính công.', 'The enterprise files on the national business registration system or at the service centre.'),
      STEP.receive,
      t('Phòng Đăng ký kinh doanh xem xét và cấp Giấy chứng nhận mới.', 'The business registration office examines the filing and issues a new certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.city, PLACE.portal] },
    legalBases: [LAW.enterpriseLaw, LAW.businessRegistration, LAW.businessForms, 'Thông tư 47/2019/TT-BTC'],
    sourceNote:
      'Competence of the Department of Finance (business registration office) since the 2025 merger of planning and investment into finance. 3 working days: Decree 168/2025/NĐ-CP. Charges from Circular 47/2019/TT-BTC as we know them; check for later amendments.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      businessApplicantSection(),
      {
        id: 'new-office',
        title: t('Trụ sở chính mới', 'New head office'),
        fields: {
          newOfficeAddress: F.text(t('Địa chỉ trụ sở chính mới', 'New head office address'), { max: 300 }),
          newOfficeCommune: F.adminUnit(t('Xã, phường của trụ sở mới', 'Commune of the new head office')),
          newOfficePhone: F.phone(t('Điện thoại tại trụ sở mới', 'Phone at the new office'), { optional: true }),
          taxOfficeChanges: F.yesNo(t('Trụ sở mới thuộc cơ quan thuế khác quản lý', 'The new office falls under another tax office')),
          taxClearanceNumber: F.text(t('Số văn bản của cơ quan thuế', "Tax office's letter number"), {
            max: 50,
            visibleIf: { field: 'taxOfficeChanges', equals: true },
          }),
          resolutionDate: F.date(t('Ngày ra nghị quyết, quyết định thay đổi', 'Date of the resolution')),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_BUSINESS,
      businessPhone: '0225 384 2658',
      newOfficeAddress: 'Lô CN5, Khu công nghiệp Nam Đình Vũ, phường Đông Hải',
      newOfficeCommune: '11413',
      taxOfficeChanges: false,
      resolutionDate: '2026-11-10',
      declaration: true,
    },
  },
];
