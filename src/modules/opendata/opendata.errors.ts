import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the open-data module's own (problem+json) routes, declared once. The CKAN Action API answers in CKAN's envelope instead (ckan/action.ts). */
export const opendataErrors = {
  datasetNotFound: declareError('opendata.dataset_not_found', 404, t('Không tìm thấy bộ dữ liệu', 'Dataset not found')),
  notPublisher: declareError('opendata.not_publisher', 403, t('Bạn không có quyền công bố dữ liệu của cơ quan này', 'You may not publish data for this agency')),
  badTransition: declareError('opendata.bad_transition', 409, t('Không thể chuyển bộ dữ liệu sang trạng thái này', 'The dataset cannot move to this state now')),
  planNotFound: declareError('opendata.plan_not_found', 404, t('Không tìm thấy kế hoạch mở dữ liệu', 'Open-data plan not found')),
  planExists: declareError('opendata.plan_exists', 409, t('Cơ quan đã có kế hoạch mở dữ liệu cho năm này', 'The agency already has an open-data plan for this year')),
  planInvalid: declareError('opendata.plan_invalid', 422, t('Kế hoạch mở dữ liệu chưa hợp lệ', 'The open-data plan is not valid')),
  databaseNotFound: declareError('opendata.database_not_found', 404, t('Không tìm thấy cơ sở dữ liệu trong danh mục', 'Database not found in the catalogue')),
  databaseExists: declareError('opendata.database_exists', 409, t('Cơ quan đã có cơ sở dữ liệu với mã này', 'The agency already has a database with this code')),
  noAgency: declareError('opendata.no_agency', 403, t('Tài khoản của bạn không thuộc cơ quan công bố dữ liệu nào', 'Your account publishes data for no agency')),
};
