/**
 * How the applicant chose to receive the result (hình thức nhận kết quả), as the e-forms ask it (`deliveryMethod`:
 * in-person, postal, electronic), read as the return method the result officer records, and as written on the
 * receipt (form 01, "Nơi nhận kết quả").
 */
import type { ReturnMethod } from './actions';

/** The e-form field that holds the choice, and the one with the postal address. */
export const DELIVERY_FIELD = 'deliveryMethod';
export const DELIVERY_ADDRESS_FIELD = 'deliveryAddress';

const BY_CHOICE: Record<string, ReturnMethod> = { 'in-person': 'counter', postal: 'post', electronic: 'online' };

/** The return method the applicant chose on the form, or null when the form does not ask (or was not answered). */
export function chosenReturnMethod(data: Record<string, unknown> | null | undefined): ReturnMethod | null {
  const v = data?.[DELIVERY_FIELD];
  return typeof v === 'string' ? (BY_CHOICE[v] ?? null) : null;
}

/** "Nơi nhận kết quả" on the receipt: the applicant's choice, or `fallback` when they made none. */
export function resultDeliveryText(data: Record<string, unknown> | null | undefined, oneStopUnit: string, fallback: string): string {
  switch (chosenReturnMethod(data)) {
    case 'counter':
      return `Nhận trực tiếp tại ${oneStopUnit}`;
    case 'post': {
      const address = data?.[DELIVERY_ADDRESS_FIELD];
      return `Qua dịch vụ bưu chính công ích${typeof address === 'string' && address.trim() ? `, đến địa chỉ: ${address.trim()}` : ''}`;
    }
    case 'online':
      return 'Trực tuyến: bản điện tử gửi vào kho dữ liệu của người yêu cầu';
    default:
      return fallback;
  }
}
