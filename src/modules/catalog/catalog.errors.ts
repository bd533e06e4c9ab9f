import { declareError, type Bilingual, type FieldError } from '../../platform/http/errors';

const t = (vi: string, en: string): Bilingual => ({ vi, en });

/** Every error the catalogue answers, declared once (code, HTTP status, vi/en title). */
export const catalogErrors = {
  procedureNotFound: declareError('catalog.procedure_not_found', 404, t('Không tìm thấy thủ tục', 'Procedure not found')),
  versionNotFound: declareError('catalog.version_not_found', 404, t('Không tìm thấy phiên bản thủ tục', 'Procedure version not found')),
  agencyNotFound: declareError('catalog.agency_not_found', 404, t('Không tìm thấy cơ quan', 'Agency not found')),
  versionImmutable: declareError('catalog.version_immutable', 409, t('Phiên bản không thể sửa', 'Version cannot be changed')),
  draftExists: declareError('catalog.draft_exists', 409, t('Đã có bản nháp', 'A draft already exists')),
  keyTaken: declareError('catalog.key_taken', 409, t('Mã thủ tục trong danh mục đã tồn tại', 'Catalogue key already exists')),
  notPublished: declareError('catalog.not_published', 409, t('Thủ tục chưa được công bố', 'Procedure not published')),
  incomplete: declareError('catalog.incomplete_version', 422, t('Phiên bản chưa đủ điều kiện công bố', 'Version is not ready to publish')),
  reviewState: declareError('catalog.review_state', 409, t('Bản nháp không ở bước duyệt phù hợp', 'The draft is not at the right review step')),
  selfApproval: declareError('catalog.self_approval', 403, t('Người soạn không được tự phê duyệt', 'The author cannot approve her own draft')),
  badSpreadsheet: declareError('catalog.bad_spreadsheet', 400, t('Tệp bảng tính không đọc được', 'The spreadsheet cannot be read')),
};

/** The errors with their detail, as the service and the routes throw them. */
export const catalogProblems = {
  agencyNotFound: () => catalogErrors.agencyNotFound(t('Không có cơ quan này.', 'No such agency.')),
  versionImmutable: (status: string) =>
    catalogErrors.versionImmutable(
      t(`Phiên bản đang ở trạng thái "${status}"; chỉ bản nháp được sửa. Hãy sao chép thành phiên bản mới.`, `The version is ${status}; only drafts can be edited. Copy it to a new version.`),
    ),
  draftExists: () => catalogErrors.draftExists(t('Thủ tục đã có một bản nháp đang soạn.', 'The procedure already has a draft in progress.')),
  keyTaken: (key: string) => catalogErrors.keyTaken(t(`Đã có thủ tục với khóa ${key}.`, `A procedure with key ${key} exists.`)),
  reviewState: (is: string, needed: string) =>
    catalogErrors.reviewState(t(`Bản nháp đang ở bước "${is}", thao tác này cần bước "${needed}".`, `The draft is "${is}"; this needs "${needed}".`)),
  selfApproval: () => catalogErrors.selfApproval(t('Một quản trị viên khác phải phê duyệt bản nháp này.', 'Another administrator must approve this draft.')),
  badSpreadsheet: (why: string) => catalogErrors.badSpreadsheet(t(`Không đọc được tệp XLSX: ${why}.`, `The XLSX file cannot be read: ${why}.`)),
  incomplete: (fields: FieldError[]) => catalogErrors.incomplete(t('Sửa các vấn đề được liệt kê rồi công bố lại.', 'Fix the problems listed, then publish again.'), { fields }),
};
