import { declareError, declareErrorWith } from '../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

export const registryErrors = {
  purposeRequired: declareErrorWith('registry.purpose_required', 400, t('Thiếu mục đích truy cập dữ liệu', 'Purpose of access required'), () => ({
    detail: t(
      'Mỗi lần tra cứu cơ sở dữ liệu phải nêu mục đích (tham số purpose) — Luật Bảo vệ dữ liệu cá nhân 2025.',
      'Every registry read must state its purpose (query parameter `purpose`) — Personal Data Protection Law 2025.',
    ),
  })),
  unknownField: declareErrorWith('registry.unknown_field', 400, t('Trường dữ liệu không tồn tại', 'Unknown field'), (field: string) => ({
    detail: t(`Không có trường ${field}.`, `There is no field ${field}.`),
  })),
  notOwnRecord: declareErrorWith('registry.not_own_record', 403, t('Không có quyền xem dữ liệu của người khác', 'Not your record'), () => ({
    detail: t('Công dân chỉ được xem dữ liệu của chính mình.', 'A citizen may only read their own record.'),
  })),
  notReader: declareErrorWith('registry.not_reader', 403, t('Không có quyền tra cứu cơ sở dữ liệu', 'Not allowed to read the registry'), () => ({
    detail: t('Cần vai trò xử lý hồ sơ (tiếp nhận, chuyên viên, lãnh đạo, trả kết quả).', 'Requires a dossier-processing role (receiving officer, specialist, approver, result officer).'),
  })),
  personNotFound: declareError('registry.person_not_found', 404, t('Không tìm thấy công dân', 'Person not found')),
  businessNotFound: declareError('registry.business_not_found', 404, t('Không tìm thấy doanh nghiệp', 'Enterprise not found')),
};
