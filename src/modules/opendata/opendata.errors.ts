import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the open-data module's own (problem+json) routes, declared once. The CKAN Action API answers in CKAN's envelope instead (ckan/action.ts). */
export const opendataErrors = {
  datasetNotFound: declareError('opendata.dataset_not_found', 404, t('Không tìm thấy bộ dữ liệu', 'Dataset not found')),
  notPublisher: declareError('opendata.not_publisher', 403, t('Bạn không có quyền công bố dữ liệu của cơ quan này', 'You may not publish data for this agency')),
  badTransition: declareError('opendata.bad_transition', 409, t('Không thể chuyển bộ dữ liệu sang trạng thái này', 'The dataset cannot move to this state now')),
  noAgency: declareError('opendata.no_agency', 403, t('Tài khoản của bạn không thuộc cơ quan công bố dữ liệu nào', 'Your account publishes data for no agency')),
};
