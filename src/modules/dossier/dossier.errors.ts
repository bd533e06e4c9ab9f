/**
 * Every error the dossier module can answer, declared once (code, status, vi/en title). The state machine's refusals
 * are declared from its own list of codes, each with the status of its kind (409 state, 403 role, 422 payload).
 */
import { declareError, type Bilingual, type ErrorFactory, type ErrorOptions } from '../../platform/http/errors';
import { HTTP_STATUS_OF_REFUSAL, REFUSAL_CODES, REFUSAL_KINDS, type CheckResult, type RefusalCode } from '../../shared/dossier';

const t = (vi: string, en: string): Bilingual => ({ vi, en });

/** A declared error whose detail defaults to `detail` (the factory keeps its registry entry). */
function declare(code: string, status: number, title: Bilingual, detail?: Bilingual): ErrorFactory {
  const f = declareError(code, status, title);
  if (!detail) return f;
  const g = ((d?: Bilingual, opts?: ErrorOptions) => f(d ?? detail, opts)) as ErrorFactory;
  Object.defineProperties(g, { code: { value: f.code }, status: { value: f.status }, title: { value: f.title } });
  return g;
}

const REFUSAL_TITLES: Record<keyof typeof HTTP_STATUS_OF_REFUSAL, Bilingual> = {
  state: t('Xung đột trạng thái hồ sơ', 'Dossier state conflict'),
  role: t('Không được thực hiện thao tác', 'Action not permitted'),
  payload: t('Dữ liệu thao tác không hợp lệ', 'Invalid action data'),
};

/** One declared error per refusal code of the machine (`dossier.<code>`), e.g. `dossier.state_not_permitted`. */
export const refusalErrors = Object.fromEntries(
  REFUSAL_CODES.map((code) => [code, declareError(`dossier.${code}`, HTTP_STATUS_OF_REFUSAL[REFUSAL_KINDS[code]], REFUSAL_TITLES[REFUSAL_KINDS[code]])]),
) as Record<RefusalCode, ErrorFactory>;

export const dossierErrors = {
  notFound: declare('dossier.not_found', 404, t('Không tìm thấy hồ sơ', 'Dossier not found')),
  outOfJurisdiction: declare(
    'dossier.out_of_jurisdiction',
    403,
    t('Hồ sơ không thuộc thẩm quyền của bạn', 'Dossier outside your jurisdiction'),
    t('Bạn không có vai trò phù hợp tại cơ quan giải quyết hồ sơ này.', 'You hold no suitable role in the agency handling this dossier.'),
  ),
  notCitizen: declare('dossier.not_citizen', 403, t('Không được thực hiện thao tác', 'Action not permitted'), t('Chỉ công dân (tài khoản định danh) mới nộp hồ sơ trực tuyến.', 'Only citizens (e-ID accounts) file online.')),
  procedureNotOffered: declare('dossier.agency_not_competent', 422, t('Cơ quan không giải quyết thủ tục này', 'Agency does not handle this procedure'), t('Cơ quan đã chọn không giải quyết thủ tục này.', 'The chosen agency does not handle this procedure.')),
  /** Call with where to go: `inPersonOnly(inPersonOnlyDetail(agency))`. */
  inPersonOnly: declare('dossier.in_person_only', 422, t('Thủ tục chỉ nhận hồ sơ nộp trực tiếp', 'Procedure filed in person only')),
  applicantTypeNotAllowed: declare('dossier.applicant_type_not_allowed', 422, t('Thủ tục không dành cho người nộp này', 'Procedure not for this applicant'), t('Thủ tục này không dành cho loại người nộp này.', 'This procedure is not for this kind of applicant.')),
  invalidData: declare('dossier.invalid_data', 422, t('Dữ liệu tờ khai không hợp lệ', 'Invalid form data'), t('Vui lòng sửa các trường được nêu.', 'Please correct the fields listed.')),
  missingDocuments: declare('dossier.missing_documents', 422, t('Thiếu thành phần hồ sơ bắt buộc', 'Mandatory documents missing'), t('Vui lòng đính kèm các giấy tờ bắt buộc.', 'Please attach the mandatory documents.')),
  notDraft: declare('dossier.not_draft', 409, t('Hồ sơ đã nộp', 'Dossier already submitted'), t('Hồ sơ đã nộp, không sửa được nữa.', 'The dossier has been submitted and can no longer be edited.')),
  prefillIntegrity: declare(
    'dossier.prefill_integrity',
    409,
    t('Dữ liệu lấy từ cơ sở dữ liệu quốc gia đã bị thay đổi', 'Registry data changed'),
    t('Dữ liệu điền sẵn của hồ sơ không khớp với giá trị băm đã lưu.', 'The prefilled data of the dossier does not match its stored hash.'),
  ),
  unknownDocument: declare('dossier.unknown_document', 422, t('Không có thành phần hồ sơ này', 'No such document'), t('Thủ tục không có thành phần hồ sơ này.', 'The procedure has no such document.')),
  documentNotFromStore: declare('dossier.document_not_from_store', 422, t('Không lấy được từ kho dữ liệu', 'Not from the data store'), t('Thành phần hồ sơ này không lấy được từ kho dữ liệu.', 'This document cannot be taken from the data store.')),
  attachmentType: declare('dossier.attachment_type', 415, t('Loại tệp không được chấp nhận', 'File type not accepted'), t('Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.')),
  /** Call with the limit's detail: `attachmentTooLarge(tooLargeDetail(max))`. */
  attachmentTooLarge: declare('dossier.attachment_too_large', 413, t('Tệp quá lớn', 'File too large')),
  attachmentInfected: declare('dossier.attachment_infected', 422, t('Tệp có mã độc', 'Malware found'), t('Tệp có mã độc, đã bị từ chối.', 'The file contains malware and was refused.')),
  attachmentMissing: declare('dossier.attachment_missing', 400, t('Thiếu tệp đính kèm', 'File missing'), t('Thiếu tệp hoặc mã thành phần hồ sơ (documentId).', 'A file and the document id (documentId) are required.')),
  badMultipart: declare('dossier.bad_multipart', 400, t('Yêu cầu không hợp lệ', 'Bad request'), t('Nội dung multipart không hợp lệ.', 'Malformed multipart body.')),
  attachmentNotFound: declare('dossier.attachment_not_found', 404, t('Không tìm thấy tệp đính kèm', 'Attachment not found'), t('Hồ sơ không có tệp đính kèm này (hoặc tệp đã được gỡ).', 'The dossier has no such attachment (or it was removed).')),
  attachmentNotRemovable: declare(
    'dossier.attachment_not_removable',
    409,
    t('Không gỡ được tệp đính kèm', 'Attachment cannot be removed'),
    t('Chỉ gỡ được tệp khi hồ sơ còn là bản nháp hoặc đang bổ sung theo yêu cầu.', 'Files can be removed only while the dossier is a draft or being supplemented on request.'),
  ),
  attachmentReceived: declare(
    'dossier.attachment_received',
    409,
    t('Tệp đã được tiếp nhận', 'File already received'),
    t('Tệp này đã được cơ quan tiếp nhận cùng hồ sơ, không gỡ được; khi bổ sung chỉ gỡ được tệp mới đính kèm.', 'This file was received with the dossier and cannot be removed; while supplementing, only files added since the request can be removed.'),
  ),
  notDeletable: declare(
    'dossier.not_deletable',
    409,
    t('Không xoá được hồ sơ', 'Dossier cannot be deleted'),
    t('Chỉ xoá được bản nháp chưa nộp.', 'Only a draft that was never submitted can be deleted.'),
  ),
  badAssignee: declare('dossier.bad_assignee', 422, t('Người được phân công không hợp lệ', 'Invalid assignee'), t('Người được phân công không phải chuyên viên của cơ quan này.', 'The assignee is not a specialist of this agency.')),
  badConsultedAgency: declare('dossier.bad_consulted_agency', 422, t('Cơ quan được xin ý kiến không hợp lệ', 'Invalid agency to consult'), t('Cơ quan được xin ý kiến không hợp lệ.', 'Invalid agency to consult.')),
  dueNotWorkingDay: declare('dossier.due_not_working_day', 422, t('Ngày hẹn mới không hợp lệ', 'Invalid new date'), t('Ngày hẹn mới phải là ngày làm việc.', 'The new date must be a working day.')),
  badCursor: declare('dossier.bad_cursor', 400, t('Yêu cầu không hợp lệ', 'Bad request'), t('Con trỏ phân trang không hợp lệ.', 'Invalid pagination cursor.')),
  /** Call with the form's detail: `documentNotAvailable(formDetail(form))`. */
  documentNotAvailable: declare('dossier.document_not_available', 404, t('Chưa có văn bản này', 'Document not available')),
};

export const tooLargeDetail = (max: number): Bilingual => t(`Tệp tối đa ${Math.round(max / 1048576)} MB.`, `Files up to ${Math.round(max / 1048576)} MB.`);
/** Where to file a procedure that is not offered online: the agency's one-stop unit and its address. */
export const inPersonOnlyDetail = (agency: { oneStopUnit: string; oneStopUnitEn?: string | null; address?: string | null }): Bilingual => {
  const at = agency.address ? `, ${agency.address}` : '';
  return t(
    `Thủ tục này không nhận hồ sơ trực tuyến. Vui lòng nộp hồ sơ trực tiếp tại ${agency.oneStopUnit}${at}.`,
    `This procedure does not take dossiers online. Please file in person at ${agency.oneStopUnitEn ?? agency.oneStopUnit}${at}.`,
  );
};
export const formDetail = (form: string): Bilingual => t(`Hồ sơ chưa có mẫu số ${form}.`, `The dossier has no form ${form} (yet).`);
export const rolesDetail = (roles: readonly string[]): Bilingual => t(`Thao tác này cần một trong các vai trò: ${roles.join(', ')}.`, `This action needs one of the roles: ${roles.join(', ')}.`);

/** The machine's refusal as the API answers it. */
export function refused(r: Extract<CheckResult, { ok: false }>) {
  return refusalErrors[r.code](r.reason);
}
