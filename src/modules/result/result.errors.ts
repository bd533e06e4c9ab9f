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
  notCertification: declareError('result.not_certification', 409, t('Hồ sơ không thuộc thủ tục chứng thực bản sao từ bản chính', 'The dossier is not a certified-copy procedure')),
  copyConfirmationMissing: declareError('result.copy_confirmation_missing', 422, t('Chưa xác nhận bản chụp khớp với bản chính', 'The match with the original was not confirmed')),
  unsupportedScan: declareError('result.unsupported_scan', 415, t('Tệp bản chụp không được hỗ trợ', 'Unsupported scan file')),
  scanMissing: declareError('result.scan_missing', 400, t('Thiếu tệp bản chụp', 'The scan is missing')),
  scanTooLarge: declareError('result.scan_too_large', 413, t('Tệp bản chụp quá lớn', 'The scan is too large')),
  copyNotAllowed: declareError('result.copy_not_allowed', 403, t('Bạn không có thẩm quyền chứng thực bản sao cho hồ sơ này', 'You may not certify copies for this dossier')),
  copyWrongState: declareError('result.copy_wrong_state', 409, t('Hồ sơ chưa được tiếp nhận hoặc đã kết thúc', 'The dossier has not been received or is finished')),
  copyNotReplaceable: declareError('result.copy_not_replaceable', 409, t('Bản sao chứng thực không cấp lại được', 'A certified copy cannot be replaced')),
  tsaDisabled: declareError('result.tsa_disabled', 404, t('Máy chủ không cung cấp dịch vụ dấu thời gian', 'No time-stamping service here')),
};

/** The details that go with them. */
export const RESULT_ERROR_DETAILS = {
  tsaUnavailable: t('Dịch vụ cấp dấu thời gian không phản hồi kịp; kết quả chưa được ký. Vui lòng thử lại sau ít phút.', 'The time-stamping authority did not answer in time; the result was not signed. Please try again in a few minutes.'),
  signingUnavailable: t('Khóa ký số của cơ quan chưa sẵn sàng.', 'The agency signing key is not available.'),
  alreadyReplaced: t('Chỉ kết quả còn hiệu lực mới thu hồi hoặc cấp lại được; hãy dùng kết quả mới nhất của hồ sơ.', 'Only a result still in force may be revoked or replaced; use the dossier’s latest result.'),
  notAllowed: t('Chỉ lãnh đạo phê duyệt hoặc cán bộ trả kết quả của cơ quan đã cấp kết quả mới được thu hồi hoặc cấp lại.', 'Only the approver or the result officer of the issuing agency may revoke or replace a result.'),
  reasonRequired: t('Nhập lý do thu hồi hoặc cấp lại (tối đa 2000 ký tự).', 'Enter the reason for the revocation or replacement (at most 2000 characters).'),
  notCertification: t('Chỉ hồ sơ của thủ tục chứng thực bản sao từ bản chính mới tạo được bản sao điện tử có chứng thực.', 'Only a dossier of the certified-copy-from-original procedure can produce a certified electronic copy.'),
  copyConfirmationMissing: t('Đánh dấu ô xác nhận đã đối chiếu bản chụp với bản chính do người yêu cầu xuất trình tại bộ phận một cửa.', 'Tick the box confirming you compared the scan with the original shown at the desk.'),
  unsupportedScan: t('Chỉ nhận tệp PDF (không mã hóa, tối đa 200 trang), JPEG hoặc PNG.', 'Only PDF (not encrypted, at most 200 pages), JPEG or PNG files are accepted.'),
  scanMissing: t('Gửi biểu mẫu nhiều phần (multipart) có trường confirmed và tệp scan.', 'Send a multipart form with the confirmed field and the scan file.'),
  scanTooLarge: t('Tệp bản chụp tối đa 10 MB.', 'The scan may be at most 10 MB.'),
  copyNotAllowed: t('Chỉ cán bộ tiếp nhận của cơ quan tiếp nhận hồ sơ mới chứng thực được bản sao.', 'Only a receiving officer of the agency that received the dossier may certify copies.'),
  copyWrongState: t('Tiếp nhận hồ sơ trước khi chứng thực; hồ sơ đã kết thúc không chứng thực thêm được.', 'Receive the dossier before certifying; a finished dossier takes no more copies.'),
  copyNotReplaceable: t('Thu hồi bản sao này và chứng thực lại từ bản chính.', 'Revoke this copy and certify again from the original.'),
  badTimeStampQuery: t('Nội dung phải là TimeStampReq (RFC 3161), kiểu application/timestamp-query.', 'The body must be an RFC 3161 TimeStampReq sent as application/timestamp-query.'),
};
