import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the notification module, declared once. */
export const notifyErrors = {
  notFound: declareError('notify.not_found', 404, t('Không tìm thấy thông báo', 'Notification not found')),
  badPhone: declareError('notify.bad_phone', 422, t('Số điện thoại di động không hợp lệ', 'Invalid mobile number')),
  badEmail: declareError('notify.bad_email', 422, t('Địa chỉ thư điện tử không hợp lệ', 'Invalid e-mail address')),
  addressRequired: declareError('notify.address_required', 422, t('Thiếu địa chỉ nhận thông báo', 'Address needed for this channel')),
  consentRequired: declareError('notify.consent_required', 409, t('Cần sự đồng ý trước khi nhận tin nhắn', 'Consent needed first')),
  badUnsubscribeToken: declareError('notify.bad_unsubscribe_token', 400, t('Đường dẫn hủy đăng ký không hợp lệ', 'Invalid unsubscribe link')),
  badSignature: declareError('notify.bad_signature', 401, t('Chữ ký báo cáo gửi tin không hợp lệ', 'Invalid callback signature')),
  unknownKind: declareError('notify.unknown_kind', 404, t('Không có loại thông báo này', 'No such notification kind')),
  templateInvalid: declareError('notify.template_invalid', 422, t('Mẫu thông báo chưa hợp lệ', 'Template not valid')),
  outOfScope: declareError('notify.out_of_scope', 403, t('Không có quyền với cơ quan này', 'Not allowed for this agency')),
  agencyNotFound: declareError('notify.agency_not_found', 404, t('Không tìm thấy cơ quan', 'Agency not found')),
};
