export {
  type SecretBoxProblem,
  type Keyring,
  SecretBoxError,
  generateKey,
  needsReseal,
  open,
  parseKeyring,
  seal,
} from "./crypto/secret-box";
export { type CsrfCheck, type CsrfProblem, type CsrfRequest, checkCsrf } from "./csrf";
export {
  createPasswordHasher,
  hashPassword,
  needsRehash,
  type PasswordHasher,
  type PasswordHasherOptions,
  verifyPassword,
} from "./password/hash";
export { normalisePassword } from "./password/normalise";
export {
  ARGON2_PARAMS,
  type Argon2Params,
  DEFAULT_HASH_CONCURRENCY,
  DEFAULT_HASH_QUEUE,
} from "./password/params";
export {
  checkPasswordPolicy,
  newPasswordSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordCheck,
  type PasswordProblem,
} from "./password/policy";
export { BusyError, Semaphore, type SemaphoreOptions } from "./password/semaphore";
export {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_BITS,
  RECOVERY_CODE_COUNT,
} from "./recovery/codes";
export {
  clearSessionCookie,
  DEV_SESSION_COOKIE_NAME,
  generateSessionToken,
  hashToken,
  readSessionCookie,
  SESSION_COOKIE_NAME,
  type SessionCookieOptions,
  serializeSessionCookie,
  sessionCookieName,
} from "./session/token";
export {
  challengeSpent,
  combineDecisions,
  decide,
  decideLoginAttempt,
  type FailureKind,
  type LoginAttemptInput,
  MAX_TOTP_ATTEMPTS_PER_CHALLENGE,
  PASSWORD_RULE,
  RULES,
  recentFailures,
  type ThrottleDecision,
  type ThrottleRule,
  TOTP_RULE,
} from "./throttle/policy";
export {
  encodeTotpSecret,
  generateTotpSecret,
  TOTP_PARAMS,
  TOTP_SECRET_BYTES,
  type TotpAlgorithm,
  type TotpParams,
  totpAt,
  totpStep,
  type VerifyTotpInput,
  type VerifyTotpResult,
  verifyTotp,
} from "./totp/totp";
export { TOTP_ISSUER, totpQrSvg, totpUri } from "./totp/uri";
export { AuthError, type AuthProblem, GENERIC_FAILURE } from "./errors";
export { type AuthDeps, type Caller, normaliseEmail } from "./flows/deps";
export { consumeTotp, replaceRecoveryCodes, type SecondFactor } from "./flows/credentials";
export {
  beginLogin,
  completeLogin,
  type BeginLoginResult,
  type CompletedLogin,
} from "./flows/login";
export {
  completeEnrollment,
  getEnrollment,
  type CompletedEnrollment,
  type EnrollmentView,
} from "./flows/enroll";
export { signUp, uniqueSlug, type SignUpInput } from "./flows/signup";
export {
  acceptInviteAsMember,
  acceptInviteAsNewUser,
  previewInvite,
  type InvitePreview,
} from "./flows/invites";
export {
  beginTotpMove,
  changePassword,
  regenerateRecoveryCodes,
  type SignedIn,
} from "./flows/account";
export { resetMemberTotp } from "./flows/admin";
export { CHALLENGE_TTL_MS, pruneChallenges } from "./store/challenges";
export { DEVICE_COOKIE_MAX_AGE_S, DEVICE_COOKIE_NAME } from "./store/devices";
export { pruneFailures } from "./store/failures";
export {
  type ActiveSession,
  createSession,
  listActiveSessions,
  type NewSession,
  revokeSession,
  revokeSessionByToken,
  revokeSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "./store/sessions";
export { signOut } from "./flows/sign-out";
