import { declareError } from '../http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the audit viewer (nhật ký kiểm tra), declared once. */
export const auditErrors = {
  badRange: declareError('audit.bad_range', 400, t('Khoảng thời gian không hợp lệ: “từ ngày” phải trước “đến ngày”', 'Invalid period: “from” must be before “to”')),
  badCursor: declareError('audit.bad_cursor', 400, t('Trang tiếp theo không hợp lệ; hãy tra cứu lại từ đầu', 'Invalid page cursor; search again from the start')),
  agencyNotAllowed: declareError('audit.agency_not_allowed', 403, t('Bạn không được xem nhật ký của cơ quan này', 'You may not see this agency’s audit log')),
  tooMany: declareError('audit.export_too_large', 422, t('Quá nhiều bản ghi để xuất; hãy thu hẹp điều kiện tra cứu', 'Too many records to export; narrow the search')),
};
