import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Errors of the exchange module's admin API (the gateway's own refusals are X-Road errors, see shared/exchange/refusals.ts). */
export const exchangeErrors = {
  accessRightNotFound: declareError('exchange.access_right_not_found', 404, t('Không tìm thấy quyền truy cập', 'Access right not found')),
  unknownService: declareError('exchange.unknown_service', 400, t('Nút này không cung cấp dịch vụ có mã này', 'This node offers no service with this code')),
  badClientId: declareError('exchange.bad_client_id', 400, t('Mã hệ thống khách không đúng dạng {instance}/{class}/{member}/{subsystem}', 'The client id is not {instance}/{class}/{member}/{subsystem}')),
};
