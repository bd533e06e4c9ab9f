import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the supervision module, declared once. */
export const supervisionErrors = {
  obligationNotFound: declareError('supervision.obligation_not_found', 404, t('Không tìm thấy nghĩa vụ báo cáo', 'Reporting obligation not found')),
  notAgencyOfficer: declareError('supervision.not_agency_officer', 403, t('Bạn không thuộc cơ quan quản lý nghĩa vụ báo cáo này', 'You are not an officer of the agency of this obligation')),
  badDefinition: declareError('supervision.bad_definition', 422, t('Nghĩa vụ báo cáo chưa hợp lệ', 'The reporting obligation is not valid')),
  noSubjects: declareError('supervision.no_subjects', 422, t('Nghĩa vụ báo cáo chưa có doanh nghiệp nào phải báo cáo', 'No enterprise is bound by the obligation')),
  notForEnterprise: declareError('supervision.not_for_enterprise', 403, t('Bạn không được nộp báo cáo thay doanh nghiệp này', 'You may not report for this enterprise')),
  notSubject: declareError('supervision.not_subject', 403, t('Doanh nghiệp không thuộc đối tượng của nghĩa vụ báo cáo này', 'The enterprise is not bound by this obligation')),
  badPeriod: declareError('supervision.bad_period', 422, t('Kỳ báo cáo không hợp lệ', 'Not a valid reporting period')),
  malformed: declareError('supervision.malformed_report', 422, t('Báo cáo không đúng mẫu của nghĩa vụ báo cáo', 'The report does not match the obligation')),
  badApiKey: declareError('supervision.bad_api_key', 401, t('Khóa API không hợp lệ hoặc đã bị thu hồi', 'The API key is invalid or revoked')),
  deliveryNotFound: declareError('supervision.delivery_not_found', 404, t('Không tìm thấy báo cáo đã nộp', 'Delivery not found')),
};
