/**
 * Typed errors, mapped to RFC 9457 problem responses in one place (problem.ts).
 *
 * Every error code is DECLARED ONCE, in its module's `*.errors.ts` file, with `declareError(code, status, title)`:
 * the declaration is the registry entry (unique code, HTTP status, Vietnamese and English title) and gives back the
 * factory that builds the error. Nothing else constructs an `AppError` (a lint rule enforces it), so the registry
 * lists every code the API can answer, and the OpenAPI document publishes it (see `errorRegistry()`).
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
    /** Extra response headers (e.g. Retry-After). */
    public readonly headers?: Record<string, string>,
  ) {
    super(`${code}: ${title.en}${detail ? ` — ${detail.en}` : ''}`);
    this.name = 'AppError';
  }
}

export interface ErrorOptions {
  fields?: FieldError[];
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** A declared error: call it to build the error; it also carries its registry entry. */
export interface ErrorFactory {
  (detail?: Bilingual, opts?: ErrorOptions): AppError;
  readonly code: string;
  readonly status: number;
  readonly title: Bilingual;
}

export interface DeclaredError {
  code: string;
  status: number;
  title: Bilingual;
}

const CODE_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;
const registry = new Map<string, DeclaredError>();

/**
 * Declares an error code once (module `*.errors.ts`) and returns its factory. A second declaration of the same code
 * is a programming error and throws at load time.
 */
export function declareError(code: string, status: number, title: Bilingual): ErrorFactory {
  if (!CODE_RE.test(code)) throw new Error(`error code ${code} must be lower_snake segments separated by dots`);
  if (status < 400 || status > 599) throw new Error(`error code ${code}: status ${status} is not an error status`);
  if (registry.has(code)) throw new Error(`error code ${code} is declared twice`);
  const entry: DeclaredError = { code, status, title };
  registry.set(code, entry);
  const factory = ((detail?: Bilingual, opts: ErrorOptions = {}) => new AppError(status, code, title, detail, opts.fields, opts.extra, opts.headers)) as ErrorFactory;
  Object.defineProperties(factory, { code: { value: code }, status: { value: status }, title: { value: title } });
  return factory;
}

/** What a parameterised error adds to its declared title: the detail and any options, built from the arguments. */
export interface ErrorDetails extends ErrorOptions {
  detail?: Bilingual;
}

/** A declared error whose detail is built from arguments (the code that was not found, the date that passed…). */
export interface DetailedErrorFactory<A extends unknown[]> {
  (...args: A): AppError;
  readonly code: string;
  readonly status: number;
  readonly title: Bilingual;
}

/**
 * Declares an error code once, like `declareError`, with the detail (and extra members, headers, fields) computed
 * from the arguments at the throw site: `notFound: declareErrorWith('x.not_found', 404, title, (id: string) => ({ detail }))`.
 */
export function declareErrorWith<A extends unknown[]>(code: string, status: number, title: Bilingual, build: (...args: A) => ErrorDetails): DetailedErrorFactory<A> {
  const base = declareError(code, status, title);
  const factory = ((...args: A) => {
    const { detail, ...opts } = build(...args);
    return base(detail, opts);
  }) as DetailedErrorFactory<A>;
  Object.defineProperties(factory, { code: { value: code }, status: { value: status }, title: { value: title } });
  return factory;
}

/** Every code declared so far (modules declare theirs when their errors file is loaded). */
export function errorRegistry(): ReadonlyMap<string, DeclaredError> {
  return registry;
}

const t = (vi: string, en: string): Bilingual => ({ vi, en });

/** The platform's own codes: request shape, authentication, generic refusals. */
export const platformErrors = {
  validation: declareError('validation_failed', 400, t('Dữ liệu không hợp lệ', 'Invalid data')),
  malformedJson: declareError('malformed_json', 400, t('Nội dung JSON không hợp lệ', 'Malformed JSON body')),
  emptyBody: declareError('empty_body', 400, t('Thiếu nội dung yêu cầu', 'Empty request body')),
  bodyTooLarge: declareError('body_too_large', 413, t('Nội dung yêu cầu quá lớn', 'Request body too large')),
  unsupportedMediaType: declareError('unsupported_media_type', 415, t('Kiểu nội dung không được hỗ trợ', 'Unsupported media type')),
  badContentLength: declareError('bad_content_length', 400, t('Độ dài nội dung không hợp lệ', 'Invalid content length')),
  badUrl: declareError('bad_url', 400, t('Địa chỉ không hợp lệ', 'Malformed URL')),
  badRequest: declareError('bad_request', 400, t('Yêu cầu không hợp lệ', 'Bad request')),
  bodyNotAllowed: declareError('body_not_allowed', 400, t('Yêu cầu không hợp lệ', 'Bad request')),
  unauthenticated: declareError('unauthenticated', 401, t('Chưa đăng nhập', 'Not signed in')),
  forbidden: declareError('forbidden', 403, t('Không có quyền thực hiện', 'Not allowed')),
  notFound: declareError('not_found', 404, t('Không tìm thấy', 'Not found')),
  rateLimited: declareError('rate_limited', 429, t('Quá nhiều yêu cầu, vui lòng thử lại sau', 'Too many requests, try again later')),
  internal: declareError('internal_error', 500, t('Lỗi hệ thống', 'Internal server error')),
  notReady: declareError('not_ready', 503, t('Chưa sẵn sàng', 'Not ready')),
  /** The database connection was lost or cannot be opened: nothing was committed; retry after Retry-After seconds. */
  databaseUnavailable: declareError('platform.database_unavailable', 503, t('Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau giây lát', 'The database is temporarily unavailable, please retry shortly')),
  /** Two changes of the same records at once that the database could not serialise (deadlock, serialization failure). */
  concurrentUpdate: declareError('platform.concurrent_update', 409, t('Có thay đổi khác cùng lúc trên cùng dữ liệu, vui lòng gửi lại', 'Another change to the same data happened at the same time, please send again')),
  // Bad input and integrity (issue 24, part B): refused with a 4xx naming the field, never a 500.
  invalidCharacters: declareError('invalid_characters', 422, t('Có ký tự không được phép', 'Characters not allowed')),
  badMultipart: declareError('bad_multipart', 400, t('Nội dung multipart không hợp lệ', 'Malformed multipart body')),
  headersTooLarge: declareError('headers_too_large', 431, t('Phần tiêu đề yêu cầu quá lớn', 'Request headers too large')),
  requestTimeout: declareError('request_timeout', 408, t('Yêu cầu quá thời gian chờ', 'Request timeout')),
  referenceNotFound: declareError('reference_not_found', 422, t('Dữ liệu tham chiếu không tồn tại', 'Referenced record does not exist')),
  alreadyExists: declareError('already_exists', 409, t('Dữ liệu đã tồn tại', 'Already exists')),
  constraintViolated: declareError('constraint_violated', 422, t('Dữ liệu vi phạm ràng buộc', 'Data violates a constraint')),
  valueTooLong: declareError('value_too_long', 422, t('Giá trị quá dài', 'Value too long')),
};

/** The 409 of a transaction the database rolled back as a deadlock or serialization failure: nothing was recorded. */
export const concurrentUpdate = () =>
  platformErrors.concurrentUpdate(
    t('Yêu cầu gặp một thay đổi khác cùng lúc và chưa được ghi nhận. Gửi lại cùng yêu cầu (cùng Idempotency-Key).', 'The request met another change at the same time and nothing was recorded. Send the same request again (same Idempotency-Key).'),
    { headers: { 'Retry-After': '1' } },
  );

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 1;

/** The 503 of a request caught by a database outage (see db/outage.ts), with its Retry-After. */
export const databaseUnavailable = () =>
  platformErrors.databaseUnavailable(
    t('Kết nối tới cơ sở dữ liệu bị gián đoạn; yêu cầu chưa được ghi nhận. Gửi lại cùng yêu cầu (cùng Idempotency-Key) sau giây lát.', 'The database connection was interrupted; nothing was recorded. Send the same request again (same Idempotency-Key) shortly.'),
    { headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_S) } },
  );

/**
 * Shorthands for the platform's generic refusals. Module codes are declared in the module's errors file and thrown
 * through their factories.
 */
export const errors = {
  validation: (fields: FieldError[], detail?: Bilingual) =>
    platformErrors.validation(detail ?? t('Vui lòng sửa các trường được nêu.', 'Please correct the fields listed.'), { fields }),
  unauthenticated: (detail?: Bilingual, extra?: Record<string, unknown>) => platformErrors.unauthenticated(detail, { extra }),
  forbidden: (detail?: Bilingual, extra?: Record<string, unknown>) => platformErrors.forbidden(detail, { extra }),
  notFound: (detail?: Bilingual, extra?: Record<string, unknown>) => platformErrors.notFound(detail, { extra }),
};
