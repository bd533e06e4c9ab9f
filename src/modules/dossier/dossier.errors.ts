import { AppError, errors, type Bilingual, type FieldError } from '../../platform/http/errors';
import { HTTP_STATUS_OF_REFUSAL, type CheckResult } from '../../shared/dossier';

const t = (vi: string, en: string): Bilingual => ({ vi, en });

export const dossierErrors = {
  notFound: () => new AppError(404, 'dossier.not_found', t('Không tìm thấy hồ sơ', 'Dossier not found')),
  outOfJurisdiction: () =>
    new AppError(403, 'dossier.out_of_jurisdiction', t('Hồ sơ không thuộc thẩm quyền của bạn', 'Dossier outside your jurisdiction'), t('Bạn không có vai trò phù hợp tại cơ quan giải quyết hồ sơ này.', 'You hold no suitable role in the agency handling this dossier.')),
  roleNotPermitted: (roles: readonly string[]) =>
    new AppError(403, 'dossier.role_not_permitted', t('Vai trò không được thực hiện thao tác', 'Role may not take this action'), t(`Thao tác này cần một trong các vai trò: ${roles.join(', ')}.`, `This action needs one of the roles: ${roles.join(', ')}.`)),
  /** A refusal of the pure state machine: 409 state, 403 role, 422 payload. */
  refused: (r: Extract<CheckResult, { ok: false }>) =>
    new AppError(HTTP_STATUS_OF_REFUSAL[r.kind], `dossier.${r.code}`, r.kind === 'state' ? t('Xung đột trạng thái hồ sơ', 'Dossier state conflict') : r.kind === 'role' ? t('Không được thực hiện thao tác', 'Action not permitted') : t('Dữ liệu thao tác không hợp lệ', 'Invalid action data'), r.reason),
  procedureNotOffered: () => errors.unprocessable('dossier.agency_not_competent', t('Cơ quan đã chọn không giải quyết thủ tục này.', 'The chosen agency does not handle this procedure.')),
  applicantTypeNotAllowed: () => errors.unprocessable('dossier.applicant_type_not_allowed', t('Thủ tục này không dành cho loại người nộp này.', 'This procedure is not for this kind of applicant.')),
  invalidData: (fields: FieldError[]) => new AppError(422, 'dossier.invalid_data', t('Dữ liệu tờ khai không hợp lệ', 'Invalid form data'), t('Vui lòng sửa các trường được nêu.', 'Please correct the fields listed.'), fields),
  missingDocuments: (fields: FieldError[]) => new AppError(422, 'dossier.missing_documents', t('Thiếu thành phần hồ sơ bắt buộc', 'Mandatory documents missing'), t('Vui lòng đính kèm các giấy tờ bắt buộc.', 'Please attach the mandatory documents.'), fields),
  notDraft: () => errors.conflict('dossier.not_draft', t('Hồ sơ đã nộp, không sửa được nữa.', 'The dossier has been submitted and can no longer be edited.')),
  unknownDocument: () => errors.unprocessable('dossier.unknown_document', t('Thủ tục không có thành phần hồ sơ này.', 'The procedure has no such document.')),
  attachmentType: () => new AppError(415, 'dossier.attachment_type', t('Loại tệp không được chấp nhận', 'File type not accepted'), t('Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.')),
  attachmentTooLarge: (max: number) => new AppError(413, 'dossier.attachment_too_large', t('Tệp quá lớn', 'File too large'), t(`Tệp tối đa ${Math.round(max / 1048576)} MB.`, `Files up to ${Math.round(max / 1048576)} MB.`)),
  attachmentInfected: () => errors.unprocessable('dossier.attachment_infected', t('Tệp có mã độc, đã bị từ chối.', 'The file contains malware and was refused.')),
  attachmentMissing: () => errors.badRequest('dossier.attachment_missing', t('Thiếu tệp hoặc mã thành phần hồ sơ (documentId).', 'A file and the document id (documentId) are required.')),
  badAssignee: () => errors.unprocessable('dossier.bad_assignee', t('Người được phân công không phải chuyên viên của cơ quan này.', 'The assignee is not a specialist of this agency.')),
  badConsultedAgency: () => errors.unprocessable('dossier.bad_consulted_agency', t('Cơ quan được xin ý kiến không hợp lệ.', 'Invalid agency to consult.')),
  dueNotWorkingDay: () => errors.unprocessable('dossier.due_not_working_day', t('Ngày hẹn mới phải là ngày làm việc.', 'The new date must be a working day.')),
  notAssignee: () => new AppError(403, 'dossier.not_assignee', t('Không được thực hiện thao tác', 'Action not permitted'), t('Chỉ chuyên viên đang xử lý mới trả lại được hồ sơ.', 'Only the assigned specialist can hand the dossier back.')),
  badCursor: () => errors.badRequest('dossier.bad_cursor', t('Con trỏ phân trang không hợp lệ.', 'Invalid pagination cursor.')),
  notCitizen: () => new AppError(403, 'dossier.not_citizen', t('Không được thực hiện thao tác', 'Action not permitted'), t('Chỉ công dân (tài khoản định danh) mới nộp hồ sơ trực tuyến.', 'Only citizens (e-ID accounts) file online.')),
};
