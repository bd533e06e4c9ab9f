import { AppError } from '../../platform/http/errors';

export const registryErrors = {
  purposeRequired: () =>
    new AppError(400, 'registry.purpose_required', { vi: 'Thiếu mục đích truy cập dữ liệu', en: 'Purpose of access required' }, {
      vi: 'Mỗi lần tra cứu cơ sở dữ liệu phải nêu mục đích (tham số purpose) — Luật Bảo vệ dữ liệu cá nhân 2025.',
      en: 'Every registry read must state its purpose (query parameter `purpose`) — Personal Data Protection Law 2025.',
    }),
  unknownField: (field: string) => new AppError(400, 'registry.unknown_field', { vi: 'Trường dữ liệu không tồn tại', en: 'Unknown field' }, { vi: `Không có trường ${field}.`, en: `There is no field ${field}.` }),
  notOwnRecord: () =>
    new AppError(403, 'registry.not_own_record', { vi: 'Không có quyền xem dữ liệu của người khác', en: 'Not your record' }, {
      vi: 'Công dân chỉ được xem dữ liệu của chính mình.',
      en: 'A citizen may only read their own record.',
    }),
  notReader: () =>
    new AppError(403, 'registry.not_reader', { vi: 'Không có quyền tra cứu cơ sở dữ liệu', en: 'Not allowed to read the registry' }, {
      vi: 'Cần vai trò xử lý hồ sơ (tiếp nhận, chuyên viên, lãnh đạo, trả kết quả).',
      en: 'Requires a dossier-processing role (receiving officer, specialist, approver, result officer).',
    }),
  personNotFound: () => new AppError(404, 'registry.person_not_found', { vi: 'Không tìm thấy công dân', en: 'Person not found' }),
  businessNotFound: () => new AppError(404, 'registry.business_not_found', { vi: 'Không tìm thấy doanh nghiệp', en: 'Enterprise not found' }),
};
