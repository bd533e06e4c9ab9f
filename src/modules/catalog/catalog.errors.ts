import { AppError, type FieldError } from '../../platform/http/errors';

export const catalogErrors = {
  procedureNotFound: () => new AppError(404, 'catalog.procedure_not_found', { vi: 'Không tìm thấy thủ tục', en: 'Procedure not found' }),
  versionNotFound: () => new AppError(404, 'catalog.version_not_found', { vi: 'Không tìm thấy phiên bản thủ tục', en: 'Procedure version not found' }),
  notDraft: (status: string) =>
    new AppError(409, 'catalog.version_immutable', { vi: 'Phiên bản không thể sửa', en: 'Version cannot be changed' }, { vi: `Phiên bản đang ở trạng thái "${status}"; chỉ bản nháp được sửa. Hãy sao chép thành phiên bản mới.`, en: `The version is ${status}; only drafts can be edited. Copy it to a new version.` }),
  draftExists: () => new AppError(409, 'catalog.draft_exists', { vi: 'Đã có bản nháp', en: 'A draft already exists' }, { vi: 'Thủ tục đã có một bản nháp đang soạn.', en: 'The procedure already has a draft in progress.' }),
  keyTaken: (key: string) => new AppError(409, 'catalog.key_taken', { vi: 'Mã thủ tục trong danh mục đã tồn tại', en: 'Catalogue key already exists' }, { vi: `Đã có thủ tục với khóa ${key}.`, en: `A procedure with key ${key} exists.` }),
  incomplete: (fields: FieldError[]) =>
    new AppError(422, 'catalog.incomplete_version', { vi: 'Phiên bản chưa đủ điều kiện công bố', en: 'Version is not ready to publish' }, { vi: 'Sửa các vấn đề được liệt kê rồi công bố lại.', en: 'Fix the problems listed, then publish again.' }, fields),
  notPublished: () => new AppError(409, 'catalog.not_published', { vi: 'Thủ tục chưa được công bố', en: 'Procedure not published' }),
};
