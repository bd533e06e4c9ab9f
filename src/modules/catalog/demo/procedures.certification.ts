import { buildForm, doc, F, t } from './builders';
import { applicantSection, deliverySection, LAW, PLACE, SAMPLE_APPLICANT, SAMPLE_APPLICANT_WOMAN, SAMPLE_DELIVERY, STEP, workflowSameDay, workflowStandard } from './common';
import type { FeeItem, ProcedureVersionInput } from './types';

/**
 * Certification (chứng thực) at the commune People's Committee, Decree 23/2015/NĐ-CP. Codes from the Hải Phòng
 * commune list; fees from Circular 226/2016/TT-BTC. Copies and signatures are done the same day; a request
 * received after 15:00 is done on the next working day (Decree 23/2015, Art. 7).
 */

const SIGNER = t('Chủ tịch hoặc Phó Chủ tịch UBND cấp xã', "Chair or vice-chair of the commune People's Committee");
const CERT_BASES = [LAW.certification, LAW.certificationCircular, LAW.mojDecentralisation];
const ID_PAPERS = doc('identity', t('Thẻ căn cước hoặc giấy tờ tùy thân còn giá trị', 'Valid ID card or identity paper'), 'present-original', {
  registry: true,
});

const transactionFee = (vi: string, en: string, amountVnd: number, note?: string): FeeItem => {
  const fee: FeeItem = {
    type: 'fixed',
    nature: 'phi',
    name: t(vi, en),
    amountVnd,
    per: t('hợp đồng, giao dịch', 'contract or transaction'),
    legalBasis: [LAW.certificationFees],
  };
  if (note) fee.note = t(note, note);
  return fee;
};

export const CERTIFICATION_PROCEDURES: ProcedureVersionInput[] = [
  {
    key: 'certified-copy-from-original',
    nationalCode: '2.000815',
    name: t('Chứng thực bản sao từ bản chính giấy tờ, văn bản', 'Certified copy from an original document'),
    field: 'certification',
    lifeEvents: ['legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: SIGNER,
    applicantTypes: ['citizen', 'business'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    extendedProcessingTime: {
      time: { kind: 'working-days', days: 2 },
      condition: t('Khi yêu cầu chứng thực với số lượng lớn, theo thỏa thuận', 'For a large number of copies, as agreed with the applicant'),
    },
    cutoffTime: '15:00',
    fees: [
      {
        type: 'banded',
        nature: 'phi',
        name: t('Phí chứng thực bản sao từ bản chính', 'Fee for a certified copy'),
        unit: t('trang', 'page'),
        per: t('bản sao', 'copy'),
        bands: [
          { from: 1, to: 2, amountVndPerUnit: 2000 },
          { from: 3, amountVndPerUnit: 1000 },
        ],
        maxVnd: 200000,
        legalBasis: [LAW.certificationFees, LAW.hpEcopySupport],
        note: t(
          'Bản sao điện tử từ bản chính: ngân sách thành phố hỗ trợ 100% phí từ 01/01/2026 đến 31/12/2030 (Nghị quyết 43/2025/NQ-HĐND).',
          'Electronic certified copies: the city pays the whole fee from 1 Jan 2026 to 31 Dec 2030 (Resolution 43/2025/NQ-HĐND).',
        ),
      },
    ],
    documents: [
      doc('original', t('Bản chính giấy tờ, văn bản cần chứng thực bản sao', 'The original document to copy'), 'present-original'),
      doc('copies', t('Bản sao cần chứng thực (nếu người yêu cầu tự chuẩn bị)', 'The copies to certify (if the applicant brings them)'), 'copy', {
        when: t('Khi người yêu cầu tự mang bản chụp', 'When the applicant brings photocopies'),
      }),
    ],
    requirements: [
      t('Bản chính không bị tẩy xóa, sửa chữa, không có nội dung trái pháp luật (Nghị định 23/2015, Điều 22).', 'The original is not altered and has no unlawful content (Decree 23/2015, Art. 22).'),
    ],
    result: {
      name: t('Bản sao được chứng thực từ bản chính (giấy hoặc điện tử)', 'Certified copy (paper or electronic)'),
      documentType: 'certified-copy',
      electronic: true,
      validityMonths: null,
      validityNote: t('Có giá trị sử dụng thay cho bản chính trong các giao dịch, trừ khi pháp luật quy định khác.', 'Can be used in place of the original unless a law says otherwise.'),
    },
    steps: [
      t('Người yêu cầu xuất trình bản chính tại bộ phận một cửa.', 'The applicant shows the original at the one-stop desk.'),
      t('Người thực hiện chứng thực đối chiếu bản sao với bản chính.', 'The officer compares the copy with the original.'),
      t('Người có thẩm quyền ký chứng thực, đóng dấu hoặc ký số bản sao điện tử.', 'The authorised signer certifies the copy, or signs the electronic copy digitally.'),
      STEP.pay,
      STEP.returnResult,
    ],
    submission: { channels: ['in-person'], places: [PLACE.communeAny] },
    legalBases: [...CERT_BASES, LAW.certificationFees, LAW.hpEcopySupport],
    sourceNote:
      'Code 2.000815 (Hải Phòng commune list). Same day, 15:00 cutoff: Decree 23/2015 Art. 7. Fee 2 000 đ/page for pages 1–2, 1 000 đ from page 3, at most 200 000 đ per copy: Circular 226/2016/TT-BTC. 100% support for electronic copies: NQ 43/2025/NQ-HĐND Hải Phòng. Partial online: the original must be shown.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'documents',
        title: t('Giấy tờ cần chứng thực', 'Documents to certify'),
        fields: {
          items: F.repeat(
            t('Danh sách giấy tờ', 'Documents'),
            t('Giấy tờ', 'Document'),
            {
              documentName: F.text(t('Tên giấy tờ', 'Document name'), { max: 200 }),
              issuer: F.text(t('Cơ quan cấp', 'Issued by'), { max: 200, optional: true }),
              pages: F.integer(t('Số trang', 'Pages'), { min: 1, max: 500 }),
              copies: F.integer(t('Số bản sao', 'Copies'), { min: 1, max: 50 }),
              copyKind: F.radio(t('Hình thức bản sao', 'Kind of copy'), [
                ['paper', 'Bản giấy', 'Paper'],
                ['electronic', 'Bản điện tử', 'Electronic'],
              ]),
            },
            { min: 1, max: 20 },
          ),
        },
      },
      deliverySection(),
    ]),
    workflow: workflowSameDay(t('Người có thẩm quyền ký chứng thực', 'Authorised signer certifies')),
    sampleData: {
      ...SAMPLE_APPLICANT_WOMAN,
      items: [
        { documentName: 'Bằng tốt nghiệp đại học', issuer: 'Trường Đại học Hải Phòng', pages: 1, copies: 3, copyKind: 'paper' },
        { documentName: 'Bảng điểm toàn khóa', issuer: 'Trường Đại học Hải Phòng', pages: 4, copies: 2, copyKind: 'electronic' },
      ],
      ...SAMPLE_DELIVERY,
    },
  },

  {
    key: 'signature-certification',
    nationalCode: '2.000884',
    name: t('Chứng thực chữ ký trong giấy tờ, văn bản', 'Certification of a signature on a document'),
    field: 'certification',
    lifeEvents: ['legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: SIGNER,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'same-day' },
    cutoffTime: '15:00',
    fees: [
      {
        type: 'fixed',
        nature: 'phi',
        name: t('Phí chứng thực chữ ký', 'Fee for certifying a signature'),
        amountVnd: 10000,
        per: t('trường hợp', 'case'),
        legalBasis: [LAW.certificationFees],
      },
    ],
    documents: [
      ID_PAPERS,
      doc('document', t('Giấy tờ, văn bản mà mình sẽ ký', 'The document to be signed'), 'original'),
    ],
    requirements: [t('Người yêu cầu phải ký trước mặt người thực hiện chứng thực.', 'The applicant signs in front of the certifying officer.')],
    result: { name: t('Giấy tờ, văn bản đã được chứng thực chữ ký', 'Document with the certified signature'), documentType: 'certified-signature', electronic: false, validityMonths: null },
    steps: [
      t('Người yêu cầu mang giấy tờ đến bộ phận một cửa.', 'The applicant brings the document to the one-stop desk.'),
      t('Người yêu cầu ký trước mặt người thực hiện chứng thực.', 'The applicant signs in front of the officer.'),
      t('Người có thẩm quyền ghi lời chứng, ký và đóng dấu.', 'The authorised signer writes the attestation, signs and seals.'),
      STEP.pay,
    ],
    submission: { channels: ['in-person'], places: [PLACE.communeAny] },
    legalBases: [...CERT_BASES, LAW.certificationFees],
    sourceNote: 'Code 2.000884 (Hải Phòng commune list). Same day, 15:00 cutoff: Decree 23/2015 Art. 7. Fee 10 000 đ per case: Circular 226/2016/TT-BTC.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'document',
        title: t('Giấy tờ cần chứng thực chữ ký', 'Document to be signed'),
        fields: {
          documentTitle: F.text(t('Tên giấy tờ, văn bản', 'Document title'), { max: 200 }),
          documentLanguage: F.radio(t('Ngôn ngữ', 'Language'), [
            ['vi', 'Tiếng Việt', 'Vietnamese'],
            ['foreign', 'Tiếng nước ngoài hoặc song ngữ', 'Foreign language or bilingual'],
          ]),
          pageCount: F.integer(t('Số trang', 'Pages'), { min: 1, max: 200 }),
          purpose: F.text(t('Mục đích sử dụng', 'Purpose'), { max: 200, optional: true }),
        },
      },
    ]),
    workflow: workflowSameDay(t('Người có thẩm quyền ký chứng thực', 'Authorised signer certifies')),
    sampleData: {
      ...SAMPLE_APPLICANT,
      documentTitle: 'Giấy ủy quyền nhận lương hưu',
      documentLanguage: 'vi',
      pageCount: 1,
    },
  },

  {
    key: 'transaction-amendment-certification',
    nationalCode: '2.000913',
    name: t('Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'Certification of an amendment to, or cancellation of, a contract'),
    field: 'certification',
    lifeEvents: ['land-property', 'legal-papers'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: SIGNER,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 2 },
    cutoffTime: null,
    fees: [transactionFee('Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'Fee for certifying an amendment or cancellation', 30000)],
    documents: [
      doc('amendment', t('Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'Draft amendment or cancellation'), 'original', { copies: 1 }),
      doc('contract', t('Hợp đồng, giao dịch đã được chứng thực', 'The certified contract'), 'original', { store: true }),
      doc('parties-id', t('Giấy tờ tùy thân của các bên', "Parties' identity papers"), 'present-original', { registry: true }),
    ],
    requirements: [t('Các bên đã tham gia hợp đồng, giao dịch cùng có mặt và ký.', 'All parties to the contract sign in person.')],
    result: { name: t('Văn bản sửa đổi, bổ sung, hủy bỏ đã được chứng thực', 'Certified amendment or cancellation'), documentType: 'certified-transaction', electronic: false, validityMonths: null },
    steps: [
      STEP.receive,
      t('Người thực hiện chứng thực kiểm tra hồ sơ, các bên ký trước mặt.', 'The officer checks the papers; the parties sign in front of the officer.'),
      t('Người có thẩm quyền ký chứng thực.', 'The authorised signer certifies.'),
      STEP.pay,
      STEP.returnResult,
    ],
    submission: { channels: ['in-person'], places: [PLACE.commune] },
    legalBases: [...CERT_BASES, LAW.certificationFees],
    sourceNote: 'Code 2.000913 (Hải Phòng commune list). 2 working days for contracts: Decree 23/2015 Art. 7. Fee 30 000 đ: Circular 226/2016/TT-BTC.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(),
      {
        id: 'contract',
        title: t('Hợp đồng, giao dịch đã chứng thực', 'The certified contract'),
        fields: {
          contractType: F.select(t('Loại hợp đồng, giao dịch', 'Kind of contract'), [
            ['land-use', 'Liên quan đến quyền sử dụng đất', 'Land-use right'],
            ['housing', 'Liên quan đến nhà ở', 'Housing'],
            ['movable', 'Liên quan đến động sản', 'Movable property'],
            ['other', 'Khác', 'Other'],
          ]),
          certificationNumber: F.text(t('Số chứng thực', 'Certification number'), { max: 50 }),
          certificationDate: F.date(t('Ngày chứng thực', 'Certification date')),
          changeKind: F.radio(t('Nội dung yêu cầu', 'Request'), [
            ['amend', 'Sửa đổi', 'Amend'],
            ['supplement', 'Bổ sung', 'Supplement'],
            ['cancel', 'Hủy bỏ', 'Cancel'],
          ]),
          changeDescription: F.textarea(t('Nội dung sửa đổi, bổ sung', 'What changes'), {
            max: 2000,
            visibleIf: { field: 'changeKind', in: ['amend', 'supplement'] },
          }),
          otherParties: F.repeat(
            t('Các bên còn lại của hợp đồng', 'The other parties'),
            t('Bên', 'Party'),
            {
              fullName: F.text(t('Họ, chữ đệm và tên', 'Full name'), { max: 100 }),
              personalId: F.personalId(t('Số định danh cá nhân', 'Personal ID number')),
            },
            { min: 1, max: 10 },
          ),
        },
      },
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      contractType: 'movable',
      certificationNumber: '215/2026/CT-HĐGD',
      certificationDate: '2026-08-14',
      changeKind: 'amend',
      changeDescription: 'Sửa đổi thời hạn thanh toán từ 30/11/2026 thành 31/01/2027.',
      otherParties: [{ fullName: 'Vũ Đức Thắng', personalId: '031084007531' }],
    },
  },

  {
    key: 'inheritance-refusal-certification',
    nationalCode: '2.001016',
    name: t('Chứng thực văn bản từ chối nhận di sản', 'Certification of a renunciation of inheritance'),
    field: 'certification',
    lifeEvents: ['death', 'land-property'],
    implementingLevel: 'commune',
    agencyKind: 'commune-pc',
    decidingAuthority: SIGNER,
    applicantTypes: ['citizen'],
    onlineLevel: 'partial',
    eIdLevel: 2,
    processingTime: { kind: 'working-days', days: 2 },
    cutoffTime: null,
    fees: [
      transactionFee(
        'Phí chứng thực văn bản từ chối nhận di sản',
        'Fee for certifying a renunciation of inheritance',
        50000,
        'Charged as the certification of a transaction under Circular 226/2016/TT-BTC (our reading; confirm with the Department of Justice).',
      ),
    ],
    documents: [
      doc('renunciation', t('Dự thảo văn bản từ chối nhận di sản', 'Draft renunciation'), 'original'),
      doc('death', t('Trích lục khai tử hoặc giấy tờ chứng minh người để lại di sản đã chết', 'Death extract of the deceased'), 'copy', { store: true, registry: true }),
      ID_PAPERS,
    ],
    requirements: [
      t('Việc từ chối phải được lập thành văn bản trước thời điểm phân chia di sản (Bộ luật Dân sự, Điều 620).', 'The renunciation is made in writing before the estate is divided (Civil Code, Art. 620).'),
    ],
    result: { name: t('Văn bản từ chối nhận di sản đã được chứng thực', 'Certified renunciation of inheritance'), documentType: 'certified-transaction', electronic: false, validityMonths: null },
    steps: [STEP.receive, t('Người yêu cầu ký trước mặt người thực hiện chứng thực.', 'The applicant signs in front of the officer.'), t('Người có thẩm quyền ký chứng thực.', 'The authorised signer certifies.'), STEP.pay, STEP.returnResult],
    submission: { channels: ['in-person'], places: [PLACE.commune] },
    legalBases: [...CERT_BASES, 'Bộ luật Dân sự số 91/2015/QH13', LAW.certificationFees],
    sourceNote: 'Code 2.001016 (Hải Phòng commune list, 2026). 2 working days: Decree 23/2015 Art. 7. The fee amount is our reading of Circular 226/2016/TT-BTC and must be confirmed.',
    effectiveFrom: '2025-07-01',
    eform: buildForm([
      applicantSection(t('Người từ chối nhận di sản', 'Person renouncing')),
      {
        id: 'estate',
        title: t('Di sản', 'The estate'),
        fields: {
          deceasedFullName: F.text(t('Họ tên người để lại di sản', 'Name of the deceased'), { max: 100 }),
          deceasedPersonalId: F.personalId(t('Số định danh cá nhân của người để lại di sản', "Deceased's personal ID"), { optional: true }),
          deathDate: F.date(t('Ngày chết', 'Date of death')),
          relationToDeceased: F.text(t('Quan hệ với người để lại di sản', 'Relationship to the deceased'), { max: 50 }),
          estateDescription: F.textarea(t('Mô tả di sản', 'Description of the estate'), { max: 2000 }),
        },
      },
    ]),
    workflow: workflowStandard(),
    sampleData: {
      ...SAMPLE_APPLICANT,
      deceasedFullName: 'Nguyễn Văn Tư',
      deathDate: '2026-11-20',
      relationToDeceased: 'Con',
      estateDescription: 'Quyền sử dụng thửa đất số 112, tờ bản đồ số 7, diện tích 180 m², xã Vĩnh Bảo, thành phố Hải Phòng.',
    },
  },
];
