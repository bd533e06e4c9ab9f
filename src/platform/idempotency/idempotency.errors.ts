import { declareError } from '../http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Refusals of the Idempotency-Key protocol; every state-changing route can answer them. */
export const idempotencyErrors = {
  badKey: declareError('idempotency.bad_key', 400, t('Khóa Idempotency-Key không hợp lệ', 'Invalid Idempotency-Key')),
  keyReused: declareError('idempotency.key_reused', 422, t('Khóa Idempotency-Key đã dùng cho yêu cầu khác', 'Idempotency-Key already used for another request')),
  inProgress: declareError('idempotency.in_progress', 409, t('Yêu cầu cùng khóa đang được xử lý', 'A request with this key is in progress')),
};

/** The codes a route taking an Idempotency-Key can answer, for its `config.errors`. */
export const IDEMPOTENCY_ERRORS = Object.values(idempotencyErrors);
