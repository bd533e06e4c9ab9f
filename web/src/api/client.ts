/**
 * A small typed client for the MotCua API: JSON over fetch with the session cookie, the CSRF token on unsafe
 * requests, Accept-Language from the current language, and RFC 9457 problem+json errors turned into ApiError.
 */

import type { FieldError, ProblemBody } from '@shared/api/problem';

/** Vietnamese and English text of the same thing. */
export type LocalizedText = ProblemBody['titles'];

export type ProblemFieldError = FieldError;

/**
 * `application/problem+json` as the server sends it (src/shared/api/problem.ts); the members only the server
 * fills in are optional, so the client can describe a failure that never reached it the same way.
 */
export type Problem = Pick<ProblemBody, 'title' | 'status' | 'code'> & Partial<Omit<ProblemBody, 'title' | 'status' | 'code'>> & { [extra: string]: unknown };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${status} ${problem.code}: ${problem.title}`);
  }
  get code() {
    return this.problem.code;
  }
  /** Field errors, if the server sent any. */
  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }
}

/** A failure that never reached the server (offline, aborted) as a problem, so pages show it the same way. */
function networkProblem(err: unknown): Problem {
  return {
    title: 'Network error',
    status: 0,
    code: 'network_error',
    titles: { vi: 'Không kết nối được máy chủ', en: 'Cannot reach the server' },
    details: {
      vi: 'Vui lòng kiểm tra kết nối mạng rồi thử lại.',
      en: 'Check your connection and try again.',
    },
    detail: String((err as Error)?.message ?? err),
  };
}

let language = 'vi';
let csrfToken: string | null = null;

export function setApiLanguage(lang: string) {
  language = lang;
}
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}
/** The CSRF header for a request sent without `request` (a file streamed as the body). */
export const csrfHeader = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

/** Told when the server answers that the session is gone (401 `unauthenticated`), so the header stops showing the name. */
let sessionEnded: (() => void) | null = null;
export function onSessionEnded(fn: (() => void) | null) {
  sessionEnded = fn;
}
const checkEnded = (status: number, problem: Problem) => {
  if (status === 401 && problem.code === 'unauthenticated') sessionEnded?.();
};

/** True when the request failed because the session ended (not signed in any more). */
export const isSessionEnded = (err: unknown): boolean => err instanceof ApiError && err.status === 401 && err.code === 'unauthenticated';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function headersFor(method: string, hasJsonBody: boolean, extra?: Record<string, string>): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json, application/problem+json', 'accept-language': language, ...extra };
  if (hasJsonBody) h['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) h['x-csrf-token'] = csrfToken;
  return h;
}

async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = await res.json();
      if (body && typeof body === 'object' && 'code' in body) return body as Problem;
    } catch {
      /* fall through */
    }
  }
  return {
    title: res.statusText || 'Error',
    status: res.status,
    code: `http_${res.status}`,
    titles: { vi: `Lỗi ${res.status}`, en: `Error ${res.status}` },
  };
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const hasBody = body !== undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: headersFor(method, hasBody, opts.headers),
      body: hasBody ? JSON.stringify(body) : undefined,
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, networkProblem(err));
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    // The session check itself is how the app learns it is signed out: not an ending.
    if (path !== '/api/auth/session') checkEnded(res.status, problem);
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Builds `path?k=v` leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, undefined, opts),
};

export interface UploadOptions {
  method?: string;
  /** Called with 0…1 as the bytes go out. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Send the file as a multipart form under this field name; otherwise the raw bytes with the file's type. */
  formField?: string;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
}

/** Uploads a file with progress (fetch cannot report upload progress, XMLHttpRequest can). */
export function upload<T>(path: string, file: File, opts: UploadOptions = {}): Promise<T> {
  const method = opts.method ?? 'POST';
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headersFor(method, false, opts.headers))) xhr.setRequestHeader(k, v);
    let body: XMLHttpRequestBodyInit;
    if (opts.formField) {
      const form = new FormData();
      for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
      form.append(opts.formField, file, file.name);
      body = form;
    } else {
      xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
      body = file;
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const type = xhr.getResponseHeader('content-type') ?? '';
      let parsed: unknown = xhr.responseText;
      if (type.includes('json') && xhr.responseText) {
        try {
          parsed = JSON.parse(xhr.responseText);
        } catch {
          /* keep text */
        }
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(1);
        resolve(parsed as T);
      } else {
        const p =
          parsed && typeof parsed === 'object' && 'code' in (parsed as object)
            ? (parsed as Problem)
            : { title: `Error ${xhr.status}`, status: xhr.status, code: `http_${xhr.status}`, titles: { vi: `Lỗi ${xhr.status}`, en: `Error ${xhr.status}` } };
        checkEnded(xhr.status, p);
        reject(new ApiError(xhr.status, p));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, networkProblem('upload failed')));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}
