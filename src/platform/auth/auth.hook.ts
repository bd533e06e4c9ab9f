import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app';
import { declareErrorWith, platformErrors } from '../http/errors';
import type { Principal } from './policy';

export const SESSION_COOKIE = 'motcua_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An officer whose role requires a second factor (MFA_REQUIRED_ROLES) and who has none enrolled: every route but
 * those marked `config.beforeSecondFactor` (session, enrolment, logout) answers this. The OpenAPI document lists it
 * on every signed-in operation.
 */
export const secondFactorRequired = declareErrorWith('identity.second_factor_required', 403, { vi: 'Cần đăng ký xác thực hai lớp', en: 'Second factor required' }, () => ({
  detail: {
    vi: 'Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng đăng ký ứng dụng xác thực ở trang Bảo mật tài khoản trước khi tiếp tục.',
    en: 'Your role requires two-factor authentication. Please enrol an authenticator app on the Account security page before going on.',
  },
}));

export interface PrincipalResolver {
  /** Resolves a cookie or bearer secret to a principal, or null if unknown, expired or revoked. */
  resolve(secret: string, via: 'web' | 'bearer'): Promise<Principal | null>;
}

/** Resolves who is calling and enforces each route's declared access policy (and CSRF for cookie sessions). */
export function registerAuthHook(app: App, resolver: PrincipalResolver): void {
  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    const policy = req.routeOptions.config?.policy;
    // Unknown routes fall through to the 404 handler.
    if (!req.routeOptions.url) return;
    if (!policy) throw platformErrors.forbidden({ vi: 'Địa chỉ này chưa khai báo quyền truy cập.', en: 'This route declares no access policy.' });

    const auth = req.headers.authorization;
    if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) {
      req.principal = await resolver.resolve(auth.replace(/^Bearer\s+/i, '').trim(), 'bearer');
      // On a public route a token we do not know is not ours to judge (e.g. the e-ID provider's own access tokens).
      if (!req.principal && policy.access !== 'public') throw platformErrors.unauthenticated({ vi: 'Mã truy cập không hợp lệ hoặc đã hết hạn.', en: 'The access token is invalid or expired.' });
    } else {
      const cookie = req.cookies?.[SESSION_COOKIE];
      if (cookie) {
        req.principal = await resolver.resolve(cookie, 'web');
        if (req.principal && UNSAFE.has(req.method)) {
          const sent = req.headers['x-csrf-token'];
          if (typeof sent !== 'string' || sent !== req.principal.csrfToken) {
            // On a public route an unconfirmed cookie simply does not count (e.g. logging in again).
            if (policy.access === 'public') {
              req.principal = null;
              return;
            }
            throw platformErrors.forbidden({ vi: 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF).', en: 'Missing or wrong CSRF token.' }, { extra: { reason: 'csrf' } });
          }
        }
      }
    }

    if (policy.access === 'public') return;
    const p = req.principal;
    if (!p) throw platformErrors.unauthenticated({ vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' });
    if (p.secondFactorMissing && !req.routeOptions.config?.beforeSecondFactor) throw secondFactorRequired();
    if (policy.access === 'authenticated') {
      if (policy.accountKinds && !policy.accountKinds.includes(p.kind)) {
        throw platformErrors.forbidden({ vi: 'Loại tài khoản của bạn không được dùng chức năng này.', en: 'Your kind of account cannot use this function.' });
      }
      return;
    }
    if (!p.grants.some((g) => policy.roles.includes(g.role))) {
      throw platformErrors.forbidden({ vi: `Cần một trong các vai trò: ${policy.roles.join(', ')}.`, en: `Requires one of the roles: ${policy.roles.join(', ')}.` });
    }
  });
}
