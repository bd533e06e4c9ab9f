import { declareError } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the analytics module, declared once. */
export const analyticsErrors = {
  outOfJurisdiction: declareError('analytics.out_of_jurisdiction', 403, t('Bạn không có quyền xem số liệu của cơ quan này', 'You may not read the figures of this agency')),
  agencyNotFound: declareError('analytics.agency_not_found', 404, t('Không tìm thấy cơ quan', 'Agency not found')),
};
