import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the result module, declared once. */
export const resultErrors = {
  notFound: declareError('result.not_found', 404, t('Không tìm thấy kết quả điện tử', 'Electronic result not found')),
  tsaUnavailable: declareError('result.tsa_unavailable', 503, t('Chưa lấy được dấu thời gian cho chữ ký số', 'The time-stamping service did not answer')),
  signingUnavailable: declareError('result.signing_unavailable', 503, t('Chưa ký số được kết quả', 'The result could not be signed')),
  badTimeStampQuery: declareError('result.bad_timestamp_query', 400, t('Yêu cầu cấp dấu thời gian không hợp lệ', 'Invalid time-stamp query')),
  alreadyRevoked: declareError('result.already_revoked', 409, t('Kết quả này đã bị thu hồi', 'This result has already been revoked')),
  alreadyReplaced: declareError('result.already_replaced', 409, t('Kết quả này đã được cấp lại bằng kết quả khác', 'This result has already been replaced')),
  notAllowed: declareError('result.not_allowed', 403, t('Bạn không có thẩm quyền thu hồi hoặc cấp lại kết quả này', 'You may not revoke or replace this result')),
  reasonRequired: declareError('result.reason_required', 400, t('Cần nêu lý do', 'A reason is required')),
  tsaDisabled: declareError('result.tsa_disabled', 404, t('Máy chủ không cung cấp dịch vụ dấu thời gian', 'No time-stamping service here')),
};

/** The details that go with them. */
export const RESULT_ERROR_DETAILS = {
  tsaUnavailable: t('Dịch vụ cấp dấu thời gian không phản hồi kịp; kết quả chưa được ký. Vui lòng thử lại sau ít phút.', 'The time-stamping authority did not answer in time; the result was not signed. Please try again in a few minutes.'),
  signingUnavailable: t('Khóa ký số của cơ quan chưa sẵn sàng.', 'The agency signing key is not available.'),
  alreadyReplaced: t('Chỉ kết quả còn hiệu lực mới thu hồi hoặc cấp lại được; hãy dùng kết quả mới nhất của hồ sơ.', 'Only a result still in force may be revoked or replaced; use the dossier’s latest result.'),
  notAllowed: t('Chỉ lãnh đạo phê duyệt hoặc cán bộ trả kết quả của cơ quan đã cấp kết quả mới được thu hồi hoặc cấp lại.', 'Only the approver or the result officer of the issuing agency may revoke or replace a result.'),
  reasonRequired: t('Nhập lý do thu hồi hoặc cấp lại (tối đa 2000 ký tự).', 'Enter the reason for the revocation or replacement (at most 2000 characters).'),
  badTimeStampQuery: t('Nội dung phải là TimeStampReq (RFC 3161), kiểu application/timestamp-query.', 'The body must be an RFC 3161 TimeStampReq sent as application/timestamp-query.'),
};
