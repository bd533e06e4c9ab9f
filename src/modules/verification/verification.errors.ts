import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

export const verificationErrors = {
  notPdf: declareError('verification.not_pdf', 422, t('Tệp không phải là PDF', 'The file is not a PDF')),
  tooLarge: declareError('verification.too_large', 413, t('Tệp quá lớn (tối đa 20 MB)', 'The file is too large (at most 20 MB)')),
  noSignature: declareError('verification.no_signature', 422, t('Tệp không có chữ ký số', 'The file has no digital signature')),
  empty: declareError('verification.no_file', 400, t('Chưa có tệp để kiểm tra', 'No file to verify')),
  badMultipart: declareError('verification.bad_multipart', 400, t('Nội dung tải lên không hợp lệ', 'Malformed upload')),
  resultNotFound: declareError('verification.result_not_found', 404, t('Không tìm thấy kết quả với mã này', 'No result with this code')),
};
