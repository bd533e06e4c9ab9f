import { declareError, declareErrorWith, platformErrors } from '../../platform/http/errors';
import { MAX_FILE_BYTES } from '../../shared/files/file-types';

const t = (vi: string, en: string) => ({ vi, en });

/** The data tracker, consent and the caller's identity. */
export const vaultErrors = {
  badCursor: declareError('vault.bad_cursor', 400, t('Con trỏ phân trang không hợp lệ', 'Invalid page cursor')),
  badRange: declareErrorWith('vault.bad_range', 400, t('Khoảng thời gian không hợp lệ', 'Invalid date range'), () => ({
    detail: t('Thời điểm bắt đầu phải trước thời điểm kết thúc.', 'The start must be before the end.'),
  })),
  noPersonalId: declareError('vault.no_personal_id', 403, t('Tài khoản chưa gắn số định danh cá nhân', 'The account has no personal ID')),
  noticeNotFound: declareErrorWith('consent.notice_not_found', 404, t('Không tìm thấy thông báo xử lý dữ liệu', 'Consent notice not found'), (purpose: string, version: number) => ({
    detail: t(`Không có thông báo phiên bản ${version} cho mục đích ${purpose}.`, `No notice version ${version} for purpose ${purpose}.`),
  })),
  noticeOutdated: declareErrorWith('consent.notice_outdated', 409, t('Thông báo đã có phiên bản mới', 'The notice has a newer version'), (purpose: string, current: number) => ({
    detail: t(`Vui lòng đọc và đồng ý với phiên bản ${current} của thông báo cho mục đích ${purpose}.`, `Please read and agree to version ${current} of the notice for purpose ${purpose}.`),
    extra: { currentVersion: current },
  })),
  noticeExists: declareError('consent.notice_exists', 409, t('Phiên bản thông báo đã tồn tại', 'Notice version already exists')),
};

/** The personal data store (kho dữ liệu). */
export const storeErrors = {
  notFound: declareError('store.not_found', 404, t('Không tìm thấy giấy tờ trong kho', 'Store item not found')),
  notDeletable: declareErrorWith('store.not_deletable', 409, t('Không được xóa giấy tờ này', 'This item cannot be deleted'), () => ({
    detail: t(
      'Kết quả giải quyết thủ tục do cơ quan nhà nước cấp và dữ liệu từ cơ sở dữ liệu quốc gia được lưu giữ trong kho; công dân không tự xóa được.',
      'Results issued by an agency and data from a national database are kept in the store; the owner cannot delete them.',
    ),
  })),
  empty: declareErrorWith('store.file_missing', 400, t('Thiếu tệp', 'File missing'), () => ({ detail: t('Gửi trường documentType rồi đến tệp.', 'Send the documentType field, then the file.') })),
  tooLarge: declareErrorWith('store.file_too_large', 413, t('Tệp quá lớn', 'File too large'), () => ({
    detail: t(`Tối đa ${MAX_FILE_BYTES / 1048576} MB.`, `At most ${MAX_FILE_BYTES / 1048576} MB.`),
  })),
  badType: declareErrorWith('store.file_type', 415, t('Loại tệp không được chấp nhận', 'File type not accepted'), () => ({ detail: t('Chỉ nhận PDF, JPEG, PNG.', 'Only PDF, JPEG and PNG are accepted.') })),
  infected: declareErrorWith('store.file_infected', 422, t('Tệp nhiễm mã độc', 'File infected'), () => ({ detail: t('Tệp không được lưu.', 'The file was not stored.') })),
  badMultipart: declareErrorWith('store.bad_multipart', 400, t('Nội dung multipart không hợp lệ', 'Malformed multipart body'), () => ({
    detail: t('Nội dung multipart không hợp lệ.', 'Malformed multipart body.'),
  })),
  notRepresentative: declareErrorWith('store.not_representative', 403, t('Không có quyền với kho dữ liệu của doanh nghiệp', 'Not the enterprise’s representative'), () => ({
    detail: t('Chỉ người đại diện theo pháp luật dùng được kho dữ liệu của doanh nghiệp.', 'Only the legal representative may use the enterprise’s store.'),
  })),
  /** A multipart field with a wrong value (the platform's validation_failed, pointing at the field). */
  badField: (field: string) =>
    platformErrors.validation(t('Vui lòng sửa các trường được nêu.', 'Please correct the fields listed.'), {
      fields: [{ field, code: 'format', message: t(`Trường ${field} không hợp lệ.`, `Invalid ${field}.`) }],
    }),
};

/** Data-subject requests (copy, correction). */
export const dataRequestErrors = {
  notFound: declareError('data_request.not_found', 404, t('Không tìm thấy yêu cầu', 'Request not found')),
  alreadyAnswered: declareErrorWith('data_request.already_answered', 409, t('Yêu cầu đã được xử lý', 'Request already decided'), () => ({
    detail: t('Yêu cầu đã được trả lời hoặc từ chối.', 'The request has already been answered or refused.'),
  })),
};
