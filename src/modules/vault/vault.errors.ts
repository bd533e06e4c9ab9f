import { AppError } from '../../platform/http/errors';

export const vaultErrors = {
  badCursor: () => new AppError(400, 'vault.bad_cursor', { vi: 'Con trỏ phân trang không hợp lệ', en: 'Invalid page cursor' }),
  badRange: () => new AppError(400, 'vault.bad_range', { vi: 'Khoảng thời gian không hợp lệ', en: 'Invalid date range' }, { vi: 'Thời điểm bắt đầu phải trước thời điểm kết thúc.', en: 'The start must be before the end.' }),
  noPersonalId: () => new AppError(403, 'vault.no_personal_id', { vi: 'Tài khoản chưa gắn số định danh cá nhân', en: 'The account has no personal ID' }),
  noticeNotFound: (purpose: string, version: number) =>
    new AppError(404, 'consent.notice_not_found', { vi: 'Không tìm thấy thông báo xử lý dữ liệu', en: 'Consent notice not found' }, { vi: `Không có thông báo phiên bản ${version} cho mục đích ${purpose}.`, en: `No notice version ${version} for purpose ${purpose}.` }),
  noticeOutdated: (purpose: string, current: number) =>
    new AppError(
      409,
      'consent.notice_outdated',
      { vi: 'Thông báo đã có phiên bản mới', en: 'The notice has a newer version' },
      { vi: `Vui lòng đọc và đồng ý với phiên bản ${current} của thông báo cho mục đích ${purpose}.`, en: `Please read and agree to version ${current} of the notice for purpose ${purpose}.` },
      undefined,
      { currentVersion: current },
    ),
  noticeExists: () => new AppError(409, 'consent.notice_exists', { vi: 'Phiên bản thông báo đã tồn tại', en: 'Notice version already exists' }),
};
