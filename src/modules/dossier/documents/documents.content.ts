/**
 * The wording of forms 01–06 of Circular 03/2025/TT-VPCP, Annex I, as a small layout-neutral model that the HTML
 * and PDF renderers both draw, so that the two never say different things.
 */
import { classifyHandOff, FORMS } from '../../../shared/dossier';
import {
  cleanData,
  COMPONENT_FORM_LABELS,
  formatDate,
  formatDateTime,
  formatProcessingTime,
  formatTimeAndDate,
  ON_TIME_LABELS,
  placeDateLine,
  upperVi,
} from './documents.format';
import type {
  AgencyInfo,
  ApologyData,
  ControlSheetData,
  DocumentForm,
  DossierInfo,
  FormDataMap,
  HandOffParty,
  IssuedDocumentBase,
  Officer,
  ReceiptData,
  RefusalData,
  StopNoticeData,
  SupplementRequestData,
} from './documents.types';

export interface Field {
  label: string;
  value: string;
}

export interface Column {
  header: string;
  /** Relative width. */
  weight: number;
  align?: 'left' | 'center';
}

export type Block =
  /** A section heading (h2). */
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  /** "Label: value" lines. */
  | { kind: 'fields'; fields: Field[] }
  /** A numbered list. */
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; caption: string; columns: Column[]; rows: string[][] }
  /** A QR code of `url`, shown with the address in words. */
  | { kind: 'qr'; url: string; label: string };

export interface SignatureBlock {
  /** Capacity in capitals, one line per `\n` (e.g. "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"). */
  capacity: string;
  /** "(Ký và ghi rõ họ tên)". */
  hint: string;
  name: string;
}

export interface FormDocument {
  form: DocumentForm;
  /** "Mẫu số 01". */
  formLabel: string;
  /** Tên cơ quan and Bộ phận Một cửa, in capitals, for the left of the national heading. */
  issuer: { agency: string; unit: string };
  documentNumber?: string;
  placeDate: string;
  /** The title in capitals. */
  title: string;
  /** One line under the title, e.g. "Mã hồ sơ: …". */
  subtitle?: string;
  /** "Kính gửi: …" for letters to the applicant. */
  addressee?: string;
  blocks: Block[];
  /** One signer is placed on the right, two side by side (applicant left, officer right). */
  signers: SignatureBlock[];
  meta: { title: string; author: string; subject: string; keywords: string };
}

const SIGN_WITH_NAME = '(Ký và ghi rõ họ tên)';
const SIGN_WITH_SEAL = '(Ký tên, đóng dấu)';

/** Build the document model of a form from its (NFC-normalised) input. */
export function buildFormDocument<F extends DocumentForm>(form: F, input: FormDataMap[F]): FormDocument {
  const data = cleanData(input) as FormDataMap[DocumentForm];
  switch (form) {
    case '01':
      return receipt(data as ReceiptData);
    case '02':
      return supplementRequest(data as SupplementRequestData);
    case '03':
      return refusal(data as RefusalData);
    case '04':
      return apology(data as ApologyData);
    case '05':
      return stopNotice(data as StopNoticeData);
    case '06':
      return controlSheet(data as ControlSheetData);
    default:
      throw new RangeError(`no document for form ${String(form)}`);
  }
}

function frame(
  form: DocumentForm,
  base: { agency: AgencyInfo; dossier: DossierInfo; issuedAt: Date; documentNumber?: string },
  rest: Pick<FormDocument, 'blocks' | 'signers'> & Partial<Pick<FormDocument, 'subtitle' | 'addressee'>>,
): FormDocument {
  const { agency, dossier } = base;
  const title = FORMS[form].title.vi;
  return {
    form,
    formLabel: `Mẫu số ${form}`,
    issuer: { agency: upperVi(agency.name), unit: upperVi(agency.oneStopUnit) },
    documentNumber: base.documentNumber?.trim() ? `Số: ${base.documentNumber.trim()}` : undefined,
    placeDate: placeDateLine(agency.place ?? agency.province, base.issuedAt),
    title: upperVi(title),
    ...rest,
    meta: {
      title: `${title} — ${dossier.code}`,
      author: agency.name,
      subject: dossier.procedureName,
      keywords: `${dossier.code}, Mẫu số ${form}, Thông tư 03/2025/TT-VPCP`,
    },
  };
}

function signer(officer: Officer, defaultCapacity: string, hint: string): SignatureBlock {
  return { capacity: upperVi(officer.capacity ?? defaultCapacity), hint, name: officer.name };
}

function applicantIdLabel(d: DossierInfo): string {
  return d.applicantKind === 'organisation' ? 'Mã số doanh nghiệp/Mã định danh tổ chức' : 'Số định danh cá nhân';
}

/** Name, identifier and contact details of the applicant, then the procedure. */
function applicantFields(d: DossierInfo, withContact: boolean): Field[] {
  const fields: Field[] = [
    { label: 'Tên cá nhân, tổ chức', value: d.applicantName },
    { label: applicantIdLabel(d), value: d.applicantId },
  ];
  if (withContact) {
    if (d.applicantAddress) fields.push({ label: 'Địa chỉ', value: d.applicantAddress });
    if (d.applicantPhone) fields.push({ label: 'Số điện thoại', value: d.applicantPhone });
    if (d.applicantEmail) fields.push({ label: 'Thư điện tử', value: d.applicantEmail });
  }
  fields.push({ label: 'Nội dung yêu cầu giải quyết', value: d.procedureName });
  return fields;
}

const codeLine = (d: DossierInfo) => `Mã hồ sơ: ${d.code}`;
const addresseeOf = (d: DossierInfo) => `Kính gửi: ${d.applicantName}`;

/** Split free text on line breaks into paragraphs. */
function paragraphs(text: string, prefix = ''): Block[] {
  const parts = text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  return parts.map((p, i) => ({ kind: 'paragraph', text: i === 0 ? prefix + p : p }));
}

function receipt(data: ReceiptData): FormDocument {
  const d = data.dossier;
  const sets = data.sets ?? 1;
  const signers = [signer(data.officer, 'Người tiếp nhận hồ sơ', SIGN_WITH_NAME)];
  if ((d.channel ?? 'in_person') === 'in_person') {
    signers.unshift({ capacity: 'NGƯỜI NỘP HỒ SƠ', hint: SIGN_WITH_NAME, name: d.applicantName });
  }
  return frame('01', data, {
    subtitle: codeLine(d),
    blocks: [
      { kind: 'paragraph', text: `${data.agency.oneStopUnit} tiếp nhận hồ sơ của:` },
      { kind: 'fields', fields: applicantFields(d, true) },
      {
        kind: 'table',
        caption: 'Thành phần hồ sơ đã nhận',
        columns: [
          { header: 'STT', weight: 1, align: 'center' },
          { header: 'Tên giấy tờ', weight: 8 },
          { header: 'Hình thức', weight: 3.4 },
          { header: 'Số lượng', weight: 1.6, align: 'center' },
        ],
        rows: data.components.map((c, i) => [
          String(i + 1),
          c.name,
          COMPONENT_FORM_LABELS[c.form],
          String(c.copies).padStart(2, '0'),
        ]),
      },
      {
        kind: 'fields',
        fields: [
          { label: 'Số lượng hồ sơ', value: `${String(sets).padStart(2, '0')} bộ` },
          { label: 'Thời gian giải quyết hồ sơ theo quy định', value: formatProcessingTime(data.processingTime) },
          { label: 'Thời gian nhận hồ sơ', value: formatTimeAndDate(d.receivedAt) },
          { label: 'Thời gian trả kết quả giải quyết hồ sơ', value: formatTimeAndDate(d.dueAt) },
          { label: 'Nơi nhận kết quả', value: data.resultDelivery },
        ],
      },
      { kind: 'heading', text: 'Tra cứu tình hình giải quyết hồ sơ' },
      {
        kind: 'qr',
        url: data.lookupUrl,
        label: 'Tra cứu bằng mã hồ sơ tại địa chỉ dưới đây, hoặc quét mã QR:',
      },
    ],
    signers,
  });
}

function supplementRequest(data: SupplementRequestData): FormDocument {
  const d = data.dossier;
  const contact = data.contactPhone
    ? `${data.officer.name}, số điện thoại ${data.contactPhone}`
    : data.officer.name;
  return frame('02', data, {
    subtitle: codeLine(d),
    addressee: addresseeOf(d),
    blocks: [
      {
        kind: 'paragraph',
        text: `Ngày ${formatDate(d.receivedAt)}, ${data.agency.oneStopUnit} tiếp nhận hồ sơ của:`,
      },
      { kind: 'fields', fields: applicantFields(d, false) },
      {
        kind: 'paragraph',
        text:
          'Sau khi xem xét, đối chiếu với quy định hiện hành, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những ' +
          'nội dung sau:',
      },
      { kind: 'list', items: data.items.map((it) => (it.detail ? `${it.name}: ${it.detail}` : it.name)) },
      ...paragraphs(data.reason, 'Lý do: '),
      {
        kind: 'paragraph',
        // Decree 118/2025, Art. 11: one request only; the applicant's time is not counted in the processing time.
        text:
          'Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết. Trong quá trình bổ sung, hoàn ' +
          `thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${contact} để được hướng dẫn.`,
      },
    ],
    signers: [signer(data.officer, 'Người hướng dẫn', SIGN_WITH_NAME)],
  });
}

function refusal(data: RefusalData): FormDocument {
  const d = data.dossier;
  return frame('03', data, {
    subtitle: codeLine(d),
    addressee: addresseeOf(d),
    blocks: [
      {
        kind: 'paragraph',
        text: `Ngày ${formatDate(d.receivedAt)}, ${data.agency.oneStopUnit} tiếp nhận hồ sơ của:`,
      },
      { kind: 'fields', fields: applicantFields(d, false) },
      {
        kind: 'paragraph',
        text:
          'Qua xem xét, đối chiếu với quy định hiện hành, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do ' +
          'cụ thể như sau:',
      },
      ...paragraphs(data.reason),
      ...(data.legalBasis ? paragraphs(data.legalBasis, 'Căn cứ: ') : []),
      { kind: 'paragraph', text: 'Xin thông báo để Ông/Bà được biết và thực hiện./.' },
    ],
    signers: [signer(data.officer, 'Người tiếp nhận hồ sơ', SIGN_WITH_NAME)],
  });
}

/** "Ngày …, <agency> tiếp nhận hồ sơ của Ông/Bà …, mã hồ sơ …, về việc …". */
function receivedSentence(base: IssuedDocumentBase): string {
  const d = base.dossier;
  return (
    `Ngày ${formatDate(d.receivedAt)}, ${base.agency.name} tiếp nhận hồ sơ của ${d.applicantName}, ` +
    `mã hồ sơ ${d.code}, về việc ${d.procedureName}.`
  );
}

function apology(data: ApologyData): FormDocument {
  const d = data.dossier;
  return frame('04', data, {
    subtitle: codeLine(d),
    addressee: addresseeOf(d),
    blocks: [
      { kind: 'paragraph', text: receivedSentence(data) },
      { kind: 'paragraph', text: `Thời gian hẹn trả kết quả giải quyết hồ sơ: ${formatTimeAndDate(d.dueAt)}.` },
      {
        kind: 'paragraph',
        text: `Tuy nhiên, đến nay ${data.agency.name} chưa trả được kết quả giải quyết hồ sơ đúng hạn.`,
      },
      ...paragraphs(data.reason, 'Lý do: '),
      {
        kind: 'paragraph',
        text:
          `Sự chậm trễ này gây phiền hà cho Ông/Bà. ${data.agency.name} trân trọng xin lỗi Ông/Bà và hẹn trả kết ` +
          `quả giải quyết hồ sơ vào ${formatTimeAndDate(data.newDueAt)}.`,
      },
      { kind: 'paragraph', text: 'Xin trân trọng cảm ơn./.' },
    ],
    signers: [signer(data.signer, 'Thủ trưởng cơ quan', SIGN_WITH_SEAL)],
  });
}

function stopNotice(data: StopNoticeData): FormDocument {
  const d = data.dossier;
  const withdrawal: Block[] = data.withdrawalRequestedAt
    ? [{ kind: 'paragraph', text: `Ngày ${formatDate(data.withdrawalRequestedAt)}, Ông/Bà có yêu cầu rút hồ sơ.` }]
    : [];
  return frame('05', data, {
    subtitle: codeLine(d),
    addressee: addresseeOf(d),
    blocks: [
      { kind: 'paragraph', text: receivedSentence(data) },
      ...withdrawal,
      { kind: 'paragraph', text: `${data.agency.name} thông báo dừng giải quyết hồ sơ nêu trên.` },
      ...paragraphs(data.reason, 'Lý do: '),
      { kind: 'paragraph', text: 'Xin thông báo để Ông/Bà được biết./.' },
    ],
    signers: [signer(data.signer, 'Thủ trưởng cơ quan', SIGN_WITH_SEAL)],
  });
}

function party(p: HandOffParty): string {
  return p.person ? `${p.person}\n${p.unit}` : p.unit;
}

function controlSheet(data: ControlSheetData): FormDocument {
  const d = data.dossier;
  const fields: Field[] = [
    { label: 'Tên thủ tục hành chính', value: d.procedureName },
    { label: 'Tên cá nhân, tổ chức', value: d.applicantName },
    { label: 'Cơ quan chủ trì giải quyết', value: data.leadAgency ?? data.agency.name },
    { label: 'Thời gian nhận hồ sơ', value: formatTimeAndDate(d.receivedAt) },
  ];
  if (d.dueAt) fields.push({ label: 'Thời gian hẹn trả kết quả', value: formatTimeAndDate(d.dueAt) });
  return frame('06', data, {
    subtitle: codeLine(d),
    blocks: [
      { kind: 'fields', fields },
      {
        kind: 'table',
        caption: 'Quá trình giao, nhận hồ sơ',
        columns: [
          { header: 'STT', weight: 1.8, align: 'center' },
          { header: 'Bên giao', weight: 4.5 },
          { header: 'Bên nhận', weight: 4.5 },
          { header: 'Thời gian giao, nhận', weight: 3.4, align: 'center' },
          { header: 'Hạn xử lý của bước', weight: 3.4, align: 'center' },
          { header: 'Kết quả', weight: 2.7, align: 'center' },
          { header: 'Ghi chú', weight: 3.6 },
        ],
        rows: data.handOffs.map((h, i) => {
          const result = h.result ?? (h.stepDueAt ? classifyHandOff(h.at, h.stepDueAt) : undefined);
          return [
            String(i + 1),
            party(h.from),
            party(h.to),
            formatDateTime(h.at),
            h.stepDueAt ? formatDateTime(h.stepDueAt) : '',
            result ? ON_TIME_LABELS[result] : '',
            h.comment ?? '',
          ];
        }),
      },
    ],
    signers: [],
  });
}
