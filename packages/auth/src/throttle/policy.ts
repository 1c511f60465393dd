/**
 * Login throttling as pure functions over lists of recent failure times; storing the
 * lists comes later. Four lists per attempt: password failures and TOTP failures, each
 * per account and per client IP. A stage (password, then TOTP) checks its own two.
 *
 * Why this shape:
 * - Growing delays, not lock-outs: the first four failures cost nothing (typos), then
 *   each one doubles the wait from 1 s up to 30 s. An online guesser is slowed to a crawl
 *   while a person who mistypes barely notices.
 * - A sliding one-hour cap (at most 100 password failures per account, fewer for TOTP)
 *   bounds what any attacker gets per hour and frees itself: nothing is ever locked until
 *   an administrator steps in.
 * - So an attacker cannot keep the real user out either, a browser that has signed in to
 *   the account before (a device cookie, set after a full login) is counted on its own
 *   list instead of the account's (OWASP's "device cookies"). The attacker's failures
 *   fill the account list; the user's own browser never sees them. Per-IP limits still
 *   apply to everyone.
 * - A successful login clears that account's lists (the caller deletes them); IP lists
 *   only age out, since one office IP is shared by many people.
 */

export type FailureKind = "password" | "totp";

export interface ThrottleRule {
  /** Length of the sliding window. */
  windowMs: number;
  /** Failures within the window after which every attempt waits for the oldest to expire. */
  maxFailures: number;
  /** Failures allowed without any delay. */
  freeFailures: number;
  /** Wait after failure freeFailures + 1; doubles with each failure after. */
  baseDelayMs: number;
  maxDelayMs: number;
}

const HOUR = 60 * 60 * 1000;

export const PASSWORD_RULE: Readonly<ThrottleRule> = Object.freeze({
  windowMs: HOUR,
  maxFailures: 100,
  freeFailures: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
});

/**
 * A TOTP failure comes after a correct password, and a 6-digit code with a ±1-step window
 * has 3 winning guesses in 10^6: at 100 an hour that is ~0.7% a day. 30 an hour makes it
 * ~0.2% a day, and the user should be told (the password is evidently known).
 */
export const TOTP_RULE: Readonly<ThrottleRule> = Object.freeze({
  ...PASSWORD_RULE,
  maxFailures: 30,
});

export const RULES: Readonly<Record<FailureKind, Readonly<ThrottleRule>>> = {
  password: PASSWORD_RULE,
  totp: TOTP_RULE,
};

/** A half-finished login (password accepted, code pending) is discarded after this many wrong codes. */
export const MAX_TOTP_ATTEMPTS_PER_CHALLENGE = 5;

export function challengeSpent(wrongCodes: number): boolean {
  return wrongCodes >= MAX_TOTP_ATTEMPTS_PER_CHALLENGE;
}

export interface ThrottleDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until an attempt would be allowed (Retry-After). */
  retryAfterMs: number;
}

/** The failures still inside the window, oldest first: what storage needs to keep. */
export function recentFailures(
  failures: readonly Date[],
  now: Date,
  rule: Readonly<ThrottleRule> = PASSWORD_RULE,
): number[] {
  const since = now.getTime() - rule.windowMs;
  return failures
    .map((f) => f.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
}

/** Whether one more attempt may be made now, given one list of failures. */
export function decide(input: {
  failures: readonly Date[];
  now: Date;
  rule?: Readonly<ThrottleRule>;
}): ThrottleDecision {
  const rule = input.rule ?? PASSWORD_RULE;
  const now = input.now.getTime();
  const recent = recentFailures(input.failures, input.now, rule);
  const count = recent.length;
  let allowedAt = now;

  if (count >= rule.maxFailures) {
    // Enough failures must age out to bring the count under the cap.
    const oldestThatMustExpire = recent[count - rule.maxFailures] ?? now;
    allowedAt = Math.max(allowedAt, oldestThatMustExpire + rule.windowMs);
  }
  if (count > rule.freeFailures) {
    const doublings = count - rule.freeFailures - 1;
    const delay = Math.min(rule.baseDelayMs * 2 ** doublings, rule.maxDelayMs);
    allowedAt = Math.max(allowedAt, (recent[count - 1] ?? now) + delay);
  }
  const retryAfterMs = Math.max(0, Math.ceil(allowedAt - now));
  return { allowed: retryAfterMs === 0, retryAfterMs };
}

/** The strictest of several decisions: every counter must allow the attempt. */
export function combineDecisions(...decisions: ThrottleDecision[]): ThrottleDecision {
  const retryAfterMs = Math.max(0, ...decisions.map((d) => d.retryAfterMs));
  return { allowed: decisions.every((d) => d.allowed), retryAfterMs };
}

export interface LoginAttemptInput {
  kind: FailureKind;
  now: Date;
  /** This kind's failures against the account, from anywhere. */
  account: readonly Date[];
  /** This kind's failures from the client's IP, against any account. */
  ip: readonly Date[];
  /**
   * Present when the request carries a valid device cookie for this account: this kind's
   * failures made with that cookie. It replaces `account` (see the note at the top).
   */
  device?: readonly Date[] | undefined;
}

/** One decision for one stage of a login, from its account (or device) and IP lists. */
export function decideLoginAttempt(input: LoginAttemptInput): ThrottleDecision {
  const rule = RULES[input.kind];
  const mine = input.device ?? input.account;
  return combineDecisions(
    decide({ failures: mine, now: input.now, rule }),
    decide({ failures: input.ip, now: input.now, rule }),
  );
}
