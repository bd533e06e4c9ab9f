import { declareError } from '../../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of events between nodes, declared once. */
export const eventsErrors = {
  eventsOff: declareError('exchange.events_off', 503, t('Chưa kết nối liên thông sự kiện giữa các hệ thống (NATS)', 'Events between nodes are not configured (NATS_URL)')),
  unknownRemoteAgency: declareError('exchange.unknown_remote_agency', 422, t('Cơ quan này không có trong danh sách cơ quan ở hệ thống khác', 'This agency is not in the registry of agencies on other nodes')),
  localAgency: declareError('exchange.local_agency', 422, t('Cơ quan này thuộc hệ thống hiện tại, không phải hệ thống khác', 'This agency is hosted on this node, not another one')),
  remoteAgencyNotFound: declareError('exchange.remote_agency_not_found', 404, t('Không tìm thấy cơ quan ở hệ thống khác', 'Remote agency not found')),
  consultationNotFound: declareError('exchange.consultation_not_found', 404, t('Không tìm thấy yêu cầu xin ý kiến', 'Consultation not found')),
  notConsulted: declareError('exchange.not_consulted', 403, t('Bạn không phải chuyên viên của cơ quan được xin ý kiến', 'You are not a specialist of the consulted agency')),
  alreadyAnswered: declareError('exchange.already_answered', 409, t('Yêu cầu xin ý kiến này đã được trả lời', 'This consultation has already been answered')),
  transferNotFound: declareError('exchange.transfer_not_found', 404, t('Không tìm thấy hồ sơ liên thông', 'Transfer not found')),
};
