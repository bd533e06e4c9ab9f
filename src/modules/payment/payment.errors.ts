import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the payment module (thanh toán), declared once. */
export const paymentErrors = {
  notFound: declareError('payment.not_found', 404, t('Không tìm thấy khoản thanh toán', 'Payment not found')),
  notAllowed: declareError('payment.not_allowed', 403, t('Bạn không có quyền với khoản thanh toán này', 'You may not act on this payment')),
  invalidAmount: declareError('payment.invalid_amount', 422, t('Số tiền phải là số nguyên đồng lớn hơn 0', 'The amount must be a whole number of đồng above 0')),
  wrongState: declareError('payment.wrong_state', 409, t('Khoản thanh toán không ở trạng thái cho phép thao tác này', 'The payment is not in a state that allows this')),
  alreadyPaid: declareError('payment.already_paid', 409, t('Hồ sơ đã được thanh toán', 'The dossier is already paid')),
  nothingDue: declareError('payment.nothing_due', 409, t('Hồ sơ không có khoản phí, lệ phí phải nộp', 'The dossier has nothing to pay')),
  providerUnavailable: declareError('payment.provider_unavailable', 503, t('Kênh thanh toán tạm thời không phản hồi', 'The payment provider did not answer')),
  providerNotConfigured: declareError('payment.provider_not_configured', 409, t('Cơ quan chưa thiết lập kênh thanh toán này', 'The agency has not set up this payment method')),
  notificationUnauthenticated: declareError('payment.notification_unauthenticated', 401, t('Thông báo thanh toán không xác thực được', 'The payment notification could not be authenticated')),
  notificationReplayed: declareError('payment.notification_replayed', 409, t('Thông báo thanh toán đã cũ hoặc bị gửi lại', 'The payment notification is stale or replayed')),
  notificationInvalid: declareError('payment.notification_invalid', 400, t('Thông báo thanh toán không đúng định dạng', 'The payment notification is malformed')),
  refundNotAvailable: declareError('payment.refund_not_available', 409, t('Khoản thanh toán không hoàn tiền được', 'The payment cannot be refunded')),
  refundExceedsAvailable: declareError('payment.refund_exceeds_available', 409, t('Số tiền hoàn vượt quá số còn được hoàn', 'The refund is above the amount available')),
  refundAvailableMismatch: declareError('payment.refund_available_mismatch', 412, t('Số tiền còn được hoàn đã thay đổi; tải lại và thử lại', 'The amount available for refund has changed; reload and try again')),
  statementInvalid: declareError('payment.statement_invalid', 422, t('Tệp sao kê không đọc được', 'The bank statement could not be read')),
  itemNotFound: declareError('payment.queue_item_not_found', 404, t('Không tìm thấy khoản chờ đối soát', 'Reconciliation item not found')),
  itemResolved: declareError('payment.queue_item_resolved', 409, t('Khoản này đã được xử lý', 'This item has already been resolved')),
  matchMismatch: declareError('payment.match_mismatch', 409, t('Khoản tiền không khớp với khoản thanh toán đã chọn', 'The credit does not fit the chosen payment')),
  webhookInvalid: declareError('payment.webhook_invalid', 422, t('Địa chỉ nhận webhook không hợp lệ', 'Invalid webhook address')),
  accountInvalid: declareError('payment.account_invalid', 422, t('Tài khoản ngân hàng không hợp lệ', 'Invalid bank account')),
};
