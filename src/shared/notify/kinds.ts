/**
 * What MotCua tells people, and by which channels: the kinds of notification, who receives each, whether it is a
 * mandatory legal notice, the placeholders its templates may use (SMS and Zalo only those carrying no personal
 * data), the delivery statuses (GOV.UK Notify's) and their labels.
 */
import type { PersonalisationValue } from './template';

export interface Bilingual {
  vi: string;
  en: string;
}

export const CHANNELS = ['email', 'sms', 'zalo', 'inapp'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels that leave the platform through a carrier. */
export const EXTERNAL_CHANNELS = ['email', 'sms', 'zalo'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, Bilingual> = {
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  sms: { vi: 'Tin nhắn SMS', en: 'Text message (SMS)' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  inapp: { vi: 'Trên Cổng dịch vụ công', en: 'On the portal' },
};

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** GOV.UK Notify's statuses. A temporary failure with a next attempt scheduled is a retry in waiting. */
export const STATUSES = ['created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure', 'technical-failure'] as const;
export type DeliveryStatus = (typeof STATUSES)[number];
export const FINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set(['delivered', 'permanent-failure', 'technical-failure']);

export const STATUS_LABELS: Record<DeliveryStatus, Bilingual> = {
  created: { vi: 'Đã tạo', en: 'Created' },
  sending: { vi: 'Đang gửi', en: 'Sending' },
  delivered: { vi: 'Đã gửi tới người nhận', en: 'Delivered' },
  'temporary-failure': { vi: 'Chưa gửi được (tạm thời)', en: 'Temporary failure' },
  'permanent-failure': { vi: 'Không gửi được', en: 'Permanent failure' },
  'technical-failure': { vi: 'Lỗi kỹ thuật', en: 'Technical failure' },
};

/** Consent purposes (vault module) that sending by SMS and by Zalo needs. */
export const CONSENT_PURPOSE_OF: Partial<Record<Channel, string>> = { sms: 'sms_notifications', zalo: 'zalo_notifications' };

/** What each placeholder holds; `personal` ones never go into an SMS or a Zalo message. */
export const PLACEHOLDERS: Record<string, { label: Bilingual; personal: boolean }> = {
  name: { label: { vi: 'Họ tên người nhận', en: 'Recipient’s name' }, personal: true },
  code: { label: { vi: 'Mã hồ sơ', en: 'Dossier code' }, personal: false },
  procedure: { label: { vi: 'Tên thủ tục', en: 'Procedure name' }, personal: true },
  agency: { label: { vi: 'Cơ quan giải quyết', en: 'Handling agency' }, personal: false },
  link: { label: { vi: 'Đường dẫn tới hồ sơ (cần đăng nhập)', en: 'Link to the dossier (sign-in needed)' }, personal: false },
  lookup_link: { label: { vi: 'Đường dẫn tra cứu theo mã hồ sơ', en: 'Public look-up link' }, personal: false },
  appointment: { label: { vi: 'Ngày hẹn trả kết quả', en: 'Appointed return date' }, personal: false },
  collect_at: { label: { vi: 'Nơi nhận kết quả', en: 'Where to collect the result' }, personal: false },
  reason: { label: { vi: 'Lý do (do cán bộ ghi)', en: 'Reason (written by the officer)' }, personal: true },
  missing_items: { label: { vi: 'Giấy tờ cần bổ sung', en: 'Documents to supplement' }, personal: true },
  until: { label: { vi: 'Hạn nộp bổ sung', en: 'Supplement due by' }, personal: false },
  amount: { label: { vi: 'Số tiền', en: 'Amount' }, personal: false },
  method: { label: { vi: 'Hình thức trả kết quả', en: 'How the result was returned' }, personal: false },
  electronic: { label: { vi: 'Kết quả điện tử (có/không)', en: 'Electronic result (yes/no)' }, personal: false },
  old_due: { label: { vi: 'Ngày hẹn trả cũ', en: 'Former return date' }, personal: false },
  new_due: { label: { vi: 'Ngày hẹn trả mới', en: 'New return date' }, personal: false },
  petition_code: { label: { vi: 'Mã phản ánh, kiến nghị', en: 'Petition code' }, personal: false },
  due: { label: { vi: 'Hạn giải quyết', en: 'Due' }, personal: false },
  question: { label: { vi: 'Nội dung xin ý kiến', en: 'Question asked' }, personal: true },
  reply_by: { label: { vi: 'Hạn trả lời', en: 'Answer due by' }, personal: false },
  requesting_agency: { label: { vi: 'Cơ quan xin ý kiến', en: 'Agency asking' }, personal: false },
  assignee: { label: { vi: 'Người xử lý', en: 'Assigned officer' }, personal: true },
  day: { label: { vi: 'Ngày đến hạn', en: 'Due day' }, personal: false },
  count: { label: { vi: 'Số hồ sơ', en: 'Number of dossiers' }, personal: false },
  dossiers: { label: { vi: 'Danh sách hồ sơ', en: 'List of dossiers' }, personal: true },
  report: { label: { vi: 'Tên báo cáo định kỳ', en: 'Name of the periodic report' }, personal: false },
  period: { label: { vi: 'Kỳ báo cáo', en: 'Reporting period' }, personal: false },
  problem: { label: { vi: 'Vấn đề phát hiện', en: 'Problem found' }, personal: false },
  enterprise: { label: { vi: 'Doanh nghiệp báo cáo', en: 'Reporting enterprise' }, personal: true },
  meeting: { label: { vi: 'Tên cuộc họp', en: 'Meeting title' }, personal: true },
  starts_at: { label: { vi: 'Thời gian bắt đầu', en: 'Start time' }, personal: false },
  video_link: { label: { vi: 'Đường dẫn họp trực tuyến', en: 'Video meeting link' }, personal: false },
  opinion_deadline: { label: { vi: 'Hạn góp ý kiến bằng văn bản', en: 'Written opinions due by' }, personal: false },
  inspection_code: { label: { vi: 'Số kế hoạch kiểm tra', en: 'Inspection number' }, personal: false },
  inspection: { label: { vi: 'Nội dung kiểm tra', en: 'Subject of the inspection' }, personal: true },
  period_text: { label: { vi: 'Thời gian kiểm tra', en: 'Inspection dates' }, personal: false },
};

export type Audience = 'citizen' | 'officer';

export interface KindSpec {
  audience: Audience;
  /** A legal notice: always in-app and by at least one channel, whatever the preferences and unsubscriptions. */
  mandatory: boolean;
  label: Bilingual;
  placeholders: readonly string[];
  /** Example values, for the preview in the administration pages. */
  sample: Record<string, PersonalisationValue>;
}

const DOSSIER = ['name', 'code', 'procedure', 'agency', 'link', 'lookup_link'] as const;
const S = {
  name: 'Nguyễn Văn An',
  code: '000.00.21.H38-260512-0001',
  procedure: 'Đăng ký khai sinh',
  agency: 'Ủy ban nhân dân phường Hồng Bàng',
  link: 'https://dichvucong.example.gov.vn/ho-so/8c1f0d3e-5b7a-4c1e-9a41-0d2c6f1b7e21',
  lookup_link: 'https://dichvucong.example.gov.vn/tra-cuu/000.00.21.H38-260512-0001',
};

export const KINDS = {
  dossier_received: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Hồ sơ đã được tiếp nhận', en: 'Dossier received' },
    placeholders: [...DOSSIER, 'appointment', 'collect_at'],
    sample: { ...S, appointment: '19/05/2026 17:00', collect_at: 'Bộ phận một cửa UBND phường Hồng Bàng, số 1 Hoàng Văn Thụ' },
  },
  reception_refused: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Từ chối tiếp nhận hồ sơ', en: 'Dossier refused at reception' },
    placeholders: [...DOSSIER, 'reason'],
    sample: { ...S, reason: 'Thủ tục không thuộc thẩm quyền giải quyết của phường.' },
  },
  supplement_requested: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
    placeholders: [...DOSSIER, 'reason', 'missing_items', 'until'],
    sample: { ...S, reason: 'Giấy chứng sinh chưa rõ dấu.', missing_items: ['Bản chụp Giấy chứng sinh rõ nét'], until: '' },
  },
  payment_requested: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Đề nghị thực hiện nghĩa vụ tài chính', en: 'Payment requested' },
    placeholders: [...DOSSIER, 'reason', 'amount'],
    sample: { ...S, reason: 'Lệ phí đăng ký', amount: '8.000 đồng' },
  },
  payment_confirmed: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Đã ghi nhận thanh toán', en: 'Payment received' },
    placeholders: [...DOSSIER],
    sample: { ...S },
  },
  result_ready: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Hồ sơ đã có kết quả', en: 'Result ready' },
    placeholders: [...DOSSIER, 'collect_at', 'electronic'],
    sample: { ...S, collect_at: 'Bộ phận một cửa UBND phường Hồng Bàng', electronic: 'có' },
  },
  result_returned: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Đã trả kết quả', en: 'Result returned' },
    placeholders: [...DOSSIER, 'method'],
    sample: { ...S, method: 'trực tuyến' },
  },
  request_rejected: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Từ chối giải quyết', en: 'Request refused' },
    placeholders: [...DOSSIER, 'reason'],
    sample: { ...S, reason: 'Không đủ điều kiện theo quy định.' },
  },
  withdrawal_requested: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Đã nhận yêu cầu rút hồ sơ', en: 'Withdrawal request received' },
    placeholders: [...DOSSIER],
    sample: { ...S },
  },
  dossier_withdrawn: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Hồ sơ đã được rút', en: 'Dossier withdrawn' },
    placeholders: [...DOSSIER],
    sample: { ...S },
  },
  dossier_stopped: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Thông báo dừng giải quyết', en: 'Processing stopped' },
    placeholders: [...DOSSIER, 'reason'],
    sample: { ...S, reason: 'Theo đề nghị rút hồ sơ của công dân.' },
  },
  dossier_extended: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new return date' },
    placeholders: [...DOSSIER, 'reason', 'old_due', 'new_due'],
    sample: { ...S, reason: 'Cần xác minh thêm thông tin.', old_due: '19/05/2026 17:00', new_due: '22/05/2026 17:00' },
  },
  petition_answered: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Phản ánh, kiến nghị đã được trả lời', en: 'Petition answered' },
    placeholders: ['name', 'agency', 'link', 'petition_code'],
    sample: { name: S.name, agency: S.agency, link: 'https://dichvucong.example.gov.vn/phan-anh/PA-2605-0042', petition_code: 'PA-2605-0042' },
  },
  officer_assigned: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Hồ sơ được phân công', en: 'Dossier assigned to you' },
    placeholders: ['name', 'code', 'procedure', 'agency', 'link', 'due'],
    sample: { ...S, name: 'Trần Minh Quân', link: 'https://dichvucong.example.gov.vn/can-bo/ho-so/8c1f0d3e', due: '19/05/2026 17:00' },
  },
  officer_consultation: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Được xin ý kiến', en: 'Consultation requested' },
    placeholders: ['name', 'code', 'procedure', 'agency', 'requesting_agency', 'question', 'reply_by', 'link'],
    sample: { ...S, name: 'Lê Thị Hoa', agency: 'Sở Tư pháp', requesting_agency: S.agency, question: 'Đề nghị cho ý kiến về giấy tờ hộ tịch.', reply_by: '15/05/2026 17:00', link: 'https://dichvucong.example.gov.vn/can-bo/ho-so/8c1f0d3e' },
  },
  officer_due_tomorrow: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Hồ sơ đến hạn ngày làm việc tiếp theo', en: 'Dossiers due the next working day' },
    placeholders: ['name', 'day', 'count', 'dossiers', 'link'],
    sample: { name: 'Trần Minh Quân', day: '19/05/2026', count: 2, dossiers: ['000.00.21.H38-260512-0001 — Đăng ký khai sinh', '000.00.21.H38-260512-0007 — Đăng ký kết hôn'], link: 'https://dichvucong.example.gov.vn/can-bo' },
  },
  officer_overdue: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Hồ sơ quá hạn', en: 'Dossier overdue' },
    placeholders: ['name', 'code', 'procedure', 'agency', 'due', 'assignee', 'link'],
    sample: { ...S, name: 'Phạm Văn Long', due: '19/05/2026 17:00', assignee: 'Trần Minh Quân', link: 'https://dichvucong.example.gov.vn/can-bo/ho-so/8c1f0d3e' },
  },
  supervision_alert: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Cảnh báo về báo cáo định kỳ của doanh nghiệp', en: 'Alert about an enterprise’s periodic report' },
    placeholders: ['name', 'agency', 'report', 'period', 'problem', 'enterprise', 'link'],
    sample: { name: S.name, agency: 'Sở Xây dựng', report: 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng', period: 'tháng 03/2026', problem: 'Nộp muộn', enterprise: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', link: 'https://dichvucong.example.gov.vn/doanh-nghiep/bao-cao' },
  },
  supervision_officer_alert: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Cảnh báo giám sát: doanh nghiệp chưa tuân thủ báo cáo', en: 'Supervision alert: an enterprise’s report' },
    placeholders: ['name', 'agency', 'report', 'period', 'problem', 'enterprise', 'link'],
    sample: { name: 'Phan Văn Long', agency: 'Sở Xây dựng', report: 'Báo cáo định kỳ sản lượng sản xuất vật liệu xây dựng', period: 'tháng 03/2026', problem: 'Chưa nộp báo cáo', enterprise: 'Công ty TNHH Du lịch Cát Bà', link: 'https://dichvucong.example.gov.vn/can-bo/giam-sat/8c1f0d3e' },
  },
  meeting_invited: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Giấy mời họp', en: 'Meeting invitation' },
    placeholders: ['name', 'agency', 'meeting', 'starts_at', 'video_link', 'opinion_deadline', 'link'],
    sample: { name: 'Trịnh Minh Tuấn', agency: 'Sở Xây dựng', meeting: 'Họp thẩm định hồ sơ cấp phép xây dựng công trình cảng', starts_at: '12/05/2026 09:00', video_link: 'https://meet.jit.si/motcua-8c1f0d3e', opinion_deadline: '12/05/2026 08:00', link: 'https://dichvucong.example.gov.vn/can-bo/hop/8c1f0d3e' },
  },
  meeting_reminder: {
    audience: 'officer',
    mandatory: false,
    label: { vi: 'Nhắc lịch họp và hạn góp ý', en: 'Meeting and opinion deadline reminder' },
    placeholders: ['name', 'agency', 'meeting', 'starts_at', 'video_link', 'opinion_deadline', 'link'],
    sample: { name: 'Trịnh Minh Tuấn', agency: 'Sở Xây dựng', meeting: 'Họp thẩm định hồ sơ cấp phép xây dựng công trình cảng', starts_at: '12/05/2026 09:00', video_link: 'https://meet.jit.si/motcua-8c1f0d3e', opinion_deadline: '12/05/2026 08:00', link: 'https://dichvucong.example.gov.vn/can-bo/hop/8c1f0d3e' },
  },
  meeting_guest_invited: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Giấy mời họp (khách mời)', en: 'Meeting invitation (guest)' },
    placeholders: ['name', 'agency', 'meeting', 'starts_at', 'video_link', 'opinion_deadline', 'link'],
    sample: { name: S.name, agency: 'Sở Xây dựng', meeting: 'Họp thẩm định hồ sơ cấp phép xây dựng công trình cảng', starts_at: '12/05/2026 09:00', video_link: 'https://meet.jit.si/motcua-8c1f0d3e', opinion_deadline: '12/05/2026 08:00', link: 'https://dichvucong.example.gov.vn/hop/8c1f0d3e' },
  },
  meeting_guest_reminder: {
    audience: 'citizen',
    mandatory: false,
    label: { vi: 'Nhắc lịch họp và hạn góp ý (khách mời)', en: 'Meeting and opinion deadline reminder (guest)' },
    placeholders: ['name', 'agency', 'meeting', 'starts_at', 'video_link', 'opinion_deadline', 'link'],
    sample: { name: S.name, agency: 'Sở Xây dựng', meeting: 'Họp thẩm định hồ sơ cấp phép xây dựng công trình cảng', starts_at: '12/05/2026 09:00', video_link: 'https://meet.jit.si/motcua-8c1f0d3e', opinion_deadline: '12/05/2026 08:00', link: 'https://dichvucong.example.gov.vn/hop/8c1f0d3e' },
  },
  inspection_scheduled: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Thông báo kế hoạch kiểm tra', en: 'Inspection scheduled' },
    placeholders: ['name', 'agency', 'enterprise', 'inspection_code', 'inspection', 'period_text', 'link'],
    sample: { name: S.name, agency: 'Sở Xây dựng', enterprise: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', inspection_code: 'KT-2605-000001', inspection: 'Kiểm tra việc chấp hành quy định về an toàn lao động', period_text: '11/05/2026 – 15/05/2026', link: 'https://dichvucong.example.gov.vn/kiem-tra/8c1f0d3e' },
  },
  inspection_minutes_to_sign: {
    audience: 'citizen',
    mandatory: true,
    label: { vi: 'Biên bản kiểm tra chờ ký', en: 'Inspection minutes ready to sign' },
    placeholders: ['name', 'agency', 'enterprise', 'inspection_code', 'inspection', 'period_text', 'link'],
    sample: { name: S.name, agency: 'Sở Xây dựng', enterprise: 'Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh', inspection_code: 'KT-2605-000001', inspection: 'Kiểm tra việc chấp hành quy định về an toàn lao động', period_text: '11/05/2026 – 15/05/2026', link: 'https://dichvucong.example.gov.vn/kiem-tra/8c1f0d3e' },
  },
} as const satisfies Record<string, KindSpec>;

export type Kind = keyof typeof KINDS;
export const KIND_KEYS = Object.keys(KINDS) as Kind[];
export const isKind = (k: string): k is Kind => k in KINDS;

/** Channels a kind can go by: officers get no SMS or Zalo (their numbers are not collected). */
export function channelsOf(kind: Kind): readonly Channel[] {
  return KINDS[kind].audience === 'officer' ? ['email', 'inapp'] : CHANNELS;
}
