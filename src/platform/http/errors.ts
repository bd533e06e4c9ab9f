/**
 * Typed errors, mapped to RFC 9457 problem responses in one place (problem.ts).
 * Every error has a stable `code`, an HTTP status and a title in Vietnamese and English.
 */
export interface Bilingual {
  vi: string;
  en: string;
}

export interface FieldError {
  /** Path of the offending field, e.g. `applicant.fullName` or `children[1].dateOfBirth`. */
  field: string;
  code: string;
  message: Bilingual;
}

export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    public readonly title: Bilingual,
    public readonly detail?: Bilingual,
    public readonly fields?: FieldError[],
    /** Extra members of the problem object (must never contain personal data). */
    public readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}: ${title.en}${detail ? ` — ${detail.en}` : ''}`);
    this.name = 'AppError';
  }
}

const make =
  (status: number, code: string, vi: string, en: string) =>
  (detail?: Bilingual, extra?: Record<string, unknown>) =>
    new AppError(status, code, { vi, en }, detail, undefined, extra);

export const errors = {
  badRequest: (code: string, detail: Bilingual) => new AppError(400, code, { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' }, detail),
  validation: (fields: FieldError[], detail?: Bilingual) =>
    new AppError(
      400,
      'validation_failed',
      { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
      detail ?? { vi: 'Vui lòng sửa các trường được nêu.', en: 'Please correct the fields listed.' },
      fields,
    ),
  unauthenticated: make(401, 'unauthenticated', 'Chưa đăng nhập', 'Not signed in'),
  forbidden: make(403, 'forbidden', 'Không có quyền thực hiện', 'Not allowed'),
  notFound: make(404, 'not_found', 'Không tìm thấy', 'Not found'),
  conflict: (code: string, detail: Bilingual, extra?: Record<string, unknown>) =>
    new AppError(409, code, { vi: 'Xung đột trạng thái', en: 'Conflict' }, detail, undefined, extra),
  unprocessable: (code: string, detail: Bilingual, fields?: FieldError[]) =>
    new AppError(422, code, { vi: 'Không thể xử lý yêu cầu', en: 'Request cannot be processed' }, detail, fields),
};
