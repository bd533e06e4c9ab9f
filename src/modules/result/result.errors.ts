import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the result module, declared once. */
export const resultErrors = {
  notFound: declareError('result.not_found', 404, t('Không tìm thấy kết quả điện tử', 'Electronic result not found')),
  tsaUnavailable: declareError('result.tsa_unavailable', 503, t('Chưa lấy được dấu thời gian cho chữ ký số', 'The time-stamping service did not answer')),
  signingUnavailable: declareError('result.signing_unavailable', 503, t('Chưa ký số được kết quả', 'The result could not be signed')),
  badTimeStampQuery: declareError('result.bad_timestamp_query', 400, t('Yêu cầu cấp dấu thời gian không hợp lệ', 'Invalid time-stamp query')),
  tsaDisabled: declareError('result.tsa_disabled', 404, t('Máy chủ không cung cấp dịch vụ dấu thời gian', 'No time-stamping service here')),
};

/** The details that go with them. */
export const RESULT_ERROR_DETAILS = {
  tsaUnavailable: t('Dịch vụ cấp dấu thời gian không phản hồi kịp; kết quả chưa được ký. Vui lòng thử lại sau ít phút.', 'The time-stamping authority did not answer in time; the result was not signed. Please try again in a few minutes.'),
  signingUnavailable: t('Khóa ký số của cơ quan chưa sẵn sàng.', 'The agency signing key is not available.'),
  badTimeStampQuery: t('Nội dung phải là TimeStampReq (RFC 3161), kiểu application/timestamp-query.', 'The body must be an RFC 3161 TimeStampReq sent as application/timestamp-query.'),
};
