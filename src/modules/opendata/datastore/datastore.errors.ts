import { declareError, declareErrorWith } from '../../../platform/http/errors';

const t = (vi: string, en: string) => ({ vi, en });

/** Every error code of the DataStore (loading files, downloads), declared once. */
export const datastoreErrors = {
  resourceNotFound: declareError('datastore.resource_not_found', 404, t('Không tìm thấy tài nguyên', 'Resource not found')),
  notFound: declareError('datastore.not_found', 404, t('Tài nguyên này chưa có dữ liệu trong kho dữ liệu', 'This resource has no DataStore table')),
  forbidden: declareError('datastore.forbidden', 403, t('Bạn không có quyền với dữ liệu của tài nguyên này', 'You may not access the data of this resource')),
  badFormat: declareError('datastore.bad_format', 400, t('Chỉ nạp được tệp CSV hoặc XLSX', 'Only CSV and XLSX files can be loaded')),
  tooLarge: declareErrorWith('datastore.too_large', 413, t('Tệp quá lớn', 'The file is too large'), (capBytes: number) => ({
    detail: t(`Tệp vượt quá giới hạn ${capBytes} byte`, `The file exceeds the limit of ${capBytes} bytes`),
    extra: { limitBytes: capBytes },
  })),
  badEncoding: declareErrorWith('datastore.bad_encoding', 400, t('Tệp không được mã hoá UTF-8', 'The file is not encoded in UTF-8'), (line: number) => ({
    detail: t(`Dòng ${line} chứa byte không hợp lệ trong UTF-8 (hãy lưu tệp với mã hoá UTF-8)`, `Line ${line} holds bytes that are not valid UTF-8 (save the file as UTF-8)`),
    extra: { line },
  })),
  noHeader: declareError('datastore.no_header', 400, t('Tệp không có dòng tiêu đề (tên cột)', 'The file has no header row (column names)')),
  badHeader: declareErrorWith('datastore.bad_header', 400, t('Tên cột không hợp lệ', 'Invalid column names'), (vi: string, en: string) => ({ detail: t(vi, en) })),
  raggedRow: declareErrorWith('datastore.ragged_row', 400, t('Số ô của một dòng khác số cột', 'A row does not have as many cells as there are columns'), (line: number, expected: number, got: number) => ({
    detail: t(`Dòng ${line} có ${got} ô, cần ${expected}`, `Line ${line} has ${got} cells, ${expected} expected`),
    extra: { line, expected, got },
  })),
  badCsv: declareErrorWith('datastore.bad_csv', 400, t('Tệp CSV không đúng định dạng', 'The CSV file is malformed'), (line: number) => ({
    detail: t(`Lỗi dấu ngoặc kép ở dòng ${line}`, `Misplaced quote at line ${line}`),
    extra: { line },
  })),
  badXlsx: declareError('datastore.bad_xlsx', 400, t('Không đọc được tệp XLSX', 'The XLSX file cannot be read')),
  badValue: declareErrorWith('datastore.bad_value', 400, t('Giá trị không đúng kiểu của cột', 'A value does not match its column’s type'), (line: number | null, column: string, type: string) => ({
    detail: line === null
      ? t(`Cột “${column}” có giá trị không phải kiểu ${type}`, `Column “${column}” holds a value that is not of type ${type}`)
      : t(`Dòng ${line}, cột “${column}”: giá trị không phải kiểu ${type}`, `Line ${line}, column “${column}”: the value is not of type ${type}`),
    extra: { line, column, type },
  })),
  badFields: declareErrorWith('datastore.bad_fields', 400, t('Danh sách cột không khớp với tệp', 'The fields do not match the file'), (vi: string, en: string) => ({ detail: t(vi, en) })),
};

/** The codes `load()` may throw, for the routes that take an upload. */
export const DATASTORE_LOAD_ERRORS = [
  datastoreErrors.notFound,
  datastoreErrors.forbidden,
  datastoreErrors.badFormat,
  datastoreErrors.tooLarge,
  datastoreErrors.badEncoding,
  datastoreErrors.noHeader,
  datastoreErrors.badHeader,
  datastoreErrors.raggedRow,
  datastoreErrors.badCsv,
  datastoreErrors.badXlsx,
  datastoreErrors.badValue,
  datastoreErrors.badFields,
];
