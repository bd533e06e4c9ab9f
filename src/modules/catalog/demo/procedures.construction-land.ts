import { buildForm, doc, F, t } from './builders';
import {
  applicantSection,
  declarationSection,
  deliverySection,
  LAW,
  PLACE,
  SAMPLE_APPLICANT,
  SAMPLE_DELIVERY,
  STEP,
  workflowStandard,
  workflowWithConsult,
} from './common';
import type { FeeItem, ProcedureVersionInput, TieredFee } from './types';

/**
 * Construction permits for detached houses (commune level since July 2025) and land registration.
 * Hải Phòng charges: construction permits under Resolution 45/2018/NQ-HĐND Appendix 10; land certificate
 * charges and appraisal fees under Resolution 34/2025/NQ-HĐND; 0 đồng online under Resolution 23/2026/NQ-HĐND.
 */

const COMMUNE_PC_CHAIR = t('Chủ tịch Ủy ban nhân dân cấp xã', "Chairperson of the commune People's Committee");
const ONLINE_ZERO = t('0 đồng khi nộp trực tuyến (Nghị quyết 23/2026/NQ-HĐND, từ 08/8/2026).', '0 VND when filed online (Resolution 23/2026/NQ-HĐND, from 8 Aug 2026).');

const permitFee = (vi: string, en: string, amountVnd: number): FeeItem => ({
  type: 'fixed',
  nature: 'le-phi',
  name: t(vi, en),
  amountVnd,
  onlineAmountVnd: 0,
  per: t('giấy phép', 'permit'),
  legalBasis: [LAW.hpConstructionFees, LAW.hpOnlineZeroFees],
  exemptions: [
    t(
      'Người có công với cách mạng được hỗ trợ xây dựng nhà ở; hộ nghèo; người khuyết tật nặng được hỗ trợ kinh phí xây dựng nhà ở',
      'People with meritorious services receiving housing support; poor households; people with severe disabilities receiving housing support',
    ),
  ],
  note: ONLINE_ZERO,
});

const LAND_EXEMPTIONS = [
  t(
    'Trẻ em, hộ nghèo, người cao tuổi, người khuyết tật, người có công với cách mạng',
    'Children, poor households, the elderly, people with disabilities, people with meritorious services',
  ),
];

/** Resolution 34/2025/NQ-HĐND, Appendices I–II, individuals: by what the certificate covers. */
function landFees(kind: 'first' | 'change'): TieredFee[] {
  const charge = kind === 'first' ? [35000, 35000, 35000] : [25000, 25000, 30000];
  const appraisal = kind === 'first' ? [100000, 100000, 155000] : [125000, 155000, 170000];
  const tiers = (amounts: number[]) => [
    { id: 'land', label: t('Chỉ có quyền sử dụng đất', 'Land only'), amountVnd: amounts[0], onlineAmountVnd: 0 },
    { id: 'asset', label: t('Chỉ có tài sản gắn liền với đất', 'Attached assets only'), amountVnd: amounts[1], onlineAmountVnd: 0 },
    { id: 'land-and-asset', label: t('Đất và tài sản gắn liền với đất', 'Land and attached assets'), amountVnd: amounts[2], onlineAmountVnd: 0 },
  ];
  return [
    {
      type: 'tiered',
      nature: 'le-phi',
      name: t('Lệ phí cấp Giấy chứng nhận (cá nhân)', 'Certificate charge (individuals)'),
      per: t('Giấy chứng nhận', 'certificate'),
      tiers: tiers(charge),
      legalBasis: [LAW.hpLandFees, LAW.hpOnlineZeroFees],
      exemptions: LAND_EXEMPTIONS,
      note: ONLINE_ZERO,
    },
    {
      type: 'tiered',
      nature: 'phi',
      name: t('Phí thẩm định hồ sơ cấp Giấy chứng nhận (cá nhân)', 'Appraisal fee (individuals)'),
      per: t('hồ sơ', 'dossier'),
      tiers: tiers(appraisal),
      legalBasis: [LAW.hpLandFees, LAW.hpOnlineZeroFees],
      exemptions: LAND_EXEMPTIONS,
      note: ONLINE_ZERO,
    },
  ];
}

const LAND_USE = [
  ['ONT', 'Đất ở tại nông thôn', 'Rural residential land'],
  ['ODT', 'Đất ở tại đô thị', 'Urban residential land'],
  ['CLN', 'Đất trồng cây lâu năm', 'Perennial crop land'],
  ['HNK', 'Đất trồng cây hằng năm khác', 'Other annual crop land'],
  ['NTS', 'Đất nuôi trồng thủy sản', 'Aquaculture land'],
] as const;

const parcelFields = () => ({
  parcelNumber: F.text(t('Thửa đất số', 'Parcel number'), { max: 20 }),
  mapSheetNumber: F.text(t('Tờ bản đồ số', 'Map sheet number'), { max: 20 }),
  parcelAddress: F.text(t('Địa chỉ thửa đất', 'Parcel address'), { max: 300 }),
  parcelCommune: F.adminUnit(t('Xã, phường nơi có đất', 'Commune where the land is')),
  areaM2: F.number(t('Diện tích (m²)', 'Area (m²)'), { min: 1, max: 1000000 }),
});

export const CONSTRUCTION_LAND_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'construction-permit-detached-house',
    nationalCode: '1.013225',
    codeNote: 'Commune-level code for a new construction permit (level III/IV works and detached houses) as listed after the 2025 reorganisation; check the exact title in the provincial list.',
    name: t('Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', 'Construction permit for a new detached house'),
    field: 'construction',
    lifeEvents: ['housing', 'land-property'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 15 },
    cutoffTime: null,
    fees: [permitFee('Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 'Charge for a detached-house construction permit', 75000)],
    documents: [
      doc('application', t('Đơn đề nghị cấp giấy phép xây dựng', 'Application for a construction permit'), 'original', {
        template: 'Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP',
        eform: true,
      }),
      doc('land-papers', t('Giấy tờ chứng minh quyền sử dụng đất', 'Proof of the land-use right'), 'copy', { store: true, registry: true }),
      doc('drawings', t('Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)', 'Design drawings (plans, sections, elevations, foundations, utility connections)'), 'copy', {
        copies: 2,
      }),
      doc('neighbour-safety', t('Bản cam kết bảo đảm an toàn đối với công trình liền kề', 'Undertaking on the safety of adjoining buildings'), 'original', {
        when: t('Khi công trình có tầng hầm hoặc xây chen sát công trình liền kề', 'When there is a basement or the house is built against neighbours'),
      }),
    ],
    requirements: [
      t('Phù hợp quy hoạch chi tiết hoặc quy chế quản lý kiến trúc được phê duyệt.', 'Complies with the approved detailed plan or architecture rules.'),
      t('Nhà ở riêng lẻ dưới 7 tầng, tổng diện tích sàn dưới 500 m² được tự thiết kế theo quy định.', 'Houses under 7 storeys and 500 m² of floor area may be designed by the owner.'),
    ],
    result: { name: t('Giấy phép xây dựng', 'Construction permit'), documentType: 'construction-permit', electronic: true, validityMonths: 12, validityNote: t('Hết hiệu lực nếu không khởi công trong 12 tháng kể từ ngày cấp; được gia hạn.', 'Lapses if work has not started within 12 months; can be extended.') },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Công chức chuyên môn thẩm định hồ sơ, kiểm tra thực địa.', 'The specialist examines the dossier and inspects the site.'),
      t('Chủ tịch UBND cấp xã ký giấy phép.', 'The commune PC chairperson signs the permit.'),
      STEP.pay,
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.construction, LAW.constructionDecree, LAW.hpConstructionFees, LAW.hpOnlineZeroFees],
    sourceNote:
      'Commune competence since 1 July 2025. 15 days for detached houses: Construction Law Art. 102 (listed as working days by the province). Charge 75 000 đ: NQ 45/2018/NQ-HĐND Appendix 10; 0 đ online: NQ 23/2026. The Construction Law was rewritten in 2025: check exemptions and times for versions effective after 1 July 2026.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Chủ đầu tư', 'Owner')),
      { id: 'site', title: t('Địa điểm xây dựng', 'Site'), fields: { ...parcelFields(), landCertificateNumber: F.text(t('Số Giấy chứng nhận quyền sử dụng đất', 'Land certificate number'), { max: 30 }) } },
      {
        id: 'building',
        title: t('Quy mô công trình', 'The building'),
        fields: {
          storeys: F.integer(t('Số tầng trên mặt đất', 'Storeys above ground'), { min: 1, max: 15 }),
          hasBasement: F.yesNo(t('Có tầng hầm', 'Has a basement')),
          basementAreaM2: F.number(t('Diện tích tầng hầm (m²)', 'Basement area (m²)'), { min: 1, visibleIf: { field: 'hasBasement', equals: true } }),
          footprintM2: F.number(t('Diện tích xây dựng tầng 1 (m²)', 'Ground-floor footprint (m²)'), { min: 1 }),
          totalFloorAreaM2: F.number(t('Tổng diện tích sàn (m²)', 'Total floor area (m²)'), { min: 1 }),
          heightM: F.number(t('Chiều cao công trình (m)', 'Building height (m)'), { min: 1, max: 100 }),
          designedBy: F.radio(t('Đơn vị thiết kế', 'Designer'), [
            ['owner', 'Chủ đầu tư tự thiết kế', 'The owner'],
            ['firm', 'Tổ chức, cá nhân có năng lực thiết kế', 'A qualified designer'],
          ]),
          designerName: F.text(t('Tên đơn vị, cá nhân thiết kế', 'Designer name'), { max: 200, visibleIf: { field: 'designedBy', equals: 'firm' } }),
          designerLicence: F.text(t('Số chứng chỉ hành nghề thiết kế', "Designer's practising certificate"), { max: 50, optional: true, visibleIf: { field: 'designedBy', equals: 'firm' } }),
          plannedStart: F.date(t('Ngày dự kiến khởi công', 'Planned start')),
          durationMonths: F.integer(t('Thời gian thi công dự kiến (tháng)', 'Planned duration (months)'), { min: 1, max: 60 }),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Kiểm tra thực địa', 'Site inspection')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      parcelNumber: '215',
      mapSheetNumber: '12',
      parcelAddress: 'Tổ dân phố số 5, phường Hải An',
      parcelCommune: '11413',
      areaM2: 82.5,
      landCertificateNumber: 'DĐ 123456',
      storeys: 4,
      hasBasement: false,
      footprintM2: 70,
      totalFloorAreaM2: 280,
      heightM: 15.6,
      designedBy: 'firm',
      designerName: 'Công ty Cổ phần Tư vấn thiết kế Hải Phòng (ví dụ)',
      plannedStart: '2027-02-15',
      durationMonths: 8,
      ...SAMPLE_DELIVERY,
      declaration: true,
    },
  },

  {
    key: 'construction-permit-extension',
    nationalCode: '1.013227',
    codeNote: 'Commune-level code for extending a construction permit as listed after 2025; check the exact title in the provincial list.',
    name: t('Gia hạn giấy phép xây dựng', 'Extension of a construction permit'),
    field: 'construction',
    lifeEvents: ['housing'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 5 },
    cutoffTime: null,
    fees: [permitFee('Lệ phí gia hạn giấy phép xây dựng', 'Charge for extending a construction permit', 15000)],
    documents: [
      doc('application', t('Đơn đề nghị gia hạn giấy phép xây dựng', 'Application to extend the permit'), 'original', {
        template: 'Mẫu số 02 Phụ lục II Nghị định 175/2024/NĐ-CP',
        eform: true,
      }),
      doc('permit', t('Bản chính giấy phép xây dựng đã được cấp', 'The original permit'), 'original', { store: true }),
    ],
    requirements: [t('Nộp trước thời điểm giấy phép hết hiệu lực khởi công 30 ngày; mỗi giấy phép được gia hạn tối đa 2 lần, mỗi lần 12 tháng.', 'File 30 days before the permit lapses; at most two 12-month extensions.')],
    result: { name: t('Giấy phép xây dựng đã được gia hạn', 'Extended construction permit'), documentType: 'construction-permit', electronic: true, validityMonths: 12 },
    steps: [STEP.submit, STEP.receive, t('Công chức chuyên môn xem xét, trình gia hạn.', 'The specialist examines the request.'), t('Chủ tịch UBND cấp xã ký gia hạn.', 'The chairperson signs the extension.'), STEP.returnResult],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.construction, LAW.constructionDecree, LAW.hpConstructionFees, LAW.hpOnlineZeroFees],
    sourceNote: '5 working days: Construction Law Art. 102. Charge 15 000 đ (extension or reissue): NQ 45/2018/NQ-HĐND Appendix 10; 0 đ online: NQ 23/2026.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Chủ đầu tư', 'Owner')),
      {
        id: 'permit',
        title: t('Giấy phép xây dựng', 'The permit'),
        fields: {
          permitNumber: F.text(t('Số giấy phép', 'Permit number'), { max: 50 }),
          permitDate: F.date(t('Ngày cấp', 'Date of issue')),
          extensionMonths: F.integer(t('Thời gian đề nghị gia hạn (tháng)', 'Extension requested (months)'), { min: 1, max: 12 }),
          reason: F.textarea(t('Lý do chưa khởi công', 'Why work has not started'), { max: 1000 }),
        },
      },
      declarationSection(),
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      permitNumber: '45/GPXD-UBND',
      permitDate: '2026-01-20',
      extensionMonths: 12,
      reason: 'Gia đình chưa thu xếp đủ kinh phí xây dựng.',
      declaration: true,
    },
  },

  {
    key: 'land-first-registration',
    nationalCode: null,
    codeNote:
      'Procedure for individuals at commune level after Decree 151/2025/NĐ-CP; secondary sources give 1.012787 or 1.013978 for first registration and certificate issue, not verified.',
    name: t(
      'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu (cá nhân)',
      'First registration of land and attached assets, and first issue of the land-use right certificate (individuals)',
    ),
    field: 'land',
    lifeEvents: ['land-property', 'housing'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: COMMUNE_PC_CHAIR,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 20 },
    cutoffTime: null,
    fees: landFees('first'),
    documents: [
      doc('application', t('Đơn đăng ký đất đai, tài sản gắn liền với đất', 'Land registration form'), 'original', {
        template: 'Mẫu đơn theo Nghị định 151/2025/NĐ-CP',
        eform: true,
      }),
      doc('land-papers', t('Giấy tờ về quyền sử dụng đất (Điều 137 Luật Đất đai)', 'Papers on the land-use right (Land Law Art. 137)'), 'copy', {
        when: t('Khi có giấy tờ về quyền sử dụng đất', 'When such papers exist'),
        store: true,
      }),
      doc('survey', t('Mảnh trích đo bản đồ địa chính thửa đất', 'Cadastral survey extract of the parcel'), 'original', {
        when: t('Khi chưa có bản đồ địa chính hoặc hiện trạng đã thay đổi', 'When there is no cadastral map or the parcel has changed'),
      }),
      doc('asset-papers', t('Giấy tờ về quyền sở hữu nhà ở, tài sản gắn liền với đất', 'Papers on ownership of the house or assets'), 'copy', {
        when: t('Khi đề nghị chứng nhận tài sản gắn liền với đất', 'When the house or other assets are to be certified'),
        store: true,
      }),
      doc('tax-receipts', t('Chứng từ thực hiện nghĩa vụ tài chính', 'Receipts for financial obligations'), 'copy', {
        when: t('Khi đã nộp hoặc được ghi nợ nghĩa vụ tài chính', 'When financial obligations have been paid or deferred'),
        store: true,
      }),
    ],
    requirements: [
      t('Đất sử dụng ổn định, không tranh chấp, phù hợp quy hoạch sử dụng đất.', 'The land is used stably, without dispute, and fits the land-use plan.'),
      t('Tiền sử dụng đất, lệ phí trước bạ (nếu có) do cơ quan thuế xác định theo thông tin liên thông.', 'Land-use levy and registration tax, if any, are set by the tax office through the interconnection.'),
    ],
    result: {
      name: t('Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 'Land-use right and attached-asset ownership certificate'),
      documentType: 'land-use-right-certificate',
      electronic: false,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('UBND cấp xã kiểm tra hiện trạng, niêm yết công khai, lấy ý kiến khu dân cư.', 'The commune checks the parcel, posts the case publicly and consults residents.'),
      t('Chi nhánh Văn phòng đăng ký đất đai xác minh, chuyển thông tin địa chính cho cơ quan thuế.', 'The land registration branch verifies and sends the cadastral data to the tax office.'),
      t('Người sử dụng đất nộp nghĩa vụ tài chính; Chủ tịch UBND cấp xã ký Giấy chứng nhận.', 'The applicant pays any financial obligations; the chairperson signs the certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.commune, PLACE.portal] },
    legalBases: [LAW.land, LAW.landDecree, LAW.landDecentralisation, LAW.hpLandFees, LAW.hpOnlineZeroFees],
    sourceNote:
      'Commune chairperson signs first certificates for individuals since 1 July 2025 (Decree 151/2025/NĐ-CP). 20 working days is the Decree 101/2024 limit as we read it, excluding time for financial obligations; check the current figure. Fees: NQ 34/2025/NQ-HĐND Appendices I–II (individuals, first issue); 0 đ online: NQ 23/2026. Partial online: a site check is required.',
    effectiveFrom: '2026-01-01',
    eform: buildForm([
      applicantSection(t('Người sử dụng đất', 'Land user')),
      {
        id: 'parcel',
        title: t('Thửa đất', 'The parcel'),
        fields: {
          ...parcelFields(),
          landUse: F.select(t('Mục đích sử dụng đất', 'Land use'), LAND_USE),
          origin: F.select(t('Nguồn gốc sử dụng đất', 'Origin of the land use'), [
            ['papers', 'Có giấy tờ về quyền sử dụng đất', 'Held with papers'],
            ['stable-no-papers', 'Sử dụng ổn định, không có giấy tờ', 'Used stably without papers'],
            ['inherited', 'Được thừa kế, tặng cho', 'Inherited or donated'],
            ['allocated', 'Được Nhà nước giao, cho thuê', 'Allocated or leased by the State'],
          ]),
          useSinceYear: F.integer(t('Sử dụng từ năm', 'Used since'), { min: 1900, max: 2100 }),
          certificateCovers: F.radio(t('Đề nghị chứng nhận', 'Certify'), [
            ['land', 'Chỉ quyền sử dụng đất', 'Land only'],
            ['land-and-asset', 'Quyền sử dụng đất và tài sản gắn liền với đất', 'Land and attached assets'],
          ]),
          houseFloorAreaM2: F.number(t('Diện tích sàn nhà ở (m²)', 'House floor area (m²)'), {
            min: 1,
            visibleIf: { field: 'certificateCovers', equals: 'land-and-asset' },
          }),
        },
      },
      {
        id: 'co-users',
        title: t('Người cùng sử dụng đất', 'Co-users'),
        fields: {
          coUsers: F.repeat(
            t('Người có chung quyền sử dụng đất', 'People sharing the land-use right'),
            t('Người cùng sử dụng', 'Co-user'),
            {
              fullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
              personalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
              relation: F.text(t('Quan hệ', 'Relationship'), { max: 50 }),
            },
            { optional: true, max: 20 },
          ),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Niêm yết, xác minh và liên thông cơ quan thuế', 'Public notice, verification and tax interconnection')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      parcelNumber: '112',
      mapSheetNumber: '7',
      parcelAddress: 'Thôn Đông, xã Vĩnh Bảo',
      parcelCommune: '11824',
      areaM2: 180,
      landUse: 'ONT',
      origin: 'inherited',
      useSinceYear: 1995,
      certificateCovers: 'land-and-asset',
      houseFloorAreaM2: 96,
      coUsers: [{ fullName: 'Phạm Thu Trang', personalId: '031196003579', relation: 'Vợ' }],
      ...SAMPLE_DELIVERY,
      declaration: true,
    },
  },

  {
    key: 'land-change-registration',
    nationalCode: null,
    codeNote:
      'Change registration on transfer, donation or inheritance; a secondary source gives 1.013831, not verified.',
    name: t(
      'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế',
      'Registration of a change of land-use right or attached assets on transfer, donation or inheritance',
    ),
    field: 'land',
    lifeEvents: ['land-property', 'housing', 'death'],
    implementingLevel: 'province',
    agencyKind: 'land-registration-office',
    decidingAuthority: t('Văn phòng đăng ký đất đai', 'Land Registration Office'),
    applicantTypes: ['citizen'],
    onlineLevel: 'full',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 10 },
    cutoffTime: null,
    fees: landFees('change'),
    documents: [
      doc('application', t('Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', 'Application to register the change'), 'original', {
        template: 'Mẫu số 18 Nghị định 151/2025/NĐ-CP',
        eform: true,
      }),
      doc('contract', t('Hợp đồng, văn bản chuyển nhượng, tặng cho hoặc văn bản thừa kế đã công chứng, chứng thực', 'Notarised or certified transfer, donation or inheritance deed'), 'original', { store: true }),
      doc('certificate', t('Bản gốc Giấy chứng nhận đã cấp', 'The original certificate'), 'original', { store: true }),
      doc('tax-declaration', t('Tờ khai lệ phí trước bạ, tờ khai thuế thu nhập cá nhân', 'Registration-tax and personal income tax returns'), 'original', {
        when: t('Trừ trường hợp được miễn', 'Unless exempt'),
      }),
    ],
    requirements: [t('Nộp hồ sơ trong 30 ngày kể từ ngày hợp đồng, văn bản có hiệu lực.', 'File within 30 days of the deed taking effect.')],
    result: {
      name: t('Giấy chứng nhận mới hoặc xác nhận thay đổi trên Giấy chứng nhận đã cấp', 'New certificate, or the change endorsed on the existing one'),
      documentType: 'land-use-right-certificate',
      electronic: false,
      validityMonths: null,
    },
    steps: [
      STEP.submit,
      STEP.receive,
      t('Văn phòng đăng ký đất đai kiểm tra, gửi thông tin cho cơ quan thuế.', 'The land registration office checks the dossier and informs the tax office.'),
      t('Người sử dụng đất nộp thuế, lệ phí; Văn phòng cập nhật hồ sơ địa chính và cấp hoặc xác nhận Giấy chứng nhận.', 'The applicant pays taxes; the office updates the records and issues or endorses the certificate.'),
      STEP.returnResult,
    ],
    submission: { channels: ['in-person', 'online', 'postal'], places: [PLACE.landOffice, PLACE.portal] },
    legalBases: [LAW.land, LAW.landDecree, LAW.landDecentralisation, LAW.hpLandFees, LAW.hpOnlineZeroFees],
    sourceNote:
      'Land registration offices under the Department of Agriculture and Environment (2025). Time limit as we read Decree 101/2024 (not counting tax time); check the current figure. Fees: NQ 34/2025/NQ-HĐND Appendices I–II (individuals, change registration); 0 đ online: NQ 23/2026.',
    effectiveFrom: '2026-01-01',
    eform: buildForm([
      applicantSection(t('Người nhận chuyển quyền', 'Person receiving the right')),
      {
        id: 'transfer',
        title: t('Nội dung biến động', 'The change'),
        fields: {
          changeKind: F.radio(t('Hình thức', 'Kind'), [
            ['transfer', 'Chuyển nhượng', 'Transfer (sale)'],
            ['donation', 'Tặng cho', 'Donation'],
            ['inheritance', 'Thừa kế', 'Inheritance'],
          ]),
          transferorFullName: F.text(t('Họ tên bên chuyển quyền', 'Name of the transferor'), {
            max: 100,
            visibleIf: { field: 'changeKind', in: ['transfer', 'donation'] },
          }),
          transferorPersonalId: F.personalId(t('Số định danh của bên chuyển quyền', "Transferor's personal ID"), {
            visibleIf: { field: 'changeKind', in: ['transfer', 'donation'] },
          }),
          deceasedFullName: F.text(t('Họ tên người để lại di sản', 'Name of the deceased'), { max: 100, visibleIf: { field: 'changeKind', equals: 'inheritance' } }),
          deedCertifiedBy: F.text(t('Tổ chức công chứng hoặc UBND đã chứng thực', 'Notary or commune that certified the deed'), { max: 200 }),
          deedDate: F.date(t('Ngày công chứng, chứng thực', 'Date of notarisation')),
          certificateSerial: F.text(t('Số phát hành Giấy chứng nhận đã cấp', 'Serial number of the existing certificate'), { max: 20 }),
          ...parcelFields(),
          wantsNewCertificate: F.yesNo(t('Đề nghị cấp Giấy chứng nhận mới', 'Ask for a new certificate')),
        },
      },
      deliverySection(),
      declarationSection(),
    ]),
    workflow: workflowWithConsult(t('Liên thông cơ quan thuế xác định nghĩa vụ tài chính', 'Tax office sets the financial obligations')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      changeKind: 'transfer',
      transferorFullName: 'Vũ Đức Thắng',
      transferorPersonalId: '031084007531',
      deedCertifiedBy: 'Văn phòng công chứng Lê Chân (ví dụ)',
      deedDate: '2026-11-02',
      certificateSerial: 'DĐ 654321',
      parcelNumber: '88',
      mapSheetNumber: '21',
      parcelAddress: 'Ngõ 102 đường Văn Cao, phường Hải An',
      parcelCommune: '11413',
      areaM2: 64.2,
      wantsNewCertificate: true,
      ...SAMPLE_DELIVERY,
      declaration: true,
    },
  },
];
