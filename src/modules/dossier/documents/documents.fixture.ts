/** Sample inputs of every document, for tests and previews: a dossier received in Quảng Ninh on 24/11/2026. */
import type {
  AgencyInfo,
  ApologyData,
  AppointedDossier,
  ControlSheetData,
  FormDataMap,
  ReceiptData,
  RefusalData,
  RegisterRow,
  StopNoticeData,
  SupplementRequestData,
} from './documents.types';

/** An instant written in Vietnam time, e.g. `vn('2026-11-24T09:30')`. */
export const vn = (local: string): Date => new Date(`${local}:00+07:00`);

export const agency: AgencyInfo = {
  name: 'Ủy ban nhân dân phường Hạ Long',
  oneStopUnit: 'Bộ phận Một cửa phường Hạ Long',
  province: 'Quảng Ninh',
};

export const dossier: AppointedDossier = {
  code: '000.00.05.H38-261124-0001',
  procedureName: 'Đăng ký khai sinh có yếu tố nước ngoài',
  applicantName: 'Nguyễn Thị Ánh Tuyết',
  applicantId: '022195001234',
  applicantAddress: 'Tổ 3, khu 5, Phường Hạ Long, tỉnh Quảng Ninh',
  applicantPhone: '0912 345 678',
  applicantEmail: 'tuyet.nta@example.vn',
  receivedAt: vn('2026-11-24T09:30'),
  dueAt: vn('2026-12-01T16:00'),
};

export const receipt: ReceiptData = {
  agency,
  dossier,
  issuedAt: dossier.receivedAt,
  documentNumber: '0001/GTN',
  components: [
    { name: 'Tờ khai đăng ký khai sinh', form: 'original', copies: 1 },
    { name: 'Giấy chứng sinh', form: 'original', copies: 1 },
    { name: 'Giấy chứng nhận kết hôn của cha, mẹ', form: 'certified_copy', copies: 1 },
  ],
  processingTime: { value: 5, unit: 'working_days' },
  resultDelivery: 'Bộ phận Một cửa phường Hạ Long, số 1 đường Hạ Long',
  lookupUrl: 'https://dichvucong.quangninh.gov.vn/tra-cuu?ma=000.00.05.H38-261124-0001',
  officer: { name: 'Trần Văn Đức' },
};

export const supplementRequest: SupplementRequestData = {
  agency,
  dossier,
  issuedAt: vn('2026-11-25T10:00'),
  items: [
    { name: 'Giấy chứng sinh', detail: 'bản chụp bị mờ, đề nghị nộp bản rõ nét' },
    { name: 'Văn bản ủy quyền' },
  ],
  reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định.',
  officer: { name: 'Trần Văn Đức' },
  contactPhone: '0203 3825 111',
};

export const refusal: RefusalData = {
  agency,
  dossier,
  issuedAt: dossier.receivedAt,
  reason: 'Yêu cầu không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường.',
  officer: { name: 'Trần Văn Đức' },
};

export const apology: ApologyData = {
  agency,
  dossier,
  issuedAt: vn('2026-11-30T08:00'),
  reason: 'Cần xác minh thông tin với cơ quan đăng ký hộ tịch ở nước ngoài.',
  newDueAt: vn('2026-12-08T10:00'),
  signer: { name: 'Phạm Quang Huy', capacity: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
};

export const stopNotice: StopNoticeData = {
  agency,
  dossier,
  issuedAt: vn('2026-11-27T14:00'),
  withdrawalRequestedAt: vn('2026-11-26T15:20'),
  reason: 'Công dân có đơn đề nghị rút hồ sơ.',
  signer: { name: 'Phạm Quang Huy', capacity: 'Chủ tịch' },
};

export const controlSheet: ControlSheetData = {
  agency,
  dossier,
  issuedAt: vn('2026-12-01T15:00'),
  handOffs: [
    {
      from: { unit: 'Bộ phận Một cửa', person: 'Trần Văn Đức' },
      to: { unit: 'Công chức Tư pháp - Hộ tịch', person: 'Lê Thị Hồng Nhung' },
      at: vn('2026-11-24T10:15'),
      stepDueAt: vn('2026-11-24T17:00'),
    },
    {
      from: { unit: 'Công chức Tư pháp - Hộ tịch', person: 'Lê Thị Hồng Nhung' },
      to: { unit: 'Lãnh đạo UBND phường', person: 'Phạm Quang Huy' },
      at: vn('2026-11-27T09:00'),
      stepDueAt: vn('2026-11-28T17:00'),
    },
    {
      from: { unit: 'Lãnh đạo UBND phường', person: 'Phạm Quang Huy' },
      to: { unit: 'Bộ phận Một cửa' },
      at: vn('2026-12-01T11:40'),
      stepDueAt: vn('2026-11-30T17:00'),
      comment: 'Chờ ý kiến Sở Tư pháp',
    },
  ],
};

export const samples: FormDataMap = {
  '01': receipt,
  '02': supplementRequest,
  '03': refusal,
  '04': apology,
  '05': stopNotice,
  '06': controlSheet,
};

export const registerRows: RegisterRow[] = [
  {
    code: dossier.code,
    receivedAt: dossier.receivedAt,
    applicantName: dossier.applicantName,
    applicantContact: `${dossier.applicantAddress}; ${dossier.applicantPhone}`,
    procedureName: dossier.procedureName,
    agencyName: agency.name,
    dueAt: dossier.dueAt,
    finishedAt: vn('2026-11-30T16:45'),
    returnedAt: vn('2026-12-01T08:05'),
    status: 'Đã trả kết quả',
    onTime: 'early',
  },
  {
    code: '000.00.05.H38-261124-0002',
    receivedAt: vn('2026-11-24T14:02'),
    applicantName: 'Công ty TNHH Hạ Long Xanh, "chi nhánh 2"',
    procedureName: 'Cấp giấy phép xây dựng',
    agencyName: agency.name,
    dueAt: vn('2026-12-15T17:00'),
    status: 'Đang xử lý',
    note: '=HYPERLINK("http://evil.example","Bấm vào đây")',
  },
];
