import { AppError } from '../../platform/http/errors';

export const geographyErrors = {
  unitNotFound: (code: string) => new AppError(404, 'geography.unit_not_found', { vi: 'Không tìm thấy đơn vị hành chính', en: 'Administrative unit not found' }, { vi: `Không có đơn vị hành chính mã ${code}.`, en: `No administrative unit with code ${code}.` }),
  agencyNotFound: () => new AppError(404, 'agency.not_found', { vi: 'Không tìm thấy cơ quan', en: 'Agency not found' }),
  agencyCodeTaken: (code: string) => new AppError(409, 'agency.code_taken', { vi: 'Mã định danh đã được dùng', en: 'Identifier already in use' }, { vi: `Mã định danh ${code} đã thuộc về cơ quan khác.`, en: `The identifier ${code} already belongs to another agency.` }),
  agencyCodeInvalid: (code: string, parent?: string) =>
    new AppError(422, 'agency.code_invalid', { vi: 'Mã định danh không hợp lệ', en: 'Invalid identifier' }, parent
      ? { vi: `Mã ${code} không thuộc nhánh của cơ quan cấp trên ${parent} (Quyết định 20/2020/QĐ-TTg).`, en: `Identifier ${code} does not extend its parent's ${parent} (Decision 20/2020/QĐ-TTg).` }
      : { vi: `Mã ${code} không đúng dạng A1A2A3.B1B2.C1C2.D1D2D3 (Quyết định 20/2020/QĐ-TTg).`, en: `Identifier ${code} is not in the form A1A2A3.B1B2.C1C2.D1D2D3 (Decision 20/2020/QĐ-TTg).` }),
  parentCycle: () => new AppError(422, 'agency.parent_cycle', { vi: 'Cơ quan cấp trên không hợp lệ', en: 'Invalid parent agency' }, { vi: 'Một cơ quan không thể trực thuộc chính nó hay cơ quan cấp dưới của nó.', en: 'An agency cannot sit under itself or one of its sub-agencies.' }),
};
