import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, concurrentUpdate, databaseUnavailable, platformErrors, type Bilingual, type ErrorFactory, type FieldError } from './errors';
import { isConcurrencyFailure, isDatabaseUnavailable } from '../db/outage';
import { ajvErrorsToFields, TEXT_KEYWORD } from './validation';
import { fieldLabel } from './field-labels';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Picks vi (default) or en from Accept-Language. */
export function preferredLanguage(req: FastifyRequest): 'vi' | 'en' {
  const h = String(req.headers['accept-language'] ?? '');
  const first = h.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  titles: Bilingual;
  details?: Bilingual;
  errors?: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

/** Known Fastify error codes that are the client's fault. */
const FASTIFY_CLIENT_ERRORS: Record<string, ErrorFactory> = {
  FST_ERR_CTP_INVALID_JSON_BODY: platformErrors.malformedJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: platformErrors.emptyBody,
  FST_ERR_CTP_BODY_TOO_LARGE: platformErrors.bodyTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: platformErrors.unsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: platformErrors.badContentLength,
  FST_ERR_CTP_INVALID_TYPE: platformErrors.unsupportedMediaType,
  FST_ERR_BAD_URL: platformErrors.badUrl,
  FST_ERR_ASYNC_CONSTRAINT: platformErrors.badRequest,
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: any[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const part = fe.validationContext ?? 'body';
    // Forbidden characters (control, invisible, malformed Unicode): 422, every field listed (a union's other
    // branches add their own complaints, so the answer cannot require the text faults to be alone).
    if (fe.validation.some((v) => v.keyword === TEXT_KEYWORD)) {
      const fields = ajvErrorsToFields(fe.validation, part);
      return platformErrors.invalidCharacters(
        { vi: `${PART_VI[part] ?? 'Yêu cầu'} có ký tự không được phép ở: ${namesOf(fields, 'vi')}.`, en: `The request ${part} contains characters that are not allowed in: ${namesOf(fields, 'en')}.` },
        { fields },
      );
    }
    const fields = ajvErrorsToFields(fe.validation, part);
    return platformErrors.validation(
      { vi: `${PART_VI[part] ?? 'Yêu cầu'} chưa hợp lệ ở: ${namesOf(fields, 'vi')}.`, en: `The request ${part} has invalid fields: ${namesOf(fields, 'en')}.` },
      { fields },
    );
  }
  if (fe?.code && FASTIFY_CLIENT_ERRORS[fe.code]) return FASTIFY_CLIENT_ERRORS[fe.code]();
  // The multipart parser (busboy) throws plain errors for a body that is not what its content type says.
  if (fe instanceof Error && !fe.code && /^(Multipart: |Malformed part header|Unexpected end of (form|multipart))/.test(fe.message)) return platformErrors.badMultipart();
  // A lost database connection: 503 with Retry-After (nothing was committed; the retry is served once it is back).
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  // A deadlock or serialization failure between concurrent transactions: a 409 the client may send again.
  if (isConcurrencyFailure(err)) return concurrentUpdate();
  const integrity = integrityError(err);
  if (integrity) return integrity;
  if (fe?.statusCode === 429) return platformErrors.rateLimited();
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return platformErrors.badRequest();
  return platformErrors.internal({
    vi: 'Đã có lỗi không mong muốn. Vui lòng thử lại hoặc báo cho quản trị viên kèm mã yêu cầu.',
    en: 'An unexpected error occurred. Please retry or report it to the administrator with the request id.',
  });
}

/** The driver's error behind an ORM error (drizzle wraps it as `cause`), when it is one with a SQLSTATE. */
function sqlErrorOf(err: unknown): { code: string; detail?: string; column?: string; constraint?: string } | null {
  for (let e: any = err, depth = 0; e && depth < 3; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && (typeof e.severity === 'string' || 'routine' in e || 'detail' in e)) return e;
  }
  return null;
}

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/**
 * Integrity violations the database caught (a race past the service's checks, or a check it lacks) are the
 * client's fault, not a 500: answered 4xx naming the field (the column, never the value).
 */
function integrityError(err: unknown): AppError | null {
  const e = sqlErrorOf(err);
  if (!e) return null;
  const keyColumns = /Key \(([^)]+)\)/.exec(e.detail ?? '')?.[1];
  const field = camel((keyColumns ?? e.column ?? e.constraint ?? 'body').split(',')[0].trim().replace(/^lower\((.*)\)$/, '$1'));
  // The message names the field (“Mã định danh điện tử”: …), as the request validation's messages do.
  const fields = (code: string, vi: string, en: string): FieldError[] => [{ field, code, message: { vi: `“${fieldLabel(field, 'vi')}”: ${vi}`, en: `“${fieldLabel(field, 'en')}”: ${en}` } }];
  switch (e.code) {
    case '23503':
      return platformErrors.referenceNotFound(t('Giá trị tham chiếu tới một bản ghi không tồn tại.', 'The value refers to a record that does not exist.'), {
        fields: fields('foreign_key', 'Không có bản ghi với giá trị này.', 'No record has this value.'),
      });
    case '23505':
      return platformErrors.alreadyExists(t('Đã có bản ghi với giá trị này.', 'A record with this value already exists.'), { fields: fields('unique', 'Giá trị đã được dùng.', 'This value is already used.') });
    case '23502':
    case '23514':
    case '23P01':
      return platformErrors.constraintViolated(t('Dữ liệu không thỏa một ràng buộc của hệ thống.', 'The data does not satisfy a constraint.'), { fields: fields('constraint', 'Giá trị không được chấp nhận.', 'Value not accepted.') });
    case '22001':
      return platformErrors.valueTooLong(t('Một giá trị dài hơn mức cho phép.', 'A value is longer than allowed.'), { fields: fields('too_long', 'Giá trị quá dài.', 'Value too long.') });
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
    case '22P05':
      return platformErrors.constraintViolated(t('Một giá trị không đúng kiểu dữ liệu được lưu.', 'A value does not fit the stored type.'), { fields: fields('invalid_value', 'Giá trị không hợp lệ.', 'Invalid value.') });
    default:
      return null;
  }
}

const t = (vi: string, en: string): Bilingual => ({ vi, en });

/** How a validation message opens, by the part of the request at fault, in plain Vietnamese. */
const PART_VI: Record<string, string> = { body: 'Thông tin gửi lên', querystring: 'Điều kiện tra cứu', params: 'Địa chỉ trang', headers: 'Thông tin kèm theo yêu cầu' };

/** The fields at fault, by name (“Lý do”, “Chuyên viên”), each once, at most five. */
function namesOf(fields: FieldError[], lang: 'vi' | 'en'): string {
  const names = [...new Set(fields.map((f) => fieldLabel(f.field, lang)))];
  const shown = names.slice(0, 5).join(', ');
  if (names.length <= 5) return shown;
  return lang === 'vi' ? `${shown} và ${names.length - 5} trường khác` : `${shown} and ${names.length - 5} more`;
}

export function problemBody(req: FastifyRequest, e: AppError): Problem {
  const lang = preferredLanguage(req);
  return {
    type: `urn:motcua:problem:${e.code}`,
    title: e.title[lang],
    status: e.status,
    ...(e.detail ? { detail: e.detail[lang] } : {}),
    instance: req.url.split('?')[0],
    code: e.code,
    titles: e.title,
    ...(e.detail ? { details: e.detail } : {}),
    ...(e.fields?.length ? { errors: e.fields } : {}),
    requestId: String(req.id),
    ...(e.extra ?? {}),
  };
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const e = toAppError(err);
  if (e.code === platformErrors.databaseUnavailable.code && !(err instanceof AppError)) req.log.warn({ code: e.code, status: e.status }, 'request caught by a database outage');
  else if (e.status >= 500 && !(err instanceof AppError)) req.log.error({ err }, 'request failed');
  else if (e.status >= 500) req.log.warn({ code: e.code, status: e.status }, 'request not served');
  else req.log.info({ code: e.code, status: e.status }, 'request refused');
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) reply.header(k, v);
  return reply.status(e.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(req, e));
}

/**
 * Errors the HTTP parser raises before there is a request (headers too large, a request that never finished, bytes
 * that are not HTTP): answered as problem+json too, then the connection is closed (Fastify's clientErrorHandler).
 */
export function sendClientError(err: Error & { code?: string }, socket: Duplex) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e = err.code === 'HPE_HEADER_OVERFLOW' ? platformErrors.headersTooLarge() : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? platformErrors.requestTimeout() : platformErrors.badRequest();
  const body = JSON.stringify({ type: `urn:motcua:problem:${e.code}`, title: e.title.vi, status: e.status, instance: '/', code: e.code, titles: e.title, requestId: randomUUID() });
  if (socket.writable) {
    const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[e.status] ?? 'Bad Request';
    socket.write(`HTTP/1.1 ${e.status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
