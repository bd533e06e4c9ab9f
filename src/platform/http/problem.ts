import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, platformErrors, type Bilingual, type ErrorFactory, type FieldError } from './errors';
import { ajvErrorsToFields, TEXT_KEYWORD } from './validation';

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
      return platformErrors.invalidCharacters(
        { vi: `Phần ${PART_VI[part] ?? part} của yêu cầu có ký tự không được phép.`, en: `The request ${part} contains characters that are not allowed.` },
        { fields: ajvErrorsToFields(fe.validation, part) },
      );
    }
    return platformErrors.validation(
      { vi: `Phần ${PART_VI[part] ?? part} của yêu cầu có trường không hợp lệ.`, en: `The request ${part} has invalid fields.` },
      { fields: ajvErrorsToFields(fe.validation, part) },
    );
  }
  if (fe?.code && FASTIFY_CLIENT_ERRORS[fe.code]) return FASTIFY_CLIENT_ERRORS[fe.code]();
  if (fe?.statusCode === 429) return platformErrors.rateLimited();
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return platformErrors.badRequest();
  return platformErrors.internal({
    vi: 'Đã có lỗi không mong muốn. Vui lòng thử lại hoặc báo cho quản trị viên kèm mã yêu cầu.',
    en: 'An unexpected error occurred. Please retry or report it to the administrator with the request id.',
  });
}

/** Vietnamese names of the parts of a request, for validation messages. */
const PART_VI: Record<string, string> = { body: 'nội dung', querystring: 'tham số truy vấn', params: 'tham số đường dẫn', headers: 'tiêu đề' };

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
  if (e.status >= 500 && !(err instanceof AppError)) req.log.error({ err }, 'request failed');
  else if (e.status >= 500) req.log.warn({ code: e.code, status: e.status }, 'request not served');
  else req.log.info({ code: e.code, status: e.status }, 'request refused');
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) reply.header(k, v);
  return reply.status(e.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(req, e));
}
