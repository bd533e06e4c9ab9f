import { declareError, declareErrorWith, platformErrors } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

export const geographyErrors = {
  unitNotFound: declareErrorWith('geography.unit_not_found', 404, t('Không tìm thấy đơn vị hành chính', 'Administrative unit not found'), (code: string) => ({
    detail: t(`Không có đơn vị hành chính mã ${code}.`, `No administrative unit with code ${code}.`),
  })),
  agencyNotFound: declareError('agency.not_found', 404, t('Không tìm thấy cơ quan', 'Agency not found')),
  agencyCodeTaken: declareErrorWith('agency.code_taken', 409, t('Mã định danh đã được dùng', 'Identifier already in use'), (code: string) => ({
    detail: t(`Mã định danh ${code} đã thuộc về cơ quan khác.`, `The identifier ${code} already belongs to another agency.`),
  })),
  agencyCodeInvalid: declareErrorWith('agency.code_invalid', 422, t('Mã định danh không hợp lệ', 'Invalid identifier'), (code: string, parent?: string) => ({
    detail: parent
      ? t(`Mã ${code} không thuộc nhánh của cơ quan cấp trên ${parent} (Quyết định 20/2020/QĐ-TTg).`, `Identifier ${code} does not extend its parent's ${parent} (Decision 20/2020/QĐ-TTg).`)
      : t(`Mã ${code} không đúng dạng A1A2A3.B1B2.C1C2.D1D2D3 (Quyết định 20/2020/QĐ-TTg).`, `Identifier ${code} is not in the form A1A2A3.B1B2.C1C2.D1D2D3 (Decision 20/2020/QĐ-TTg).`),
  })),
  parentCycle: declareError('agency.parent_cycle', 422, t('Cơ quan cấp trên không hợp lệ', 'Invalid parent agency')),
  /** Not an administrator of this agency (the platform's `forbidden`, with the reason). */
  notAdmin: () => platformErrors.forbidden(t('Bạn không quản trị cơ quan này.', 'You do not administer this agency.')),
};
