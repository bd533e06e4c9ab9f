import { AppError } from '../../platform/http/errors';

export const identityErrors = {
  badCredentials: () => new AppError(401, 'auth.invalid_credentials', { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' }),
  locked: (until: Date) =>
    new AppError(423, 'auth.account_locked', { vi: 'Tài khoản tạm khóa', en: 'Account temporarily locked' }, { vi: 'Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.', en: 'Too many failed logins; please try again later.' }, undefined, { lockedUntil: until.toISOString() }),
  accountNotFound: () => new AppError(404, 'account.not_found', { vi: 'Không tìm thấy tài khoản', en: 'Account not found' }),
  usernameTaken: () => new AppError(409, 'account.username_taken', { vi: 'Tên đăng nhập đã được dùng', en: 'Username already taken' }),
  weakPassword: () =>
    new AppError(422, 'account.weak_password', { vi: 'Mật khẩu quá yếu', en: 'Password too weak' }, { vi: 'Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.', en: 'Passwords need at least 10 characters, with letters and digits.' }),
  notAdminOf: () => new AppError(403, 'forbidden', { vi: 'Không có quyền thực hiện', en: 'Not allowed' }, { vi: 'Bạn không quản trị cơ quan được nêu.', en: 'You do not administer the agency named.' }),
};
