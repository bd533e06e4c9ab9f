import { declareError, declareErrorWith, platformErrors, type Bilingual } from '../../platform/http/errors';

const t = (vi: string, en: string): Bilingual => ({ vi, en });

export const identityErrors = {
  badCredentials: declareError('auth.invalid_credentials', 401, t('Sai tên đăng nhập hoặc mật khẩu', 'Wrong username or password')),
  locked: declareErrorWith('auth.account_locked', 423, t('Tài khoản tạm khóa', 'Account temporarily locked'), (until: Date) => ({
    detail: t('Đăng nhập sai quá nhiều lần; vui lòng thử lại sau.', 'Too many failed logins; please try again later.'),
    extra: { lockedUntil: until.toISOString() },
  })),
  accountDisabled: declareErrorWith('auth.account_disabled', 403, t('Tài khoản đã bị khóa', 'Account disabled'), () => ({
    detail: t('Tài khoản gắn với danh tính này không dùng được; vui lòng liên hệ bộ phận một cửa.', 'The account linked to this identity cannot be used; please contact the one-stop-shop desk.'),
  })),
  accountNotFound: declareError('account.not_found', 404, t('Không tìm thấy tài khoản', 'Account not found')),
  sessionNotFound: declareError('auth.session_not_found', 404, t('Không tìm thấy phiên đăng nhập đang mở', 'No such open session')),
  usernameTaken: declareError('account.username_taken', 409, t('Tên đăng nhập đã được dùng', 'Username already taken')),
  weakPassword: declareErrorWith('account.weak_password', 422, t('Mật khẩu quá yếu', 'Password too weak'), () => ({
    detail: t('Mật khẩu cần ít nhất 10 ký tự, gồm chữ và số.', 'Passwords need at least 10 characters, with letters and digits.'),
  })),
  /** A role granted in an agency that does not exist (the platform's `reference_not_found`, naming each grant). */
  unknownAgency: (indexes: number[]) =>
    platformErrors.referenceNotFound(t('Vai trò được giao cho một cơ quan không tồn tại.', 'A role is granted in an agency that does not exist.'), {
      fields: indexes.map((i) => ({ field: `grants[${i}].agencyId`, code: 'unknown_agency', message: t('Không có cơ quan với mã này.', 'No agency has this id.') })),
    }),
  /** Not an administrator of the agency named (the platform's `forbidden`, with the reason). */
  notAdminOf: () => platformErrors.forbidden(t('Bạn không quản trị cơ quan được nêu.', 'You do not administer the agency named.')),
  assuranceTooLow: declareErrorWith('eid.assurance_too_low', 403, t('Mức độ định danh điện tử chưa đủ', 'Electronic identity assurance level too low'), (required: number, current: number | null) => ({
    detail: t(
      `Chức năng này cần tài khoản định danh điện tử mức ${required}. Vui lòng đăng nhập bằng tài khoản VNeID mức ${required}.`,
      `This function needs an electronic identity of level ${required}. Please sign in with a level ${required} VNeID account.`,
    ),
    extra: { requiredLevel: required, currentLevel: current },
  })),
};

/** An error with its title and, optionally, a fixed detail and extra members computed from the arguments. */
function problem<A extends unknown[] = []>(status: number, code: string, vi: string, en: string, detail?: Bilingual | ((...args: A) => Bilingual), extra?: (...args: A) => Record<string, unknown>) {
  return declareErrorWith(code, status, t(vi, en), (...args: A) => ({ detail: typeof detail === 'function' ? detail(...args) : detail, extra: extra?.(...args) }));
}

/** Login through an OpenID provider (VNeID or the built-in e-ID provider, or the officers' provider). */
export const eidErrors = {
  notConfigured: problem(404, 'eid.not_configured', 'Chưa cấu hình đăng nhập này', 'This login is not configured', { vi: 'Hệ thống chưa được cấu hình nhà cung cấp định danh cho cách đăng nhập này.', en: 'No identity provider is configured for this login.' }),
  badReturnTo: problem(400, 'eid.bad_return_to', 'Địa chỉ quay lại không hợp lệ', 'Invalid return address', { vi: 'Chỉ được quay lại một trang của chính cổng dịch vụ công (đường dẫn bắt đầu bằng /).', en: 'Only a page of this portal may be returned to (a path starting with /).' }),
  loginRequestMissing: problem(400, 'eid.login_request_missing', 'Phiên đăng nhập không còn hiệu lực', 'Login request not found', { vi: 'Không tìm thấy yêu cầu đăng nhập đang chờ hoặc yêu cầu đã hết hạn. Vui lòng đăng nhập lại.', en: 'No pending login was found, or it has expired. Please sign in again.' }),
  stateMismatch: problem(400, 'eid.state_mismatch', 'Phản hồi đăng nhập không khớp', 'Login response does not match', { vi: 'Tham số state không khớp với yêu cầu đăng nhập. Vui lòng đăng nhập lại.', en: 'The state parameter does not match the login request. Please sign in again.' }),
  loginCancelled: problem<[error: string]>(401, 'eid.login_cancelled', 'Đăng nhập không thành công', 'Login not completed', { vi: 'Nhà cung cấp định danh không xác thực được người dùng hoặc người dùng đã hủy.', en: 'The identity provider did not authenticate the user, or the user cancelled.' }, (error) => ({ providerError: error })),
  codeRejected: problem(401, 'eid.code_rejected', 'Mã xác thực bị từ chối', 'Authorization code rejected', { vi: 'Nhà cung cấp định danh từ chối mã xác thực (đã dùng hoặc hết hạn). Vui lòng đăng nhập lại.', en: 'The identity provider refused the authorization code (used or expired). Please sign in again.' }),
  tokenInvalid: problem(401, 'eid.token_invalid', 'Mã định danh không hợp lệ', 'Invalid identity token', { vi: 'Mã định danh (ID token) nhận được không hợp lệ; đăng nhập bị từ chối.', en: 'The ID token received is not valid; the login was refused.' }),
  claimsInvalid: problem(401, 'eid.claims_invalid', 'Thiếu thông tin định danh', 'Identity data missing', { vi: 'Nhà cung cấp định danh không trả về số định danh cá nhân hợp lệ (12 chữ số) hoặc họ tên.', en: 'The identity provider did not return a valid 12-digit personal ID number or a name.' }),
  providerUnavailable: problem(502, 'eid.provider_unavailable', 'Không kết nối được nhà cung cấp định danh', 'Identity provider unavailable', { vi: 'Không kết nối được nhà cung cấp định danh điện tử. Vui lòng thử lại sau.', en: 'The electronic identity provider could not be reached. Please try again later.' }),
  officerSecondFactorNotChecked: problem(403, 'auth.oidc_second_factor_missing', 'Chưa xác thực hai yếu tố', 'Second factor not checked', {
    vi: 'Tài khoản có vai trò quản trị phải xác thực hai yếu tố. Nhà cung cấp đăng nhập một lần chưa xác nhận yếu tố thứ hai; hãy đăng nhập bằng mật khẩu và mã xác thực, hoặc đề nghị quản trị nhà cung cấp bật xác thực đa yếu tố.',
    en: 'Accounts with an administrator role must use two factors. The single sign-on provider did not confirm a second factor; sign in with your password and code, or ask its administrator to require multi-factor authentication.',
  }),
  officerNotFound: problem(403, 'auth.oidc_account_not_found', 'Không có tài khoản cán bộ tương ứng', 'No matching officer account', { vi: 'Danh tính đã xác thực không khớp với tài khoản cán bộ nào đang hoạt động.', en: 'The authenticated identity matches no active officer account.' }),
};

/** Organisation accounts (tài khoản tổ chức) and their members. */
export const organisationErrors = {
  notFound: problem(404, 'organisation.not_found', 'Không tìm thấy doanh nghiệp', 'Enterprise not found', { vi: 'Không có doanh nghiệp đang hoạt động với mã số này.', en: 'No active enterprise has this code.' }),
  notMember: problem(403, 'organisation.not_member', 'Không được đại diện tổ chức', 'Not a member of the organisation', { vi: 'Bạn không phải người đại diện theo pháp luật hay thành viên được giao quyền của doanh nghiệp này.', en: 'You are neither the legal representative nor an authorised member of this enterprise.' }),
  notRepresentative: problem(403, 'organisation.not_representative', 'Chỉ người đại diện theo pháp luật', 'Legal representative only', { vi: 'Chỉ người đại diện theo pháp luật của doanh nghiệp được quản lý thành viên.', en: 'Only the legal representative of the enterprise may manage its members.' }),
  memberExists: problem(409, 'organisation.member_exists', 'Thành viên đã có', 'Already a member', { vi: 'Người này đã là thành viên của doanh nghiệp.', en: 'This person is already a member of the enterprise.' }),
  memberNotFound: problem(404, 'organisation.member_not_found', 'Không tìm thấy thành viên', 'Member not found', { vi: 'Người này không phải thành viên của doanh nghiệp.', en: 'This person is not a member of the enterprise.' }),
  representativeIsMember: problem(422, 'organisation.representative', 'Người đại diện theo pháp luật', 'Legal representative', { vi: 'Người đại diện theo pháp luật đã có mọi quyền, không cần thêm làm thành viên.', en: 'The legal representative already has every right and is not added as a member.' }),
};

/** Authorisations (ủy quyền) and filing in someone else's name. */
export const authorisationErrors = {
  none: problem(403, 'authorisation.none', 'Không có ủy quyền', 'No authorisation', { vi: 'Người được đại diện chưa ủy quyền cho bạn (hoặc đã thu hồi ủy quyền).', en: 'The person you act for has not authorised you (or has revoked it).' }),
  expired: problem<[validUntil: string]>(403, 'authorisation.expired', 'Ủy quyền đã hết hạn', 'Authorisation expired', (validUntil) => ({ vi: `Ủy quyền đã hết hạn ngày ${validUntil}.`, en: `The authorisation expired on ${validUntil}.` }), (validUntil) => ({ validUntil })),
  notYetValid: problem<[validFrom: string]>(403, 'authorisation.not_yet_valid', 'Ủy quyền chưa có hiệu lực', 'Authorisation not yet valid', (validFrom) => ({ vi: `Ủy quyền có hiệu lực từ ngày ${validFrom}.`, en: `The authorisation is valid from ${validFrom}.` }), (validFrom) => ({ validFrom })),
  outOfScope: problem(403, 'authorisation.out_of_scope', 'Ngoài phạm vi ủy quyền', 'Outside the authorisation', { vi: 'Ủy quyền (hoặc quyền được giao) không bao gồm việc nộp hồ sơ thủ tục này.', en: 'The authorisation (or the rights given) does not cover filing this procedure.' }),
  notFound: problem(404, 'authorisation.not_found', 'Không tìm thấy ủy quyền', 'Authorisation not found'),
  alreadyRevoked: problem(409, 'authorisation.already_revoked', 'Ủy quyền đã bị thu hồi', 'Authorisation already revoked'),
  self: problem(422, 'authorisation.self', 'Không thể tự ủy quyền', 'Cannot authorise yourself', { vi: 'Người được ủy quyền phải là người khác.', en: 'The agent must be another person.' }),
  badDates: problem(422, 'authorisation.bad_dates', 'Thời hạn ủy quyền không hợp lệ', 'Invalid authorisation period', { vi: 'Ngày kết thúc phải không sớm hơn ngày bắt đầu và không ở trong quá khứ.', en: 'The end date must not be before the start date nor in the past.' }),
  noPersonalId: problem(403, 'identity.no_personal_id', 'Tài khoản chưa định danh', 'Account without personal ID', { vi: 'Chỉ công dân đã đăng nhập bằng định danh điện tử mới nộp hồ sơ hoặc ủy quyền được.', en: 'Only citizens signed in with an electronic identity can file or authorise.' }),
  personUnknown: problem(422, 'identity.person_unknown', 'Không tìm thấy công dân', 'Person not found', { vi: 'Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.', en: 'The personal ID number is not in the national population database.' }),
};

/** Officers' second factor (xác thực hai lớp): TOTP app and recovery codes. */
export const mfaErrors = {
  codeWrong: problem(401, 'identity.second_factor_invalid', 'Mã xác thực không đúng', 'Wrong verification code', { vi: 'Mã xác thực hai lớp hoặc mã khôi phục không đúng. Nhập sai nhiều lần sẽ tạm khóa tài khoản.', en: 'The two-factor code or recovery code is wrong. Repeated failures lock the account for a while.' }),
  codeReplayed: problem(401, 'identity.second_factor_replayed', 'Mã xác thực đã được dùng', 'Verification code already used', { vi: 'Mã này đã được dùng để đăng nhập. Vui lòng chờ ứng dụng xác thực hiện mã mới.', en: 'This code was already used to sign in. Please wait for the authenticator app to show a new one.' }),
  challengeInvalid: problem(401, 'identity.second_factor_challenge_invalid', 'Phiên đăng nhập không còn hiệu lực', 'Login step expired', { vi: 'Bước xác thực hai lớp đã hết hạn hoặc đã dùng. Vui lòng đăng nhập lại bằng mật khẩu.', en: 'The two-factor step has expired or was already used. Please sign in again with your password.' }),
  alreadyEnrolled: problem(409, 'identity.second_factor_enrolled', 'Đã đăng ký xác thực hai lớp', 'Second factor already enrolled', { vi: 'Tài khoản đã có ứng dụng xác thực; mỗi tài khoản chỉ đăng ký một ứng dụng.', en: 'The account already has an authenticator app; an account enrols one app only.' }),
  enrolmentNotStarted: problem(409, 'identity.second_factor_enrolment_not_started', 'Chưa bắt đầu đăng ký', 'Enrolment not started', { vi: 'Chưa có mã bí mật đang chờ xác nhận; vui lòng bắt đầu đăng ký lại.', en: 'No secret is waiting for confirmation; please start the enrolment again.' }),
  enrolmentCodeWrong: problem(422, 'identity.second_factor_enrolment_code_wrong', 'Mã xác nhận không đúng', 'Wrong confirmation code', { vi: 'Mã 6 chữ số không khớp với mã bí mật. Kiểm tra giờ trên điện thoại và nhập mã đang hiện.', en: 'The 6-digit code does not match the secret. Check the phone’s clock and enter the code shown now.' }),
  passkeyRejected: problem(422, 'identity.passkey_rejected', 'Khóa truy cập không hợp lệ', 'Passkey rejected', { vi: 'Không xác minh được khóa truy cập (sai trang, hết hạn hoặc bị hủy). Vui lòng thử lại.', en: 'The passkey could not be verified (wrong site, expired or cancelled). Please try again.' }),
  noPasskey: problem(409, 'identity.no_passkey', 'Chưa có khóa truy cập', 'No passkey', { vi: 'Tài khoản chưa đăng ký khóa truy cập cho trang này; vui lòng dùng mã xác thực.', en: 'The account has no passkey for this site; please use a verification code.' }),
};
