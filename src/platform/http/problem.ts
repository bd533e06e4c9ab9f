import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Bilingual, type FieldError } from './errors';
import { ajvErrorsToFields } from './validation';

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
const FASTIFY_CLIENT_ERRORS: Record<string, { code: string; vi: string; en: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'malformed_json', vi: 'Nội dung JSON không hợp lệ', en: 'Malformed JSON body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'empty_body', vi: 'Thiếu nội dung yêu cầu', en: 'Empty request body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'body_too_large', vi: 'Nội dung yêu cầu quá lớn', en: 'Request body too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', vi: 'Kiểu nội dung không được hỗ trợ', en: 'Unsupported media type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_content_length', vi: 'Độ dài nội dung không hợp lệ', en: 'Invalid content length' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'unsupported_media_type', vi: 'Kiểu nội dung không hợp lệ', en: 'Invalid content type' },
  FST_ERR_BAD_URL: { code: 'bad_url', vi: 'Địa chỉ không hợp lệ', en: 'Malformed URL' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'bad_request', vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
};

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError & { validation?: any[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const part = fe.validationContext ?? 'body';
    return new AppError(
      400,
      'validation_failed',
      { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
      { vi: `Phần ${part} của yêu cầu có trường không hợp lệ.`, en: `The request ${part} has invalid fields.` },
      ajvErrorsToFields(fe.validation, part),
    );
  }
  if (fe?.code && FASTIFY_CLIENT_ERRORS[fe.code]) {
    const k = FASTIFY_CLIENT_ERRORS[fe.code];
    return new AppError(fe.statusCode ?? 400, k.code, { vi: k.vi, en: k.en });
  }
  if (fe?.statusCode === 429) {
    return new AppError(429, 'rate_limited', { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, try again later' });
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, 'bad_request', { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' });
  }
  return new AppError(500, 'internal_error', { vi: 'Lỗi hệ thống', en: 'Internal server error' }, {
    vi: 'Đã có lỗi không mong muốn. Vui lòng thử lại hoặc báo cho quản trị viên kèm mã yêu cầu.',
    en: 'An unexpected error occurred. Please retry or report it to the administrator with the request id.',
  });
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
  if (e.status >= 500 && !(err instanceof AppError)) req.log.error({ err }, 'request failed');
  else if (e.status >= 500) req.log.warn({ code: e.code, status: e.status }, 'request not served');
  else req.log.info({ code: e.code, status: e.status }, 'request refused');
  return reply.status(e.status).type(PROBLEM_CONTENT_TYPE).send(problemBody(req, e));
}
