/** Accounts, sessions and roles (định danh): the schemas of the identity API. */
import { Type, type Static } from 'typebox';
import { ACCOUNT_KINDS, ROLES } from '../auth/roles';
import { USERNAME_MAX, USERNAME_MIN, USERNAME_PATTERN } from '../identity/username';
import { PERSONAL_ID_PATTERN } from '../identity/personal-id';
import { Nullable, Obj, OneOf, Uuid } from './schema';

export const RoleSchema = OneOf(ROLES);
export const AccountKindSchema = OneOf(ACCOUNT_KINDS);
export const UsernameSchema = Type.String({ minLength: USERNAME_MIN, maxLength: USERNAME_MAX, pattern: USERNAME_PATTERN });
export const PersonalIdSchema = Type.String({ pattern: PERSONAL_ID_PATTERN, description: '12-digit personal identification number (số định danh cá nhân)' });

/** A role in an agency and, optionally, its sub-agencies (jurisdiction). */
export const GrantSchema = Obj({ role: RoleSchema, agencyId: Uuid, includeSubAgencies: Type.Boolean() });
export const GrantInputSchema = Obj({ role: RoleSchema, agencyId: Uuid, includeSubAgencies: Type.Optional(Type.Boolean()) });

export const AccountSchema = Obj({
  id: Uuid,
  kind: AccountKindSchema,
  username: Nullable(Type.String()),
  displayName: Type.String(),
  email: Nullable(Type.String()),
  active: Type.Boolean(),
  lockedUntil: Nullable(Type.String()),
  grants: Type.Array(GrantSchema),
});

export const SessionSchema = Obj({
  accountId: Uuid,
  kind: AccountKindSchema,
  displayName: Type.String(),
  personalId: Nullable(Type.String({ description: 'Citizens: 12-digit personal ID number' })),
  assuranceLevel: Type.Union([Type.Literal(1), Type.Literal(2), Type.Null()], { description: 'VNeID level of this e-ID session; null for other logins' }),
  grants: Type.Array(GrantSchema),
  csrfToken: Nullable(Type.String()),
  secondFactorRequired: Type.Boolean({ description: 'The role requires a second factor and none is enrolled: only this, enrolment and logout answer until one is' }),
});

export const LoginRequestSchema = Obj({ username: UsernameSchema, password: Type.String({ minLength: 1, maxLength: 256 }) });
export const LoginResponseSchema = Obj({ account: AccountSchema, csrfToken: Type.String(), expiresAt: Type.String() });

/** Officers' second factor (xác thực hai lớp). */
export const SecondFactorMethodSchema = Type.Union([Type.Literal('totp'), Type.Literal('recovery'), Type.Literal('webauthn')]);
export const SecondFactorChallengeSchema = Obj({
  secondFactor: Obj({
    challengeId: Type.String({ description: 'Opaque, valid a few minutes; send it with the code to /api/auth/login/second-factor' }),
    methods: Type.Array(SecondFactorMethodSchema),
    expiresAt: Type.String(),
  }),
});
export const SecondFactorLoginRequestSchema = Obj({
  challengeId: Type.String({ minLength: 1, maxLength: 200 }),
  code: Type.String({ minLength: 6, maxLength: 20, description: '6-digit code of the authenticator app, or a recovery code (XXXXX-XXXXX)' }),
});
export const PasskeySchema = Obj({ id: Type.String(), name: Type.String(), createdAt: Type.String(), lastUsedAt: Nullable(Type.String()) });
export const SecondFactorStatusSchema = Obj({
  totp: Obj({ enrolled: Type.Boolean(), enrolledAt: Nullable(Type.String()) }),
  recoveryCodesLeft: Type.Integer(),
  passkeys: Type.Array(PasskeySchema),
  required: Type.Boolean({ description: 'A role of this account requires a second factor' }),
});
export const TotpEnrolmentSchema = Obj({ secret: Type.String({ description: 'base32, to type into the app' }), otpauthUri: Type.String({ description: 'otpauth:// URI, to show as a QR code' }) });
export const TotpConfirmSchema = Obj({ code: Type.String({ minLength: 6, maxLength: 10 }) });
/** A WebAuthn JSON structure (options or the browser's answer), checked by the WebAuthn library, not here. */
export const WebAuthnJsonSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'WebAuthn JSON (PublicKeyCredential…JSON)' });
export const PasskeyRegisterSchema = Obj({ name: Type.String({ minLength: 1, maxLength: 100 }), credential: WebAuthnJsonSchema });
export const PasskeyLoginSchema = Obj({ challengeId: Type.String({ minLength: 1, maxLength: 200 }), credential: WebAuthnJsonSchema });
export const RecoveryCodesSchema = Obj({ recoveryCodes: Type.Array(Type.String(), { description: 'One-time codes, shown this once' }) });

/** `current`: the session this request was made in. */
export const OpenSessionSchema = Obj({ id: Uuid, kind: Type.String(), label: Nullable(Type.String()), createdAt: Type.String(), lastSeenAt: Type.String(), expiresAt: Nullable(Type.String()), current: Type.Boolean() });

export const AccountCreateSchema = Obj({
  kind: Type.Union([Type.Literal('officer'), Type.Literal('system')]),
  username: UsernameSchema,
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  grants: Type.Array(GrantInputSchema, { maxItems: 50 }),
});

/** Organisation accounts (tài khoản tổ chức) and their members. */
export const MyOrganisationSchema = Obj({ enterpriseCode: Type.String(), name: Type.String(), role: Type.Union([Type.Literal('legal_representative'), Type.Literal('member')]), rights: Type.Array(Type.String()) });
export const MemberSchema = Obj({ personalId: Type.String(), fullName: Type.String(), rights: Type.Array(Type.String()), addedAt: Type.String() });

/** Authorisations (ủy quyền). */
const Person = Obj({ personalId: Type.String(), name: Type.String() });
export const AuthorisationSchema = Obj({
  id: Type.String(),
  grantor: Person,
  agent: Person,
  procedureCode: Nullable(Type.String({ description: 'null = every procedure' })),
  validFrom: Type.String(),
  validUntil: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('not_yet_valid'), Type.Literal('expired'), Type.Literal('revoked')]),
  createdAt: Type.String(),
  revokedAt: Nullable(Type.String()),
});

export type Grant = Static<typeof GrantSchema>;
export type Account = Static<typeof AccountSchema>;
export type Session = Static<typeof SessionSchema>;
export type LoginResponse = Static<typeof LoginResponseSchema>;
export type SecondFactorChallenge = Static<typeof SecondFactorChallengeSchema>;
export type SecondFactorStatus = Static<typeof SecondFactorStatusSchema>;
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>;
export type Passkey = Static<typeof PasskeySchema>;
export type OpenSession = Static<typeof OpenSessionSchema>;
export type MyOrganisation = Static<typeof MyOrganisationSchema>;
export type Member = Static<typeof MemberSchema>;
export type Authorisation = Static<typeof AuthorisationSchema>;
