/**
 * Inputs of the dossier documents: plain data, no database rows. The dossier service fills them in and calls the
 * renderers. Every instant is a `Date` and is shown in Asia/Ho_Chi_Minh (UTC+7) whatever the host's time zone.
 */
import type { FormNumber, HandOffClass } from '../../../shared/dossier';

/** The forms rendered as a document (01–06); 07, the register, is a spreadsheet (see `registerCsv`). */
export type DocumentForm = Exclude<FormNumber, '07'>;

/** The issuing agency, as written in the national heading. */
export interface AgencyInfo {
  /** Tên cơ quan, e.g. "Ủy ban nhân dân phường Hạ Long". */
  name: string;
  /** Bộ phận Một cửa, e.g. "Trung tâm Phục vụ hành chính công phường Hạ Long". */
  oneStopUnit: string;
  /** Tỉnh, thành phố: the place on the place-and-date line unless `place` is given, e.g. "Quảng Ninh". */
  province: string;
  /** Địa danh written before the date when it is not the province. */
  place?: string;
}

/** An official: the receiving officer, the guide of a supplement request, or the head who signs. */
export interface Officer {
  /** Họ và tên. */
  name: string;
  /**
   * The signing capacity printed above the signature, e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"; each form has a default
   * ("NGƯỜI TIẾP NHẬN HỒ SƠ", "THỦ TRƯỞNG CƠ QUAN"…).
   */
  capacity?: string;
}

/** Kênh thực hiện: 1 in person, 2 online, 3 public postal service. */
export type Channel = 'in_person' | 'online' | 'postal';

/** The dossier (hồ sơ) as the documents describe it. */
export interface DossierInfo {
  /** Mã hồ sơ, e.g. "000.00.05.H38-261124-0001". */
  code: string;
  /** Tên thủ tục hành chính. */
  procedureName: string;
  /** Tên cá nhân, tổ chức. */
  applicantName: string;
  /** Số định danh cá nhân (12 digits) or mã số doanh nghiệp / mã định danh tổ chức. */
  applicantId: string;
  /** Chooses the label of `applicantId`; default `person`. */
  applicantKind?: 'person' | 'organisation';
  applicantAddress?: string;
  applicantPhone?: string;
  applicantEmail?: string;
  /** Default `in_person`: only then does the applicant sign the receipt. */
  channel?: Channel;
  /** When the one-stop desk received the filing (for a refusal: when it was examined). */
  receivedAt: Date;
  /** Hẹn trả kết quả: the appointed return instant, required by the receipt and the apology. */
  dueAt?: Date;
}

/** A dossier that already has an appointed return instant. */
export type AppointedDossier = DossierInfo & { dueAt: Date };

/** What every issued document (forms 01–05) carries. */
export interface IssuedDocumentBase {
  agency: AgencyInfo;
  dossier: DossierInfo;
  /** The date on the place-and-date line ("Quảng Ninh, ngày … tháng … năm …"). */
  issuedAt: Date;
  /** Số, ký hiệu văn bản, e.g. "125/TB-TTPVHCC"; omitted when empty. */
  documentNumber?: string;
}

/** Hình thức of a received component. */
export type ComponentForm = 'original' | 'copy' | 'certified_copy' | 'electronic';

/** A component (thành phần hồ sơ) received at the desk. */
export interface ReceivedComponent {
  name: string;
  form: ComponentForm;
  /** Số lượng (bản). */
  copies: number;
}

/** Statutory processing time (thời hạn giải quyết theo quy định). */
export interface ProcessingTime {
  value: number;
  unit: 'working_days' | 'days' | 'working_hours';
}

/** Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptData extends IssuedDocumentBase {
  dossier: AppointedDossier;
  components: ReceivedComponent[];
  /** Số lượng hồ sơ (bộ); default 1. */
  sets?: number;
  processingTime: ProcessingTime;
  /** Nơi nhận kết quả, e.g. the desk's address, "Qua dịch vụ bưu chính công ích", "Trực tuyến". */
  resultDelivery: string;
  /** The public lookup address of this dossier, printed and encoded as a QR code. */
  lookupUrl: string;
  /** Người tiếp nhận hồ sơ. */
  officer: Officer;
}

/** An item to supplement or correct. */
export interface SupplementItem {
  name: string;
  /** What exactly is missing or wrong. */
  detail?: string;
}

/** Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestData extends IssuedDocumentBase {
  items: SupplementItem[];
  reason: string;
  /** Người hướng dẫn: the officer the applicant may ask. */
  officer: Officer;
  /** Số điện thoại to call with questions. */
  contactPhone?: string;
}

/** Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalData extends IssuedDocumentBase {
  reason: string;
  /** Căn cứ pháp lý of the refusal, if cited. */
  legalBasis?: string;
  officer: Officer;
}

/** Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (hẹn lại ngày trả kết quả). */
export interface ApologyData extends IssuedDocumentBase {
  dossier: AppointedDossier;
  /** Lý do chậm trễ. */
  reason: string;
  /** The new appointed return instant; it may be set only once (domain brief §3). */
  newDueAt: Date;
  /** The head of the agency who signs. */
  signer: Officer;
}

/** Mẫu số 05 — Thông báo dừng giải quyết hồ sơ. */
export interface StopNoticeData extends IssuedDocumentBase {
  /** Lý do, e.g. "Công dân có đơn đề nghị rút hồ sơ". */
  reason: string;
  /** When the applicant asked to withdraw, if that is the cause. */
  withdrawalRequestedAt?: Date;
  signer: Officer;
}

/** One side of a hand-off: an agency or unit and, if known, the person. */
export interface HandOffParty {
  unit: string;
  person?: string;
}

/** One hand-off of the dossier (giao, nhận hồ sơ). */
export interface HandOff {
  from: HandOffParty;
  to: HandOffParty;
  at: Date;
  /** Hạn xử lý of the step that ends with this hand-off. */
  stepDueAt?: Date;
  /** Trước hạn / đúng hạn / quá hạn; computed from `at` and `stepDueAt` when absent. */
  result?: HandOffClass;
  /** Ghi chú. */
  comment?: string;
}

/** Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetData {
  agency: AgencyInfo;
  dossier: DossierInfo;
  /** Cơ quan chủ trì giải quyết; default the agency. */
  leadAgency?: string;
  /** The date of the sheet as printed. */
  issuedAt: Date;
  handOffs: HandOff[];
}

/** The input of each document form. */
export interface FormDataMap {
  '01': ReceiptData;
  '02': SupplementRequestData;
  '03': RefusalData;
  '04': ApologyData;
  '05': StopNoticeData;
  '06': ControlSheetData;
}

/** A row of the dossier register (Mẫu số 07 — Sổ theo dõi hồ sơ). */
export interface RegisterRow {
  code: string;
  receivedAt: Date;
  applicantName: string;
  /** Địa chỉ, số điện thoại of the applicant. */
  applicantContact?: string;
  procedureName: string;
  /** Cơ quan chủ trì giải quyết. */
  agencyName: string;
  dueAt: Date;
  /** Có kết quả (processing finished). */
  finishedAt?: Date;
  /** Đã trả kết quả. */
  returnedAt?: Date;
  /** Trạng thái, as a Vietnamese label, e.g. "Đã trả kết quả". */
  status: string;
  onTime?: HandOffClass;
  note?: string;
}
